import os
from pathlib import Path

import pytest

from bot.domain import Message
from bot.files import load_rubric

ROOT = Path(__file__).resolve().parents[2]
# LABELING.md's dev set lives in shared/ beside the checkout (BOT_DEV_SET overrides)
DEV_SET = Path(os.environ.get("BOT_DEV_SET") or ROOT.parent / "shared" / "grading" / "dev_set.jsonl")


@pytest.fixture(scope="session")
def rubric():
    return load_rubric(ROOT / "rubrics" / "deescalation.yaml")


def said(*texts: str) -> list[Message]:
    """A history of customer messages (agent turns interleaved when given as ('agent', text))."""
    return [Message(role=t[0], text=t[1]) if isinstance(t, tuple) else Message(role="customer", text=t) for t in texts]


@pytest.fixture
def rules_alone(monkeypatch):
    """The detectors' rules without the learned readings: the tables test the rules. The readings (which read words,
    not the policy or the conversation) overrule a few of their look-alikes; they are measured on their own by
    scripts/simulate_reading.py and, with the rules, by the kappa floors on the labelled sets."""
    for module in ("promises", "triggers", "learned", "abuse", "boundary", "empathy"):
        monkeypatch.setattr(f"bot.grading.detectors.{module}.learned_reading", lambda criterion: None)
