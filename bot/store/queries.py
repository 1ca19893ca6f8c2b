"""Session lists for the UI, the review pages and the CLI: filters, sorting, pagination with a total."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InputError
from bot.store.db import StoreBase
from bot.store.models import DebriefRow, SessionRow, TurnRow, UserRow
from bot.store.records import SessionFilter, SessionPage, SessionSort, SessionSummary

MAX_PER_PAGE = 200

_ORDER = {
    "newest": (SessionRow.started_at.desc(), SessionRow.id),
    "oldest": (SessionRow.started_at.asc(), SessionRow.id),
    "agent": (UserRow.name.asc(), SessionRow.started_at.desc(), SessionRow.id),
    "persona": (SessionRow.persona_id.asc(), SessionRow.started_at.desc(), SessionRow.id),
}


def _filtered(query: Select, where: SessionFilter) -> Select:
    constraints = [
        (where.agent, lambda v: UserRow.name == v),
        (where.user_id, lambda v: SessionRow.user_id == v),
        (where.team, lambda v: UserRow.team == v),
        (where.persona_id, lambda v: SessionRow.persona_id == v),
        (where.mode, lambda v: SessionRow.mode == v),
        (where.started_from, lambda v: SessionRow.started_at >= v),
        (where.started_before, lambda v: SessionRow.started_at < v),
    ]
    for value, condition in constraints:
        if value is not None:
            query = query.where(condition(value))
    return query


class SessionQueries(StoreBase):
    async def list_sessions(
        self, where: SessionFilter | None = None, *, sort: SessionSort = "newest", page: int = 1, per_page: int = 50
    ) -> SessionPage:
        if sort not in _ORDER:
            raise InputError(f"Unknown sort '{sort}'.", hint=f"use one of: {', '.join(_ORDER)}")
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise InputError(f"Page {page} with {per_page} per page is out of range.",
                             hint=f"pages start at 1; per page 1-{MAX_PER_PAGE}")
        where = where or SessionFilter()
        turn_counts = (
            select(TurnRow.session_id, func.count().label("turn_count")).group_by(TurnRow.session_id).subquery()
        )
        base = _filtered(select(SessionRow).join(UserRow, SessionRow.user_id == UserRow.id), where)
        rows_query = (
            base.add_columns(UserRow.name, UserRow.team, func.coalesce(turn_counts.c.turn_count, 0))
            .outerjoin(turn_counts, turn_counts.c.session_id == SessionRow.id)
            .order_by(*_ORDER[sort]).offset((page - 1) * per_page).limit(per_page)
        )
        async with self.transaction() as db:
            total = await db.scalar(select(func.count()).select_from(base.subquery()))
            rows = (await db.execute(rows_query)).all()
            overall = await _overall_scores(db, [session.id for session, *_ in rows])
        items = [
            SessionSummary(
                id=s.id, user_id=s.user_id, agent=name, team=team, persona_id=s.persona_id, rubric_id=s.rubric_id,
                mode=s.mode, started_at=s.started_at, ended_at=s.ended_at, end_reason=s.end_reason,
                turn_count=turn_count, overall=overall.get(s.id), engine_info=s.engine_info,
            )
            for s, name, team, turn_count in rows
        ]
        return SessionPage(items=items, total=total or 0, page=page, per_page=per_page)

    async def sessions_for_user(self, user_id: str) -> list[SessionSummary]:
        """All of one user's sessions, newest first (an agent's own history)."""
        found: list[SessionSummary] = []
        page = 1
        while True:
            batch = await self.list_sessions(SessionFilter(user_id=user_id), page=page, per_page=MAX_PER_PAGE)
            found += batch.items
            if page >= batch.pages:
                return found
            page += 1


async def _overall_scores(db: AsyncSession, session_ids: list[str]) -> dict[str, float | None]:
    """The overall score of each session's newest debrief (JSON is read here, not in SQL, to stay portable)."""
    if not session_ids:
        return {}
    newest = (
        select(func.max(DebriefRow.id)).where(DebriefRow.session_id.in_(session_ids)).group_by(DebriefRow.session_id)
    )
    rows = await db.execute(select(DebriefRow.session_id, DebriefRow.debrief).where(DebriefRow.id.in_(newest)))
    return {session_id: debrief.get("overall") for session_id, debrief in rows}
