"""The hybrid engine end to end: real offline detectors, a scripted judge."""

import pytest

from bot.config import Settings
from bot.errors import ConfigError, LLMUnavailable
from bot.grading import default_engine, get_grader
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.hybrid import FALLBACK_ENGINE, HybridGrader
from bot.grading.judge import LLMJudge
from bot.grading.offline import OfflineGrader
from bot.llm import ChatModels, Endpoint
from tests.fakes import FakeChatModel
from tests.judge.helpers import NO_WAIT, answer, make_item, verdict

REPLY = "Calm down, I understand your frustration. What's your account number?"
ITEM = make_item(REPLY)
JUDGE_SAYS = answer(
    empathy=verdict("generic", "I understand your frustration"),  # the detector's 'none' (calm down) is sure
    open_questions=verdict("closed", "What's your account number?"),
    promises=verdict("realistic", "What's your account number?"),
    boundary_setting=verdict(None, "", "the customer is angry, not abusive"),
    trigger_phrases=verdict("clean", "I understand your frustration"),  # wrong: "Calm down" is listed
)


def hybrid(model, prompts) -> HybridGrader:
    return HybridGrader(LLMJudge(model, prompts, retry=NO_WAIT), OfflineGrader())


async def test_sure_detector_hits_win_and_disagreements_are_recorded(rubric, prompts):
    model = FakeChatModel().enqueue(JUDGE_SAYS)
    grade = await hybrid(model, prompts).grade(ITEM, rubric)
    assert {cid: (g.level, g.engine) for cid, g in grade.criteria.items()} == {
        "empathy": ("none", "offline"), "open_questions": ("closed", "offline"), "promises": ("realistic", "llm"),
        "boundary_setting": (None, "offline"), "trigger_phrases": ("trigger", "offline")}
    assert grade.disagreements == ["empathy: detector 'none' kept over judge 'generic'",
                                   "trigger_phrases: detector 'trigger' kept over judge 'clean'"]
    assert (grade.engine, grade.model, grade.prompt_version) == ("hybrid", "fake-model", prompts.version("judge"))
    assert len(model.calls) == 1


async def test_refining_a_known_offline_grade_equals_grading_from_scratch(rubric, prompts):
    # The practice session has the offline grade already (it moved the mood) and hands it over.
    offline = await OfflineGrader().grade(ITEM, rubric)
    refined = await hybrid(FakeChatModel().enqueue(JUDGE_SAYS), prompts).refine(ITEM, rubric, offline)
    assert refined == await hybrid(FakeChatModel().enqueue(JUDGE_SAYS), prompts).grade(ITEM, rubric)


async def test_the_judge_decides_where_the_detectors_are_unsure(rubric, prompts):
    reply = "I'm sorry, three days offline while you work from home is a lot. Can you tell me more about what happened?"
    model = FakeChatModel().enqueue(answer(
        empathy=verdict("specific", "three days offline while you work from home is a lot"),
        open_questions=verdict("open", "tell me more"),
        promises=verdict("realistic", "I'm sorry"), boundary_setting=verdict(None, "", "not abusive"),
        trigger_phrases=verdict("clean", "I'm sorry")))
    grade = await hybrid(model, prompts).grade(make_item(reply), rubric)
    assert grade.level("empathy") == "specific" and grade.criteria["empathy"].engine == "llm"
    assert grade.criteria["empathy"].evidence == "three days offline while you work from home is a lot"
    assert grade.disagreements == []  # the detector also found the acknowledgement specific


async def test_abuse_the_detector_missed_is_graded_by_the_judge(rubric, prompts):
    item = make_item("I hear you. Let's get this fixed.",
                     customer="Honestly, you have the people skills of a parking meter.")
    model = FakeChatModel().enqueue(answer(
        empathy=verdict("generic", "I hear you."), promises=verdict("realistic", "Let's get this fixed."),
        boundary_setting=verdict("absent", "Let's get this fixed.", "carries on past the insult"),
        trigger_phrases=verdict("clean", "I hear you.")))
    assert detect_boundary(item.reply, item.history, None).level is None, "needs abuse the detector misses"
    grade = await hybrid(model, prompts).grade(item, rubric)
    assert grade.level("boundary_setting") == "absent"
    assert "boundary_setting: judge 'absent' kept over detector 'not applicable'" in grade.disagreements


async def test_judge_outage_falls_back_to_the_detectors_never_ungraded(rubric, prompts):
    model = FakeChatModel().enqueue_error(LLMUnavailable("endpoint down"))
    grade = await hybrid(model, prompts).grade(ITEM, rubric)
    assert grade.ungraded == []
    assert {cid: (g.level, g.engine) for cid, g in grade.criteria.items()} == {
        "empathy": ("none", "offline"), "open_questions": ("closed", "offline"),
        "promises": ("realistic", FALLBACK_ENGINE), "boundary_setting": (None, "offline"),
        "trigger_phrases": ("trigger", "offline")}
    assert grade.criteria["promises"].reason.startswith(
        "the judge could not grade it (judge unavailable: endpoint down)")


async def test_regrade_asks_the_judge_only_for_the_fallback_criteria(rubric, prompts):
    model = FakeChatModel().enqueue_error(LLMUnavailable("endpoint down"))
    grader = hybrid(model, prompts)
    first = await grader.grade(ITEM, rubric)
    model.enqueue(answer(promises=verdict("unkeepable", "What's your account number?", "nonsense but valid")))
    second = await grader.regrade_ungraded(ITEM, rubric, first)
    assert list(model.call_kwargs[-1]["extra_body"]["response_format"]["json_schema"]["schema"]["properties"]) == ["promises"]
    assert (second.level("promises"), second.criteria["promises"].engine) == ("unkeepable", "llm")
    assert second.criteria["empathy"] == first.criteria["empathy"]
    assert second.disagreements == ["promises: judge 'unkeepable' kept over detector 'realistic'"]
    assert await grader.regrade_ungraded(ITEM, rubric, second) is second


def chat_models(judge: FakeChatModel) -> ChatModels:
    endpoint = Endpoint(base_url="http://127.0.0.1:1/v1", api_key="x", label="test")
    return ChatModels(customer=FakeChatModel(), judge=judge, debrief=FakeChatModel(), endpoint=endpoint,
                      retry=NO_WAIT)


def test_the_registry_builds_llm_and_hybrid_engines_on_the_judge_model():
    judge = FakeChatModel()
    llm = get_grader("llm", chat_models(judge))
    assert isinstance(llm, LLMJudge) and llm.model is judge and llm.retry == NO_WAIT
    grader = get_grader("hybrid", chat_models(judge))
    assert isinstance(grader, HybridGrader) and grader.judge.model is judge
    with pytest.raises(ConfigError, match="need the LLM endpoint"):
        get_grader("hybrid")


@pytest.mark.parametrize(("env", "engine"), [
    ({}, "offline"),
    ({"llm_base_url": "http://gpu-box:8000/v1"}, "hybrid"),
    ({"llm_base_url": "http://gpu-box:8000/v1", "grading_engine": "llm"}, "llm"),
    ({"grading_engine": "hybrid"}, "hybrid"),
])
def test_default_engine(env, engine):
    assert default_engine(Settings(_env_file=None, **env)) == engine
