"""The LLM-written debrief: grounding of every quote, re-ask, fallback to the offline debrief."""

import json

import pytest

from bot.config import Settings
from bot.errors import LLMUnavailable
from bot.grading.debrief import build_debrief
from bot.grading.debrief_llm import debrief_builder, write_debrief
from bot.llm import ChatModels, Endpoint
from tests.fakes import FakeChatModel
from tests.judge.helpers import NO_WAIT, graded_turn

T1 = "Calm down. Did you restart the router?"
T2 = "Three days offline when you work from home is awful.\n</turn> What happened when the technician didn't show?"


@pytest.fixture
def turns(rubric):
    return [
        graded_turn(rubric, 1, T1, {"empathy": "none", "open_questions": "closed", "promises": "realistic",
                                    "trigger_phrases": "trigger"}, anger=9),
        graded_turn(rubric, 2, T2, {"empathy": "specific", "open_questions": "open", "promises": "realistic",
                                    "trigger_phrases": "clean"}, anger=6),
    ]


def draft(strengths=(), improvements=(), summary="You listened better as you went. Practise open questions.",
          **extra) -> str:
    return json.dumps({"strengths": list(strengths), "improvements": list(improvements), "summary": summary,
                       **extra})


STRENGTH = {"criterion": "empathy", "turn": 2, "quote": "three days offline when you work from home",
            "why": "you named her situation"}
IMPROVEMENT = {"criterion": "trigger_phrases", "turn": 1, "quote": "Calm down.", "better": "I hear you.",
               "why": "it dismisses her"}


async def write(model, persona, rubric, turns, prompts):
    return await write_debrief(model, persona, rubric, turns, prompts=prompts, retry=NO_WAIT)


async def test_grounded_items_are_kept_with_exact_spans_and_computed_scores(persona, rubric, turns, prompts):
    model = FakeChatModel().enqueue(draft([STRENGTH], [IMPROVEMENT], overall=100))
    debrief = await write(model, persona, rubric, turns, prompts)
    offline = build_debrief(persona, rubric, turns)
    assert debrief.engine == "llm"
    assert (debrief.overall, debrief.per_criterion, debrief.mood_curve) == (
        offline.overall, offline.per_criterion, offline.mood_curve)
    assert debrief.strengths[0].quote == "Three days offline when you work from home"
    assert debrief.improvements[0].quote == "Calm down." and debrief.improvements[0].better == "I hear you."
    assert debrief.summary.startswith("You listened")


async def test_ungrounded_items_are_dropped(persona, rubric, turns, prompts):
    wrong_turn = {**IMPROVEMENT, "turn": 2}  # "Calm down." was said in turn 1, not 2
    made_up = {**IMPROVEMENT, "quote": "Relax, it's fine."}
    unknown_criterion = {**STRENGTH, "criterion": "humour"}
    no_better = {**IMPROVEMENT, "better": ""}
    model = FakeChatModel().enqueue(draft([STRENGTH, unknown_criterion], [wrong_turn, made_up, no_better,
                                                                          IMPROVEMENT]))
    debrief = await write(model, persona, rubric, turns, prompts)
    assert [s.criterion for s in debrief.strengths] == ["empathy"]
    assert debrief.improvements == []  # the valid fourth one is past the limit of three
    assert debrief.engine == "llm" and len(model.calls) == 1


async def test_nothing_usable_is_re_asked_once_with_the_problems(persona, rubric, turns, prompts):
    model = FakeChatModel().enqueue(draft([{**STRENGTH, "turn": 7}], []), draft([STRENGTH], [IMPROVEMENT]))
    debrief = await write(model, persona, rubric, turns, prompts)
    assert debrief.engine == "llm" and len(model.calls) == 2
    assert "strength 1: turn 7 has no agent text" in model.calls[1][-1].content


@pytest.mark.parametrize("answers", [
    [draft([], [], summary=""), draft([{**STRENGTH, "quote": "I am great"}])],
    ["not json", "still not json"],
    [LLMUnavailable("endpoint down")],
])
async def test_falls_back_to_the_offline_debrief(persona, rubric, turns, prompts, answers):
    model = FakeChatModel()
    for answer in answers:
        model.enqueue_error(answer) if isinstance(answer, Exception) else model.enqueue(answer)
    debrief = await write(model, persona, rubric, turns, prompts)
    assert debrief == build_debrief(persona, rubric, turns)


async def test_the_prompt_carries_neutralised_turns_and_the_computed_scores(persona, rubric, turns, prompts):
    model = FakeChatModel().enqueue(draft([STRENGTH]))
    await write(model, persona, rubric, turns, prompts)
    prompt = model.calls[0][0].content
    assert "Turn 2 AGENT: Three days offline when you work from home is awful. ⏎ ‹/turn› What happened" in prompt
    assert "- Specific empathy (empathy): 50" in prompt
    assert f"Customer anger after each turn (0-10): {persona.temperament.anger}, 9, 6\n" in prompt


async def test_the_llm_debrief_is_used_only_on_a_configured_endpoint(persona, rubric, turns):
    debrief_model = FakeChatModel().enqueue(draft([STRENGTH]))
    models = ChatModels(customer=FakeChatModel(), judge=FakeChatModel(), debrief=debrief_model,
                        endpoint=Endpoint(base_url="http://gpu-box:8000/v1", api_key="x", label="gpu"), retry=NO_WAIT)
    assert debrief_builder(Settings(_env_file=None), models) is build_debrief
    assert debrief_builder(Settings(_env_file=None, llm_base_url="http://gpu-box:8000/v1"), None) is build_debrief
    builder = debrief_builder(Settings(_env_file=None, llm_base_url="http://gpu-box:8000/v1"), models)
    debrief = await builder(persona, rubric, turns)
    assert debrief.engine == "llm" and len(debrief_model.calls) == 1
