"""A scripted chat model for logic tests: no network, answers what the test queued.

    model = FakeChatModel().enqueue("I want my money back!", '{"score": 2}')
    model.enqueue_error(httpx.ConnectTimeout("down"))   # the next call raises this
    ... await model.ainvoke(messages) / model.astream(messages) ...
    model.calls[0]          # the messages of the first call
    model.call_kwargs[0]    # the extra kwargs of that call (e.g. response_format)

It is a real langchain ``BaseChatModel``, so `.bind()`, `ainvoke`, `astream` and callbacks behave as with
ChatOpenAI. Streaming yields the queued text word by word (whitespace kept), so joining the chunks gives
the text back. An empty queue is a test bug and raises AssertionError naming the call.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class FakeChatModel(BaseChatModel):
    model_name: str = "fake-model"
    queue: list[str | BaseException] = Field(default_factory=list)
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    call_kwargs: list[dict[str, Any]] = Field(default_factory=list)

    def enqueue(self, *texts: str) -> FakeChatModel:
        """Queue answers, one per future call, in order."""
        self.queue.extend(texts)
        return self

    def enqueue_error(self, error: BaseException) -> FakeChatModel:
        """Make the next call (in queue order) raise ``error`` instead of answering."""
        self.queue.append(error)
        return self

    @property
    def _llm_type(self) -> str:
        return "fake-chat-model"

    def _next_answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        self.calls.append(list(messages))
        self.call_kwargs.append(dict(kwargs))
        if not self.queue:
            last = messages[-1].content if messages else ""
            raise AssertionError(f"FakeChatModel call #{len(self.calls)} has no queued answer (last: {last!r})")
        answer = self.queue.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next_answer(messages, kwargs)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._generate(messages, stop, **kwargs)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next_answer(messages, kwargs)
        for piece in re.findall(r"\s*\S+\s*|\s+", text):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        for chunk in self._stream(messages, stop, **kwargs):
            if run_manager:
                await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
            yield chunk
