"""The `store` fixture: a fresh, migrated store per test, on SQLite and, when BOT_TEST_DATABASE_URL is set,
on PostgreSQL too (each test gets its own temporary database, so runs never see each other's rows)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.store import SqlStore, open_store

POSTGRES_URL = os.environ.get("BOT_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _plain_dsn(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
async def store_url(request, tmp_path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    admin_url = make_url(POSTGRES_URL)
    database = f"bot_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_plain_dsn(admin_url))
    try:
        await admin.execute(f'CREATE DATABASE "{database}"')
        yield admin_url.set(database=database).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def store(store_url) -> AsyncIterator[SqlStore]:
    opened = await open_store(store_url)
    try:
        yield opened
    finally:
        await opened.close()
