"""What the cassette tests share: the endpoint a replay talks to and the text of a recorded stream."""

from __future__ import annotations

import json

from bot.config import Settings
from bot.llm import Endpoint

# Nothing listens here: in replay vcrpy answers every request, so any address will do.
REPLAY = Endpoint(base_url="http://127.0.0.1:9/v1", api_key="embedded", label="embedded:smollm2",
                  default_model="smollm2", embedded=True)


def recording_settings() -> Settings:
    # recording on a shared 2-core machine: one patient attempt rather than retries of a slow call
    return Settings(_env_file=None, llm_base_url=None, embedded_model="smollm2", llm_timeout_s=600,
                    llm_max_retries=0)


def streamed_text(response: dict) -> str:
    """The content of a recorded server-sent-events answer."""
    text, body = "", response["body"]["string"]
    body = body.decode() if isinstance(body, bytes) else body  # streamed bodies are kept as bytes
    for line in body.splitlines():
        if line.startswith("data: ") and line != "data: [DONE]":
            for choice in json.loads(line[6:]).get("choices", []):
                text += (choice.get("delta") or {}).get("content") or ""
    return text
