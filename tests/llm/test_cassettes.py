"""The customer call (streamed) and a structured judge call, replayed from cassettes recorded from the
real embedded server. Re-record with: .venv/bin/python -m pytest tests/llm/test_cassettes.py --record-mode=rewrite
"""

import json

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from bot.config import Settings
from bot.embedded import EmbeddedServer
from bot.llm import ChatModels, Endpoint, complete_json, stream_text

# Requests match on method, path and body, so replay can use any address.
REPLAY = Endpoint(base_url="http://127.0.0.1:9/v1", api_key="embedded", label="embedded:smollm2",
                  default_model="smollm2", embedded=True)
CUSTOMER = [
    SystemMessage("You are Dana, a customer whose home internet has been down for three days. You work from home. "
                  "Write ONE short, angry chat message as Dana, the customer. Do not offer help."),
    HumanMessage("Hi, thanks for contacting Netlink support, my name is Sam. How can I help you today?"),
]
JUDGE = [
    SystemMessage("Rate how much empathy the agent's reply shows, from 0 to 10, and quote its most empathic words."),
    HumanMessage("Agent reply: I'm so sorry your internet has been down for three days, that must be exhausting."),
]


class EmpathyVerdict(BaseModel):
    score: int = Field(ge=0, le=10)
    quote: str = Field(max_length=120)  # bounded: a tiny model can loop inside an open string


@pytest.fixture(scope="module")
async def models(record_mode):
    settings = Settings(_env_file=None, llm_base_url=None, embedded_model="smollm2")
    if record_mode == "none":
        chat_models = ChatModels.create(settings, REPLAY)
        yield chat_models
        await chat_models.aclose()
        return
    async with EmbeddedServer.from_settings(settings) as server:
        chat_models = ChatModels.create(settings, server.endpoint)
        yield chat_models
        await chat_models.aclose()


def streamed_deltas(cassette) -> str:
    """The text the recorded server sent, from the SSE body of the cassette's one response."""
    body = cassette.responses[0]["body"]["string"].decode()  # streamed bodies are kept as bytes
    events = [line.removeprefix("data: ") for line in body.splitlines() if line.startswith("data: {")]
    return "".join(delta.get("content") or "" for event in events
                   for delta in (choice["delta"] for choice in json.loads(event)["choices"]))


@pytest.mark.vcr
async def test_customer_reply_streams_in_pieces_that_join_to_the_recorded_text(models, vcr):
    pieces = [piece async for piece in stream_text(models.customer, CUSTOMER)]
    assert len(pieces) > 3
    assert "".join(pieces) == streamed_deltas(vcr) != ""
    sent = json.loads(vcr.requests[0].body)
    assert sent["stream"] is True and sent["model"] == "smollm2"
    assert sent["stream_options"] == {"include_usage": True}


@pytest.mark.vcr
async def test_judge_call_returns_the_schema_parsed(models, vcr):
    verdict = await complete_json(models.judge, JUDGE, EmpathyVerdict)
    assert isinstance(verdict, EmpathyVerdict)
    recorded = json.loads(vcr.responses[0]["body"]["string"])["choices"][0]["message"]["content"]
    assert verdict == EmpathyVerdict.model_validate_json(recorded)
    sent = json.loads(vcr.requests[0].body)
    assert sent["temperature"] == 0
    assert sent["response_format"]["json_schema"]["schema"]["properties"]["quote"]["maxLength"] == 120
