"""The real ChatOpenAI stack against scripted HTTP answers (httpx mock transport) and a closed port:
transient failures are retried, the rest fail at once, and giving up names the endpoint."""

import json
import socket

import httpx2
import pytest
from langchain_core.messages import HumanMessage

from bot.config import Settings
from bot.errors import LLMUnavailable
from bot.llm import make_chat_model, remote_endpoint, stream_text
from bot.llm_retry import RetryPolicy, call_with_retries

FAST = RetryPolicy(attempts=3, initial_wait_s=0.001, max_wait_s=0.002)
BASE_URL = "http://llm.test/v1"


def completion(text: str) -> httpx2.Response:
    body = {
        "id": "c1", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
    }
    return httpx2.Response(200, json=body)


def sse_chunk(text: str) -> bytes:
    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m",
             "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


class ScriptedEndpoint:
    """Answers each request with the next scripted response and counts the requests."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.responses.pop(0)

    def model(self, role="judge", base_url=BASE_URL):
        settings = Settings(llm_base_url=base_url, llm_model="m", llm_api_key="sk-test")
        client = httpx2.AsyncClient(transport=httpx2.MockTransport(self))
        return make_chat_model(role, settings, remote_endpoint(settings), client)


async def ask(model) -> str:
    answer = await call_with_retries(model, lambda: model.ainvoke([HumanMessage("hi")]), FAST)
    return answer.text


async def test_429_and_500_are_retried_until_success():
    endpoint = ScriptedEndpoint(httpx2.Response(429), httpx2.Response(500), completion("I'm still waiting!"))
    assert await ask(endpoint.model()) == "I'm still waiting!"
    assert len(endpoint.requests) == 3


async def test_persistent_503_gives_one_llm_unavailable_naming_the_url():
    endpoint = ScriptedEndpoint(*[httpx2.Response(503) for _ in range(3)])
    with pytest.raises(LLMUnavailable) as caught:
        await ask(endpoint.model())
    assert BASE_URL in str(caught.value) and "after 3 attempts" in str(caught.value)
    assert "the model server answered with an error (503)" in str(caught.value)
    assert "Error code" not in str(caught.value)  # the raw exception text stays in the log
    assert "BOT_LLM_BASE_URL" in str(caught.value)
    assert len(endpoint.requests) == 3


async def test_a_refused_key_fails_at_once_with_a_hint():
    endpoint = ScriptedEndpoint(httpx2.Response(401, json={"error": {"message": "bad key"}}))
    with pytest.raises(LLMUnavailable, match="refused the API key.*BOT_LLM_API_KEY"):
        await ask(endpoint.model())
    assert len(endpoint.requests) == 1


async def test_an_unreachable_endpoint_names_the_url_and_what_to_check():
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    settings = Settings(llm_base_url=url, llm_model="m")
    model = make_chat_model("customer", settings, remote_endpoint(settings))
    with pytest.raises(LLMUnavailable) as caught:
        [piece async for piece in stream_text(model, [HumanMessage("hi")], FAST)]
    message = str(caught.value)
    assert f"The LLM endpoint {url} is unavailable after 3 attempts: could not connect" in message
    assert "check that the server is running" in message


async def test_stream_retries_before_the_first_token_and_assembles_the_text():
    stream = httpx2.Response(
        200, headers={"content-type": "text/event-stream"},
        content=sse_chunk("Three ") + sse_chunk("days!") + b"data: [DONE]\n\n",
    )
    endpoint = ScriptedEndpoint(httpx2.Response(502), stream)
    pieces = [piece async for piece in stream_text(endpoint.model("customer"), [HumanMessage("hi")], FAST)]
    assert pieces == ["Three ", "days!"]
    assert len(endpoint.requests) == 2
    assert json.loads(endpoint.requests[1].content)["stream"] is True


async def test_a_stream_that_breaks_after_the_first_token_is_not_replayed():
    async def broken_body():
        yield sse_chunk("I want ")
        raise httpx2.ReadError("connection reset")

    stream = httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=broken_body())
    endpoint = ScriptedEndpoint(stream, completion("never sent"))
    pieces = []
    with pytest.raises(LLMUnavailable, match="llm.test"):
        async for piece in stream_text(endpoint.model("customer"), [HumanMessage("hi")], FAST):
            pieces.append(piece)
    assert pieces == ["I want "]
    assert len(endpoint.requests) == 1


async def test_an_unknown_model_fails_at_once_naming_it():
    endpoint = ScriptedEndpoint(httpx2.Response(404, json={"error": {"message": "model 'm' not found"}}))
    with pytest.raises(LLMUnavailable, match=r"http://llm.test/v1 does not serve model 'm' \(404\).*BOT_LLM_MODEL"):
        await ask(endpoint.model())
    assert len(endpoint.requests) == 1


def finished(text: str, reason: str) -> httpx2.Response:
    response = completion(text)
    body = json.loads(response.content)
    body["choices"][0]["finish_reason"] = reason
    return httpx2.Response(200, json=body)


async def test_structured_output_puts_the_schema_on_the_wire_and_parses_the_answer():
    from pydantic import BaseModel

    from bot.llm import complete_json

    class Verdict(BaseModel):
        score: int

    endpoint = ScriptedEndpoint(httpx2.Response(500), completion('{"score": 2}'))
    assert await complete_json(endpoint.model(), [HumanMessage("grade")], Verdict, FAST) == Verdict(score=2)
    sent = json.loads(endpoint.requests[1].content)
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["score"]
    assert "extra_body" not in sent and sent["temperature"] == 0.0 and sent["messages"][0]["content"] == "grade"


async def test_a_structured_answer_cut_off_by_the_token_limit_is_a_judge_output_error():
    from pydantic import BaseModel

    from bot.errors import JudgeOutputError
    from bot.llm import complete_json

    class Verdict(BaseModel):
        quote: str

    endpoint = ScriptedEndpoint(finished('{"quote": "and and and', "length"))
    with pytest.raises(JudgeOutputError, match="ran out of tokens"):
        await complete_json(endpoint.model(), [HumanMessage("grade")], Verdict, FAST)
    assert len(endpoint.requests) == 1  # the same request would loop again: not repeated
