"""The simulated customer: persona + mood + history -> the next customer message, guarded.

Two voices. On the embedded model (SmolLM2-135M) the customer does not generate: its message is composed
from the persona's own lines by what the agent's reply did (``bot.compose``), because that model cannot
stay in character (README "In-character rate"). On a capable endpoint it generates freely, guarded:

Streaming decision: the reply is released to the UI sentence by sentence, each sentence only after the
guard passed it, so the trainee never sees an out-of-role sentence and never sees text taken back.
``CustomerDraft`` carries the text shown so far (it only grows); ``CustomerDone`` the final message.
When a later sentence fails, the message ends with the sentences already shown. When the first one
fails, nothing was shown, so the message is generated again (``attempts`` in all), and after that the
customer falls back on the composed message (facts just earned, a reaction to the reply, a band line).
Guard events are recorded on the turn and never count against the trainee.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from bot import guard
from bot.compose import Answering, band_lines, compose
from bot.domain import EndReason, GuardEvent, HiddenFact, Message, Mood, Persona, ReplyGrade
from bot.errors import LLMUnavailable
from bot.llm import ChatModels, stream_text
from bot.llm_retry import DEFAULT_RETRY, RetryPolicy


class PromptRenderer(Protocol):
    def render(self, name: str, **variables: object) -> str: ...


# --------------------------------------------------------------------------- what the customer is told


def facts_to_reveal(persona: Persona, grade: ReplyGrade, agent_text: str, revealed: set[str]) -> list[HiddenFact]:
    """Hidden facts earned by this reply: an OPEN question (per the grade) touching a fact's ask_about
    words. A closed question or a statement earns nothing, which is the point of the exercise."""
    if grade.level("open_questions") != "open":
        return []
    return [
        fact
        for fact in persona.hidden_facts
        if fact.topic not in revealed
        and any(re.search(rf"\b{re.escape(word)}", agent_text, re.IGNORECASE) for word in fact.ask_about)
    ]


ENDING_GUIDANCE: dict[EndReason, str] = {
    "resolved": "The agent has offered a concrete next step that works for you. Accept it, thank them "
    "briefly and say goodbye.",
    "escalated": "You have had enough of this agent. Demand to speak to a supervisor, and say so plainly.",
    "hung_up": "You are done with this call. Say you are hanging up, and end it.",
    "turn_cap": "This is your last message in the chat: say where things stand for you and sign off.",
    "agent_ended": "The agent is ending the chat. Say goodbye in your current mood.",
}

BOUNDARY_GUIDANCE: dict[str, tuple[str, str]] = {  # on_boundary -> (first boundary, later ones)
    "calms_down": ("The agent asked you to stay respectful. Stop insulting them; you are still upset "
                   "about the problem.",) * 2,
    "pushes_once": ("The agent set a limit on your insults. Push back once: test it with one more rude "
                    "remark.", "The agent held the limit again. Stop insulting them and talk about the "
                    "problem."),
    "hangs_up": ("The agent warned you about your insults. You are one remark away from hanging up.",
                 "You are done with this call. Say you are hanging up, and end it."),
}


def guidance_for(persona: Persona, answering: Answering) -> str:
    if answering.ending is not None:
        return ENDING_GUIDANCE[answering.ending]
    if answering.boundary is not None:
        return BOUNDARY_GUIDANCE[persona.temperament.on_boundary][min(answering.boundary, 1)]
    return ""


def build_messages(
    prompts: PromptRenderer,
    persona: Persona,
    mood: Mood,
    history: list[Message],
    reveal: list[HiddenFact],
    guidance: str,
) -> list[BaseMessage]:
    """System prompt from prompts/customer.md, then the history with the customer as the assistant."""
    band = mood.band(persona.temperament.abusive_at)
    system = prompts.render(
        "customer",
        persona=persona,
        mood=mood,
        band=band.value,
        band_lines=band_lines(persona, band),
        reveal_facts=reveal,
        guidance=guidance,
    )
    chat = [AIMessage(m.text) if m.role == "customer" else HumanMessage(m.text) for m in history]
    return [SystemMessage(system), *chat]


# --------------------------------------------------------------------------- streaming + guard


@dataclass(frozen=True)
class CustomerDraft:
    """The customer's message so far: guarded sentences, safe to show; not final yet."""

    text: str


@dataclass
class CustomerDone:
    text: str
    fallback: bool = False
    guard_events: list[GuardEvent] = field(default_factory=list)


class CustomerVoice:
    def __init__(self, model: BaseChatModel, prompts: PromptRenderer, attempts: int = 2,
                 retry: RetryPolicy = DEFAULT_RETRY, topic_check: bool = True, composed: bool = False):
        self.model, self.prompts, self.attempts, self.retry = model, prompts, attempts, retry
        self.topic_check, self.composed = topic_check, composed

    @classmethod
    def for_models(cls, models: ChatModels, prompts: PromptRenderer) -> CustomerVoice:
        """The customer on the configured endpoint: composed from the persona's lines on the embedded model
        (it cannot stay in character), generated and guarded on a capable endpoint, so a better model
        improves the customer with no code change. The off-topic check is for the tiny embedded model, which
        drifts into fluent nonsense (it applies if that model is made to generate, as the bench can); on a
        capable endpoint it would swap natural small talk ("Okay, that helps.") for scripted lines."""
        embedded = models.endpoint.embedded
        return cls(models.customer, prompts, retry=models.retry, topic_check=embedded, composed=embedded)

    async def speak(
        self, persona: Persona, mood: Mood, history: list[Message], answering: Answering
    ) -> AsyncIterator[CustomerDraft | CustomerDone]:
        """Drafts as sentences pass the guard, then exactly one CustomerDone. Raises LLMUnavailable when
        the model fails before anything was shown. A composed voice gives only the CustomerDone."""
        earlier = [m.text for m in history if m.role == "customer"]
        if self.composed:  # by design, not a fallback: nothing failed, so reviewers see no "model fallback" note
            yield CustomerDone(compose(persona, mood, earlier, answering))
            return
        messages = build_messages(self.prompts, persona, mood, history, answering.reveal,
                                  guidance_for(persona, answering))
        context = guard_context(persona, history, self.topic_check)
        events: list[GuardEvent] = []
        for attempt in range(1, self.attempts + 1):
            released: list[str] = []
            async for draft in self._attempt(messages, persona, context, attempt, released, events):
                yield draft
            if released:
                yield CustomerDone(" ".join(released), guard_events=events)
                return
        yield CustomerDone(compose(persona, mood, earlier, answering), fallback=True, guard_events=events)

    async def _attempt(self, messages, persona, context, attempt, released, events) -> AsyncIterator[CustomerDraft]:
        """One generation. Appends the sentences that pass to ``released`` (yielding a draft each time)
        and the reason it stopped early, if any, to ``events``."""
        raw = ""
        try:
            # aclosing: leaving early (a guard problem, three sentences) closes the HTTP stream at once,
            # which stops the server generating tokens nobody will read.
            async with aclosing(stream_text(self.model, messages, self.retry)) as pieces:
                async for piece in pieces:
                    raw += piece
                    text, cut = guard.clean(raw, persona.name)
                    sentences, rest = guard.split_sentences(text, final=cut)
                    before = len(released)
                    problem = _release(sentences, released, context) or _runaway(rest, released)
                    if len(released) > before:
                        yield CustomerDraft(" ".join(released))
                    if problem:
                        events.append(problem.event(raw, attempt))
                        return
                    if len(released) >= guard.MAX_SENTENCES:
                        return  # the prompt asks for 1-3 sentences: stop listening (and generating) here
                    if cut:
                        break
        except LLMUnavailable as error:
            if attempt == 1 and not released:
                raise  # nothing shown yet: the session lets the trainee retry
            events.append(GuardEvent(kind="llm_error", detail=str(error), rejected_text=raw, attempt=attempt))
            return
        # The stream is over: what is left is judged as a whole.
        text, _ = guard.clean(raw, persona.name)
        sentences, rest = guard.split_sentences(text, final=True)
        if rest and not sentences and not released:
            sentences, rest = [rest], ""  # a single sentence without an end mark is a whole message
        before = len(released)
        problem = _release(sentences, released, context)
        if len(released) > before:
            yield CustomerDraft(" ".join(released))
        if problem is None and not released:
            problem = guard.Problem("empty", "no words")
        if problem is None and rest:
            problem = guard.Problem("cut_off", f"dropped an unfinished sentence: '{rest}'")
        if problem:
            events.append(problem.event(raw, attempt))


def _release(sentences: list[str], released: list[str], context: guard.Context) -> guard.Problem | None:
    """Move the sentences not yet released that pass the guard into ``released``; stop at the first
    that fails and return why."""
    for sentence in sentences[len(released):]:
        problem = guard.sentence_problem(sentence, context, released) or _runaway(sentence, released)
        if problem:
            return problem
        released.append(sentence)
    return None


def _runaway(more: str, released: list[str]) -> guard.Problem | None:
    length = len(" ".join([*released, more]))
    if length > guard.MAX_MESSAGE_CHARS:
        return guard.Problem("too_long", f"over {guard.MAX_MESSAGE_CHARS} characters")
    return None


def persona_lines(persona: Persona) -> list[str]:
    """Everything the persona file says in the customer's voice."""
    return [*persona.opening_lines, *(line for lines in persona.lines.values() for line in lines),
            *persona.reaction_lines]


def situation_text(persona: Persona) -> list[str]:
    """What the persona file says about the case itself: what a customer's sentence should be about.
    Not the example lines: their wording is generic ("I appreciate you trying"), and they are accepted
    word for word anyway (``own_sentences``)."""
    cues = [word for cue in [*persona.triggers, *persona.soothers] for word in cue.when]
    facts = [f"{fact.topic} {fact.fact} {' '.join(fact.ask_about)}" for fact in persona.hidden_facts]
    return [persona.scenario, persona.company, persona.product, persona.story, persona.wants,
            *facts, *cues, *persona.opening_lines]


def guard_context(persona: Persona, history: list[Message], topic_check: bool = True) -> guard.Context:
    # Not the agent's words: echoing them ("turned it off and on again") is how this model drifts.
    # An empty vocabulary turns the off-topic check off.
    vocabulary = (frozenset().union(*(guard.content_stems(text) for text in situation_text(persona)))
                  if topic_check else frozenset())
    agent_said = next((m.text for m in reversed(history) if m.role != "customer"), "")
    own = frozenset(guard.normalise(sentence) for line in persona_lines(persona)
                    for sentence in guard.split_sentences(line, final=True)[0])
    return guard.Context(earlier=[m.text for m in history if m.role == "customer"],
                         may_apologise=guard.apologises(persona_lines(persona)), vocabulary=vocabulary,
                         own_sentences=own, agent_said=frozenset(guard.content_stems(agent_said)))
