"""Parsing the judge's answer: pure, table-tested."""

import pytest
from pydantic import ValidationError

from bot.grading.judge_answer import answer_schema, check_answer, extract_json_object, feedback
from bot.grading.judge_prompt import Applicability, plan_question
from tests.judge.helpers import answer, verdict

REPLY = "Three days offline when you work from home, that's awful. What happened when the technician didn't show?"
SPECIFIC = verdict("specific", "Three days offline when you work from home")
OPEN = verdict("open", "What happened when the technician didn't show?")
REALISTIC = verdict("realistic", "that's awful")
CLEAN = verdict("clean", "Three days offline")
VALID = answer(empathy=SPECIFIC, open_questions=OPEN, promises=REALISTIC, trigger_phrases=CLEAN)


@pytest.fixture
def question(rubric):
    question, _ = plan_question(rubric, Applicability(asks=None, abusive=False))
    return question


def parse(question, text):
    parsed = answer_schema(question).model_validate_json(text)
    return check_answer(parsed, question, REPLY)


@pytest.mark.parametrize(("text", "levels", "problems"), [
    (VALID, {"empathy": "specific", "open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"},
     {}),
    ("Here is my grading:\n```json\n" + VALID + "\n```\nHope that helps!",
     {"empathy": "specific", "open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"}, {}),
    (answer(empathy=SPECIFIC, open_questions=OPEN, promises=REALISTIC),
     {"empathy": "specific", "open_questions": "open", "promises": "realistic"},
     {"trigger_phrases": "missing from the answer"}),
    (answer(empathy=verdict("excellent", "Three days"), open_questions=OPEN, promises=REALISTIC,
            trigger_phrases=CLEAN),
     {"open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"},
     {"empathy": "level 'excellent' is not one of specific, generic, none"}),
    (answer(empathy=verdict("specific", "I know how hard working from home is"), open_questions=OPEN,
            promises=REALISTIC, trigger_phrases=CLEAN),
     {"open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"},
     {"empathy": "the evidence 'I know how hard working from home is' is not in the reply; "
                 "copy the reply's exact words"}),
    (answer(empathy=verdict("specific", ""), open_questions=OPEN, promises=REALISTIC, trigger_phrases=CLEAN),
     {"open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"},
     {"empathy": "the evidence is empty; copy the reply's exact words that decide the level"}),
    (answer(empathy=verdict(None, "Three days"), open_questions=OPEN, promises=REALISTIC, trigger_phrases=CLEAN),
     {"open_questions": "open", "promises": "realistic", "trigger_phrases": "clean"},
     {"empathy": "level is missing; it must be one of specific, generic, none"}),
])
def test_answer_table(question, text, levels, problems):
    checked = parse(question, text)
    assert {cid: g.level for cid, g in checked.grades.items() if g.status == "graded"} == levels
    assert checked.problems == problems


def test_valid_grades_carry_the_exact_span_points_engine_and_rationale(question):
    text = answer(empathy=verdict("specific", "three days offline WHEN you work from home", "names the impact"),
                  open_questions=OPEN, promises=REALISTIC, trigger_phrases=verdict("clean", "that's awful."))
    grades = parse(question, text).grades
    assert grades["empathy"].evidence == "Three days offline when you work from home"
    assert grades["empathy"].reason == "names the impact"
    assert (grades["empathy"].score, grades["open_questions"].score, grades["empathy"].engine) == (2, 2, "llm")
    assert grades["trigger_phrases"].evidence == "that's awful."


def test_a_criterion_the_judge_may_skip_comes_back_not_applicable(question):
    text = answer(empathy=SPECIFIC, open_questions=verdict(None, "", "the reply asks nothing"),
                  promises=REALISTIC, trigger_phrases=CLEAN)
    checked = parse(question, text)
    assert checked.problems == {}
    assert checked.grades["open_questions"].status == "not_applicable"
    assert checked.grades["open_questions"].reason == "the reply asks nothing"


@pytest.mark.parametrize("text", ['{"empathy": {"level": "specific", ', "no json here", "",
                                  '{"empathy": "specific"}'])
def test_malformed_answers_fail_validation(question, text):
    with pytest.raises(ValidationError):
        answer_schema(question).model_validate_json(text)


def test_the_schema_offers_only_level_ids_and_null_where_the_judge_may_skip(question):
    schema = answer_schema(question).model_json_schema()
    properties = schema["properties"]
    assert list(properties) == ["empathy", "open_questions", "promises", "trigger_phrases"]
    assert properties["empathy"]["properties"]["level"] == {"enum": ["specific", "generic", "none"]}
    assert properties["open_questions"]["properties"]["level"] == {"enum": ["open", "closed", None]}
    assert properties["empathy"]["required"] == ["evidence", "rationale", "level"]


def test_extract_json_object_skips_braces_that_are_not_json():
    assert extract_json_object('I think {this} is it: {"a": {"b": 1}} and {"c": 2}') == '{"a": {"b": 1}}'


def test_feedback_names_each_problem_or_says_a_shared_one_once():
    assert feedback({"empathy": "missing", "promises": "bad level"}) == (
        "Your answer could not be used:\n- empathy: missing\n- promises: bad level\n"
        "Answer again with JSON for only these criteria: empathy, promises. Quote the reply word for word as evidence.")
    assert feedback({"empathy": "not JSON", "promises": "not JSON"}).startswith(
        "Your answer could not be used:\n- not JSON\n")
