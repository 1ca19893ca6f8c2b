"""The SessionStore protocol on SQL: every call is one short transaction, committed before it returns."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Debrief, EndReason, Turn, utcnow
from bot.errors import NotFound
from bot.ports import Mode, SessionRecord
from bot.store.convert import grade_rows, same_grade, turn_fields, turn_from_rows
from bot.store.db import StoreBase
from bot.store.models import DebriefRow, GradeRow, SessionRow, TurnRow, UserRow
from bot.store.records import StoredGrade


class SessionRows(StoreBase):
    async def start_session(
        self, *, user_id: str, persona_id: str, rubric_id: str, mode: Mode, engine_info: dict[str, Any] | None = None
    ) -> str:
        session_id = uuid.uuid4().hex
        async with self.transaction() as db:
            if await db.get(UserRow, user_id) is None:
                raise NotFound(
                    f"No user with id {user_id}: a session must belong to a known user.",
                    hint="create one with `bot users add NAME --role agent`, or use accounts.local_user()",
                )
            db.add(SessionRow(
                id=session_id, user_id=user_id, persona_id=persona_id, rubric_id=rubric_id, mode=mode,
                started_at=utcnow(), engine_info=engine_info,
            ))
        return session_id

    async def save_turn(self, session_id: str, turn: Turn) -> None:
        """Insert or replace the turn with this index, with its grades, in one transaction."""
        async with self.transaction() as db:
            await _session_row(db, session_id)
            row = await db.scalar(select(TurnRow).where(TurnRow.session_id == session_id, TurnRow.index == turn.index))
            if row is None:
                row = TurnRow(session_id=session_id, **turn_fields(turn))
                db.add(row)
                await db.flush()  # assigns row.id for the grades
            else:
                for name, value in turn_fields(turn).items():
                    setattr(row, name, value)
            await _replace_grades(db, row.id, grade_rows(turn.grade))

    async def end_session(self, session_id: str, reason: EndReason) -> None:
        async with self.transaction() as db:
            row = await _session_row(db, session_id)
            row.ended_at, row.end_reason = utcnow(), reason

    async def save_debrief(self, session_id: str, debrief: Debrief) -> None:
        async with self.transaction() as db:
            row = await _session_row(db, session_id)
            row.overall = debrief.overall
            db.add(DebriefRow(session_id=session_id, debrief=debrief.model_dump(mode="json")))

    async def load_session(self, session_id: str) -> SessionRecord:
        async with self.transaction() as db:
            row = await _session_row(db, session_id)
            turn_rows = list(await db.scalars(
                select(TurnRow).where(TurnRow.session_id == session_id).order_by(TurnRow.index)
            ))
            grades = await _current_grades(db, [t.id for t in turn_rows])
            debrief = await db.scalar(
                select(DebriefRow.debrief).where(DebriefRow.session_id == session_id)
                .order_by(DebriefRow.id.desc()).limit(1)
            )
        return SessionRecord(
            id=row.id, user_id=row.user_id, persona_id=row.persona_id, rubric_id=row.rubric_id, mode=row.mode,
            started_at=row.started_at, ended_at=row.ended_at, end_reason=row.end_reason,
            turns=[turn_from_rows(t, grades.get(t.id, [])) for t in turn_rows],
            debrief=Debrief.model_validate(debrief) if debrief is not None else None,
        )

    async def grade_history(self, session_id: str, turn_index: int) -> list[StoredGrade]:
        """Every grade a turn ever had, superseded ones included, oldest first."""
        async with self.transaction() as db:
            rows = await db.scalars(
                select(GradeRow).join(TurnRow, GradeRow.turn_id == TurnRow.id)
                .where(TurnRow.session_id == session_id, TurnRow.index == turn_index)
                .order_by(GradeRow.id)
            )
            return [StoredGrade.model_validate(row, from_attributes=True) for row in rows]


async def _session_row(db: AsyncSession, session_id: str) -> SessionRow:
    row = await db.get(SessionRow, session_id)
    if row is None:
        raise NotFound(f"No practice session with id {session_id}.", hint="`bot sessions list` shows the ids")
    return row


async def _current_grades(db: AsyncSession, turn_ids: list[int]) -> dict[int, list[GradeRow]]:
    by_turn: dict[int, list[GradeRow]] = {}
    if turn_ids:
        rows = await db.scalars(
            select(GradeRow).where(GradeRow.turn_id.in_(turn_ids), GradeRow.superseded.is_(False))
        )
        for grade in rows:
            by_turn.setdefault(grade.turn_id, []).append(grade)
    return by_turn


async def _replace_grades(db: AsyncSession, turn_id: int, new_rows: list[GradeRow]) -> None:
    """Keep a criterion's current row when the grade is unchanged; otherwise supersede it and add the new one."""
    current = {g.criterion: g for g in (await _current_grades(db, [turn_id])).get(turn_id, [])}
    for new in new_rows:
        old = current.pop(new.criterion, None)
        if old is not None and same_grade(old, new):
            old.position = new.position
            continue
        if old is not None:
            old.superseded = True
        new.turn_id = turn_id
        db.add(new)
    for gone in current.values():  # criteria the new grade no longer has
        gone.superseded = True
