"""The offline debrief: arithmetic (weights, exclusions), choice of moments, grounding."""

import pytest

from bot.domain import Mood, Turn
from bot.grading.debrief import build_debrief
from bot.grading.quotes import find_quote
from tests.judge.helpers import graded_turn

T1 = "Calm down, I understand. Did you restart the router?"
T2 = "Three days offline when you work from home, that's awful. What happened when the technician didn't show?"
T3 = "I guarantee it will be fixed today."


@pytest.fixture
def turns(rubric):
    opening = Turn(index=0, agent_text=None, mood=Mood(anger=8, trust=2), customer_text="Three days without internet!")
    return [
        opening,
        graded_turn(rubric, 1, T1, {"empathy": "none", "open_questions": "closed", "promises": "realistic",
                                    "trigger_phrases": "trigger"}, anger=9,
                    evidence={"empathy": "Calm down", "open_questions": "Did you restart the router?",
                              "promises": "", "trigger_phrases": "Calm down"}),
        graded_turn(rubric, 2, T2, {"empathy": "specific", "open_questions": "open", "promises": "realistic",
                                    "trigger_phrases": "clean"}, anger=6,
                    evidence={"empathy": "Three days offline when you work from home",
                              "open_questions": "What happened when the technician didn't show?",
                              "promises": "", "trigger_phrases": ""}),
        graded_turn(rubric, 3, T3, {"empathy": "ungraded", "promises": "unkeepable", "trigger_phrases": "clean"},
                    anger=7, evidence={"promises": "I guarantee it will be fixed today.", "trigger_phrases": ""}),
    ]


def test_scores_use_points_over_possible_and_rubric_weights(persona, rubric, turns):
    debrief = build_debrief(persona, rubric, turns)
    # empathy: 0 + 2 of 4 (turn 3 ungraded is left out); open: 0 + 2 of 4 (turn 3 asked nothing);
    # promises: 2 + 2 + 0 of 6; boundary never applied; triggers: 0 + 2 + 2 of 6.
    assert debrief.per_criterion == {"empathy": 50.0, "open_questions": 50.0, "promises": 66.7,
                                     "boundary_setting": None, "trigger_phrases": 66.7}
    # weights: empathy 1.5, the others 1.0; boundary_setting has no score so no weight.
    assert debrief.overall == round((1.5 * 50 + 50 + 2 * 400 / 6) / 4.5, 1) == 57.4
    assert debrief.engine == "offline"


def test_mood_curve_follows_the_turns(persona, rubric, turns):
    assert [m.anger for m in build_debrief(persona, rubric, turns).mood_curve] == [8, 9, 6, 7]
    without_opening = build_debrief(persona, rubric, turns[1:])
    assert without_opening.mood_curve[0] == persona.start_mood and len(without_opening.mood_curve) == 4


def test_improvements_are_the_costliest_losses_one_per_criterion_earliest_first(persona, rubric, turns):
    improvements = build_debrief(persona, rubric, turns).improvements
    # empathy none costs 1.5 x 2 = 3; closed question, trigger and unkeepable promise cost 2 each:
    # the tie goes to the earliest turn.
    assert [(i.criterion, i.turn) for i in improvements] == [
        ("empathy", 1), ("open_questions", 1), ("trigger_phrases", 1)]
    empathy = improvements[0]
    assert empathy.quote == "Calm down"
    assert empathy.better in rubric.criterion("empathy").good_examples
    assert "'none'" in empathy.why and "'specific'" in empathy.why


def test_better_wording_is_the_good_example_closest_to_the_moment(persona, rubric, turns):
    improvements = build_debrief(persona, rubric, turns).improvements
    # the customer spoke of internet/technician; Dana's example about being offline shares the most words
    assert improvements[0].better.startswith("Three days offline")
    assert improvements[1].better == "Can you walk me through what happened when the technician didn't show up?"


def test_strengths_quote_evidence_from_the_named_turn(persona, rubric, turns):
    strengths = build_debrief(persona, rubric, turns).strengths
    assert [(s.criterion, s.turn) for s in strengths] == [("empathy", 2), ("open_questions", 2)]
    assert strengths[0].quote == "Three days offline when you work from home"


def test_every_quote_is_the_agents_own_words_in_the_named_turn(persona, rubric, turns):
    debrief = build_debrief(persona, rubric, turns)
    texts = {t.index: t.agent_text for t in turns}
    for item in [*debrief.strengths, *debrief.improvements]:
        assert item.quote and item.quote in texts[item.turn]
        assert find_quote(texts[item.turn], item.quote) == item.quote


def test_a_grade_without_usable_evidence_is_quoted_by_its_first_sentence(persona, rubric):
    turn = graded_turn(rubric, 1, "Relax. It happens. What else?", {"empathy": "none", "promises": "realistic",
                                                                    "trigger_phrases": "trigger"},
                       anger=9, evidence={"empathy": "not in the reply", "trigger_phrases": ""})
    improvements = build_debrief(persona, rubric, [turn]).improvements
    assert {i.quote for i in improvements} == {"Relax."}


def test_summary_names_the_strongest_and_weakest_criterion(persona, rubric, turns):
    text = build_debrief(persona, rubric, turns).summary
    assert text == ("Overall 57/100 over 3 graded replies; the customer's anger went from 8 to 7. "
                    "Strongest: Keepable promises (67). Practise next: Specific empathy (50).")


def test_nothing_graded_means_no_score_and_no_coaching(persona, rubric):
    turn = graded_turn(rubric, 1, "Hello?", {"empathy": "ungraded", "promises": "ungraded",
                                             "trigger_phrases": "ungraded"}, anger=8)
    debrief = build_debrief(persona, rubric, [turn])
    assert debrief.overall is None and set(debrief.per_criterion.values()) == {None}
    assert debrief.strengths == [] and debrief.improvements == []
    assert "no score" in debrief.summary
