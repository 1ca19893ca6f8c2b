"""When a session ends by itself: each rule of bot.ending, and their order."""

from __future__ import annotations

import pytest

from bot.domain import Mood
from bot.ending import detect_ending, offers_next_step
from tests.session.helpers import CALM_REPLY_LEVELS, make_grade, with_temperament

NEXT_STEP = "I'll book the earliest technician visit for Thursday and text you the reference."


@pytest.mark.parametrize(
    ("text", "step"),
    [
        (NEXT_STEP, "I'll book"),
        ("Let me check the courier's tracking for you.", "Let me check"),
        ("I can apply the $20 credit now.", "I can apply"),
        ("I can't do anything about that.", None),
        ("I cannot change it.", None),
        ("That sounds awful. What happened next?", None),
        # feelings and offers to help are no next step: the session must not end "resolved" on them
        ("I can hear how much it matters. Can you walk me through what happened?", None),
        ("I'll be honest, that's a long wait. Is there anything else I can help with?", None),
        ("I can just book it for Thursday.", "I can just book"),
    ],
)
def test_a_next_step_is_a_commitment_phrase(text, step):
    assert offers_next_step(text) == step


def _ending(persona, mood, text=NEXT_STEP, levels=CALM_REPLY_LEVELS, abusive=False, boundaries=0, turns=3, rubric=None):
    return detect_ending(persona, mood, make_grade(rubric, levels), text, abusive, boundaries, turns, turn_cap=12)


def test_calm_trusting_customer_with_a_next_step_is_resolved(rubric, dana):
    ending = _ending(dana, Mood(anger=3, trust=6), rubric=rubric)
    assert ending.reason == "resolved" and "I'll book" in ending.why


@pytest.mark.parametrize(
    ("mood", "text", "promises"),
    [
        (Mood(anger=4, trust=8), NEXT_STEP, "realistic"),  # not calm yet
        (Mood(anger=2, trust=5), NEXT_STEP, "realistic"),  # not trusting yet
        (Mood(anger=2, trust=8), "That sounds awful. What happened next?", "realistic"),  # no next step
        (Mood(anger=2, trust=8), NEXT_STEP, "unkeepable"),  # a promise they can't rely on
    ],
)
def test_no_resolution_without_all_three(rubric, dana, mood, text, promises):
    assert _ending(dana, mood, text, {**CALM_REPLY_LEVELS, "promises": promises}, rubric=rubric) is None


def test_anger_at_hangs_up_at_escalates(rubric, dana):
    assert dana.temperament.hangs_up_at == 10
    assert _ending(dana, Mood(anger=10, trust=0), rubric=rubric).reason == "escalated"
    assert _ending(dana, Mood(anger=9, trust=0), "No.", rubric=rubric) is None


def test_hangs_up_customer_leaves_when_abuse_goes_on_after_a_boundary(rubric, brett):
    hangs_up = with_temperament(brett, on_boundary="hangs_up")
    mood = Mood(anger=9, trust=1)
    assert _ending(hangs_up, mood, "No.", abusive=True, boundaries=1, rubric=rubric).reason == "hung_up"
    assert _ending(hangs_up, mood, "No.", abusive=True, boundaries=0, rubric=rubric) is None
    assert _ending(brett, mood, "No.", abusive=True, boundaries=1, rubric=rubric) is None  # pushes_once stays


def test_turn_cap_ends_when_nothing_else_does(rubric, dana):
    assert _ending(dana, Mood(anger=6, trust=3), "No.", turns=12, rubric=rubric).reason == "turn_cap"
    assert _ending(dana, Mood(anger=6, trust=3), "No.", turns=11, rubric=rubric) is None
