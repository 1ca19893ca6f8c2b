"""kill -9 of the app mid-session: after a restart every committed turn is in the store and the trainee
can go on with the session, or end it and get the debrief. Real processes: `bot serve` (bench/app_process)
driven over Chainlit's socket.io (bench/chainlit_client), the LLM faked (bench/fake_llm)."""

from __future__ import annotations

import asyncio

import pytest

from bench.app_process import AppProcess
from bench.chainlit_client import ChatClient
from bench.fake_llm import FakeLLM, Pace
from bench.practice_driver import AGENT_REPLIES
from bot.config import PROJECT_ROOT
from bot.files import load_persona
from bot.store import opened_store

DANA = load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")
API_KEY = "sk-test-secret-key-never-logged-0123456789"


async def stored(database_url: str, session_id: str):
    async with opened_store(database_url) as store:
        return await store.load_session(session_id)


def client(app: AppProcess, thread_id: str | None = None) -> ChatClient:
    return ChatClient(app.url, DANA.id, DANA.name, thread_id=thread_id)


async def test_kill_9_loses_no_committed_turn_and_the_session_resumes(tmp_path):
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    # The customer takes 1.5 s to start answering: long enough to kill the app while it "thinks".
    with FakeLLM(Pace(latency_s=1.5, tokens_per_s=200)) as llm:
        app = AppProcess(llm.base_url, database_url, log_path=tmp_path / "app.log", llm_api_key=API_KEY)
        app.start()
        try:
            trainee = client(app)
            await trainee.open()
            for text in AGENT_REPLIES[:2]:
                assert (await trainee.say(text)).first_text_s is not None
            session_id = trainee.thread_id
            app.kill()  # between two replies

            record = await stored(database_url, session_id)
            assert [t.agent_text for t in record.turns[1:]] == AGENT_REPLIES[:2]
            assert all(t.customer_text for t in record.turns) and record.ended_at is None

            app.start()
            trainee = client(app, thread_id=session_id)
            await trainee.open()  # reopened from the history: on_chat_resume
            assert any("still open" in str(step.get("output")) for step in trainee.resumed_steps)
            assert (await trainee.say(AGENT_REPLIES[2])).first_text_s is not None  # the session goes on

            sending = asyncio.create_task(trainee.say(AGENT_REPLIES[3]))
            await asyncio.sleep(0.7)  # the reply is committed; the customer has not started answering
            app.kill()
            sending.cancel()

            record = await stored(database_url, session_id)
            assert [t.agent_text for t in record.turns[1:]] == AGENT_REPLIES[:4]
            assert record.turns[-1].customer_text is None and record.turns[-1].grade is not None

            app.start()
            trainee = client(app, thread_id=session_id)
            await trainee.open()
            assert any("never answered your last reply" in str(step.get("output")) for step in trainee.resumed_steps)
            await trainee.act("end_session")
            await trainee.notice("## Debrief:", timeout=30)
        finally:
            app.stop()

    record = await stored(database_url, session_id)
    assert record.end_reason == "agent_ended" and record.debrief is not None
    assert [t.agent_text for t in record.turns[1:]] == AGENT_REPLIES[:4]
    # Neither the LLM key nor the login-signing secret is written to the log or the store.
    secrets = (API_KEY, app.env["BOT_AUTH_SECRET"])
    for path in (tmp_path / "app.log", tmp_path / "bot.db"):
        assert not any(secret.encode() in path.read_bytes() for secret in secrets), path
