"""What the review part of the store hands back: grade edits, turn comments, level counts, graded replies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from bot.domain import GradeStatus
from bot.ports import Mode


class GradeEdit(BaseModel):
    """One reviewer's change of one criterion's level on one reply. Never changed or deleted afterwards."""

    id: int
    session_id: str
    turn_index: int
    criterion: str
    from_level: str | None = Field(description="the level it had just before (None: not applicable or ungraded)")
    to_level: str | None = Field(description="the level the reviewer set (None: not applicable)")
    comment: str
    reviewer_id: str
    reviewer: str = Field(description="the reviewer's user name")
    created_at: datetime


class TurnComment(BaseModel):
    id: int
    session_id: str
    turn_index: int
    author_id: str
    author: str
    text: str
    created_at: datetime


LevelGroup = Literal["agent", "persona", "day"]


class LevelCount(BaseModel):
    """How many graded replies got `level` on `criterion` within one group (an agent, a persona, a day)."""

    group: str
    criterion: str
    level: str
    count: int


class OriginalGrade(BaseModel):
    status: GradeStatus
    level: str | None


class GradedReply(BaseModel):
    """One graded agent reply with the grader's levels; overrides come separately as GradeEdits."""

    session_id: str
    agent: str
    team: str | None
    persona_id: str
    rubric_id: str
    mode: Mode
    started_at: datetime
    turn_index: int
    reply: str
    grades: dict[str, OriginalGrade] = Field(default_factory=dict,
                                             description="criterion -> the grader's current grade, in grade order")
