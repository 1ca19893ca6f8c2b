"""The mood rules, table-tested: each row is one reply's grade (and text) and the change it must cause."""

from __future__ import annotations

import pytest

from bot.domain import Mood, MoodBand
from bot.mood import next_mood
from tests.session.helpers import make_grade, with_temperament

NEUTRAL_TEXT = "Okay."
START = Mood(anger=6, trust=4)


@pytest.mark.parametrize(
    ("levels", "anger", "trust"),
    [
        ({"empathy": "specific"}, 4, 5),
        ({"empathy": "generic"}, 5, 4),
        ({"empathy": "none"}, 6, 4),  # procedural reply to an annoyed customer: no change
        ({"empathy": "generic", "open_questions": "open"}, 4, 5),
        ({"empathy": "generic", "open_questions": "closed"}, 5, 4),
        ({"empathy": "generic", "promises": "unkeepable"}, 6, 2),
        ({"empathy": "generic", "trigger_phrases": "trigger"}, 7, 3),
        ({"empathy": "none", "trigger_phrases": "trigger"}, 8, 3),
        ({"empathy": "specific", "open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"}, 3, 6),
    ],
)
def test_grade_rules_move_the_mood(rubric, dana, levels, anger, trust):
    mood, reasons = next_mood(START, make_grade(rubric, levels), dana, NEUTRAL_TEXT, customer_was_abusive=False)
    assert (mood.anger, mood.trust) == (anger, trust)
    assert len(reasons) == sum(1 for level in levels.values() if level not in ("closed", "realistic", "clean", "none"))


def test_ignoring_the_feelings_of_a_furious_customer_inflames(rubric, dana):
    grade = make_grade(rubric, {"empathy": "none"})
    mood, reasons = next_mood(Mood(anger=7, trust=3), grade, dana, NEUTRAL_TEXT, False)
    assert mood == Mood(anger=8, trust=2) and "furious" in reasons[0]


def test_specific_empathy_calms_more_than_generic(rubric, dana):
    specific, _ = next_mood(START, make_grade(rubric, {"empathy": "specific"}), dana, NEUTRAL_TEXT, False)
    generic, _ = next_mood(START, make_grade(rubric, {"empathy": "generic"}), dana, NEUTRAL_TEXT, False)
    assert specific.anger < generic.anger < START.anger


def test_ungraded_criteria_do_not_move_the_mood(rubric, dana):
    grade = make_grade(rubric, {"empathy": "none"})
    grade.criteria["empathy"] = grade.criteria["empathy"].model_copy(update={"status": "ungraded"})
    assert next_mood(START, grade, dana, NEUTRAL_TEXT, False) == (START, [])


def test_persona_trigger_and_soother_phrases_apply_their_deltas(rubric, dana):
    grade = make_grade(rubric, {"empathy": "generic"})  # anger -1
    mood, reasons = next_mood(START, grade, dana, "Have you tried to RESTART it? I can add a credit.", False)
    # generic -1; trigger 'restart' +2 / trust -1; soother 'credit' anger -1
    assert (mood.anger, mood.trust) == (6, 3)
    assert any("'RESTART'" in reason or "'restart'" in reason for reason in reasons)
    assert any("'credit'" in reason for reason in reasons)


def test_cue_phrases_match_whole_words_only(rubric, dana):
    grade = make_grade(rubric, {"empathy": "generic"})
    mood, _ = next_mood(START, grade, dana, "That's incredible news about the restarted service.", False)
    assert mood == Mood(anger=5, trust=4)  # neither 'credit' in 'incredible' nor 'restart' in 'restarted'


def test_mood_is_clamped_to_0_10(rubric, dana):
    worst = make_grade(rubric, {"empathy": "none", "trigger_phrases": "trigger", "promises": "unkeepable"})
    best = make_grade(rubric, {"empathy": "specific", "open_questions": "open"})
    assert next_mood(Mood(anger=9, trust=1), worst, dana, NEUTRAL_TEXT, False)[0] == Mood(anger=10, trust=0)
    assert next_mood(Mood(anger=1, trust=9), best, dana, NEUTRAL_TEXT, False)[0] == Mood(anger=0, trust=10)


BOUNDARY = {"empathy": "generic", "boundary_setting": "set"}  # generic empathy: anger -1


@pytest.mark.parametrize(
    ("on_boundary", "boundaries_before", "anger"),
    [
        ("calms_down", 0, 5),  # -1 empathy, -3 boundary
        ("calms_down", 1, 5),
        ("pushes_once", 0, 9),  # pushes back once: stays abusive (abusive_at 9) despite the empathy
        ("pushes_once", 1, 5),
        ("hangs_up", 0, 6),  # a final warning: -2
        ("hangs_up", 1, 8),  # ends the call (bot.ending); no calming
    ],
)
def test_boundary_reactions_follow_the_persona(rubric, brett, on_boundary, boundaries_before, anger):
    persona = with_temperament(brett, on_boundary=on_boundary)
    abusive = Mood(anger=9, trust=2)
    assert abusive.band(persona.temperament.abusive_at) == MoodBand.abusive
    mood, _ = next_mood(abusive, make_grade(rubric, BOUNDARY), persona, NEUTRAL_TEXT, True, boundaries_before)
    assert mood.anger == anger


def test_a_boundary_against_a_customer_who_was_not_abusive_changes_nothing(rubric, brett):
    mood, _ = next_mood(Mood(anger=6, trust=2), make_grade(rubric, BOUNDARY), brett, NEUTRAL_TEXT, False)
    assert mood.anger == 5  # only the generic empathy


def test_retaliating_inflames(rubric, brett):
    levels = {"empathy": "none", "boundary_setting": "unprofessional"}
    mood, reasons = next_mood(Mood(anger=6, trust=3), make_grade(rubric, levels), brett, NEUTRAL_TEXT, True)
    assert (mood.anger, mood.trust) == (9, 1)
    assert reasons == ["anger +3, trust -2: agent retaliated"]
