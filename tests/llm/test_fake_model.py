"""The scripted model other packages test with: its API is a contract, so it is tested too."""

import pytest
from langchain_core.messages import HumanMessage

from tests.fakes import FakeChatModel


async def test_answers_queued_texts_in_order_and_records_calls():
    model = FakeChatModel().enqueue("first", "second")
    assert (await model.ainvoke([HumanMessage("a")])).content == "first"
    assert model.invoke("b").content == "second"
    assert [call[-1].content for call in model.calls] == ["a", "b"]


async def test_streams_the_queued_text_in_pieces():
    model = FakeChatModel().enqueue("I want  my refund now.")
    pieces = [chunk.text async for chunk in model.astream("hi")]
    assert len([piece for piece in pieces if piece]) == 5
    assert "".join(pieces) == "I want  my refund now."


async def test_raises_a_queued_error_in_its_turn():
    model = FakeChatModel().enqueue("ok").enqueue_error(TimeoutError("slow"))
    await model.ainvoke("one")
    with pytest.raises(TimeoutError, match="slow"):
        await model.ainvoke("two")
    with pytest.raises(AssertionError, match="call #3 has no queued answer"):
        await model.ainvoke("three")


async def test_records_bound_kwargs():
    model = FakeChatModel().enqueue("{}")
    await model.bind(response_format={"type": "json_object"}).ainvoke("x")
    assert model.call_kwargs == [{"response_format": {"type": "json_object"}}]
