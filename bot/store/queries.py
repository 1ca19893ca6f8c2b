"""Session lists for the UI, the review pages and the CLI: filters, sorting, pagination with a total."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InputError
from bot.store.db import StoreBase
from bot.store.models import SessionRow, TurnRow, UserRow
from bot.store.records import SessionFilter, SessionPage, SessionSort, SessionSummary

MAX_PER_PAGE = 200

_ORDER = {
    "newest": (SessionRow.started_at.desc(), SessionRow.id),
    "oldest": (SessionRow.started_at.asc(), SessionRow.id),
    "agent": (UserRow.name.asc(), SessionRow.started_at.desc(), SessionRow.id),
    "persona": (SessionRow.persona_id.asc(), SessionRow.started_at.desc(), SessionRow.id),
    "lowest_score": (SessionRow.overall.asc().nulls_last(), SessionRow.started_at.desc(), SessionRow.id),
    "highest_score": (SessionRow.overall.desc().nulls_last(), SessionRow.started_at.desc(), SessionRow.id),
}


def filter_sessions(query: Select, where: SessionFilter) -> Select:
    """Narrow a query over SessionRow joined with UserRow to the sessions `where` selects."""
    constraints = [
        (where.agent, lambda v: UserRow.name == v),
        (where.user_id, lambda v: SessionRow.user_id == v),
        (where.team, lambda v: UserRow.team == v),
        (where.persona_id, lambda v: SessionRow.persona_id == v),
        (where.mode, lambda v: SessionRow.mode == v),
        (where.started_from, lambda v: SessionRow.started_at >= v),
        (where.started_before, lambda v: SessionRow.started_at < v),
        (where.score_from, lambda v: SessionRow.overall >= v),
        (where.score_below, lambda v: SessionRow.overall < v),
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
        base = filter_sessions(select(SessionRow).join(UserRow, SessionRow.user_id == UserRow.id), where)
        rows_query = (
            base.add_columns(UserRow.name, UserRow.team)
            .order_by(*_ORDER[sort]).offset((page - 1) * per_page).limit(per_page)
        )
        async with self.reading() as db:
            total = await db.scalar(select(func.count()).select_from(base.subquery()))
            rows = (await db.execute(rows_query)).all()
            turn_counts = await _turn_counts(db, [session.id for session, *_ in rows])
        items = [
            SessionSummary(
                id=s.id, user_id=s.user_id, agent=name, team=team, persona_id=s.persona_id, rubric_id=s.rubric_id,
                mode=s.mode, started_at=s.started_at, ended_at=s.ended_at, end_reason=s.end_reason,
                turn_count=turn_counts.get(s.id, 0), overall=s.overall, engine_info=s.engine_info,
            )
            for s, name, team in rows
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


async def _turn_counts(db: AsyncSession, session_ids: list[str]) -> dict[str, int]:
    """Counted for the page's sessions only: a count over every turn would cost more than the page."""
    if not session_ids:
        return {}
    rows = await db.execute(
        select(TurnRow.session_id, func.count()).where(TurnRow.session_id.in_(session_ids)).group_by(TurnRow.session_id)
    )
    return dict(rows.all())
