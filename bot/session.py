"""One practice conversation, UI-agnostic: Chainlit, `bot simulate` and the tests all drive this.

    session = PracticeSession(persona=..., rubric=..., customer=CustomerVoice(model, prompts),
                              mood_grader=OfflineGrader(), store=MemoryStore(), settings=settings)
    opening = await session.start()                      # turn 0: the persona's opening line
    async for event in session.reply("I'm so sorry..."):  # Graded, CustomerDraft..., CustomerMessage, Ended?
        ...
    await session.end("agent_ended")                     # or the session ends by itself (bot.ending)

Per reply: the agent's text is graded by the offline ``mood_grader`` (milliseconds; it moves the mood)
and saved while the customer model starts (the write is off the trainee's wait, but the customer's
words are shown only once it is committed; it happens even when grading fails). An optional
``refining_grader`` (the LLM judge) runs concurrently and replaces the stored grade when it is done;
the customer never waits for it and the mood never changes after the fact.
If the customer model fails, LLMUnavailable propagates with the agent's turn saved;
``retry_customer()`` asks again for that turn.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from bot import ending as endings
from bot.config import Settings
from bot.compose import Answering
from bot.customer import CustomerDraft, CustomerVoice, facts_to_reveal
from bot.domain import Debrief, EndReason, GradingItem, ItemContext, Message, MoodBand, Persona, Rubric, Turn
from bot.errors import InputError
from bot.grading.offline import ENGINE as OFFLINE_ENGINE
from bot.mood import next_mood
from bot.ports import Grader, Mode, SessionRecord, SessionStore
from bot.text import without_control_characters

log = logging.getLogger(__name__)

DebriefBuilder = Callable[[Persona, Rubric, list[Turn]], Debrief | Awaitable[Debrief]]


@dataclass(frozen=True)
class Graded:
    """The reply is graded and the mood moved; ``reasons`` say why, one per change."""

    turn: Turn
    reasons: list[str]


@dataclass(frozen=True)
class CustomerMessage:
    """The customer's message is final (``turn.customer_text``) and saved."""

    turn: Turn


@dataclass(frozen=True)
class Ended:
    reason: EndReason
    why: str
    debrief: Debrief | None


SessionEvent = Graded | CustomerDraft | CustomerMessage | Ended


@dataclass(frozen=True)
class _Situation:
    customer_was_abusive: bool
    boundaries_before: int


class PracticeSession:
    def __init__(
        self,
        *,
        persona: Persona,
        rubric: Rubric,
        customer: CustomerVoice,
        mood_grader: Grader,
        store: SessionStore,
        settings: Settings,
        refining_grader: Grader | None = None,
        debrief: DebriefBuilder | None = None,
        user_id: str = "anonymous",
        mode: Mode = "coach",
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ):
        self.persona, self.rubric, self.customer = persona, rubric, customer
        self.mood_grader, self.refining_grader, self.build_debrief = mood_grader, refining_grader, debrief
        self.store, self.settings, self.user_id, self.mode = store, settings, user_id, mode
        self.rng, self.clock = rng or random.Random(), clock
        self.session_id: str | None = None
        self.turns: list[Turn] = []
        self.end_reason: EndReason | None = None
        self._refinements: set[asyncio.Task] = set()
        self._save_lock = asyncio.Lock()
        self._turn_write: asyncio.Task | None = None
        self._pending_refinement: tuple[Turn, GradingItem] | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> Turn:
        """Open the session in the store; the customer's opening line becomes turn 0."""
        self.session_id = await self.store.start_session(
            user_id=self.user_id, persona_id=self.persona.id, rubric_id=self.rubric.id, mode=self.mode
        )
        mood = self.persona.start_mood
        # A customer who starts abusive opens with an abusive line, not the usual opener.
        abusive_start = mood.band(self.persona.temperament.abusive_at) == MoodBand.abusive
        lines = self.persona.lines[MoodBand.abusive] if abusive_start else self.persona.opening_lines
        opening = Turn(index=0, agent_text=None, mood=mood, customer_text=self.rng.choice(lines))
        self.turns.append(opening)
        await self._save(opening)
        return opening

    def resume(self, record: SessionRecord) -> None:
        """Continue a stored session (after a restart or a reconnect) instead of start()ing a new one.
        A missing customer answer can then be asked for with retry_customer()."""
        self.session_id, self.turns, self.end_reason = record.id, list(record.turns), record.end_reason

    async def reply(self, agent_text: str) -> AsyncIterator[SessionEvent]:
        text = self._validate(agent_text)
        previous = self.turns[-1]
        turn = Turn(index=len(self.turns), agent_text=text, mood=previous.mood)
        self.turns.append(turn)
        try:
            item = self._grading_item(turn.index)
            started = self.clock()
            turn.grade = await self.mood_grader.grade(item, self.rubric)
            turn.grading_ms = (self.clock() - started) * 1000
            situation = self._situation(turn)
            turn.mood, reasons = next_mood(previous.mood, turn.grade, self.persona, text,
                                           situation.customer_was_abusive, situation.boundaries_before)
            reveal = facts_to_reveal(self.persona, turn.grade, text, self._revealed_topics())
            turn.revealed_facts = [fact.topic for fact in reveal]
        finally:
            # One write, while the customer model starts (a commit here would add to the trainee's wait),
            # also when grading failed (nothing typed is lost); the customer's words wait for it.
            self._turn_write = asyncio.create_task(self._save(turn))
        if self.refining_grader is not None:
            # Started once the customer's first words are out: the judge's set-up (prompt, schema, detectors)
            # is CPU work on this event loop that would otherwise delay the customer's request.
            self._pending_refinement = (turn, item)
        yield Graded(turn, reasons)
        async for event in self._customer_answer(turn):
            yield event

    async def retry_customer(self) -> AsyncIterator[SessionEvent]:
        """Ask the customer again for the last agent reply, after an LLMUnavailable."""
        if self.turns[-1].customer_text is not None or self.turns[-1].grade is None:
            raise InputError("There is no customer message to retry: the last one arrived.")
        async for event in self._customer_answer(self.turns[-1]):
            yield event

    async def end(self, reason: EndReason = "agent_ended", why: str = "the agent ended the chat") -> Ended:
        """End the session (idempotent), wait for grade refinements, store the debrief."""
        if self.end_reason is not None:
            return Ended(self.end_reason, why, None)
        self.end_reason = reason
        await self.store.end_session(self._id, reason)
        await self.settle()
        debrief = None
        if self.build_debrief is not None:
            debrief = self.build_debrief(self.persona, self.rubric, list(self.turns))
            if inspect.isawaitable(debrief):
                debrief = await debrief
            await self.store.save_debrief(self._id, debrief)
        return Ended(reason, why, debrief)

    async def refinements_done(self) -> None:
        """Wait for the judge's grades in flight (no re-asking)."""
        self._start_pending_refinement()
        if self._refinements:
            await asyncio.gather(*self._refinements)

    async def settle(self) -> None:
        """Wait until every refining grade is stored, then ask the judge once more for what it could not
        grade (the endpoint may have recovered since)."""
        await self.refinements_done()
        if self.refining_grader is not None:
            for turn in self.turns:
                if turn.agent_text is not None and not await self._refine(turn, self._grading_item(turn.index),
                                                                          again=True):
                    break  # the judge is still unavailable: do not make the debrief wait on every turn

    # ------------------------------------------------------------------ steps

    async def _customer_answer(self, turn: Turn) -> AsyncIterator[SessionEvent]:
        """The customer's message for a graded turn; everything it needs is derived from the turns."""
        situation = self._situation(turn)
        ending = endings.detect_ending(
            self.persona, turn.mood, turn.grade, turn.agent_text, situation.customer_was_abusive,
            situation.boundaries_before, agent_turns=turn.index, turn_cap=self.settings.turn_cap,
        )
        boundary_set = situation.customer_was_abusive and turn.grade.level("boundary_setting") == "set"
        answering = Answering(
            agent_text=turn.agent_text or "", grade=turn.grade, ending=ending and ending.reason,
            reveal=[fact for fact in self.persona.hidden_facts if fact.topic in turn.revealed_facts],
            boundary=situation.boundaries_before if boundary_set else None, pick=self.rng.choice,
        )
        started = self.clock()
        try:
            async for event in self.customer.speak(self.persona, turn.mood, self.history(), answering):
                if isinstance(event, CustomerDraft):
                    await self._turn_written()  # nothing is shown before the agent's turn is stored
                    yield event
                    self._start_pending_refinement()
                    continue
                turn.customer_text, turn.customer_fallback = event.text, event.fallback
                turn.guard_events = [*turn.guard_events, *event.guard_events]
        finally:
            await self._turn_written()
            self._start_pending_refinement()
        turn.customer_ms = (self.clock() - started) * 1000
        await self._save(turn)
        yield CustomerMessage(turn)
        if ending is not None:
            yield await self.end(ending.reason, ending.why)

    def _situation(self, turn: Turn) -> _Situation:
        """What the agent was answering: was the customer abusive, how many boundaries came before."""
        previous = self.turns[turn.index - 1]
        boundary = turn.grade.criteria.get("boundary_setting") if turn.grade else None
        abusive = previous.mood.band(self.persona.temperament.abusive_at) == MoodBand.abusive or (
            boundary is not None and boundary.status == "graded"
        )
        boundaries = sum(1 for t in self.turns[: turn.index] if t.grade and t.grade.level("boundary_setting") == "set")
        return _Situation(abusive, boundaries)

    def _validate(self, agent_text: str) -> str:
        if self.session_id is None:
            raise InputError("The session has not started yet.", hint="call start() first")
        if self.end_reason is not None:
            raise InputError("This practice session has ended.", hint="start a new one to practise again")
        if self.turns[-1].customer_text is None:
            raise InputError("The customer has not answered your last reply yet.", hint="retry the customer first")
        # Control characters carry nothing a customer reads, and PostgreSQL refuses NUL in text.
        text = without_control_characters(agent_text).strip()
        if not text:
            raise InputError("Your reply is empty.", hint="type what you would say to the customer")
        limit = self.settings.max_message_chars
        if len(text) > limit:
            raise InputError(f"Your reply is {len(text)} characters long; the limit is {limit}.",
                             hint="shorten it: customers in a chat read short messages")
        return text

    def _grading_item(self, index: int) -> GradingItem:
        """The agent reply of turn ``index`` in the context it answered."""
        band = self.turns[index - 1].mood.band(self.persona.temperament.abusive_at).value
        return GradingItem(
            id=f"{self.session_id}-{index}",
            context=ItemContext(persona=f"{self.persona.name}, {band}: {self.persona.scenario}",
                                policy=self.persona.policy_text),
            history=self.history(self.turns[:index]),
            reply=self.turns[index].agent_text or "",
        )

    def history(self, turns: list[Turn] | None = None) -> list[Message]:
        """The conversation (or the given turns of it) as messages, oldest first."""
        messages = []
        for turn in self.turns if turns is None else turns:
            if turn.agent_text is not None:
                messages.append(Message(role="agent", text=turn.agent_text))
            if turn.customer_text is not None:
                messages.append(Message(role="customer", text=turn.customer_text))
        return messages

    def _revealed_topics(self) -> set[str]:
        return {topic for turn in self.turns for topic in turn.revealed_facts}

    def _start_pending_refinement(self) -> None:
        if self._pending_refinement is not None:
            (turn, item), self._pending_refinement = self._pending_refinement, None
            self._start_refinement(turn, item)

    def _start_refinement(self, turn: Turn, item: GradingItem) -> None:
        task = asyncio.create_task(self._refine(turn, item))
        self._refinements.add(task)
        task.add_done_callback(self._refinements.discard)

    async def _refine(self, turn: Turn, item: GradingItem, again: bool = False) -> bool:
        """The judge's grade replaces the offline one; False when the judge could not improve it.
        ``again``: only what is still missing: a turn never refined, or the criteria the judge left
        ungraded (or to the detectors) last time."""
        assert self.refining_grader is not None
        previous = turn.grade
        refined_before = previous is not None and previous.engine != OFFLINE_ENGINE
        regrade = getattr(self.refining_grader, "regrade_ungraded", None)
        refine = getattr(self.refining_grader, "refine", None)
        try:
            if again and refined_before:
                if regrade is None:
                    return True
                turn.grade = await regrade(item, self.rubric, previous)
                if turn.grade is previous:
                    return True  # nothing was missing
            elif refine is not None and previous is not None and previous.engine == OFFLINE_ENGINE:
                turn.grade = await refine(item, self.rubric, previous)  # the detectors' pass is done already
            else:
                turn.grade = await self.refining_grader.grade(item, self.rubric)
        except Exception:  # the offline grade stays; the judge can be re-run later
            log.exception("refining grade failed for turn %s of session %s", turn.index, self.session_id)
            return False
        await self._save(turn)
        return turn.grade.criteria != (previous.criteria if refined_before else None)

    async def _turn_written(self) -> None:
        """Wait for the agent turn's background write; its failure is raised here."""
        write, self._turn_write = self._turn_write, None
        if write is not None:
            await write

    async def _save(self, turn: Turn) -> None:
        async with self._save_lock:  # the refinement task saves the same turn concurrently
            await self.store.save_turn(self._id, turn)

    @property
    def _id(self) -> str:
        assert self.session_id is not None, "start() the session first"
        return self.session_id
