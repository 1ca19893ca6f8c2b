"""`bot users` and `bot sessions` through Typer's CliRunner, on a temporary SQLite file."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.config import get_settings
from bot.store import opened_store
from tests.store.builders import debrief, reply_grade, turn

runner = CliRunner()


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps table cells at the default 80
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def bot(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_users_add_list_remove(database_url):
    added = bot("users", "add", "dana", "--role", "agent", "--team", "blue", "--password-stdin",
                stdin="correct horse\n")
    assert added.exit_code == 0, added.output
    prompted = bot("users", "add", "lee", "--role", "reviewer", stdin="correct horse\ncorrect horse\n")
    assert prompted.exit_code == 0, prompted.output

    listing = bot("users", "list")
    assert "dana" in listing.output and "blue" in listing.output and "reviewer" in listing.output

    assert bot("users", "remove", "lee").exit_code == 0
    assert "lee" not in bot("users", "list").output


def test_users_errors_are_one_line(database_url):
    bot("users", "add", "dana", "--role", "agent", "--password-stdin", stdin="correct horse\n")

    duplicate = bot("users", "add", "dana", "--role", "agent", "--password-stdin", stdin="correct horse\n")
    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.output and "Traceback" not in duplicate.output
    unknown_role = bot("users", "add", "sam", "--role", "boss", "--password-stdin", stdin="correct horse\n")
    assert unknown_role.exit_code == 1 and "Unknown role 'boss'" in unknown_role.output
    no_password = bot("users", "add", "sam", "--role", "agent", "--password-stdin", stdin="")
    assert no_password.exit_code == 1 and "No password" in no_password.output


def test_sessions_list_and_show(database_url):
    async def seed() -> str:
        async with opened_store(database_url) as store:
            dana = await store.add_user("dana", "agent")
            lee = await store.add_user("lee", "agent")
            await store.start_session(user_id=lee.id, persona_id="bank", rubric_id="deescalation", mode="exam")
            session_id = await store.start_session(user_id=dana.id, persona_id="isp", rubric_id="deescalation",
                                                   mode="coach")
            await store.save_turn(session_id, turn(0, anger=8, trust=1))
            await store.save_turn(session_id, turn(1, grade=reply_grade(), anger=6, trust=3))
            await store.save_debrief(session_id, debrief(72.5))
            await store.end_session(session_id, "resolved")
            return session_id

    session_id = asyncio.run(seed())

    listed = json.loads(bot("sessions", "list", "--agent", "dana", "--json").output)
    assert listed["total"] == 1
    assert [(i["id"], i["persona_id"], i["turn_count"], i["overall"]) for i in listed["items"]] == [
        (session_id, "isp", 2, 72.5)
    ]
    assert json.loads(bot("sessions", "list", "--persona", "bank", "--json").output)["items"][0]["agent"] == "lee"

    shown = bot("sessions", "show", session_id)
    assert shown.exit_code == 0, shown.output
    for expected in ("customer says 1", "6/3", "empathy: specific", "open_questions: not applicable",
                     "promises: ungraded", "resolved", "72/100"):
        assert expected in shown.output, expected

    missing = bot("sessions", "show", "nope")
    assert missing.exit_code == 1 and "No practice session with id nope" in missing.output
