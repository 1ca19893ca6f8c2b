"""The tables, as SQLAlchemy ORM classes: the current shape of the schema.

`migrations.py` creates and evolves them; queries live in the store modules. Timestamps are stored in UTC
and come back timezone-aware on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.domain import utcnow


class UTCDateTime(TypeDecorator):
    """SQLite keeps no time zone: store naive UTC, hand back aware UTC, so comparisons never mix the two."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON(none_as_null=True), list[Any]: JSON}


def created_at_column() -> Mapped[datetime]:
    return mapped_column(default=utcnow)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    team: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = created_at_column()


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    persona_id: Mapped[str] = mapped_column(String(100), index=True)
    rubric_id: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))
    engine_info: Mapped[dict[str, Any] | None] = mapped_column(doc="grading engine and models used")
    # The newest debrief's overall score, kept here so lists filter and sort on it with an index.
    overall: Mapped[float | None] = mapped_column(Float, index=True)


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "turn_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column("turn_index")
    agent_text: Mapped[str | None] = mapped_column(Text)
    customer_text: Mapped[str | None] = mapped_column(Text)
    anger: Mapped[int]
    trust: Mapped[int]
    customer_fallback: Mapped[bool] = mapped_column(Boolean)
    guard_events: Mapped[list[Any]]
    revealed_facts: Mapped[list[Any]]
    # The ReplyGrade without its criteria (engine, model, versions, disagreements); None = not graded.
    grade_meta: Mapped[dict[str, Any] | None]
    customer_ms: Mapped[float | None] = mapped_column(Float)
    grading_ms: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = created_at_column()


class GradeRow(Base):
    """One criterion's grade of one turn. A regrade marks the old row superseded and adds a new one."""

    __tablename__ = "grades"
    # Covers the review dashboard's counts: they read only these columns of the current grades.
    __table_args__ = (Index("ix_grades_current", "turn_id", "criterion", "superseded", "status", "level"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(doc="order of the criterion in the grade")
    status: Mapped[str] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(100))
    score: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(String(50))
    model: Mapped[str | None] = mapped_column(String(200))
    rubric_id: Mapped[str] = mapped_column(String(100))
    rubric_version: Mapped[str] = mapped_column(String(50))
    prompt_version: Mapped[str | None] = mapped_column(String(50))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = created_at_column()


class DebriefRow(Base):
    """Append-only: the newest debrief of a session is the current one."""

    __tablename__ = "debriefs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    debrief: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = created_at_column()


class ReviewRow(Base):
    """Append-only grade edit by a reviewer (the review UI writes these)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(100))
    from_level: Mapped[str | None] = mapped_column(String(100))
    to_level: Mapped[str | None] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()


class TurnCommentRow(Base):
    """Append-only comment on a turn."""

    __tablename__ = "turn_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()


class LlmCallRow(Base):
    """Every prompt and response, for debugging graders and personas (simonw/llm style)."""

    __tablename__ = "llm_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    role: Mapped[str] = mapped_column(String(20), doc="customer | judge | debrief")
    model: Mapped[str | None] = mapped_column(String(200))
    prompt: Mapped[list[Any]] = mapped_column(doc="the messages sent: [{role, content}]")
    response: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    ms: Mapped[float | None] = mapped_column(Float)
    session_id: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = created_at_column()
