"""What the store hands back besides the domain types: users and session list rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from bot.domain import CriterionGrade, EndReason
from bot.ports import Mode

UserRole = Literal["agent", "reviewer", "trainer"]
USER_ROLES: tuple[str, ...] = get_args(UserRole)


class User(BaseModel):
    id: str
    name: str
    role: UserRole
    team: str | None = None
    has_password: bool = False
    created_at: datetime


class SessionSummary(BaseModel):
    """One line of a session list: enough to pick a session without loading its turns."""

    id: str
    user_id: str
    agent: str = Field(description="the user's name")
    team: str | None
    persona_id: str
    rubric_id: str
    mode: Mode
    started_at: datetime
    ended_at: datetime | None
    end_reason: EndReason | None
    turn_count: int
    overall: float | None = Field(default=None, description="from the newest debrief, if any")
    engine_info: dict[str, Any] | None = None


SessionSort = Literal["newest", "oldest", "agent", "persona", "lowest_score", "highest_score"]


class SessionFilter(BaseModel):
    """Every field narrows the list; None = no constraint. `user_id`/`team` carry access scoping."""

    agent: str | None = Field(default=None, description="user name")
    user_id: str | None = None
    team: str | None = None
    persona_id: str | None = None
    mode: Mode | None = None
    started_from: datetime | None = None
    started_before: datetime | None = None
    score_from: float | None = Field(default=None, description="newest debrief's overall score >= this")
    score_below: float | None = Field(default=None, description="newest debrief's overall score < this")


class SessionPage(BaseModel):
    items: list[SessionSummary]
    total: int = Field(description="matching sessions across all pages")
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class StoredGrade(CriterionGrade):
    """A criterion grade as kept in the store, with its provenance; superseded = replaced by a regrade."""

    model: str | None
    rubric_id: str
    rubric_version: str
    prompt_version: str | None
    superseded: bool
    created_at: datetime


class LlmCall(BaseModel):
    """One logged model call: the messages sent and the answer, or the error."""

    role: str
    model: str | None
    prompt: list[dict[str, Any]]
    response: str | None
    error: str | None
    ms: float | None
    session_id: str | None
    created_at: datetime
