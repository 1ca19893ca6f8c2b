"""Domain types shared by every stage of the data flow.

Files (persona, rubric) are validated with ``extra="forbid"`` so a typo in a trainer's YAML is an error
that names the field, never a silently ignored key.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class FileModel(BaseModel):
    """Base for anything a trainer writes by hand."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --------------------------------------------------------------------------- conversation


Role = Literal["customer", "agent"]


class Message(BaseModel):
    role: Role
    text: str


def latest_customer_text(history: list[Message]) -> str | None:
    """What the customer said last, the message a reply answers; None before they have spoken."""
    return next((message.text for message in reversed(history) if message.role == "customer"), None)


class MoodBand(str, Enum):
    calm = "calm"
    annoyed = "annoyed"
    furious = "furious"
    abusive = "abusive"


class Mood(BaseModel):
    """Explicit customer state, 0-10 each. Bands are derived, never stored separately."""

    anger: int = Field(ge=0, le=10)
    trust: int = Field(ge=0, le=10)

    def band(self, abusive_at: int | None = None) -> MoodBand:
        if abusive_at is not None and self.anger >= abusive_at:
            return MoodBand.abusive
        if self.anger >= 7:
            return MoodBand.furious
        if self.anger >= 4:
            return MoodBand.annoyed
        return MoodBand.calm


# --------------------------------------------------------------------------- personas


MAX_LINE_CHARS = 160  # a scripted message is a short chat message; longer reads like a speech
MAX_LINE_SENTENCES = 3  # what the customer prompt asks of a generated message


def _one_chat_message(line: str) -> str:
    if not line:
        raise ValueError("a line must not be empty")
    if len(line) > MAX_LINE_CHARS:
        raise ValueError(f"at most {MAX_LINE_CHARS} characters, got {len(line)}: '{line[:40]}...'")
    if len(re.findall(r"[.!?…](?:\s|$)", line)) > MAX_LINE_SENTENCES:
        raise ValueError(f"at most {MAX_LINE_SENTENCES} sentences: '{line}'")
    return line


# One scripted chat message in the customer's voice (reaction lines, cue lines).
CustomerLine = Annotated[str, AfterValidator(_one_chat_message)]


class HiddenFact(FileModel):
    topic: str = Field(description="what the fact is about, e.g. 'the router model'")
    ask_about: list[str] = Field(
        min_length=1, description="words an agent's open question must touch to draw this fact out"
    )
    fact: str = Field(description="what the customer says once asked well")


class Cue(FileModel):
    """Something in the agent's reply that moves this customer's mood (trigger or soother)."""

    when: list[str] = Field(min_length=1, description="words or phrases; any one of them matches")
    why: str = Field(description="what it means to this customer, for trainers and the debrief")
    anger: int = Field(default=0, ge=-5, le=5)
    trust: int = Field(default=0, ge=-5, le=5)
    says: list[CustomerLine] = Field(
        default_factory=list, description="what the customer says back when the agent says it"
    )


BoundaryResponse = Literal["calms_down", "pushes_once", "hangs_up"]


class Temperament(FileModel):
    anger: int = Field(ge=0, le=10, description="starting anger")
    trust: int = Field(ge=0, le=10, description="starting trust")
    abusive_at: int | None = Field(
        default=None, ge=1, le=10, description="anger at which they start insulting the agent; none = never"
    )
    on_boundary: BoundaryResponse = Field(
        default="calms_down", description="how they react when the agent sets a calm boundary"
    )
    hangs_up_at: int | None = Field(
        default=10, ge=1, le=10, description="anger at which they demand a supervisor or hang up"
    )


class Reactions(FileModel):
    """What the customer says back to what the agent's reply just did, in their own words: on the embedded
    model the customer's message is composed from these (bot/compose.py). Every kind is optional; a kind
    with no lines falls back to the mood band's example lines."""

    # How the reply treated them (said first, before any answer).
    heard: list[CustomerLine] = Field(default_factory=list, description="specific empathy: they feel heard")
    platitude: list[CustomerLine] = Field(
        default_factory=list, description="generic empathy ('I understand your frustration'): not enough")
    brushed_off: list[CustomerLine] = Field(
        default_factory=list, description="a trigger phrase ('calm down', 'that's our policy'), or wrapping up "
        "('anything else?') having done nothing")
    empty_promise: list[CustomerLine] = Field(
        default_factory=list, description="a promise the agent cannot keep: they have heard it before")
    # What the reply asked or offered (the answer).
    asked_details: list[CustomerLine] = Field(
        default_factory=list, description="asked for an account number, a name, an email, how to reach them")
    asked_open: list[CustomerLine] = Field(
        default_factory=list, description="an open question they have no hidden fact for: what they want")
    asked_yes_no: list[CustomerLine] = Field(
        default_factory=list, description="a closed question ('Have you tried...?', 'Is it...?')")
    next_step: list[CustomerLine] = Field(
        default_factory=list, description="a realistic commitment or a concrete next step")
    boundary: list[CustomerLine] = Field(
        default_factory=list, description="a calm boundary after their insults, once they back down")
    # How the chat ends (their last message).
    resolved: list[CustomerLine] = Field(default_factory=list, description="the problem is solved: accept, thank, bye")
    unresolved: list[CustomerLine] = Field(
        default_factory=list, description="the chat ends (turn limit) while they are still upset")
    escalated: list[CustomerLine] = Field(default_factory=list, description="they have had enough: a supervisor")
    hung_up: list[CustomerLine] = Field(default_factory=list, description="they hang up after a second boundary")

    @property
    def every_line(self) -> list[str]:
        return [line for kind in type(self).model_fields for line in getattr(self, kind)]


Difficulty = Literal["easy", "medium", "hard"]


class Persona(FileModel):
    id: str = Field(description="the file name without .yaml")
    name: str
    scenario: str = Field(description="one line shown on the scenario picker")
    industry: str
    company: str
    product: str
    story: str = Field(description="what happened, from the customer's side")
    wants: str = Field(description="what they actually want out of the call")
    hidden_facts: list[HiddenFact] = Field(default_factory=list)
    policy: list[str] = Field(
        min_length=1, description="the concrete limits the agent works under (credits, timelines, approvals)"
    )
    temperament: Temperament
    triggers: list[Cue] = Field(default_factory=list)
    soothers: list[Cue] = Field(default_factory=list)
    lines: dict[MoodBand, list[str]] = Field(description="example lines per mood band, in their voice")
    opening_lines: list[str] = Field(min_length=1)
    good_resolution: str
    difficulty: Difficulty
    reactions: Reactions = Field(
        default_factory=Reactions, description="what they say back to what the agent did, per kind of reply"
    )

    @field_validator("lines")
    @classmethod
    def _each_band_has_lines(cls, lines: dict[MoodBand, list[str]], info: ValidationInfo) -> dict[MoodBand, list[str]]:
        for band in (MoodBand.calm, MoodBand.annoyed, MoodBand.furious):
            if not lines.get(band):
                raise ValueError(f"needs at least one example line for the '{band.value}' band")
        temperament = info.data.get("temperament")  # validated first: declared before `lines`
        if temperament is not None and temperament.abusive_at is not None and not lines.get(MoodBand.abusive):
            raise ValueError("temperament.abusive_at is set, so lines needs an 'abusive' band too")
        return lines

    @property
    def reaction_lines(self) -> list[str]:
        """What the author wrote for the customer's answers: every reaction line and every cue's ``says``."""
        return [*self.reactions.every_line, *(line for cue in [*self.triggers, *self.soothers] for line in cue.says)]

    @property
    def policy_text(self) -> str:
        return " ".join(self.policy)

    @property
    def start_mood(self) -> Mood:
        return Mood(anger=self.temperament.anger, trust=self.temperament.trust)


# --------------------------------------------------------------------------- rubrics


def _with_unique_ids(items: list, what: str) -> list:
    ids = [item.id for item in items]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"{what} ids must be unique; repeated: {', '.join(duplicated)}")
    return items


class Level(FileModel):
    id: str
    points: float = Field(ge=0)
    description: str


Applies = Literal["always", "when_asking", "when_abusive"]


class Criterion(FileModel):
    id: str
    name: str
    description: str
    levels: list[Level] = Field(min_length=2, description="best first")
    applies: Applies = "always"
    weight: float = Field(default=1.0, gt=0)
    good_examples: list[str] = Field(default_factory=list)
    bad_examples: list[str] = Field(default_factory=list)

    @field_validator("levels")
    @classmethod
    def _unique_level_ids(cls, levels: list[Level]) -> list[Level]:
        return _with_unique_ids(levels, "level")

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    @property
    def max_points(self) -> float:
        return max(level.points for level in self.levels)


class Rubric(FileModel):
    id: str = Field(description="the file name without .yaml")
    name: str
    version: str
    description: str = ""
    criteria: list[Criterion] = Field(min_length=1)

    @field_validator("criteria")
    @classmethod
    def _unique_criterion_ids(cls, criteria: list[Criterion]) -> list[Criterion]:
        return _with_unique_ids(criteria, "criterion")

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


# --------------------------------------------------------------------------- grading


class ItemContext(BaseModel):
    persona: str
    policy: str | None = None


class GradingItem(BaseModel):
    """One agent reply in its context, as in LABELING.md. ``labels`` only on labelled data."""

    id: str
    context: ItemContext
    history: list[Message] = Field(default_factory=list)
    reply: str
    labels: dict[str, str | None] | None = None


GradeStatus = Literal["graded", "not_applicable", "ungraded"]


class CriterionGrade(BaseModel):
    criterion: str
    status: GradeStatus
    level: str | None = None
    score: float | None = None
    evidence: str | None = Field(default=None, description="an exact span of the reply")
    engine: str
    reason: str | None = Field(default=None, description="why: detector rule, judge rationale, or failure")


class ReplyGrade(BaseModel):
    criteria: dict[str, CriterionGrade]
    engine: str
    model: str | None = None
    rubric_id: str
    rubric_version: str
    prompt_version: str | None = None
    disagreements: list[str] = Field(default_factory=list, description="hybrid: where detectors and judge differ")

    def level(self, criterion_id: str) -> str | None:
        grade = self.criteria.get(criterion_id)
        return grade.level if grade else None

    @property
    def ungraded(self) -> list[str]:
        return [cid for cid, g in self.criteria.items() if g.status == "ungraded"]


# --------------------------------------------------------------------------- sessions


class GuardEvent(BaseModel):
    """The customer model produced something unusable; never counts against the trainee."""

    kind: Literal["role_reversal", "empty", "cut_off", "repetition", "too_long", "fourth_wall", "llm_error",
                  "incoherent", "off_topic"]
    detail: str
    rejected_text: str
    attempt: int


EndReason = Literal["resolved", "escalated", "hung_up", "agent_ended", "turn_cap"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Turn(BaseModel):
    """One exchange: the agent's reply (None for the opening) and the customer message it led to."""

    index: int
    agent_text: str | None
    grade: ReplyGrade | None = None
    mood: Mood = Field(description="the mood after this agent reply, before the customer's message")
    customer_text: str | None = None
    customer_fallback: bool = Field(
        default=False, description="the model's text failed the guard, so a message composed from persona lines was shown")
    guard_events: list[GuardEvent] = Field(default_factory=list)
    revealed_facts: list[str] = Field(default_factory=list, description="topics of hidden facts revealed")
    created_at: datetime = Field(default_factory=utcnow)
    customer_ms: float | None = None
    grading_ms: float | None = None


class Improvement(BaseModel):
    criterion: str
    turn: int
    quote: str = Field(description="the agent's own words from that turn")
    better: str = Field(description="a better wording for that moment")
    why: str


class Strength(BaseModel):
    criterion: str
    turn: int
    quote: str
    why: str


class Debrief(BaseModel):
    overall: float | None = Field(description="0-100, rubric-weighted; None when nothing was graded")
    per_criterion: dict[str, float | None] = Field(description="0-100 per criterion; None = never applied")
    mood_curve: list[Mood]
    strengths: list[Strength]
    improvements: list[Improvement]
    summary: str
    engine: str
