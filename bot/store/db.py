"""Engine set-up and the base every store part shares: one async_sessionmaker, one transaction per write.

SQLite runs in WAL mode with a busy timeout, and every writing transaction starts with BEGIN IMMEDIATE:
many coroutines write turns at once, and a deferred transaction that upgrades from read to write can fail
with "database is locked" whatever the timeout. SQLite has one writer at a time, and a writer that finds
the database locked sleeps and polls (up to 100 ms a try), so under load turns queued behind each other
for hundreds of milliseconds: this process's writers therefore wait their turn on an asyncio lock, in
order and without sleeping (the busy timeout still covers other processes). Reads (``reading()``) use a
plain BEGIN: in WAL mode they see a consistent snapshot, never wait for a writer and do not make writers
wait. Foreign keys are switched on (SQLite leaves them off).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from bot.errors import ConfigError

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "bot_read_only"  # execution option of the engine that ``reading()`` uses
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


def create_engine(database_url: str) -> AsyncEngine:
    url = make_url(database_url)
    if url.drivername not in SUPPORTED_DRIVERS:
        raise ConfigError(
            f"Unsupported database URL scheme '{url.drivername}'.",
            hint="use sqlite+aiosqlite:///path/bot.db or postgresql+asyncpg://user@host/dbname in BOT_DATABASE_URL",
        )
    if url.drivername.startswith("sqlite"):
        folder = Path(url.database or ":memory:").parent
        if url.database not in (None, "", ":memory:") and not folder.is_dir():
            raise ConfigError(
                f"The folder {folder} for the SQLite database does not exist.",
                hint="create it, or point BOT_DATABASE_URL elsewhere",
            )
        engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection) -> None:
        reading = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def _use_wal(cursor, attempts: int = 100) -> None:
    """Switch the file to WAL (it stays so). Processes starting together on a new file race for it, and
    the switch can report "database is locked" without waiting on the busy timeout: try again briefly."""
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as error:  # the driver's OperationalError, wrapped by the async adapter
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


class StoreBase:
    """Holds the engine and hands out short transactions to the store's parts."""

    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(engine.execution_options(**{READ_ONLY: True}),
                                                 expire_on_commit=False)
        self._writer_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work that writes, committed on exit (rolled back on error)."""
        async with self._writer_lock or nullcontext(), self._sessions() as db, db.begin():
            yield db

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only unit of work: one consistent snapshot, which never waits for a writer on SQLite."""
        async with self._read_sessions() as db, db.begin():
            yield db

    async def close(self) -> None:
        await self.engine.dispose()
