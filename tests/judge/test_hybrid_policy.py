"""The hybrid policy, criterion by criterion: pure table tests over CriterionGrade pairs."""

import pytest

from bot.domain import CriterionGrade
from bot.grading.hybrid import FALLBACK_ENGINE, combine_criterion, offline_is_confident


def offline(level, evidence="the span", status="graded"):
    return CriterionGrade(criterion="c", status=status, level=level, evidence=evidence, engine="offline",
                          reason="detector rule")


def judged(level, status="graded"):
    return CriterionGrade(criterion="c", status=status, level=level, evidence="quote" if level else None,
                          engine="llm", reason="judge said" if status != "ungraded" else "judge unavailable: down")


NA = CriterionGrade(criterion="c", status="not_applicable", engine="offline", reason="asks nothing")


@pytest.mark.parametrize(("criterion_id", "mine", "theirs", "kept", "engine", "note"), [
    # a detector hit on a fault with its span decides
    ("trigger_phrases", offline("trigger"), judged("clean"), "trigger", "offline",
     "trigger_phrases: detector 'trigger' kept over judge 'clean'"),
    ("empathy", offline("none", "calm down"), judged("generic"), "none", "offline",
     "empathy: detector 'none' kept over judge 'generic'"),
    ("promises", offline("unkeepable"), judged("unkeepable"), "unkeepable", "offline", None),
    # no span, or not the lowest level: the detector is unsure and the judge decides
    ("empathy", offline("none", evidence=None), judged("generic"), "generic", "llm",
     "empathy: judge 'generic' kept over detector 'none'"),
    ("empathy", offline("generic"), judged("specific"), "specific", "llm",
     "empathy: judge 'specific' kept over detector 'generic'"),
    ("trigger_phrases", offline("clean", evidence=None), judged("trigger"), "trigger", "llm",
     "trigger_phrases: judge 'trigger' kept over detector 'clean'"),
    ("open_questions", offline("open"), judged("open"), "open", "llm", None),
    # the judge could not grade: the detector's level, marked as a fallback
    ("empathy", offline("generic"), judged(None, status="ungraded"), "generic", FALLBACK_ENGINE, None),
    # the judge may find that a criterion applies where the detector found nothing (abuse it missed)
    ("boundary_setting", NA, judged("set"), "set", "llm", "boundary_setting: judge 'set' kept over detector "
                                                          "'not applicable'"),
    ("boundary_setting", NA, judged(None, status="not_applicable"), None, "offline", None),
    ("boundary_setting", NA, judged(None, status="ungraded"), None, "offline", None),
    ("boundary_setting", NA, None, None, "offline", None),
])
def test_combine_criterion(rubric, criterion_id, mine, theirs, kept, engine, note):
    grade, disagreement = combine_criterion(rubric.criterion(criterion_id), mine, theirs)
    assert (grade.level, grade.engine, disagreement) == (kept, engine, note)


def test_a_fallback_says_why_the_judge_was_not_used(rubric):
    grade, _ = combine_criterion(rubric.criterion("empathy"), offline("generic"), judged(None, "ungraded"))
    assert (grade.status, grade.level) == ("graded", "generic")
    assert grade.reason == "the judge could not grade it (judge unavailable: down); detector: detector rule"


def test_both_engines_failing_stays_ungraded_with_both_reasons(rubric):
    mine = offline(None, evidence=None, status="ungraded")
    grade, _ = combine_criterion(rubric.criterion("empathy"), mine, judged(None, "ungraded"))
    assert grade.status == "ungraded"
    assert grade.reason == "judge unavailable: down; detector: detector rule"


@pytest.mark.parametrize(("criterion_id", "grade", "confident"), [
    ("trigger_phrases", offline("trigger"), True),
    ("trigger_phrases", offline("trigger", evidence=None), False),
    ("trigger_phrases", offline("clean"), False),
    ("boundary_setting", offline("unprofessional"), True),
    ("boundary_setting", offline("absent"), False),
    ("promises", offline("unkeepable", evidence=""), False),
    ("open_questions", NA, False),
])
def test_confidence_is_a_fault_found_with_its_span(rubric, criterion_id, grade, confident):
    assert offline_is_confident(grade, rubric.criterion(criterion_id)) is confident
