"""migrate() at every start-up: applies what is missing, once, and leaves data alone."""

from __future__ import annotations

import asyncio

import pytest

from bot.errors import ConfigError
from bot.store import open_store
from bot.store.db import create_engine
from bot.store.migrations import MIGRATIONS, applied_migrations, migrate


async def test_fresh_database_gets_every_migration_once(store_url):
    engine = create_engine(store_url)
    try:
        assert await applied_migrations(engine) == []
        assert await migrate(engine) == [m.__name__ for m in MIGRATIONS]
        assert await migrate(engine) == []
        assert await applied_migrations(engine) == [m.__name__ for m in MIGRATIONS]
    finally:
        await engine.dispose()


async def test_reopening_keeps_data(store_url):
    first = await open_store(store_url)
    await first.add_user("dana", "agent")
    await first.close()

    second = await open_store(store_url)
    try:
        assert [u.name for u in await second.list_users()] == ["dana"]
    finally:
        await second.close()


async def test_processes_starting_together_migrate_once(store_url):
    engines = [create_engine(store_url) for _ in range(3)]
    try:
        applied = await asyncio.gather(*(migrate(engine) for engine in engines))
        assert sorted(len(names) for names in applied) == [0, 0, len(MIGRATIONS)]
    finally:
        for engine in engines:
            await engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite+aiosqlite:////no/such/folder/bot.db",
        "postgresql+asyncpg://postgres:hunter2@127.0.0.1:1/bot",  # nothing listens on port 1
        "mysql://root@localhost/bot",
    ],
)
async def test_unusable_database_urls_are_explained(url):
    with pytest.raises(ConfigError, match="BOT_DATABASE_URL") as raised:
        await open_store(url)
    assert "hunter2" not in str(raised.value)
