"""The llm_calls log: every prompt and response the product sends to a model, for debugging and audits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from bot.store.db import StoreBase
from bot.store.models import LlmCallRow
from bot.store.records import LlmCall


class LlmCallLog(StoreBase):
    async def log_llm_call(
        self,
        *,
        role: str,
        model: str | None,
        prompt: Sequence[dict[str, Any]],
        response: str | None,
        ms: float | None = None,
        error: str | None = None,
        session_id: str | None = None,
    ) -> None:
        """prompt: the messages as sent, e.g. [{"role": "system", "content": "..."}]."""
        async with self.transaction() as db:
            db.add(LlmCallRow(
                role=role, model=model, prompt=list(prompt), response=response, ms=ms, error=error,
                session_id=session_id,
            ))

    async def llm_calls(self, *, session_id: str | None = None, limit: int = 100) -> list[LlmCall]:
        """Newest first."""
        query = select(LlmCallRow).order_by(LlmCallRow.id.desc()).limit(limit)
        if session_id is not None:
            query = query.where(LlmCallRow.session_id == session_id)
        async with self.reading() as db:
            rows = await db.scalars(query)
            return [LlmCall.model_validate(row, from_attributes=True) for row in rows]
