"""A LangChain callback that writes every chat-model call to the llm_calls table.

    models.judge.callbacks = [LlmCallLogger(store, "judge")]           # once, when the models are made
    await model.ainvoke(messages, config={"metadata": {"session_id": sid}})   # optional: tie calls to a session

Streaming calls are logged once, when the stream ends, with the whole text. A failing log write is
reported in the application log and never breaks the conversation.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import BaseMessage, convert_to_openai_messages
from langchain_core.outputs import LLMResult

from bot.store.llm_log import LlmCallLog

log = logging.getLogger(__name__)


class LlmCallLogger(AsyncCallbackHandler):
    def __init__(self, store: LlmCallLog, role: str):
        self.store, self.role = store, role
        self._pending: dict[UUID, dict[str, Any]] = {}

    async def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], *, run_id: UUID,
        metadata: dict[str, Any] | None = None, invocation_params: dict[str, Any] | None = None, **kwargs: Any,
    ) -> None:
        metadata, params = metadata or {}, invocation_params or {}
        self._pending[run_id] = {
            "prompt": convert_to_openai_messages(messages[0]) if messages else [],
            "model": metadata.get("ls_model_name") or params.get("model") or params.get("model_name"),
            "session_id": metadata.get("session_id"),
            "started": time.perf_counter(),
        }

    async def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        generations = response.generations[0] if response.generations else []
        await self._write(run_id, response=generations[0].text if generations else "")

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        await self._write(run_id, error=f"{type(error).__name__}: {error}")

    async def _write(self, run_id: UUID, *, response: str | None = None, error: str | None = None) -> None:
        call = self._pending.pop(run_id, None)
        if call is None:
            return
        try:
            await self.store.log_llm_call(
                role=self.role, model=call["model"], prompt=call["prompt"], response=response, error=error,
                ms=round((time.perf_counter() - call["started"]) * 1000, 1), session_id=call["session_id"],
            )
        except Exception:  # the log is for debugging; losing a row must not lose a turn
            log.warning("could not log a %s LLM call", self.role, exc_info=True)
