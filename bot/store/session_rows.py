"""The SessionStore protocol on SQL: every call is one short transaction, committed before it returns."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Debrief, EndReason, Turn, utcnow
from bot.errors import NotFound
from bot.ports import Mode, SessionRecord
from bot.store.convert import GRADE_IDENTITY, grade_values, same_grade, turn_fields, turn_from_rows
from bot.store.db import StoreBase
from bot.store.models import DebriefRow, GradeRow, SessionRow, TurnRow
from bot.store.records import StoredGrade

SESSIONS, TURNS, GRADES = SessionRow.__table__, TurnRow.__table__, GradeRow.__table__

# save_turn's statements, built once (building one costs more CPU than SQLite takes to run it). Columns not
# named here are set from the parameters given with each call.
UPDATE_TURN = (update(TURNS).where(TURNS.c.session_id == bindparam("of_session"),
                                   TURNS.c.turn_index == bindparam("at_index")).returning(TURNS.c.id))
INSERT_TURN = insert(TURNS).returning(TURNS.c.id)
CURRENT_GRADES = (
    select(GRADES.c.id, GRADES.c.criterion, GRADES.c.position, *(GRADES.c[name] for name in GRADE_IDENTITY))
    .where(GRADES.c.turn_id == bindparam("of_turn"), GRADES.c.superseded.is_(False))
)
SUPERSEDE_GRADES = (update(GRADES).where(GRADES.c.id.in_(bindparam("row_ids", expanding=True)))
                    .values(superseded=True))
MOVE_GRADE = update(GRADES).where(GRADES.c.id == bindparam("row_id")).values(position=bindparam("new_position"))


class SessionRows(StoreBase):
    async def start_session(
        self, *, user_id: str, persona_id: str, rubric_id: str, mode: Mode, engine_info: dict[str, Any] | None = None
    ) -> str:
        session_id = uuid.uuid4().hex
        try:
            async with self.transaction() as db:
                await db.execute(insert(SESSIONS).values(
                    id=session_id, user_id=user_id, persona_id=persona_id, rubric_id=rubric_id, mode=mode,
                    started_at=utcnow(), engine_info=engine_info,
                ))
        except IntegrityError:  # the only foreign key: the user
            raise NotFound(
                f"No user with id {user_id}: a session must belong to a known user.",
                hint="create one with `bot users add NAME --role agent`, or use accounts.local_user()",
            ) from None
        return session_id

    async def save_turn(self, session_id: str, turn: Turn) -> None:
        """Insert or replace the turn with this index, with its grades, in one transaction.

        Written with SQL statements rather than ORM objects, in as few round trips as the change needs (an
        unchanged grade costs one read): a practice turn is saved three times (the reply, the customer's
        answer, the judge's grade), and the ORM made that the largest CPU cost of a turn."""
        fields = turn_fields(turn)
        try:
            async with self.transaction() as db:
                turn_id = await db.scalar(UPDATE_TURN, {"of_session": session_id, "at_index": turn.index, **fields})
                if turn_id is None:
                    turn_id, current = await db.scalar(INSERT_TURN, {"session_id": session_id, **fields}), {}
                else:
                    rows = await db.execute(CURRENT_GRADES, {"of_turn": turn_id})
                    current = {row.criterion: row._asdict() for row in rows}
                await _replace_grades(db, turn_id, current, grade_values(turn.grade))
        except IntegrityError:
            async with self.reading() as db:
                await _session_row(db, session_id)  # NotFound when that was the foreign key refused
            raise

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
        async with self.reading() as db:
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
        async with self.reading() as db:
            rows = await db.scalars(
                select(GradeRow).join(TurnRow, GradeRow.turn_id == TurnRow.id)
                .where(TurnRow.session_id == session_id, TurnRow.index == turn_index)
                .order_by(GradeRow.id)
            )
            return [StoredGrade.model_validate(row, from_attributes=True) for row in rows]


async def _session_row(db: AsyncSession, session_id: str) -> SessionRow:
    row = await db.get(SessionRow, session_id)
    if row is None:
        raise _no_session(session_id)
    return row


def _no_session(session_id: str) -> NotFound:
    return NotFound(f"No practice session with id {session_id}.", hint="`bot sessions list` shows the ids")


async def _current_grades(db: AsyncSession, turn_ids: list[int]) -> dict[int, list[GradeRow]]:
    by_turn: dict[int, list[GradeRow]] = {}
    if turn_ids:
        rows = await db.scalars(
            select(GradeRow).where(GradeRow.turn_id.in_(turn_ids), GradeRow.superseded.is_(False))
        )
        for grade in rows:
            by_turn.setdefault(grade.turn_id, []).append(grade)
    return by_turn


async def _replace_grades(db: AsyncSession, turn_id: int, current: dict[str, dict[str, Any]],
                          new_rows: list[dict[str, Any]]) -> None:
    """Keep a criterion's current row (``current``: its column values, by criterion) when the grade is unchanged;
    otherwise supersede it and add the new one."""
    added, superseded, moved = [], [], []
    for new in new_rows:
        old = current.pop(new["criterion"], None)
        if old is not None and same_grade(old, new):
            if old["position"] != new["position"]:
                moved.append({"row_id": old["id"], "new_position": new["position"]})
            continue
        if old is not None:
            superseded.append(old["id"])
        added.append({**new, "turn_id": turn_id, "superseded": False})
    superseded += [gone["id"] for gone in current.values()]  # criteria the new grade no longer has
    if superseded:
        await db.execute(SUPERSEDE_GRADES, {"row_ids": superseded})
    if moved:
        await db.execute(MOVE_GRADE, moved)
    if added:
        await db.execute(insert(GRADES), added)
