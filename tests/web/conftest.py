"""Fixtures shared by the practice-app tests: the default rubric and a small persona."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT
from bot.domain import Persona, Rubric
from bot.files import load_rubric


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")


@pytest.fixture(scope="session")
def persona() -> Persona:
    return Persona(
        id="isp-dana",
        name="Dana Reyes",
        scenario="Home internet down for three days; works from home",
        industry="telecom",
        company="FiberNet",
        product="home broadband",
        story="The line has been dead since Monday and the technician never came.",
        wants="A technician visit she can rely on and some credit.",
        policy=["Technician visits: earliest 48 h.", "Credits up to $20 without a supervisor."],
        temperament={"anger": 7, "trust": 2, "abusive_at": 9},
        lines={
            "calm": ["Okay, that helps."],
            "annoyed": ["I just want this fixed."],
            "furious": ["Three days! Three!"],
            "abusive": ["Are you all useless?"],
        },
        opening_lines=["My internet has been down for three days!"],
        good_resolution="A confirmed visit slot and a $20 credit.",
        difficulty="hard",
    )
