"""SqlStore as the session core's SessionStore: round trips, replace-by-index, durability, concurrency."""

from __future__ import annotations

import asyncio

import pytest

from bot.errors import NotFound
from bot.store import SqlStore, open_store
from tests.store.builders import debrief, reply_grade, turn


@pytest.fixture
async def agent(store):
    return await store.add_user("dana", "agent", team="blue")


async def start(store: SqlStore, user_id: str, persona: str = "isp-dana", mode: str = "coach") -> str:
    return await store.start_session(user_id=user_id, persona_id=persona, rubric_id="deescalation", mode=mode)


async def test_session_round_trip_keeps_every_field(store, agent):
    session_id = await start(store, agent.id)
    turns = [turn(0), turn(1, grade=reply_grade()), turn(2, grade=reply_grade("generic"), anger=4, trust=6)]
    for t in turns:
        await store.save_turn(session_id, t)
    await store.save_debrief(session_id, debrief())
    await store.end_session(session_id, "resolved")

    record = await store.load_session(session_id)

    assert record.turns == turns
    assert record.turns[1].grade.criteria["open_questions"].status == "not_applicable"
    assert record.turns[1].grade.ungraded == ["promises"]
    assert list(record.turns[1].grade.criteria) == ["empathy", "open_questions", "promises"]
    assert record.debrief == debrief()
    assert (record.user_id, record.persona_id, record.mode, record.end_reason) == (agent.id, "isp-dana", "coach",
                                                                                    "resolved")
    assert record.started_at <= record.ended_at
    assert record.started_at.tzinfo is not None


async def test_turn_is_committed_when_saved(store, store_url, agent):
    session_id = await start(store, agent.id)
    saved = turn(1, grade=reply_grade())
    await store.save_turn(session_id, saved)

    other = await open_store(store_url)  # a new engine: a new connection pool
    try:
        assert (await other.load_session(session_id)).turns == [saved]
    finally:
        await other.close()


async def test_saving_a_turn_index_again_replaces_it(store, agent):
    session_id = await start(store, agent.id)
    await store.save_turn(session_id, turn(1))
    regraded = turn(1, grade=reply_grade(), anger=3)
    await store.save_turn(session_id, regraded)

    assert (await store.load_session(session_id)).turns == [regraded]


async def test_control_characters_from_a_model_never_lose_a_turn(store, agent):
    # PostgreSQL refuses NUL in text; a customer model (or a judge's reason) can emit one.
    session_id = await start(store, agent.id)
    noisy = turn(1, grade=reply_grade())
    noisy.customer_text = "Three days\x00 offline!\x1b[0m\nAnd\tnow?\x7f"
    noisy.grade.criteria["promises"].reason = "not valid JSON:\x00 {"
    noisy.guard_events[0].rejected_text = "How can I\x00 help?"
    await store.save_turn(session_id, noisy)

    [stored] = (await store.load_session(session_id)).turns
    assert stored.customer_text == "Three days offline![0m\nAnd\tnow?"  # tab and line break kept
    assert stored.grade.criteria["promises"].reason == "not valid JSON: {"
    assert stored.guard_events[0].rejected_text == "How can I help?"
    assert stored.agent_text == noisy.agent_text


async def test_regrade_replaces_the_current_grade_and_keeps_the_old_one(store, agent):
    session_id = await start(store, agent.id)
    await store.save_turn(session_id, turn(1, grade=reply_grade("specific")))
    await store.save_turn(session_id, turn(1, grade=reply_grade("specific")))  # unchanged: no new history
    await store.save_turn(session_id, turn(1, grade=reply_grade("generic")))

    current = (await store.load_session(session_id)).turns[0].grade
    assert current.level("empathy") == "generic"
    empathy_history = [g for g in await store.grade_history(session_id, 1) if g.criterion == "empathy"]
    assert [(g.level, g.superseded) for g in empathy_history] == [("specific", True), ("generic", False)]
    assert len(await store.grade_history(session_id, 1)) == 4  # 3 criteria + the regraded one


async def test_removing_the_grade_leaves_the_turn_ungraded(store, agent):
    session_id = await start(store, agent.id)
    await store.save_turn(session_id, turn(1, grade=reply_grade()))
    await store.save_turn(session_id, turn(1))

    assert (await store.load_session(session_id)).turns[0].grade is None
    assert all(g.superseded for g in await store.grade_history(session_id, 1))


async def test_newest_debrief_wins(store, agent):
    session_id = await start(store, agent.id)
    await store.save_debrief(session_id, debrief(40.0))
    await store.save_debrief(session_id, debrief(None))

    assert (await store.load_session(session_id)).debrief.overall is None


async def test_unknown_session_and_user_are_reported(store, agent):
    with pytest.raises(NotFound, match="nope"):
        await store.load_session("nope")
    with pytest.raises(NotFound):
        await store.save_turn("nope", turn(1))
    with pytest.raises(NotFound):
        await store.end_session("nope", "resolved")
    with pytest.raises(NotFound, match="bot users add"):
        await start(store, "no-such-user")


async def test_many_coroutines_write_sessions_at_once(store, agent):
    async def practise(n: int) -> str:
        session_id = await start(store, agent.id, persona=f"p{n}")
        for index in range(4):
            await store.save_turn(session_id, turn(index, grade=reply_grade() if index else None))
        await store.end_session(session_id, "resolved")
        return session_id

    session_ids = await asyncio.gather(*(practise(n) for n in range(12)))

    for session_id in session_ids:
        record = await store.load_session(session_id)
        assert [t.index for t in record.turns] == [0, 1, 2, 3]
        assert record.end_reason == "resolved"


async def test_llm_calls_are_logged(store, agent):
    session_id = await start(store, agent.id)
    prompt = [{"role": "system", "content": "You are Dana."}, {"role": "user", "content": "Hello"}]
    await store.log_llm_call(role="customer", model="smollm2", prompt=prompt, response="Fix it!", ms=120.0,
                             session_id=session_id)
    await store.log_llm_call(role="judge", model="smollm2", prompt=prompt, response=None, error="timeout")

    logged = await store.llm_calls()
    assert [(c.role, c.response, c.error) for c in logged] == [("judge", None, "timeout"),
                                                                        ("customer", "Fix it!", None)]
    assert logged[1].prompt == prompt
    assert [c.role for c in await store.llm_calls(session_id=session_id)] == ["customer"]
