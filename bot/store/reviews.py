"""Reviewers' grade edits and turn comments (both append-only), and the reads the review pages need.

A criterion's current level is the `to_level` of its newest edit, else the grader's level. Edits are
checked against the rubric by bot/review before they get here; the store records `from_level` itself,
inside the writing transaction, so two reviewers editing at once still leave a consistent chain.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import InputError, NotFound
from bot.store.db import StoreBase
from bot.store.models import GradeRow, ReviewRow, SessionRow, TurnCommentRow, TurnRow, UserRow
from bot.store.queries import filter_sessions
from bot.store.records import SessionFilter
from bot.store.review_records import GradedReply, GradeEdit, LevelCount, LevelGroup, OriginalGrade, TurnComment


class ReviewRows(StoreBase):
    async def add_grade_edit(
        self, session_id: str, turn_index: int, criterion: str, to_level: str | None, *, comment: str, reviewer_id: str
    ) -> GradeEdit:
        async with self.transaction() as db:
            turn = await _graded_turn(db, session_id, turn_index)
            from_level = await _current_level(db, turn.id, criterion)
            row = ReviewRow(turn_id=turn.id, criterion=criterion, from_level=from_level, to_level=to_level,
                            comment=comment, reviewer_id=reviewer_id)
            db.add(row)
            await db.flush()
            reviewer = await db.get(UserRow, reviewer_id)
        return GradeEdit(id=row.id, session_id=session_id, turn_index=turn_index, criterion=criterion,
                         from_level=row.from_level, to_level=to_level, comment=comment, reviewer_id=reviewer_id,
                         reviewer=reviewer.name if reviewer else reviewer_id, created_at=row.created_at)

    async def grade_edits(self, session_ids: list[str]) -> list[GradeEdit]:
        """Every edit of these sessions, oldest first."""
        if not session_ids:
            return []
        query = (
            select(ReviewRow, TurnRow.session_id, TurnRow.index, UserRow.name)
            .join(TurnRow, ReviewRow.turn_id == TurnRow.id).join(UserRow, ReviewRow.reviewer_id == UserRow.id)
            .where(TurnRow.session_id.in_(session_ids)).order_by(ReviewRow.id)
        )
        async with self.reading() as db:
            rows = (await db.execute(query)).all()
        return [
            GradeEdit(id=r.id, session_id=session_id, turn_index=index, criterion=r.criterion, from_level=r.from_level,
                      to_level=r.to_level, comment=r.comment, reviewer_id=r.reviewer_id, reviewer=name,
                      created_at=r.created_at)
            for r, session_id, index, name in rows
        ]

    async def add_turn_comment(self, session_id: str, turn_index: int, *, author_id: str, text: str) -> TurnComment:
        async with self.transaction() as db:
            turn = await _turn(db, session_id, turn_index)
            row = TurnCommentRow(turn_id=turn.id, author_id=author_id, text=text)
            db.add(row)
            await db.flush()
            author = await db.get(UserRow, author_id)
        return TurnComment(id=row.id, session_id=session_id, turn_index=turn_index, author_id=author_id,
                           author=author.name if author else author_id, text=text, created_at=row.created_at)

    async def turn_comments(self, session_id: str) -> list[TurnComment]:
        """A session's comments, oldest first."""
        query = (
            select(TurnCommentRow, TurnRow.index, UserRow.name)
            .join(TurnRow, TurnCommentRow.turn_id == TurnRow.id).join(UserRow, TurnCommentRow.author_id == UserRow.id)
            .where(TurnRow.session_id == session_id).order_by(TurnCommentRow.id)
        )
        async with self.reading() as db:
            rows = (await db.execute(query)).all()
        return [
            TurnComment(id=c.id, session_id=session_id, turn_index=index, author_id=c.author_id, author=name,
                        text=c.text, created_at=c.created_at)
            for c, index, name in rows
        ]

    async def edited_session_ids(self, where: SessionFilter) -> list[str]:
        """Sessions with at least one grade edit, oldest first."""
        query = filter_sessions(
            select(SessionRow.id).join(UserRow, SessionRow.user_id == UserRow.id)
            .where(SessionRow.id.in_(select(TurnRow.session_id).join(ReviewRow, ReviewRow.turn_id == TurnRow.id))),
            where,
        ).order_by(SessionRow.started_at, SessionRow.id)
        async with self.reading() as db:
            return list(await db.scalars(query))

    async def level_counts(self, where: SessionFilter, group: LevelGroup) -> list[LevelCount]:
        """Current levels (newest edit applied) of graded replies, counted per group and criterion.

        The grader's levels are counted in SQL; the few edited grades are then moved from their grader
        level to their edited one, which is far cheaper than looking up edits for every grade row."""
        key = {"agent": UserRow.name, "persona": SessionRow.persona_id, "day": func.date(SessionRow.started_at)}[group]
        graded = (
            _in_sessions(select(key, GradeRow.criterion, GradeRow.level, func.count()).select_from(GradeRow), where)
            .where(GradeRow.status == "graded").group_by(key, GradeRow.criterion, GradeRow.level)
        )
        newest = (select(func.max(ReviewRow.id).label("id")).group_by(ReviewRow.turn_id, ReviewRow.criterion)
                  .subquery("newest_edits"))
        edited = _in_sessions(
            select(key, GradeRow.criterion, GradeRow.status, GradeRow.level, ReviewRow.to_level)
            .select_from(newest).join(ReviewRow, ReviewRow.id == newest.c.id)
            .join(GradeRow, (GradeRow.turn_id == ReviewRow.turn_id) & (GradeRow.criterion == ReviewRow.criterion)),
            where,
        )
        async with self.reading() as db:
            counts = {(str(g), c, lv): n for g, c, lv, n in await db.execute(graded)}
            for g, criterion, status, level, to_level in await db.execute(edited):
                if status == "graded":
                    counts[(str(g), criterion, level)] -= 1
                if to_level is not None:
                    counts[(str(g), criterion, to_level)] = counts.get((str(g), criterion, to_level), 0) + 1
        return [LevelCount(group=g, criterion=c, level=lv, count=n) for (g, c, lv), n in counts.items() if n > 0]

    async def graded_replies(self, where: SessionFilter) -> list[GradedReply]:
        """Every graded agent reply of the matching sessions with the grader's levels, in session order."""
        query = filter_sessions(
            select(SessionRow, UserRow.name, UserRow.team, TurnRow.index, TurnRow.agent_text, GradeRow.criterion,
                   GradeRow.status, GradeRow.level)
            .join(UserRow, SessionRow.user_id == UserRow.id).join(TurnRow, TurnRow.session_id == SessionRow.id)
            .join(GradeRow, GradeRow.turn_id == TurnRow.id).where(GradeRow.superseded.is_(False)),
            where,
        ).order_by(SessionRow.started_at, SessionRow.id, TurnRow.index, GradeRow.position)
        replies: dict[tuple[str, int], GradedReply] = {}
        async with self.reading() as db:
            for s, agent, team, index, text, criterion, status, level in await db.execute(query):
                reply = replies.get((s.id, index))
                if reply is None:
                    reply = replies[(s.id, index)] = GradedReply(
                        session_id=s.id, agent=agent, team=team, persona_id=s.persona_id, rubric_id=s.rubric_id,
                        mode=s.mode, started_at=s.started_at, turn_index=index, reply=text or "",
                    )
                reply.grades[criterion] = OriginalGrade(status=status, level=level)
        return list(replies.values())


def _in_sessions(query: Select, where: SessionFilter) -> Select:
    """Current grade rows (of the query's GradeRow) in the sessions `where` selects."""
    return filter_sessions(
        query.join(TurnRow, GradeRow.turn_id == TurnRow.id).join(SessionRow, TurnRow.session_id == SessionRow.id)
        .join(UserRow, SessionRow.user_id == UserRow.id).where(GradeRow.superseded.is_(False)),
        where,
    )


async def _turn(db: AsyncSession, session_id: str, turn_index: int) -> TurnRow:
    turn = await db.scalar(select(TurnRow).where(TurnRow.session_id == session_id, TurnRow.index == turn_index))
    if turn is None:
        raise NotFound(f"Session {session_id} has no turn {turn_index}.")
    return turn


async def _graded_turn(db: AsyncSession, session_id: str, turn_index: int) -> TurnRow:
    turn = await _turn(db, session_id, turn_index)
    if turn.agent_text is None or turn.grade_meta is None:
        raise InputError(f"Turn {turn_index} has no graded agent reply to change.",
                         hint="grades can be changed on the agent's replies only")
    return turn


async def _current_level(db: AsyncSession, turn_id: int, criterion: str) -> str | None:
    newest_edit = (await db.execute(
        select(ReviewRow.to_level).where(ReviewRow.turn_id == turn_id, ReviewRow.criterion == criterion)
        .order_by(ReviewRow.id.desc()).limit(1)
    )).first()
    if newest_edit is not None:
        return newest_edit[0]
    return await db.scalar(
        select(GradeRow.level).where(GradeRow.turn_id == turn_id, GradeRow.criterion == criterion,
                                     GradeRow.superseded.is_(False))
    )
