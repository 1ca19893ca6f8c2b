"""One session laid out for review (pure): per turn the highlighted reply, its grade chips with history,
the customer's answer with any guard events, and the comments."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from bot.domain import GuardEvent, Rubric, Turn
from bot.ports import SessionRecord
from bot.review import charts
from bot.review.highlight import highlighted
from bot.review.overrides import Chip, chips
from bot.store.review_records import GradeEdit, TurnComment


@dataclass(frozen=True)
class TurnView:
    turn: Turn
    reply: Markup | None  # escaped, evidence marked; None for the opening
    chips: list[Chip]
    comments: list[TurnComment]

    @property
    def guard_events(self) -> list[GuardEvent]:
        return self.turn.guard_events

    @property
    def model_fallback(self) -> bool:
        """The customer model misbehaved on this turn: worth a note, never the trainee's fault."""
        return self.turn.customer_fallback or bool(self.turn.guard_events)


@dataclass(frozen=True)
class SessionView:
    record: SessionRecord
    turns: list[TurnView]
    mood_chart: Markup
    edits: list[GradeEdit]

    @property
    def overridden(self) -> int:
        return sum(1 for turn in self.turns for chip in turn.chips if chip.overridden)


def session_view(record: SessionRecord, rubric: Rubric | None, edits: list[GradeEdit],
                 comments: list[TurnComment]) -> SessionView:
    turns = []
    for turn in record.turns:
        turn_edits = [e for e in edits if e.turn_index == turn.index]
        turn_chips = chips(rubric, turn.grade, turn_edits) if turn.grade else []
        evidence = {c.criterion: c.original.evidence for c in turn_chips if c.original is not None}
        reply = highlighted(turn.agent_text, evidence) if turn.agent_text is not None else None
        turns.append(TurnView(turn, reply, turn_chips, [c for c in comments if c.turn_index == turn.index]))
    return SessionView(record, turns, charts.mood_chart([t.mood for t in record.turns]), edits)
