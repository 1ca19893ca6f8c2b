"""Builders for judge tests: grading items and the judge's JSON answers."""

from __future__ import annotations

import json

from bot.domain import CriterionGrade, GradingItem, ItemContext, Message, Mood, ReplyGrade, Rubric, Turn
from bot.llm_retry import RetryPolicy

NO_WAIT = RetryPolicy(attempts=2, initial_wait_s=0.001, max_wait_s=0.001)
DANA = "My internet has been down for three days and I work from home!"
POLICY = "Technician visits: earliest 48 h. Credits up to $20 without a supervisor."


def make_item(reply: str, customer: str = DANA, policy: str | None = POLICY, item_id: str = "t-1") -> GradingItem:
    return GradingItem(id=item_id, context=ItemContext(persona="Dana, furious: home internet down", policy=policy),
                       history=[Message(role="customer", text=customer)], reply=reply)


def verdict(level: str | None, evidence: str, rationale: str = "because") -> dict:
    return {"evidence": evidence, "rationale": rationale, "level": level}


def answer(**verdicts: dict) -> str:
    """The judge's JSON text: criterion id -> verdict."""
    return json.dumps(verdicts)


def reply_grade(rubric: Rubric, reply: str, levels: dict[str, str | None], engine: str = "offline",
                evidence: dict[str, str] | None = None) -> ReplyGrade:
    """A grade as an engine would give it: a level id grades, None is not applicable, 'ungraded' is ungraded.
    Evidence defaults to the whole reply; pass '' for none."""
    evidence = evidence or {}
    grades = {}
    for criterion in rubric.criteria:
        level = levels.get(criterion.id)
        if level is None:
            grades[criterion.id] = CriterionGrade(criterion=criterion.id, status="not_applicable", engine=engine)
        elif level == "ungraded":
            grades[criterion.id] = CriterionGrade(criterion=criterion.id, status="ungraded", engine=engine,
                                                  reason="judge unavailable")
        else:
            grades[criterion.id] = CriterionGrade(
                criterion=criterion.id, status="graded", level=level, score=criterion.level(level).points,
                evidence=evidence.get(criterion.id, reply) or None, engine=engine, reason="rule")
    return ReplyGrade(criteria=grades, engine=engine, rubric_id=rubric.id, rubric_version=rubric.version)


def graded_turn(rubric: Rubric, index: int, reply: str, levels: dict[str, str | None], anger: int, trust: int = 3,
                customer: str | None = "Still not good enough.", evidence: dict[str, str] | None = None) -> Turn:
    return Turn(index=index, agent_text=reply, grade=reply_grade(rubric, reply, levels, evidence=evidence),
                mood=Mood(anger=anger, trust=trust), customer_text=customer)
