"""How one graded agent reply moves the customer's mood. Pure: no I/O, no model.

The whole rule set is the table ``GRADE_RULES`` plus the boundary reactions below it, so a trainer can
read in one place why the customer got angrier or calmer. Every change comes back with a reason.

Decided: an unkeepable promise costs trust and adds anger at once, in the turn that made it. The seed
articles say such promises inflame later; charging them immediately keeps the mood curve pointing at the
reply that caused it, which is what the trainee needs to see.

Criteria of a custom rubric that are not in the table do not move the mood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain import Cue, Mood, MoodBand, Persona, ReplyGrade


@dataclass(frozen=True)
class Effect:
    anger: int
    trust: int
    why: str
    only_when_furious: bool = False  # applies only while anger is in the furious band or above
    stays_abusive: bool = False  # anger stays at least at the persona's abusive_at for one more message


# (criterion id, level id) -> effect. Only graded criteria count; 'ungraded' and 'not_applicable' do not.
GRADE_RULES: dict[tuple[str, str], Effect] = {
    ("empathy", "specific"): Effect(-2, +1, "specific empathy: they feel heard"),
    ("empathy", "generic"): Effect(-1, 0, "generic empathy: a little calmer"),
    # A procedural reply to a customer who has calmed down is fine; to a furious one it is a brush-off.
    # (Invalidating words, "calm down", are charged by trigger_phrases on top.)
    ("empathy", "none"): Effect(+1, -1, "feelings ignored while furious: they feel brushed off", True),
    ("open_questions", "open"): Effect(-1, +1, "open question: they get to explain"),
    ("promises", "unkeepable"): Effect(+1, -2, "unkeepable promise: they have heard that before"),
    ("trigger_phrases", "trigger"): Effect(+2, -1, "trigger phrase: shuts them down"),
    ("boundary_setting", "absent"): Effect(+1, 0, "abuse let pass: it carries on"),
    ("boundary_setting", "unprofessional"): Effect(+3, -2, "agent retaliated"),
}

# What a calm boundary does, by persona.temperament.on_boundary: (first boundary, every later one).
BOUNDARY_REACTIONS: dict[str, tuple[Effect, Effect]] = {
    "calms_down": (
        Effect(-3, +1, "boundary set: they back down"),
        Effect(-3, +1, "boundary held: they back down"),
    ),
    "pushes_once": (
        Effect(0, 0, "boundary set: they push back once to test it", stays_abusive=True),
        Effect(-3, +1, "boundary held a second time: they back down"),
    ),
    "hangs_up": (
        Effect(-2, 0, "boundary set: a final warning they heard"),
        Effect(0, 0, "boundary repeated while the abuse goes on: they hang up"),
    ),
}


def boundary_effect(persona: Persona, boundaries_before: int) -> Effect:
    first, later = BOUNDARY_REACTIONS[persona.temperament.on_boundary]
    return first if boundaries_before == 0 else later


def matched_cues(cues: list[Cue], agent_text: str) -> list[tuple[Cue, str]]:
    """Each cue whose phrase occurs in the agent's text (case-insensitive, whole words), with that phrase."""
    found = []
    for cue in cues:
        phrase = next((p for p in cue.when if _contains_phrase(agent_text, p)), None)
        if phrase is not None:
            found.append((cue, phrase))
    return found


def _contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase.strip())}(?!\w)", text, re.IGNORECASE) is not None


def next_mood(
    mood: Mood,
    grade: ReplyGrade,
    persona: Persona,
    agent_text: str,
    customer_was_abusive: bool,
    boundaries_before: int = 0,
) -> tuple[Mood, list[str]]:
    """The mood after this reply and one reason per change, e.g. 'anger -2, trust +1: specific empathy: …'.

    ``boundaries_before`` is how many boundaries the agent already set in this conversation (the boundary
    reactions of 'pushes_once' and 'hangs_up' customers depend on it)."""
    effects: list[Effect] = []
    for criterion_id, criterion_grade in grade.criteria.items():
        if criterion_grade.status != "graded" or criterion_grade.level is None:
            continue
        if criterion_id == "boundary_setting" and criterion_grade.level == "set":
            if customer_was_abusive:
                effects.append(boundary_effect(persona, boundaries_before))
            continue
        effect = GRADE_RULES.get((criterion_id, criterion_grade.level))
        if effect is not None and (not effect.only_when_furious or mood.band() == MoodBand.furious):
            effects.append(effect)
    for cue, phrase in matched_cues(persona.triggers, agent_text) + matched_cues(persona.soothers, agent_text):
        effects.append(Effect(cue.anger, cue.trust, f"'{phrase}': {cue.why}"))

    anger, trust = mood.anger, mood.trust
    reasons = []
    for effect in effects:
        if effect.anger == 0 and effect.trust == 0:
            reasons.append(effect.why)
            continue
        anger, trust = anger + effect.anger, trust + effect.trust
        changes = [f"{name} {delta:+d}" for name, delta in (("anger", effect.anger), ("trust", effect.trust)) if delta]
        reasons.append(f"{', '.join(changes)}: {effect.why}")
    if any(effect.stays_abusive for effect in effects) and persona.temperament.abusive_at is not None:
        anger = max(anger, persona.temperament.abusive_at)
    return Mood(anger=_clamp(anger), trust=_clamp(trust)), reasons


def _clamp(value: int) -> int:
    return max(0, min(10, value))
