"""Pure conversions between domain objects and rows: no database access here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from bot.domain import CriterionGrade, GuardEvent, Mood, ReplyGrade, Turn
from bot.store.models import GradeRow, TurnRow, UserRow
from bot.store.records import User
from bot.text import without_control_characters

# Fields that make two grades of one criterion the same grade (position and timestamps do not).
GRADE_IDENTITY = (
    "status", "level", "score", "evidence", "reason", "engine", "model", "rubric_id", "rubric_version",
    "prompt_version",
)


def storable(text: str | None) -> str | None:
    """Text as a column can hold it on every backend: a model's stray NUL must never lose a turn."""
    return None if text is None else without_control_characters(text)


def turn_fields(turn: Turn) -> dict[str, Any]:
    """Column values of a turn row (by column name), grade criteria excluded (they go to GradeRow)."""
    return {
        "turn_index": turn.index,
        "agent_text": storable(turn.agent_text),
        "customer_text": storable(turn.customer_text),
        "anger": turn.mood.anger,
        "trust": turn.mood.trust,
        "customer_fallback": turn.customer_fallback,
        "guard_events": [event.model_dump(mode="json") | {"rejected_text": storable(event.rejected_text)}
                         for event in turn.guard_events],
        "revealed_facts": list(turn.revealed_facts),
        "grade_meta": turn.grade.model_dump(mode="json", exclude={"criteria"}) if turn.grade else None,
        "customer_ms": turn.customer_ms,
        "grading_ms": turn.grading_ms,
        "created_at": turn.created_at,
    }


def grade_values(grade: ReplyGrade | None) -> list[dict[str, Any]]:
    """Column values of the grade rows, one per criterion, in the grade's order (turn_id not set)."""
    if grade is None:
        return []
    return [
        {
            "criterion": criterion_id, "position": position, "status": cg.status, "level": cg.level,
            "score": cg.score, "evidence": storable(cg.evidence), "reason": storable(cg.reason),
            "engine": cg.engine, "model": grade.model, "rubric_id": grade.rubric_id,
            "rubric_version": grade.rubric_version, "prompt_version": grade.prompt_version,
        }
        for position, (criterion_id, cg) in enumerate(grade.criteria.items())
    ]


def same_grade(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return all(old[field] == new[field] for field in GRADE_IDENTITY)


def turn_from_rows(row: TurnRow, grades: list[GradeRow]) -> Turn:
    """Rebuild a Turn from its row and its current (not superseded) grade rows."""
    grade = None
    if row.grade_meta is not None:
        criteria = {
            g.criterion: CriterionGrade(
                criterion=g.criterion, status=g.status, level=g.level, score=g.score, evidence=g.evidence,
                engine=g.engine, reason=g.reason,
            )
            for g in sorted(grades, key=lambda g: g.position)
        }
        grade = ReplyGrade(criteria=criteria, **row.grade_meta)
    return Turn(
        index=row.index,
        agent_text=row.agent_text,
        grade=grade,
        mood=Mood(anger=row.anger, trust=row.trust),
        customer_text=row.customer_text,
        customer_fallback=row.customer_fallback,
        guard_events=[GuardEvent.model_validate(event) for event in row.guard_events],
        revealed_facts=list(row.revealed_facts),
        created_at=row.created_at,
        customer_ms=row.customer_ms,
        grading_ms=row.grading_ms,
    )


def user_from_row(row: UserRow | Row) -> User:
    """From the ORM object or a plain row of the users table (same attribute names)."""
    return User(
        id=row.id, name=row.name, role=row.role, team=row.team, has_password=row.password_hash is not None,
        created_at=row.created_at,
    )
