"""A second, stricter opinion on "is this the customer, in character?", for bench/in_character.py only.

The guard (bot/guard.py) decides what is shown; judging what was shown with the same guard would be
circular. This check shares no code or word list with it and asks more of a message:
- the persona's own words (an example line, an opening line, a hidden fact, a reaction line) are in
  character by construction: they were written by the persona's author (whether they fit the moment is
  ``context_verdict``'s question, and the person's read's);
- anything else must not sound like the agent (its own list of service phrases), must be coherent
  (sentences that start and end like sentences, no line breaks, no repeated three-word runs, at most
  three sentences), must be anchored in the persona's case (every sentence of five words or more shares a
  word with the case: story, product, facts, openings; not the example lines, which are generic) and must
  not just echo the agent's last message.
It is still a heuristic: the bench prints samples so a person can check it.

``context_verdict`` asks a second question, "does it fit what the agent just did?", for the failures a
reader sees (it shares no code with bot/compose.py, which picks the lines): thanks after a brush-off or
an empty promise, an earned hidden fact not told, insults from a customer who is not abusive now (a boundary
that worked included), and a last message that does not fit how the chat ended. It cannot tell
whether an answer answers the question; the person's read in the README does that.
"""

from __future__ import annotations

import re

from bot.domain import MoodBand, Persona, Turn
from bot.grading.detectors.abuse import abusive_span

_AGENT_VOICE = re.compile(
    "|".join([
        r"\bhelp(?:ing)? you\b", r"\bassist", r"\bapologi[sz]", r"\binconvenience",
        r"\b(?:sad|sorry|unfortunate|glad) to hear", r"\bsorry for your",
        r"\bi understand (?:your|how|that|why)", r"\bglad\b", r"\bhappy to\b", r"\bfor you\b", r"\bwith us\b",
        r"\bour (?:team|company|service|policy|customers?|records|system)\b", r"\blet me\b", r"\bfeel free\b",
        r"\banything else\b", r"\bhow can i\b", r"\bplease (?:contact|call|note|hold|visit|allow)\b",
        r"\bthank you for (?:your (?:patience|understanding|call)|calling|contacting|reaching|choosing)",
        r"\bappreciate your\b",
        r"\byou deserve\b", r"\byou(?:'re| are) (?:right|welcome|not alone)\b", r"\btake care\b",
        r"\bhave a (?:great|nice|good|wonderful)\b", r"\breach out\b", r"\brest assured\b", r"\bassure you\b",
        r"\bi(?:'ll| will) (?:make sure|look into|check|send you|get back|follow up|do my best)\b",
        r"\bwe(?:'ll| will| can(?!')| are (?:here|happy|sorry|working))\b", r"\bis there anything\b",
        r"\bunderstandable\b", r"\bi(?:'m| am) here (?:to|for)\b", r"\bwalk (?:you|me) through\b",
        r"\bas an ai\b", r"\blanguage model\b", r"\bcustomer (?:service|support) (?:agent|representative)\b",
    ]),
    re.IGNORECASE,
)
_COMMON = frozenset(
    "that this with have what your about there their would could should which were been they them from "
    "just like know want need going really when then than into some more over only also will make said "
    "tell does done here even still back much very because right sure okay well again other every thing "
    "things something anything nothing someone time times today where while these those it's that's i'm "
    "i've i'll don't can't won't didn't you're you've isn't what's there's doesn't".split()
)
ANCHOR_MIN_WORDS = 5
ECHO_SHARE = 0.6


def persona_words(persona: Persona) -> list[str]:
    """The persona's own sentences: example lines, opening lines, hidden facts, reaction lines."""
    lines = [line for band_lines in persona.lines.values() for line in band_lines]
    return [*persona.opening_lines, *lines, *(fact.fact for fact in persona.hidden_facts), *persona.reaction_lines]


def _keys(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z][a-z']{3,}", text.lower()) if word not in _COMMON}


def _case_keys(persona: Persona) -> set[str]:
    cues = " ".join(word for cue in [*persona.triggers, *persona.soothers] for word in cue.when)
    facts = [f"{fact.topic} {fact.fact}" for fact in persona.hidden_facts]
    return _keys(" ".join([persona.scenario, persona.company, persona.product, persona.story, persona.wants,
                           cues, *facts, *persona.opening_lines]))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])\s+", text.strip()) if s]


def verdict(text: str, persona: Persona, agent_last: str = "") -> str:
    """'' when in character, else what is wrong (for the bench table)."""
    own = persona_words(persona)
    sentences = _sentences(text)
    if all(any(sentence in line for line in own) for sentence in sentences):
        return ""  # the persona's own words, or several of them
    if match := _AGENT_VOICE.search(text):
        return f"agent voice: '{match.group(0)}'"
    if "\n" in text or not re.search(r"[.!?…][\"”’')]*$", text):
        return "incoherent: broken off"
    if len(sentences) > 3:
        return "incoherent: rambles"
    if any(not re.match(r"[\"“'(]?[A-Z0-9$£€]", sentence) for sentence in sentences):
        return "incoherent: a sentence starts mid-way"
    words = re.findall(r"[\w']+", text.lower())
    runs = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    if len(set(runs)) < len(runs):
        return "incoherent: repeats itself"
    case = _case_keys(persona)
    for sentence in sentences:
        if len(sentence.split()) >= ANCHOR_MIN_WORDS and not _keys(sentence) & case:
            return f"off the case: '{sentence}'"
    keys = _keys(text)
    if len(keys) >= 4 and len(keys & _keys(agent_last)) / len(keys) >= ECHO_SHARE:
        return "echoes the agent"
    return ""


_GRATEFUL = re.compile(
    r"\b(?:thank|thanks|appreciate|that helps|that works|sounds good|great|perfect|relief|brilliant|awesome"
    r"|lovely|we're good)\b", re.IGNORECASE)
_ENDING_WORDS = {
    "resolved": re.compile(r"\b(?:thank|thanks|bye|goodbye|works|fine|okay|ok|good|settled|square|fair|relief|"
                           r"forgiven|deal|alright|right)\b", re.IGNORECASE),
    "escalated": re.compile(r"\b(?:supervisor|manager|senior|escalate|someone (?:else|who can))\b", re.IGNORECASE),
    "hung_up": re.compile(r"\b(?:hang|hanging|goodbye|bye|done)\b", re.IGNORECASE),
}


def context_verdict(text: str, persona: Persona, turn: Turn, ending: str | None = None) -> str:
    """'' when the message fits the agent's reply of ``turn`` (and ``ending``, when the chat ended on
    it), else what does not fit."""
    level = turn.grade.level if turn.grade else (lambda _criterion: None)
    keys = _keys(text)
    for fact in persona.hidden_facts:
        fact_keys = _keys(fact.fact)
        if fact.topic in turn.revealed_facts and len(keys & fact_keys) < len(fact_keys) / 2:
            return f"does not tell what the question earned ({fact.topic})"
    if ending in _ENDING_WORDS:
        return "" if _ENDING_WORDS[ending].search(text) else f"does not fit the ending ({ending})"
    brushed_off = level("trigger_phrases") == "trigger" or level("promises") == "unkeepable"
    if brushed_off and (match := _GRATEFUL.search(text)):
        return f"grateful after a brush-off or an empty promise: '{match.group(0)}'"
    abusive_now = turn.mood.band(persona.temperament.abusive_at) == MoodBand.abusive
    if (insult := abusive_span(text)) and not abusive_now:
        return f"insults while not abusive: '{insult}'"
    return ""
