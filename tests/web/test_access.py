"""Through the real app's HTTP endpoints: who can log in, and that nobody reads another agent's sessions."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from bot import accounts
from bot.config import Settings
from bot.domain import Mood, Turn
from bot.store import opened_store
from bot.web.app import create_app

PASSWORD = "correct horse battery"


def settings_for(tmp_path) -> Settings:
    # The LLM endpoint is never called here: a remote URL is not contacted at start-up.
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", llm_base_url="http://127.0.0.1:9/v1",
                    llm_model="fake", grading_engine="offline", auth_secret="test-secret-0123456789abcdef-0123456789")


def prepare(settings: Settings, *users: str) -> str:
    """Create users (with passwords) and one answered session of the first one; returns its id."""

    async def run() -> str:
        async with opened_store(settings.database_url) as store:
            created = [await accounts.add_user(store, name, "agent", password=PASSWORD) for name in users]
            session_id = await store.start_session(user_id=created[0].id, persona_id="isp-dana",
                                                   rubric_id="deescalation", mode="coach")
            await store.save_turn(session_id, Turn(index=0, agent_text=None, mood=Mood(anger=7, trust=2),
                                                   customer_text="Three days!"))
            await store.save_turn(session_id, Turn(index=1, agent_text="That sounds awful.",
                                                   mood=Mood(anger=6, trust=3), customer_text="It is."))
            return session_id

    return asyncio.run(run())


def log_in(client: TestClient, name: str) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"username": name, "password": PASSWORD})
    assert response.status_code == 200, response.text


@pytest.fixture
def two_agents(tmp_path):
    settings = settings_for(tmp_path)
    anas_session = prepare(settings, "ana", "bob")
    with TestClient(create_app(settings)) as client:
        yield client, anas_session


def test_with_users_the_app_asks_for_a_password(two_agents):
    client, _ = two_agents
    config = client.get("/auth/config").json()
    assert config["passwordAuth"] is True and config["headerAuth"] is False
    assert client.post("/login", data={"username": "ana", "password": "wrong password"}).status_code == 401
    assert client.post("/login", data={"username": "nobody", "password": PASSWORD}).status_code == 401
    assert client.get("/healthz").status_code == 200, "Chainlit's catch-all must not shadow the app's routes"


def test_an_agent_reads_their_own_session(two_agents):
    client, session_id = two_agents
    log_in(client, "ana")
    thread = client.get(f"/project/thread/{session_id}").json()
    assert [s["output"] for s in thread["steps"]] == ["Three days!", "That sounds awful.", "It is."]
    listed = client.post("/project/threads", json={"pagination": {"first": 20}, "filter": {}}).json()
    assert [t["id"] for t in listed["data"]] == [session_id]


def test_an_agent_cannot_reach_another_agents_session(two_agents):
    client, anas_session = two_agents
    log_in(client, "bob")
    assert client.get(f"/project/thread/{anas_session}").status_code == 401
    assert client.get(f"/project/thread/{anas_session}/element/x").status_code == 401
    assert client.put("/project/thread", json={"threadId": anas_session, "name": "mine"}).status_code == 401
    assert client.request("DELETE", "/project/thread", json={"threadId": anas_session}).status_code == 401
    assert client.put("/project/thread/share", json={"threadId": anas_session, "isShared": True}).status_code == 401
    assert client.get(f"/project/share/{anas_session}").status_code == 404
    listed = client.post("/project/threads", json={"pagination": {"first": 20}, "filter": {"userId": "x"}}).json()
    assert listed["data"] == [], "the user filter is the logged-in user's, whatever the request says"


def test_without_users_everyone_is_the_local_user(tmp_path):
    with TestClient(create_app(settings_for(tmp_path))) as client:
        config = client.get("/auth/config").json()
        assert config["headerAuth"] is True and config["passwordAuth"] is False
        assert client.post("/auth/header").status_code == 200
        assert client.get("/user").json()["identifier"] == accounts.LOCAL_USER_NAME
