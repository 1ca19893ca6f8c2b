"""When a practice conversation ends by itself, and why. Pure.

Checked after each graded agent reply, in this order (the first that holds wins):

| ending      | rule                                                                                   |
|-------------|----------------------------------------------------------------------------------------|
| hung_up     | an on_boundary 'hangs_up' customer is still abusive after a boundary was already set     |
| escalated   | anger reached the persona's temperament.hangs_up_at: they demand a supervisor          |
| resolved    | anger <= 3 (calm) and trust >= 6, and the reply offers a concrete next step            |
|             | ("I'll…", "I can…", "let me…") without an unkeepable promise                            |
| turn_cap    | the agent has replied Settings.turn_cap times                                          |

The customer still answers once (a goodbye, a demand for a supervisor), then the session ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain import EndReason, Mood, Persona, ReplyGrade
from bot.text import split_sentences

RESOLVED_MAX_ANGER = 3
RESOLVED_MIN_TRUST = 6

_NEXT_STEP = re.compile(
    r"\b(?:i(?:'ll| will| can(?!'t|not| ?not)|'ve| have| am going to|'m going to)|let me)\s+(?!not\b)(?:(?:just|also|now|personally|quickly|definitely|certainly)\s+)?(\w+)",
    re.IGNORECASE,
)
# ...but not "I can hear how much it matters", "I can see why", "I'll be honest", "I have to say".
_NOT_AN_ACT = frozenset("hear see imagine understand tell only assure appreciate feel say be not totally to".split())


@dataclass(frozen=True)
class Ending:
    reason: EndReason
    why: str


def offers_next_step(agent_text: str) -> str | None:
    """The commitment phrase ('I'll book', 'let me check'), if the reply makes one outside a question: "Is there
    anything else I can help with?" offers nothing."""
    statements = [sentence for sentence in split_sentences(agent_text) if not sentence.endswith("?")]
    return next((match.group(0) for sentence in statements for match in _NEXT_STEP.finditer(sentence)
                 if match.group(1).lower() not in _NOT_AN_ACT), None)


def detect_ending(
    persona: Persona,
    mood: Mood,
    grade: ReplyGrade,
    agent_text: str,
    customer_was_abusive: bool,
    boundaries_before: int,
    agent_turns: int,
    turn_cap: int,
) -> Ending | None:
    temperament = persona.temperament
    if temperament.on_boundary == "hangs_up" and customer_was_abusive and boundaries_before >= 1:
        return Ending("hung_up", "the abuse went on after a boundary was set, so the customer hung up")
    if temperament.hangs_up_at is not None and mood.anger >= temperament.hangs_up_at:
        return Ending("escalated", f"anger reached {mood.anger}/10: the customer demands a supervisor")
    step = offers_next_step(agent_text)
    calm_and_trusting = mood.anger <= RESOLVED_MAX_ANGER and mood.trust >= RESOLVED_MIN_TRUST
    if calm_and_trusting and step and grade.level("promises") != "unkeepable":
        return Ending("resolved", f"calm (anger {mood.anger}), trusting (trust {mood.trust}) and a next step: '{step}'")
    if agent_turns >= turn_cap:
        return Ending("turn_cap", f"{turn_cap} agent replies: the practice turn limit")
    return None
