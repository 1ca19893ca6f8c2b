"""The seams between the session core and its I/O: the grader and the store.

The session core depends on these protocols only; the offline/LLM graders and the SQLAlchemy store
implement them, and tests use the in-memory store below.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from bot.domain import Debrief, EndReason, GradingItem, ReplyGrade, Rubric, Turn, utcnow
from bot.errors import NotFound

Mode = Literal["coach", "exam"]


class Grader(Protocol):
    """Grades one agent reply in its context against a rubric. Must not raise on a judge failure:
    a criterion it could not grade comes back with status 'ungraded' and the reason."""

    async def grade(self, item: GradingItem, rubric: Rubric) -> ReplyGrade: ...


class SessionRecord(BaseModel):
    id: str
    user_id: str
    persona_id: str
    rubric_id: str
    mode: Mode
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    end_reason: EndReason | None = None
    turns: list[Turn] = Field(default_factory=list)
    debrief: Debrief | None = None


class SessionStore(Protocol):
    async def start_session(self, *, user_id: str, persona_id: str, rubric_id: str, mode: Mode) -> str: ...

    async def save_turn(self, session_id: str, turn: Turn) -> None:
        """Insert or replace the turn with this index (grades are refined after the fact)."""

    async def end_session(self, session_id: str, reason: EndReason) -> None: ...

    async def save_debrief(self, session_id: str, debrief: Debrief) -> None: ...

    async def load_session(self, session_id: str) -> SessionRecord: ...


class MemoryStore:
    """SessionStore kept in a dict: for tests and `bot simulate`."""

    def __init__(self) -> None:
        self.sessions: dict[str, SessionRecord] = {}

    async def start_session(self, *, user_id: str, persona_id: str, rubric_id: str, mode: Mode) -> str:
        session_id = uuid.uuid4().hex
        self.sessions[session_id] = SessionRecord(
            id=session_id, user_id=user_id, persona_id=persona_id, rubric_id=rubric_id, mode=mode
        )
        return session_id

    async def save_turn(self, session_id: str, turn: Turn) -> None:
        record = await self.load_session(session_id)
        record.turns = [t for t in record.turns if t.index != turn.index] + [turn.model_copy(deep=True)]
        record.turns.sort(key=lambda t: t.index)

    async def end_session(self, session_id: str, reason: EndReason) -> None:
        record = await self.load_session(session_id)
        record.ended_at, record.end_reason = utcnow(), reason

    async def save_debrief(self, session_id: str, debrief: Debrief) -> None:
        (await self.load_session(session_id)).debrief = debrief

    async def load_session(self, session_id: str) -> SessionRecord:
        try:
            return self.sessions[session_id]
        except KeyError:
            raise NotFound(f"No practice session with id {session_id}.") from None
