"""What the judge must answer, and the pure checks that turn an answer into grades.

The schema sent to the endpoint is strict (each criterion's level is an enum of its level ids, which
llama.cpp and vLLM enforce as a grammar), but parsing is lenient: an endpoint that ignores the schema can
still answer a bad level id or wrap the JSON in prose, and that must become a precise, per-criterion
problem fed back to the judge, not one opaque failure for the whole reply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from bot.domain import Criterion, CriterionGrade
from bot.grading.quotes import find_quote

ENGINE = "llm"
EVIDENCE_CHARS = 300
RATIONALE_CHARS = 240


class Verdict(BaseModel):
    """One criterion's answer as parsed: anything string-like is accepted here and checked later."""

    model_config = ConfigDict(extra="ignore")

    evidence: str | None = None
    rationale: str | None = None
    level: str | None = None


class LenientJson(BaseModel):
    """Parses the first JSON object in the text, tolerating code fences and chatter around it."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes, **kwargs: Any):  # type: ignore[override]
        text = json_data.decode() if isinstance(json_data, bytes) else json_data
        return super().model_validate_json(extract_json_object(text), **kwargs)


def extract_json_object(text: str) -> str:
    """The first decodable ``{...}`` in ``text``; the text itself when there is none (pydantic then
    reports the JSON error)."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start >= 0:
        try:
            _, end = decoder.raw_decode(text, start)
            return text[start:end]
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
    return text


@dataclass(frozen=True)
class Question:
    """The criteria one judge call covers. ``may_skip``: criteria whose applicability the judge decides
    (it answers level null when the criterion does not apply)."""

    criteria: tuple[Criterion, ...]
    may_skip: frozenset[str] = frozenset()

    def only(self, criterion_ids: set[str]) -> Question:
        return Question(tuple(c for c in self.criteria if c.id in criterion_ids), self.may_skip & criterion_ids)


def answer_schema(question: Question) -> type[LenientJson]:
    """A pydantic model with one field per criterion (aliased to its id); see the module docstring.
    Made once per distinct question: building a model takes milliseconds of CPU, and the judge asks the
    same few questions on every turn of every session."""
    return _answer_schema(tuple((criterion.id, tuple(level.id for level in criterion.levels),
                                 criterion.id in question.may_skip) for criterion in question.criteria))


@lru_cache(maxsize=256)
def _answer_schema(criteria: tuple[tuple[str, tuple[str, ...], bool], ...]) -> type[LenientJson]:
    fields: dict[str, Any] = {}
    for number, (criterion_id, level_ids, may_skip) in enumerate(criteria):
        levels: list[str | None] = [*level_ids, None] if may_skip else list(level_ids)
        verdict_schema = {
            "type": "object",
            "properties": {
                # bounded: a small model under a grammar can loop inside an open string
                "evidence": {"type": "string", "maxLength": EVIDENCE_CHARS,
                             "description": "the reply's exact words that decide the level"},
                "rationale": {"type": "string", "maxLength": RATIONALE_CHARS,
                              "description": "one sentence: why this level"},
                "level": {"enum": levels},
            },
            "required": ["evidence", "rationale", "level"],
            "additionalProperties": False,
        }
        annotated = Annotated[Verdict | None, WithJsonSchema(verdict_schema)]
        fields[f"criterion_{number}"] = (annotated, Field(default=None, alias=criterion_id))
    return create_model("JudgeAnswer", __base__=LenientJson, **fields)


@dataclass
class Checked:
    """The outcome of checking one answer: grades for the valid criteria, a problem for each other one."""

    grades: dict[str, CriterionGrade] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def check_answer(answer: LenientJson, question: Question, reply: str) -> Checked:
    verdicts = {criterion.id: getattr(answer, f"criterion_{number}", None)
                for number, criterion in enumerate(question.criteria)}
    checked = Checked()
    for criterion in question.criteria:
        outcome = check_verdict(verdicts.get(criterion.id), criterion, criterion.id in question.may_skip, reply)
        if isinstance(outcome, CriterionGrade):
            checked.grades[criterion.id] = outcome
        else:
            checked.problems[criterion.id] = outcome
    return checked


def check_verdict(verdict: Verdict | None, criterion: Criterion, may_skip: bool, reply: str) -> CriterionGrade | str:
    """A grade, or the problem to feed back, phrased for the judge."""
    level_ids = [level.id for level in criterion.levels]
    if verdict is None:
        return "missing from the answer"
    if verdict.level is None or verdict.level.strip().lower() in ("", "null", "none_applicable", "n/a"):
        if may_skip:
            return CriterionGrade(criterion=criterion.id, status="not_applicable", engine=ENGINE,
                                  reason=verdict.rationale or "the judge found it does not apply")
        return f"level is missing; it must be one of {', '.join(level_ids)}"
    level_id = verdict.level.strip()
    if level_id not in level_ids:
        return f"level {level_id!r} is not one of {', '.join(level_ids)}"
    span = find_quote(reply, verdict.evidence)
    if span is None:
        shown = (verdict.evidence or "").strip()
        return (f"the evidence {shown!r} is not in the reply; copy the reply's exact words" if shown
                else "the evidence is empty; copy the reply's exact words that decide the level")
    return CriterionGrade(criterion=criterion.id, status="graded", level=level_id,
                          score=criterion.level(level_id).points, evidence=span, engine=ENGINE,
                          reason=(verdict.rationale or "").strip() or None)


def feedback(problems: dict[str, str]) -> str:
    """The re-ask message: each problem by criterion, then what to answer."""
    distinct = set(problems.values())
    if len(problems) > 1 and len(distinct) == 1:  # one problem with the whole answer: say it once
        lines = [f"- {distinct.pop()}"]
    else:
        lines = [f"- {criterion_id}: {problem}" for criterion_id, problem in problems.items()]
    return ("Your answer could not be used:\n" + "\n".join(lines) +
            f"\nAnswer again with JSON for only these criteria: {', '.join(problems)}. "
            "Quote the reply word for word as evidence.")
