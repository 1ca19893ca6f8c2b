"""The customer's message composed from the persona's own lines, by what the agent's reply did. Pure.

Why: the embedded model (SmolLM2-135M) cannot hold a character. Measured (README "In-character rate"),
two thirds of what it writes fails the guard and half of what passes is a fluent sentence that mentions a
word of the case and answers nothing. So on that endpoint the customer does not generate: it answers with
lines the persona's author wrote (``Persona.reactions``, cue ``says``), chosen by what the grader found in
the reply, the way a person reacts to what was just done to them:

  1. the chat ends: the ending's line (resolved; still upset at the turn limit; escalated; hung up)
  2. abusive now (mood band): an insult; after a calm boundary that worked they back down (``boundary``)
  3. else up to two parts: a reaction to how the reply treated them, then an answer to what it asked
     reaction: a trigger phrase, or wrapping up having done nothing -> brushed_off; an unkeepable
               promise -> empty_promise; specific empathy -> heard; generic empathy -> platitude
     answer:   the hidden facts the open question earned; their words for a trigger or soother the reply
               used (cue ``says``); a goodbye to "anything else?" once calm and trusting; asked for details;
               an open question (or any question that is not yes/no); a commitment to act; a yes/no
               question. A brush-off or an empty promise is never followed by a grateful answer.
  4. nothing of that: an example line of the mood band (``band_line``)

No line is said twice in a chat: a kind whose lines were all said gives way to the next. The same
composition is the fallback when a capable model's output fails the guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain import Cue, EndReason, HiddenFact, Mood, MoodBand, Persona, Reactions, ReplyGrade
from bot.ending import offers_next_step
from bot.mood import matched_cues
from bot.text import split_sentences

MAX_SENTENCES = 3  # a reaction and an answer together stay one short chat message


def _first(lines: list[str]) -> str:
    return lines[0]


@dataclass(frozen=True)
class Answering:
    """What the customer is answering: the agent's reply as the grader saw it, and where the chat stands."""

    agent_text: str = ""
    grade: ReplyGrade | None = None
    reveal: list[HiddenFact] = field(default_factory=list)  # hidden facts this reply earned
    ending: EndReason | None = None  # the chat ends after this message
    boundary: int | None = None  # a calm boundary to an abusive customer: how many came before it; None: none
    # Which of the lines not said yet: the session picks at random, so "Try again" is not a rerun of the same chat.
    pick: Callable[[list[str]], str] = _first

    def level(self, criterion_id: str) -> str | None:
        return self.grade.level(criterion_id) if self.grade else None


# The agent asks for what identifies them or reaches them (in a question or a "please").
_ASKS_DETAILS = re.compile(
    r"\b(?:account|order|booking|reference|policy|claim|member(?:ship)?|tracking|card|phone|mobile|confirmation"
    r"|case|customer) (?:number|id)\b"
    r"|\be-?mail address\b|\byour (?:e-?mail|full name|name|address|postcode|zip code|details)\b"
    r"|\b(?:date of birth|post ?code|zip code|billing address|home address)\b"
    r"|\b(?:confirm|verify) (?:your|the) (?:identity|details|name|account)\b"
    r"|\bbest (?:way|number|time) to (?:reach|contact|call)\b",
    re.IGNORECASE,
)
# The agent closes the chat (or thanks them for waiting) without having done anything.
_WRAPPING_UP = re.compile(
    r"\banything else\b|\bhave a (?:nice|good|great|lovely) day\b|\bthanks? (?:you )?for your (?:patience|time)\b",
    re.IGNORECASE,
)
# A yes/no question starts with its verb ("Have you tried...?"); "Can you walk me through...?" asks for a story.
_YES_NO = re.compile(
    r"(?:(?:so|and|okay|ok|also|just|now|right),?\s+)?(?:do|does|did|have|has|had|is|are|was|were|can|could|would|will"
    r"|should|may|am)\b(?!\s+you\s+(?:please\s+)?(?:tell|walk|describe|explain|share|talk|say)\b)",
    re.IGNORECASE,
)
CLOSING_MIN_TRUST = 5  # calm and at least this trusting: "anything else?" is a goodbye, not a brush-off
# A commitment to act: "I'll book", "I can send", "let me check"; its verb is the word after it.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')]*(?:\s|$)")


def compose(persona: Persona, mood: Mood, earlier: list[str], answering: Answering) -> str:
    """The customer's next message, in the persona's own words. ``earlier``: the customer's messages so far."""
    band = mood.band(persona.temperament.abusive_at)
    reactions = persona.reactions
    facts, pick = _told_facts(answering.reveal, earlier), answering.pick
    if answering.ending is not None:
        ending = _first_unused([_ending_lines(reactions, answering.ending, band)], earlier, pick)
        if answering.ending == "resolved" and facts:  # the reply that settled it also asked a good question
            return _together(facts, ending, keep=facts)
        return ending or band_line(persona, mood, earlier, pick)
    if band == MoodBand.abusive:
        return band_line(persona, mood, earlier, pick)
    if answering.boundary is not None:
        return _first_unused([reactions.boundary], earlier, pick) or band_line(persona, mood, earlier, pick)
    reaction_kinds, answer_kinds = _read(persona, answering, mood)
    reaction, answer = _first_unused(reaction_kinds, earlier, pick), facts or _first_unused(answer_kinds, earlier, pick)
    # The answer matters more than the feeling about it, when both make too long a message.
    return _together(reaction, answer, keep=answer) or band_line(persona, mood, earlier, pick)


def _together(first: str, then: str, keep: str) -> str:
    """Both parts as one message when it stays short, else ``keep``."""
    both = " ".join(part for part in (first, then) if part)
    return both if _sentences(both) <= MAX_SENTENCES else keep


def _ending_lines(reactions: Reactions, ending: EndReason, band: MoodBand) -> list[str]:
    if ending in ("resolved", "escalated", "hung_up"):
        return getattr(reactions, ending)
    return reactions.resolved if band == MoodBand.calm else reactions.unresolved  # turn limit, agent ended


def _read(persona: Persona, answering: Answering, mood: Mood) -> tuple[list[list[str]], list[list[str]]]:
    """The line lists that fit this reply, most telling first: (how it treated them, what it asked or offered)."""
    reactions, text = persona.reactions, answering.agent_text
    sentences = split_sentences(text)
    questions = [s for s in sentences if s.endswith("?")]
    # "Anything else?" when nothing was done: a trusting, calm customer takes it as the goodbye it is;
    # anyone else hears the chat being closed on them. Either way it is not a question to answer.
    wrapping_up = bool(_WRAPPING_UP.search(text)) and not commits(text)
    closing = wrapping_up and mood.band() == MoodBand.calm and mood.trust >= CLOSING_MIN_TRUST
    feelings = []
    if answering.level("trigger_phrases") == "trigger" or (wrapping_up and not closing):
        feelings.append(reactions.brushed_off)
    if answering.level("promises") == "unkeepable":
        feelings.append(reactions.empty_promise)
    hostile = bool(feelings)  # then nothing grateful follows
    empathy = answering.level("empathy")
    if not hostile and empathy in ("specific", "generic"):
        feelings.append(reactions.heard if empathy == "specific" else reactions.platitude)

    answers = _cue_lines(persona.triggers, text) + ([] if hostile else _cue_lines(persona.soothers, text))
    if closing:
        answers.append(reactions.resolved)
    if any(_ASKS_DETAILS.search(s) for s in sentences if s in questions or "please" in s.lower()):
        answers.append(reactions.asked_details)
    # The question's form decides the answer's ("When did it start?" is no yes/no question, whatever its grade).
    yes_no = [q for q in questions if _YES_NO.match(q)]
    if answering.level("open_questions") == "open" or len(yes_no) < len(questions):
        answers.append(reactions.asked_open)
    if not hostile and commits(text):  # promises 'realistic' only means no unkeepable promise
        answers.append(reactions.next_step)
    if yes_no and not wrapping_up:
        answers.append(reactions.asked_yes_no)
    return feelings, answers


def commits(agent_text: str) -> bool:
    """The reply commits to doing something (the same reading as the session's "resolved" ending)."""
    return offers_next_step(agent_text) is not None


def _cue_lines(cues: list[Cue], agent_text: str) -> list[list[str]]:
    return [cue.says for cue, _ in matched_cues(cues, agent_text) if cue.says]


def _told_facts(reveal: list[HiddenFact], earlier: list[str]) -> str:
    """The facts the agent just earned, not told yet: a good question must not be wasted."""
    return " ".join(fact.fact for fact in reveal if not any(fact.fact in said for said in earlier))


def _first_unused(kinds: list[list[str]], earlier: list[str], pick: Callable[[list[str]], str] = _first) -> str:
    """A line not said yet, of the first kind that has one."""
    for lines in kinds:
        if unused := [line for line in lines if not _said(line, earlier)]:
            return pick(unused)
    return ""


def _said(line: str, earlier: list[str]) -> bool:
    return any(line in said for said in earlier)


def _sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text)) or 1


def band_lines(persona: Persona, band: MoodBand) -> list[str]:
    return persona.lines.get(band) or persona.lines[MoodBand.furious]


def band_line(persona: Persona, mood: Mood, earlier: list[str], pick: Callable[[list[str]], str] = _first) -> str:
    """An example line of the mood band not said yet, else of the nearest bands; when every line was said,
    the current band's line said longest ago."""
    band = mood.band(persona.temperament.abusive_at)
    # Insults only from a customer who is abusive now (band_lines): they would change the exercise.
    others = [other for other in persona.lines if other not in (band, MoodBand.abusive)]
    nearest = sorted(others, key=lambda other: abs(_BANDS.index(other) - _BANDS.index(band)))
    if line := _first_unused([band_lines(persona, band), *(persona.lines[other] for other in nearest)], earlier, pick):
        return line
    lines = band_lines(persona, band)
    return min(lines, key=lambda line: max(i for i, said in enumerate(earlier) if line in said))


_BANDS = list(MoodBand)
