"""The LLM judge's flow with a scripted model: valid answers, re-asks, outages, regrading."""

import httpx

from bot.errors import LLMUnavailable
from bot.grading.judge import LLMJudge
from bot.grading.judge_prompt import Applicability
from tests.fakes import FakeChatModel
from tests.judge.helpers import NO_WAIT, answer, make_item, verdict

REPLY = "Three days offline when you work from home, that's awful. I'll book the earliest slot, Thursday 8-12."
ITEM = make_item(REPLY)
NOT_ASKING = Applicability(asks=False, abusive=False)
EMPATHY = verdict("specific", "Three days offline when you work from home")
PROMISES = verdict("realistic", "I'll book the earliest slot, Thursday 8-12.")
TRIGGERS = verdict("clean", "that's awful")


def judge_with(model, prompts, applicability=NOT_ASKING, **kwargs) -> LLMJudge:
    return LLMJudge(model, prompts, applicability=lambda item: applicability, retry=NO_WAIT, **kwargs)


async def test_one_call_grades_every_applicable_criterion(rubric, prompts):
    model = FakeChatModel().enqueue(answer(empathy=EMPATHY, promises=PROMISES, trigger_phrases=TRIGGERS))
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert len(model.calls) == 1
    assert {cid: (g.status, g.level) for cid, g in grade.criteria.items()} == {
        "empathy": ("graded", "specific"), "open_questions": ("not_applicable", None),
        "promises": ("graded", "realistic"), "boundary_setting": ("not_applicable", None),
        "trigger_phrases": ("graded", "clean")}
    assert (grade.engine, grade.model, grade.rubric_id, grade.rubric_version, grade.prompt_version) == (
        "llm", "fake-model", "deescalation", "1", prompts.version("judge"))
    response_format = model.call_kwargs[0]["extra_body"]["response_format"]["json_schema"]["schema"]
    assert list(response_format["properties"]) == ["empathy", "promises", "trigger_phrases"]


async def test_an_invalid_criterion_is_re_asked_alone_with_the_problem_fed_back(rubric, prompts):
    model = FakeChatModel().enqueue(
        answer(empathy=verdict("specific", "I feel your pain"), promises=PROMISES, trigger_phrases=TRIGGERS),
        answer(empathy=EMPATHY))
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert grade.level("empathy") == "specific" and grade.ungraded == []
    assert len(model.calls) == 2
    second = model.calls[1]
    assert "the evidence 'I feel your pain' is not in the reply" in second[-1].content
    assert '"I feel your pain"' in second[-2].content  # the judge sees its own previous answer
    assert list(model.call_kwargs[1]["extra_body"]["response_format"]["json_schema"]["schema"]["properties"]) == ["empathy"]


async def test_still_invalid_after_the_re_asks_is_ungraded_with_the_reason(rubric, prompts):
    bad = answer(empathy=verdict("superb", "Three days"), promises=PROMISES, trigger_phrases=TRIGGERS)
    model = FakeChatModel().enqueue(bad, answer(empathy=verdict("superb", "x")), "not json at all")
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert len(model.calls) == 3
    assert grade.ungraded == ["empathy"]
    assert grade.criteria["empathy"].level is None and grade.criteria["empathy"].score is None
    assert "unusable after 3 tries" in grade.criteria["empathy"].reason
    assert "did not answer with valid JudgeAnswer JSON" in grade.criteria["empathy"].reason
    assert grade.level("promises") == "realistic"


async def test_malformed_json_then_valid_on_re_ask(rubric, prompts):
    model = FakeChatModel().enqueue('{"empathy": {"level": "specific"',
                                    answer(empathy=EMPATHY, promises=PROMISES, trigger_phrases=TRIGGERS))
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert grade.ungraded == [] and grade.level("trigger_phrases") == "clean"
    assert "Your answer could not be used" in model.calls[1][-1].content


async def test_outage_leaves_every_asked_criterion_ungraded_with_the_reason(rubric, prompts):
    model = FakeChatModel().enqueue_error(httpx.ConnectError("refused")).enqueue_error(httpx.ConnectError("refused"))
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert grade.ungraded == ["empathy", "promises", "trigger_phrases"]
    assert all("judge unavailable" in grade.criteria[c].reason and "after 2 attempts" in grade.criteria[c].reason
               for c in grade.ungraded)
    assert grade.criteria["open_questions"].status == "not_applicable"


async def test_outage_during_a_re_ask_keeps_what_was_already_graded(rubric, prompts):
    model = FakeChatModel().enqueue(answer(empathy=EMPATHY, promises=PROMISES)).enqueue_error(
        LLMUnavailable("endpoint went away"))
    grade = await judge_with(model, prompts).grade(ITEM, rubric)
    assert grade.level("empathy") == "specific" and grade.ungraded == ["trigger_phrases"]
    assert grade.criteria["trigger_phrases"].reason == "judge unavailable: endpoint went away"


async def test_regrade_re_asks_only_the_ungraded_criteria(rubric, prompts):
    model = FakeChatModel().enqueue_error(LLMUnavailable("down"))
    judge = judge_with(model, prompts)
    first = await judge.grade(ITEM, rubric)
    assert first.ungraded == ["empathy", "promises", "trigger_phrases"]
    first.criteria["promises"] = first.criteria["promises"].model_copy(
        update={"status": "graded", "level": "realistic", "score": 2, "evidence": "I'll book"})
    model.enqueue(answer(empathy=EMPATHY, trigger_phrases=TRIGGERS))
    second = await judge.regrade_ungraded(ITEM, rubric, first)
    assert second.ungraded == []
    assert list(second.criteria) == [c.id for c in rubric.criteria]
    assert (second.level("empathy"), second.level("promises")) == ("specific", "realistic")
    asked = model.call_kwargs[-1]["extra_body"]["response_format"]["json_schema"]["schema"]["properties"]
    assert list(asked) == ["empathy", "trigger_phrases"]
    assert await judge.regrade_ungraded(ITEM, rubric, second) is second  # nothing left: no call
    assert len(model.calls) == 2


async def test_unknown_applicability_lets_the_judge_answer_null(rubric, prompts):
    model = FakeChatModel().enqueue(answer(
        empathy=EMPATHY, open_questions=verdict(None, "", "no question"), promises=PROMISES,
        boundary_setting=verdict(None, "", "not abusive"), trigger_phrases=TRIGGERS))
    grade = await judge_with(model, prompts, Applicability()).grade(ITEM, rubric)
    assert grade.criteria["open_questions"].status == "not_applicable"
    assert grade.criteria["boundary_setting"].reason == "not abusive"
    assert grade.ungraded == []
