"""A tiny OpenAI-compatible chat endpoint on loopback, for tests that run the real app.

It answers /v1/chat/completions (streamed as SSE or not) from scripted text, so a browser test is fast and
deterministic: the simulated customer says the next line of CUSTOMER_LINES, the debrief coach says
DEBRIEF_TEXT. While ``down`` is set, every call answers 503, as an endpoint that is down would.

    with FakeOpenAI() as llm:        # serves in a background thread
        settings.llm_base_url = llm.base_url
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

CUSTOMER_LINES = [
    "I have been waiting for three days and nobody has fixed my internet connection!",
    "Fine. The technician never showed up on Tuesday and I lost a whole day of work.",
    "Okay, that actually helps. When exactly can someone come out to my place?",
    "Alright, thank you for explaining it properly this time.",
]
DEBRIEF_TEXT = "You listened well once you slowed down. Next time, name the customer's feeling earlier."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeOpenAI:
    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[dict] = []
        self._customer_lines = itertools.cycle(CUSTOMER_LINES)
        self.down = False
        self._server = uvicorn.Server(
            uvicorn.Config(self._build_app(), host="127.0.0.1", port=self.port, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def customer_calls(self) -> int:
        return sum(1 for body in self.requests if self._role(body) == "customer")

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    @staticmethod
    def _role(body: dict) -> str:
        """Which prompt of prompts/ this is, by its opening words."""
        prompt = json.dumps(body.get("messages", []))
        if "coach for customer-service agents" in prompt:
            return "debrief"
        if "You grade one reply" in prompt:
            return "judge"
        return "customer"

    def _answer(self, body: dict) -> str:
        role = self._role(body)
        if role == "debrief":
            return DEBRIEF_TEXT
        if role == "judge":
            return "not json: the fake endpoint does not judge"
        return next(self._customer_lines)

    def _build_app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models():
            return {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}

        @app.post("/v1/chat/completions")
        async def chat_completions(request: Request):
            body = await request.json()
            self.requests.append(body)
            if self.down:
                return JSONResponse({"error": {"message": "fake outage", "type": "server_error"}}, status_code=503)
            text = self._answer(body)
            if body.get("stream"):
                return StreamingResponse(_sse_chunks(text, body), media_type="text/event-stream")
            return _completion(text, body)

        return app


def _completion(text: str, body: dict) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": len(text.split()), "total_tokens": 10 + len(text.split())},
    }


async def _sse_chunks(text: str, body: dict):
    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        payload = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(payload)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for position, word in enumerate(text.split(" ")):
        yield chunk({"content": word if position == 0 else " " + word})
    yield chunk({}, "stop")
    if (body.get("stream_options") or {}).get("include_usage"):
        usage = {"prompt_tokens": 10, "completion_tokens": len(text.split()), "total_tokens": 10 + len(text.split())}
        final = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake-model",
                 "choices": [], "usage": usage}
        yield f"data: {json.dumps(final)}\n\n"
    yield "data: [DONE]\n\n"
