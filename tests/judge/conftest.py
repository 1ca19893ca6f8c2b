"""Fixtures for the judge, hybrid and debrief tests: the real default rubric and prompts."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT
from bot.domain import Persona, Rubric
from bot.files import load_persona, load_rubric
from bot.prompts import PromptLibrary


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")


@pytest.fixture(scope="session")
def prompts() -> PromptLibrary:
    library = PromptLibrary.load(PROJECT_ROOT / "prompts")
    assert "judge" in library.prompts, library.problems
    return library


@pytest.fixture(scope="session")
def persona() -> Persona:
    return load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")
