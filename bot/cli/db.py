"""Run one CLI command's async work against the configured store (BOT_DATABASE_URL)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.config import get_settings
from bot.store import SqlStore, opened_store

T = TypeVar("T")


def run_with_store(work: Callable[[SqlStore], Awaitable[T]]) -> T:
    async def run() -> T:
        async with opened_store(get_settings().database_url) as store:
            return await work(store)

    return asyncio.run(run())
