"""The project's own store: SQLite by default, PostgreSQL by URL. `open_store(url)` is the way in.

    async with opened_store(settings.database_url) as store:
        session_id = await store.start_session(user_id=user.id, persona_id="dana", rubric_id="deescalation",
                                               mode="coach")
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import DBAPIError

from bot.errors import ConfigError
from bot.store.db import create_engine
from bot.store.llm_log import LlmCallLog
from bot.store.migrations import migrate
from bot.store.queries import SessionQueries
from bot.store.records import SessionFilter, SessionPage, SessionSummary, StoredGrade, User, UserRole
from bot.store.reviews import ReviewRows
from bot.store.session_rows import SessionRows
from bot.store.user_rows import UserRows


class SqlStore(SessionRows, SessionQueries, UserRows, LlmCallLog, ReviewRows):
    """Implements bot.ports.SessionStore plus the queries the UI, review pages and CLI need."""


async def open_store(database_url: str) -> SqlStore:
    """Connect and bring the schema up to date. Close it with `await store.close()`."""
    engine = create_engine(database_url)
    try:
        await migrate(engine)
    except (OSError, DBAPIError) as error:
        await engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise ConfigError(
            f"Cannot open the database {shown}: {getattr(error, 'orig', None) or error}",
            hint="check BOT_DATABASE_URL, that the folder exists, or that the PostgreSQL server runs",
        ) from error
    except BaseException:
        await engine.dispose()
        raise
    return SqlStore(engine)


@asynccontextmanager
async def opened_store(database_url: str) -> AsyncIterator[SqlStore]:
    store = await open_store(database_url)
    try:
        yield store
    finally:
        await store.close()


__all__ = [
    "SessionFilter", "SessionPage", "SessionSummary", "SqlStore", "StoredGrade", "User", "UserRole", "open_store",
    "opened_store",
]
