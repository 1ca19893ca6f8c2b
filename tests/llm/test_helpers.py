"""stream_text and complete_json over the scripted model: assembly, retry before the first token, repair."""

import json

import httpx
import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, Field

from bot.errors import JudgeOutputError, LLMUnavailable
from bot.llm import complete_json, stream_text
from bot.llm_retry import RetryPolicy
from tests.fakes import FakeChatModel

FAST = RetryPolicy(attempts=3, initial_wait_s=0.001, max_wait_s=0.002)


class Verdict(BaseModel):
    score: int = Field(ge=0, le=10)
    quote: str


async def collect(model, retry=FAST) -> list[str]:
    return [piece async for piece in stream_text(model, [HumanMessage("hello")], retry)]


async def test_stream_text_yields_non_empty_pieces_that_join_to_the_reply():
    pieces = await collect(FakeChatModel().enqueue("This is the third time I'm calling!"))
    assert "".join(pieces) == "This is the third time I'm calling!"
    assert len(pieces) == 7 and all(pieces)


async def test_stream_text_retries_a_transient_failure_before_the_first_token():
    model = FakeChatModel().enqueue_error(httpx.ConnectError("refused")).enqueue("Finally, someone answers.")
    assert "".join(await collect(model)) == "Finally, someone answers."
    assert len(model.calls) == 2


async def test_stream_text_gives_up_with_llm_unavailable():
    model = FakeChatModel()
    for _ in range(3):
        model.enqueue_error(httpx.ReadTimeout("slow"))
    with pytest.raises(LLMUnavailable, match="after 3 attempts: it timed out"):
        await collect(model)


async def test_a_garbled_event_stream_is_told_in_plain_words():
    model = FakeChatModel()
    for _ in range(3):
        model.enqueue_error(json.JSONDecodeError("Expecting value", "data: {", 6))
    with pytest.raises(LLMUnavailable) as caught:
        await collect(model)
    assert "it sent a garbled answer" in str(caught.value) and "Expecting value" not in str(caught.value)


async def test_stream_text_does_not_retry_programming_errors():
    model = FakeChatModel().enqueue_error(KeyError("bug")).enqueue("never used")
    with pytest.raises(KeyError):
        await collect(model)
    assert len(model.calls) == 1


async def test_complete_json_asks_for_the_schema_and_parses_the_answer():
    model = FakeChatModel().enqueue('{"score": 7, "quote": "I am sorry"}')
    verdict = await complete_json(model, [HumanMessage("grade")], Verdict, FAST)
    assert verdict == Verdict(score=7, quote="I am sorry")
    response_format = model.call_kwargs[0]["extra_body"]["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["schema"]["required"] == ["score", "quote"]


async def test_complete_json_sends_the_validation_error_back_once():
    model = FakeChatModel().enqueue('{"score": 12, "quote": "x"}', '{"score": 2, "quote": "x"}')
    assert (await complete_json(model, [HumanMessage("grade")], Verdict, FAST)).score == 2
    repair_request = model.calls[1][-1].content
    assert "score" in repair_request and "less than or equal to 10" in repair_request


async def test_complete_json_raises_judge_output_error_when_the_repair_fails_too():
    model = FakeChatModel().enqueue("not json", '{"score": "high"}')
    with pytest.raises(JudgeOutputError, match="did not answer with valid Verdict JSON: score"):
        await complete_json(model, [HumanMessage("grade")], Verdict, FAST)
    assert len(model.calls) == 2
