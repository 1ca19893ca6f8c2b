"""The Chainlit data layer over the project's store: threads are practice sessions, owners are checked."""

from __future__ import annotations

import pytest
from chainlit.types import Pagination, ThreadFilter
from chainlit.user import User
from fastapi import HTTPException

from bot.domain import Mood, Turn
from bot.store import open_store
from bot.web.datalayer import StoreDataLayer


@pytest.fixture
async def store(tmp_path):
    store = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    yield store
    await store.close()


@pytest.fixture
def layer(store, persona):
    return StoreDataLayer(store, {persona.id: persona}.get)


async def practice(store, user, persona_id="isp-dana", replies=("I hear you.",)) -> str:
    session_id = await store.start_session(user_id=user.id, persona_id=persona_id, rubric_id="deescalation",
                                           mode="coach")
    await store.save_turn(session_id, Turn(index=0, agent_text=None, mood=Mood(anger=7, trust=2),
                                           customer_text="Three days without internet!"))
    for index, reply in enumerate(replies, start=1):
        await store.save_turn(session_id, Turn(index=index, agent_text=reply, mood=Mood(anger=6, trust=3),
                                               customer_text=f"answer {index}"))
    return session_id


async def test_users_come_from_the_store_and_are_never_created_by_a_login(store, layer):
    ana = await store.add_user("ana", "agent")
    persisted = await layer.get_user("ana")
    assert (persisted.id, persisted.identifier, persisted.metadata["role"]) == (ana.id, "ana", "agent")
    assert await layer.create_user(User(identifier="ana")) == persisted
    assert await layer.create_user(User(identifier="mallory")) is None
    assert await store.find_user("mallory") is None


async def test_thread_is_the_session_transcript_with_its_persona(store, layer):
    ana = await store.add_user("ana", "agent")
    session_id = await practice(store, ana, replies=("I hear you.", "What happened on Tuesday?"))

    thread = await layer.get_thread(session_id)

    assert thread["userIdentifier"] == "ana" and thread["userId"] == ana.id
    assert await layer.get_thread_author(session_id) == "ana"  # what Chainlit compares with the login
    assert thread["name"].startswith("Dana Reyes · ")
    assert thread["metadata"]["chat_profile"] == "isp-dana" and thread["metadata"]["mode"] == "coach"
    assert "is_shared" not in thread["metadata"]
    assert [(s["type"], s["name"], s["output"]) for s in thread["steps"]] == [
        ("assistant_message", "Dana Reyes", "Three days without internet!"),
        ("user_message", "ana", "I hear you."),
        ("assistant_message", "Dana Reyes", "answer 1"),
        ("user_message", "ana", "What happened on Tuesday?"),
        ("assistant_message", "Dana Reyes", "answer 2"),
    ]
    assert len({s["id"] for s in thread["steps"]}) == 5


async def test_unknown_thread_has_no_author_and_no_content(layer):
    assert await layer.get_thread_author("nope") == ""
    assert await layer.get_thread("nope") is None


async def test_list_threads_shows_only_the_users_answered_sessions_newest_first(store, layer):
    ana, bob = await store.add_user("ana", "agent"), await store.add_user("bob", "agent")
    first = await practice(store, ana)
    second = await practice(store, ana)
    await practice(store, ana, replies=())  # opened, never answered: not history
    await practice(store, bob)

    page = await layer.list_threads(Pagination(first=10), ThreadFilter(userId=ana.id))

    assert [t["id"] for t in page.data] == [second, first]
    assert {t["userIdentifier"] for t in page.data} == {"ana"}
    assert page.pageInfo.hasNextPage is False


async def test_list_threads_pages_with_a_cursor(store, layer):
    ana = await store.add_user("ana", "agent")
    ids = [await practice(store, ana) for _ in range(3)][::-1]

    first = await layer.list_threads(Pagination(first=2), ThreadFilter(userId=ana.id))
    rest = await layer.list_threads(Pagination(first=2, cursor=first.pageInfo.endCursor), ThreadFilter(userId=ana.id))

    assert [t["id"] for t in first.data] == ids[:2] and first.pageInfo.hasNextPage
    assert [t["id"] for t in rest.data] == ids[2:] and not rest.pageInfo.hasNextPage


async def test_list_threads_search_and_missing_user(store, layer):
    ana = await store.add_user("ana", "agent")
    await practice(store, ana)
    await practice(store, ana, persona_id="retired-persona")

    found = await layer.list_threads(Pagination(first=10), ThreadFilter(userId=ana.id, search="dana"))
    assert [t["metadata"]["chat_profile"] for t in found.data] == ["isp-dana"]
    assert (await layer.list_threads(Pagination(first=10), ThreadFilter())).data == []


async def test_sessions_cannot_be_deleted_from_the_practice_app(store, layer):
    ana = await store.add_user("ana", "agent")
    session_id = await practice(store, ana)
    with pytest.raises(HTTPException) as refused:
        await layer.delete_thread(session_id)
    assert refused.value.status_code == 403
    assert (await store.load_session(session_id)).id == session_id


async def test_chainlit_writes_do_not_touch_the_store(store, layer):
    ana = await store.add_user("ana", "agent")
    session_id = await practice(store, ana)
    await layer.update_thread(session_id, name="renamed", metadata={"is_shared": True})
    thread = await layer.get_thread(session_id)
    assert thread["name"].startswith("Dana Reyes") and "is_shared" not in thread["metadata"]


async def test_users_who_cannot_log_in_are_unknown_with_their_sessions(store, persona):
    ana = await store.add_user("ana", "agent", password_hash="x")
    local = await store.add_user("local", "trainer")
    layer = StoreDataLayer(store, {persona.id: persona}.get, may_log_in=lambda user: user.has_password)
    theirs, mine = await practice(store, local), await practice(store, ana)

    assert await layer.get_user("local") is None
    assert await layer.get_thread_author(theirs) == "" and await layer.get_thread(theirs) is None
    assert await layer.get_thread_author(mine) == "ana"
