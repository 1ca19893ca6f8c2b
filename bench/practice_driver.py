"""Drive the real session core (the app's own wiring, bot.web.practice.PracticeRuntime) against an
OpenAI-compatible endpoint, with timings. Shared by bench/latency.py, bench/faults.py and tests/reliability.

    async with practice_runtime(base_url, database_url, engine="hybrid") as runtime:
        session = await new_session(runtime, "isp-dana")
        timing = await timed_reply(session, AGENT_REPLIES[0])
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.config import Settings
from bot.customer import CustomerDraft
from bot.errors import InputError, LLMUnavailable
from bot.files import load_catalog
from bot.llm import ChatModels, remote_endpoint
from bot.session import CustomerMessage, Ended, PracticeSession
from bot.store import opened_store
from bot.web.practice import PracticeRuntime

# A trainee who does reasonably well: listens and asks first (no commitment, so the session cannot resolve
# yet), then offers next steps, so the customer calms down and the session runs its course.
AGENT_REPLIES = [
    "Three days without internet when you work from home sounds exhausting. What happened when you called before?",
    "That's so frustrating, losing a day of work because nobody turned up. What times would suit you for a visit?",
    "It sounds like this has hit your deadlines hard. How has it affected your work this week?",
    "Thank you for explaining all of that. What matters most to you right now, the visit or the lost days?",
    "The earliest slot I can book is Thursday between 8 and 12. Would that work for you?",
    "I can add a $20 credit for the days you lost, and I'll send the booking confirmation to your email now.",
]


@dataclass(frozen=True)
class TurnTiming:
    """One agent reply, measured from the moment it is handed to the session."""

    first_text_s: float | None  # until the first customer text is released to the trainee
    total_s: float  # until the customer's message is final and saved
    first_draft: str  # the first text released (its length says how long the model streamed before it)
    ended: bool
    error: str | None = None  # what the trainee was told when the customer could not answer


def settings_for(base_url: str, database_url: str, engine: str, **overrides: object) -> Settings:
    return Settings(llm_base_url=base_url, llm_model="fake", database_url=database_url, grading_engine=engine,
                    auth_secret="bench-secret-0123456789abcdef-0123456789abcdef", **overrides)


@asynccontextmanager
async def practice_runtime(base_url: str, database_url: str, engine: str = "offline",
                           **overrides: object) -> AsyncIterator[PracticeRuntime]:
    """The runtime the app builds at start-up, on ``base_url``, with grading ``engine``."""
    settings = settings_for(base_url, database_url, engine, **overrides)
    async with opened_store(database_url) as store:
        models = ChatModels.create(settings, remote_endpoint(settings))
        try:
            yield PracticeRuntime(settings, store, load_catalog(settings), models, login_required=True)
        finally:
            await models.aclose()


async def new_session(runtime: PracticeRuntime, persona_id: str, user_name: str = "bench-agent") -> PracticeSession:
    try:
        user = await runtime.store.add_user(user_name, "agent")
    except InputError:  # made by an earlier (or concurrent) session
        user = await runtime.store.find_user(user_name)
    session = runtime.session(runtime.persona(persona_id), user, "coach")
    await session.start()
    return session


async def timed_reply(session: PracticeSession, text: str, retry: bool = False) -> TurnTiming:
    """Send ``text`` (or, with ``retry``, ask the customer again) and time what the trainee sees."""
    started = time.perf_counter()
    first_at, first_draft, done_at, ended = None, "", None, False
    events = session.retry_customer() if retry else session.reply(text)
    try:
        async for event in events:
            if isinstance(event, CustomerDraft) and first_at is None:
                first_at, first_draft = time.perf_counter() - started, event.text
            elif isinstance(event, CustomerMessage):
                done_at = time.perf_counter() - started
                if first_at is None:  # a fallback line: no drafts
                    first_at, first_draft = done_at, event.turn.customer_text or ""
            elif isinstance(event, Ended):  # the debrief is not part of the turn
                ended = True
    except LLMUnavailable as error:
        return TurnTiming(first_at, time.perf_counter() - started, first_draft, ended, str(error))
    return TurnTiming(first_at, done_at or time.perf_counter() - started, first_draft, ended)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
