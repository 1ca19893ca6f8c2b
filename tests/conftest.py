"""Fixtures shared by every test package: the scripted chat model, the cassette (vcrpy) settings and the
models a cassette test talks to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from tests.fakes import FakeChatModel

CASSETTES = PROJECT_ROOT / "cassettes"


@pytest.fixture
def fake_model() -> FakeChatModel:
    return FakeChatModel()


@pytest.fixture(scope="module")
def vcr_config() -> dict:
    # Match on what was asked, not where: the embedded server that recorded a cassette had a random port.
    # Replay is `record_mode=none` unless pytest runs with --record-mode=once (see "Cassettes" in README.md).
    return {
        "match_on": ["method", "path", "body"],
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """cassettes/<test module name>/ at the project root."""
    return str(CASSETTES / Path(request.node.fspath).stem)


@pytest.fixture(scope="module")
async def cassette_models(record_mode) -> AsyncIterator:
    """ChatModels on the replay address, or, when recording, on a freshly started embedded server."""
    # the LLM client stack loads only for the tests that use it
    from bot.embedded import EmbeddedServer
    from bot.llm import ChatModels
    from tests.cassette_helpers import REPLAY, recording_settings

    settings = recording_settings()
    if record_mode == "none":
        chat_models = ChatModels.create(settings, REPLAY)
        yield chat_models
        await chat_models.aclose()
        return
    async with EmbeddedServer.from_settings(settings) as server:
        chat_models = ChatModels.create(settings, server.endpoint)
        yield chat_models
        await chat_models.aclose()
