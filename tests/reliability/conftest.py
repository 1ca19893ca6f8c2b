"""Fixtures for the reliability tests: the shipped rubric and prompts."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT
from bot.domain import Rubric
from bot.files import load_rubric
from bot.prompts import PromptLibrary


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")


@pytest.fixture(scope="session")
def prompts() -> PromptLibrary:
    return PromptLibrary.load(PROJECT_ROOT / "prompts")
