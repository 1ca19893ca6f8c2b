"""LlmCallLogger: what a chat model is sent and answers lands in llm_calls."""

from __future__ import annotations

import httpx
import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from bot.store import SqlStore
from bot.store.db import create_engine
from bot.store.llm_callback import LlmCallLogger
from tests.fakes import FakeChatModel

MESSAGES = [SystemMessage("You are Dana, furious."), HumanMessage("How can I help?")]


async def test_invoke_and_stream_are_logged_with_prompt_and_answer(store):
    model = FakeChatModel().enqueue('{"empathy": "none"}', "Three days offline!")
    model.callbacks = [LlmCallLogger(store, "customer")]

    await model.ainvoke(MESSAGES, config={"metadata": {"session_id": "s1"}})
    streamed = "".join([chunk.text async for chunk in model.astream(MESSAGES)])

    stream_call, invoke_call = await store.llm_calls()
    assert invoke_call.prompt == [{"role": "system", "content": "You are Dana, furious."},
                                     {"role": "user", "content": "How can I help?"}]
    assert (invoke_call.response, invoke_call.session_id, invoke_call.role) == ('{"empathy": "none"}', "s1",
                                                                                        "customer")
    assert stream_call.response == streamed == "Three days offline!"
    assert stream_call.session_id is None
    assert stream_call.ms >= 0


async def test_failed_calls_are_logged_with_the_error(store):
    model = FakeChatModel().enqueue_error(httpx.ConnectTimeout("server down"))
    model.callbacks = [LlmCallLogger(store, "judge")]

    with pytest.raises(httpx.ConnectTimeout):
        await model.ainvoke(MESSAGES)

    (call,) = await store.llm_calls()
    assert (call.role, call.response, call.error) == ("judge", None, "ConnectTimeout: server down")


async def test_a_broken_log_never_breaks_the_call(tmp_path, caplog):
    unmigrated = SqlStore(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"))  # no llm_calls table
    model = FakeChatModel().enqueue("still answered")
    model.callbacks = [LlmCallLogger(unmigrated, "customer")]
    try:
        assert (await model.ainvoke(MESSAGES)).text == "still answered"
    finally:
        await unmigrated.close()
    assert "could not log a customer LLM call" in caplog.text
