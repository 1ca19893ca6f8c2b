"""User rows. Password hashing and the rules about users live in bot/accounts.py, not here."""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError

from bot.errors import InputError, NotFound
from bot.store.convert import user_from_row
from bot.store.db import StoreBase
from bot.store.models import ReviewRow, SessionRow, TurnCommentRow, UserRow
from bot.store.records import User, UserRole

# Every login, connection and chat start looks a user up by name (five times per chat start): a plain
# statement built once, read as a row, costs a quarter less CPU than an ORM query.
USER_BY_NAME = select(UserRow.__table__).where(UserRow.__table__.c.name == bindparam("user_name"))


class UserRows(StoreBase):
    async def add_user(
        self, name: str, role: UserRole, *, team: str | None = None, password_hash: str | None = None
    ) -> User:
        row = UserRow(id=uuid.uuid4().hex, name=name, role=role, team=team, password_hash=password_hash)
        try:
            async with self.transaction() as db:
                db.add(row)
        except IntegrityError:
            raise InputError(
                f"A user named '{name}' already exists.",
                hint=f"pick another name, or remove the old one first: bot users remove {name}",
            ) from None
        return user_from_row(row)

    async def get_user(self, user_id: str) -> User:
        async with self.reading() as db:
            row = await db.get(UserRow, user_id)
        if row is None:
            raise NotFound(f"No user with id {user_id}.")
        return user_from_row(row)

    async def find_user(self, name: str) -> User | None:
        found = await self.user_with_password_hash(name)
        return found[0] if found else None

    async def user_with_password_hash(self, name: str) -> tuple[User, str | None] | None:
        async with self.reading() as db:
            row = (await db.execute(USER_BY_NAME, {"user_name": name})).first()
        return (user_from_row(row), row.password_hash) if row else None

    async def set_password_hash(self, user_id: str, password_hash: str | None) -> None:
        async with self.transaction() as db:
            row = await db.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"No user with id {user_id}.")
            row.password_hash = password_hash

    async def list_users(self) -> list[User]:
        async with self.reading() as db:
            rows = await db.scalars(select(UserRow).order_by(UserRow.name))
            return [user_from_row(row) for row in rows]

    async def count_users_with_password(self) -> int:
        async with self.reading() as db:
            return await db.scalar(select(func.count()).where(UserRow.password_hash.is_not(None))) or 0

    async def remove_user(self, name: str, *, delete_sessions: bool = False) -> int:
        """Delete a user; returns how many of their sessions went with them. Reviews and comments they
        wrote are history and block the removal."""
        async with self.transaction() as db:
            row = await db.scalar(select(UserRow).where(UserRow.name == name))
            if row is None:
                raise NotFound(f"No user named '{name}'.", hint="`bot users list` shows who exists")
            sessions = await db.scalar(select(func.count()).where(SessionRow.user_id == row.id)) or 0
            if sessions and not delete_sessions:
                raise InputError(
                    f"'{name}' has {sessions} practice session(s).",
                    hint="pass --delete-sessions to remove them too",
                )
            for table, author in ((ReviewRow, ReviewRow.reviewer_id), (TurnCommentRow, TurnCommentRow.author_id)):
                if await db.scalar(select(func.count()).select_from(table).where(author == row.id)):
                    raise InputError(f"'{name}' has written reviews or comments, which are kept as history.",
                                     hint="remove their password instead to lock them out")
            await db.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
            await db.delete(row)
        return sessions
