"""Users, passwords, the local user, the auth secret and who may read which session."""

from __future__ import annotations

import asyncio
import os
import stat
import time

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from bot import accounts
from bot.config import Settings
from bot.domain import utcnow
from bot.errors import AccessDenied, InputError, NotFound
from bot.ports import SessionRecord
from bot.store.models import ReviewRow, TurnRow
from bot.store.records import User
from tests.store.builders import turn

PASSWORD = "correct horse"


async def test_add_user_and_verify_password(store):
    added = await accounts.add_user(store, "dana", "agent", team="blue", password=PASSWORD)

    assert (added.name, added.role, added.team, added.has_password) == ("dana", "agent", "blue", True)
    assert await accounts.verify_password(store, "dana", PASSWORD) == added
    assert await accounts.verify_password(store, "dana", "wrong password") is None
    assert await accounts.verify_password(store, "nobody", PASSWORD) is None


async def test_user_without_password_cannot_log_in(store):
    await accounts.add_user(store, "kiosk", "agent")
    assert await accounts.verify_password(store, "kiosk", "") is None
    assert await accounts.verify_password(store, "kiosk", PASSWORD) is None


async def test_unknown_name_costs_as_much_as_a_wrong_password(store):
    await accounts.add_user(store, "dana", "agent", password=PASSWORD)

    async def fastest(name: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            await accounts.verify_password(store, name, "wrong password")
            times.append(time.perf_counter() - started)
        return min(times)

    wrong_password, unknown_name = await fastest("dana"), await fastest("nobody")
    assert unknown_name > wrong_password / 3  # without the dummy hash it would be ~50x faster


async def test_weak_old_hashes_are_upgraded_on_login(store):
    user = await accounts.add_user(store, "dana", "agent")
    await store.set_password_hash(user.id, PasswordHasher(time_cost=1, memory_cost=1024).hash(PASSWORD))

    assert await accounts.verify_password(store, "dana", PASSWORD) == user.model_copy(update={"has_password": True})
    _, new_hash = await store.user_with_password_hash("dana")
    assert not PasswordHasher().check_needs_rehash(new_hash)
    assert await accounts.verify_password(store, "dana", PASSWORD) is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("dana", "boss", None, "Unknown role 'boss'"),
        ("two words", "agent", None, "not a usable user name"),
        ("", "agent", None, "not a usable user name"),
        ("dana", "agent", "short", "too short"),
    ],
)
async def test_bad_user_input_is_refused(store, name, role, password, message):
    with pytest.raises(InputError, match=message):
        await accounts.add_user(store, name, role, password=password)
    assert await store.list_users() == []


async def test_duplicate_name_is_refused(store):
    await accounts.add_user(store, "dana", "agent")
    with pytest.raises(InputError, match="already exists"):
        await accounts.add_user(store, "dana", "reviewer")


async def test_local_user_is_created_once(store):
    assert not await accounts.login_required(store)
    created = await asyncio.gather(*(accounts.local_user(store) for _ in range(3)))

    assert len({user.id for user in created}) == 1
    assert (created[0].name, created[0].role) == ("local", "trainer")
    assert not await accounts.login_required(store)
    await accounts.add_user(store, "dana", "agent", password=PASSWORD)
    assert await accounts.login_required(store)


async def test_remove_user_guards_their_history(store):
    dana = await accounts.add_user(store, "dana", "agent")
    lead = await accounts.add_user(store, "lead", "reviewer")
    session_id = await store.start_session(user_id=dana.id, persona_id="isp", rubric_id="r", mode="coach")
    await store.save_turn(session_id, turn(1))

    with pytest.raises(InputError, match="--delete-sessions"):
        await store.remove_user("dana")
    async with store.transaction() as db:
        turn_id = (await db.scalars(select(TurnRow.id))).one()
        db.add(ReviewRow(turn_id=turn_id, criterion="empathy", from_level="none", to_level="generic",
                         comment="fair", reviewer_id=lead.id))
    with pytest.raises(InputError, match="kept as history"):
        await store.remove_user("lead")

    assert await store.remove_user("dana", delete_sessions=True) == 1
    with pytest.raises(NotFound):
        await store.load_session(session_id)
    assert [u.name for u in await store.list_users()] == ["lead"]
    with pytest.raises(NotFound):
        await store.remove_user("dana")


def test_auth_secret_is_made_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("CHAINLIT_AUTH_SECRET", raising=False)
    secret_file = tmp_path / ".chainlit_secret"

    first = accounts.ensure_auth_secret(Settings(auth_secret=None), secret_file)
    monkeypatch.delenv("CHAINLIT_AUTH_SECRET")
    second = accounts.ensure_auth_secret(Settings(auth_secret=None), secret_file)

    assert first == second and len(first) >= 32
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert os.environ["CHAINLIT_AUTH_SECRET"] == first


def test_configured_auth_secret_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("CHAINLIT_AUTH_SECRET", raising=False)
    secret_file = tmp_path / ".chainlit_secret"

    assert accounts.ensure_auth_secret(Settings(auth_secret="from-settings"), secret_file) == "from-settings"
    assert os.environ["CHAINLIT_AUTH_SECRET"] == "from-settings"
    assert not secret_file.exists()


# --------------------------------------------------------------------------- access rules


@pytest.fixture
async def people(store):
    return {
        name: await accounts.add_user(store, name, role, team=team)
        for name, role, team in [
            ("ann", "agent", "blue"), ("bob", "agent", "blue"), ("cat", "agent", "red"),
            ("rev_blue", "reviewer", "blue"), ("trainer_red", "trainer", "red"), ("rev_all", "reviewer", None),
        ]
    }


@pytest.fixture
async def session_of(store, people):
    owners = {}
    for name in ("ann", "bob", "cat"):
        owners[name] = await store.start_session(user_id=people[name].id, persona_id="isp", rubric_id="r",
                                                 mode="coach")
    return owners


@pytest.mark.parametrize(
    ("reader", "readable"),
    [
        ("ann", {"ann"}),
        ("cat", {"cat"}),
        ("rev_blue", {"ann", "bob"}),
        ("trainer_red", {"cat"}),
        ("rev_all", {"ann", "bob", "cat"}),
    ],
)
async def test_who_reads_which_session(store, people, session_of, reader, readable):
    user = people[reader]
    for owner, session_id in session_of.items():
        record = await store.load_session(session_id)
        assert accounts.can_read_session(user, record, people[owner]) == (owner in readable), owner
        if owner in readable:
            assert (await accounts.readable_session(store, user, session_id)).id == session_id
        else:
            with pytest.raises(AccessDenied):
                await accounts.readable_session(store, user, session_id)
    listed = await store.list_sessions(accounts.visible_sessions(user))
    assert {item.agent for item in listed.items} == readable


def test_owner_must_match_the_record():
    reader = User(id="r", name="r", role="reviewer", created_at=utcnow())
    record = SessionRecord(id="s", user_id="a", persona_id="p", rubric_id="r", mode="coach")
    with pytest.raises(ValueError, match="owner"):
        accounts.can_read_session(reader, record, reader)
