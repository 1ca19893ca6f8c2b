"""Nothing secret is committed in cassettes/: no Authorization header, no OpenAI-style keys."""

import re

import pytest
import yaml

from tests.conftest import CASSETTES

CASSETTE_FILES = sorted(CASSETTES.rglob("*.yaml"))
KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_-]{8,}|Bearer\s+\S{8,}")


def test_there_are_cassettes_to_check():
    assert CASSETTE_FILES, f"no cassettes under {CASSETTES}"


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=lambda path: str(path.relative_to(CASSETTES)))
def test_cassette_holds_no_credentials(path):
    text = path.read_text()
    assert not KEY_PATTERN.search(text), f"{path} contains something that looks like an API key"
    for interaction in yaml.safe_load(text)["interactions"]:
        header_names = {name.lower() for name in interaction["request"]["headers"]}
        assert not header_names & {"authorization", "api-key", "x-api-key"}, f"{path} keeps an auth header"
