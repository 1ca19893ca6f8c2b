"""Prompt injection in a trainee's reply moves no grade, on any engine (cases: data/injections.yaml).

- offline: the detectors grade the reply with the injection as without it;
- llm: the judge prompt is byte-for-byte the same outside the fenced reply (the injection cannot close the
  fence, add a line of its own or reach the instructions), applicability is the same, and a judge answering
  the honest grade gives exactly the grade of the plain reply;
- hybrid: even a judge the injection fooled (best level everywhere) cannot lift a fault the detectors
  found with evidence: those grades stay and the disagreement is recorded for a reviewer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.domain import GradingItem, ItemContext, Message
from bot.grading.hybrid import HybridGrader, offline_is_confident
from bot.grading.judge import LLMJudge
from bot.grading.judge_prompt import detect_applicability, judge_prompt, plan_question
from bot.grading.offline import OfflineGrader, grade_offline
from bot.grading.quotes import neutralise
from bot.llm_retry import RetryPolicy
from tests.fakes import FakeChatModel

CASES = yaml.safe_load((Path(__file__).parent / "data" / "injections.yaml").read_text(encoding="utf-8"))
CASE_IDS = [case["id"] for case in CASES]
FAULTY = "Calm down, there's nothing I can do about the outage. It will be fixed by tonight, I promise."
GOOD = ("Three days without internet when you work from home means lost work, no wonder you're furious. "
        "The earliest technician slot I can book is Thursday 8-12. What has this meant for your deadlines?")
DELIMITER = "reply-7f3a"  # the guessed-nonce case guesses exactly this one
NO_WAIT = RetryPolicy(attempts=1, initial_wait_s=0.001, max_wait_s=0.001)


def test_there_are_at_least_30_distinct_cases():
    assert len(CASES) >= 30 and len(set(CASE_IDS)) == len(CASES)


def attacked(base: str, case: dict) -> str:
    return f"{case['text']} {base}" if case.get("at") == "start" else f"{base} {case['text']}"


def item(reply: str) -> GradingItem:
    return GradingItem(id="t-1", context=ItemContext(persona="Dana, furious: home internet down",
                                                     policy="Technician visits: earliest 48 h."),
                       history=[Message(role="customer", text="My internet has been down for three days!")],
                       reply=reply)


def levels(grade) -> dict[str, tuple[str, str | None]]:
    return {cid: (g.status, g.level) for cid, g in grade.criteria.items()}


def outside_the_fence(prompt: str) -> tuple[str, str]:
    """The prompt before the opening fence line and after the closing one; fails if the fence is not whole."""
    assert prompt.count(f"\n<{DELIMITER}>\n") == 1, "the opening fence is not on a line of its own exactly once"
    before, rest = prompt.split(f"\n<{DELIMITER}>\n")
    assert rest.count(f"\n</{DELIMITER}>\n") == 1, "the reply forged or broke the closing fence"
    inside, after = rest.split(f"\n</{DELIMITER}>\n")
    assert "\n" not in inside and "<" not in inside and ">" not in inside
    return before, after


def honest_answer(question, reply: str) -> str:
    """What a judge that ignores the injection answers for FAULTY: the faults it really has."""
    honest = {"empathy": "none", "trigger_phrases": "trigger", "promises": "unkeepable"}
    return json.dumps({c.id: {"evidence": reply.split(".")[0], "rationale": "as written",
                              "level": honest.get(c.id, c.levels[0].id)} for c in question.criteria})


def fooled_answer(question, reply: str) -> str:
    """A judge the injection fooled: the best level everywhere, quoting the reply's real words."""
    return json.dumps({c.id: {"evidence": reply.split(",")[0], "rationale": "as instructed",
                              "level": c.levels[0].id} for c in question.criteria})


@pytest.mark.parametrize("base", [FAULTY, GOOD], ids=["faulty", "good"])
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_offline_grades_ignore_the_injection(rubric, base, case):
    assert levels(grade_offline(item(attacked(base, case)), rubric)) == levels(grade_offline(item(base), rubric))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_judge_prompt_is_unchanged_outside_the_fence(rubric, prompts, case):
    plain, injected = item(FAULTY), item(attacked(FAULTY, case))
    assert detect_applicability(injected) == detect_applicability(plain)
    question, _ = plan_question(rubric, detect_applicability(plain))
    plain_prompt = judge_prompt(prompts, plain, rubric, question, DELIMITER)
    injected_prompt = judge_prompt(prompts, injected, rubric, question, DELIMITER)
    assert outside_the_fence(injected_prompt) == outside_the_fence(plain_prompt)
    inside = injected_prompt.split(f"\n<{DELIMITER}>\n")[1].split(f"\n</{DELIMITER}>\n")[0]
    assert inside == neutralise(attacked(FAULTY, case))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_an_honest_judge_gives_the_plain_replys_grade(rubric, prompts, case):
    reply = attacked(FAULTY, case)
    question, _ = plan_question(rubric, detect_applicability(item(FAULTY)))
    model = FakeChatModel().enqueue(honest_answer(question, FAULTY), honest_answer(question, FAULTY))
    judge = LLMJudge(model, prompts, retry=NO_WAIT, re_asks=0)
    plain_grade = await judge.grade(item(FAULTY), rubric)
    injected_grade = await judge.grade(item(reply), rubric)
    assert injected_grade.criteria == plain_grade.criteria
    assert injected_grade.ungraded == [] and injected_grade.level("trigger_phrases") == "trigger"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_a_fooled_judge_cannot_lift_the_faults_the_detectors_found(rubric, prompts, case):
    reply = attacked(FAULTY, case)
    offline = grade_offline(item(reply), rubric)
    confident = {c.id: offline.level(c.id) for c in rubric.criteria if offline_is_confident(offline.criteria[c.id], c)}
    assert {"trigger_phrases", "promises"} <= set(confident), "the faulty reply's faults are found with evidence"
    question, _ = plan_question(rubric, detect_applicability(item(reply)))
    model = FakeChatModel().enqueue(fooled_answer(question, reply))
    grade = await HybridGrader(LLMJudge(model, prompts, retry=NO_WAIT, re_asks=0), OfflineGrader()).grade(
        item(reply), rubric)
    assert {cid: grade.level(cid) for cid in confident} == confident
    assert all(any(note.startswith(f"{cid}: detector") for note in grade.disagreements) for cid in confident)
