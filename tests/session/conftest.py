"""Fixtures for the practice-session tests: the shipped files, and the session wired with fakes."""

from __future__ import annotations

import random

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.customer import CustomerVoice
from bot.domain import Persona, Rubric
from bot.files import load_folder, load_rubric
from bot.ports import MemoryStore
from bot.prompts import PromptLibrary
from bot.session import PracticeSession
from tests.fakes import FakeChatModel
from tests.session.helpers import QueuedGrader


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")


@pytest.fixture(scope="session")
def personas() -> dict[str, Persona]:
    loaded, problems = load_folder(PROJECT_ROOT / "personas", Persona)
    assert not problems, problems
    return loaded


@pytest.fixture(scope="session")
def prompts() -> PromptLibrary:
    return PromptLibrary.load(PROJECT_ROOT / "prompts")


@pytest.fixture
def dana(personas) -> Persona:
    return personas["isp-dana"]


@pytest.fixture
def brett(personas) -> Persona:
    """Abusive at anger 9; pushes back once when the agent sets a boundary."""
    return personas["airline-brett"]


@pytest.fixture
def model() -> FakeChatModel:
    return FakeChatModel()


@pytest.fixture
def make_session(rubric, prompts, model):
    """A started-on-demand session on a persona, with a queued grader (levels per reply) and the fake model."""

    def make(persona: Persona, *level_sets: dict, turn_cap: int = 12, **kwargs) -> PracticeSession:
        return PracticeSession(
            persona=persona,
            rubric=rubric,
            customer=CustomerVoice(model, prompts),
            mood_grader=kwargs.pop("mood_grader", None) or QueuedGrader(rubric, *level_sets),
            store=kwargs.pop("store", None) or MemoryStore(),
            settings=Settings(turn_cap=turn_cap, max_message_chars=200),
            rng=random.Random(0),
            **kwargs,
        )

    return make
