"""Fixtures shared by every test package: the scripted chat model and the cassette (vcrpy) settings."""

from __future__ import annotations

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
    # Replay is `record_mode=none` unless pytest runs with --record-mode=once (see docs/readme/llm.md).
    return {
        "match_on": ["method", "path", "body"],
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """cassettes/<test module name>/ at the project root."""
    return str(CASSETTES / Path(request.node.fspath).stem)
