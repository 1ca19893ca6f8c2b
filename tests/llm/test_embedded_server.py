"""The real embedded llama.cpp server (no cassette): a streamed completion, and `bot serve` with /healthz.
Marked slow; `make test` runs them (a few seconds each with SmolLM2 on 2 cores)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from bot.config import PROJECT_ROOT, Settings
from bot.embedded import EmbeddedServer
from bot.llm import ChatModels, stream_text

pytestmark = pytest.mark.slow


async def test_embedded_server_streams_a_real_completion_and_stops():
    settings = Settings(_env_file=None, embedded_model="smollm2")
    async with EmbeddedServer.from_settings(settings) as server:
        address = server.address
        assert address.startswith("http://127.0.0.1:")
        models = ChatModels.create(settings, server.endpoint)
        messages = [SystemMessage("You are a customer. Answer in one short sentence."), HumanMessage("Hello!")]
        pieces = [piece async for piece in stream_text(models.customer, messages)]
        await models.aclose()
        assert len(pieces) > 1 and "".join(pieces).strip()
        served = httpx.get(f"{address}/v1/models").json()
        assert "smollm2" in str(served)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{address}/health", timeout=2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_bot_serve_answers_healthz_with_the_embedded_backend(tmp_path):
    port = free_port()
    env = {**os.environ, "BOT_LLM_BASE_URL": "", "BOT_EMBEDDED_MODEL": "smollm2",
           "BOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}
    command = [str(Path(sys.executable).parent / "bot"), "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        health = wait_for_healthz(f"http://127.0.0.1:{port}/healthz", server, timeout_s=120)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert health["model_backend"] == "embedded:smollm2", output
    assert health["models"] == {"customer": "smollm2", "judge": "smollm2", "debrief": "smollm2"}
    assert health["personas_loaded"] >= 1
    assert "Application shutdown complete" in output


def wait_for_healthz(url: str, server: subprocess.Popen, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"bot serve exited early:\n{server.communicate()[0].decode()}")
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout_s}s")
