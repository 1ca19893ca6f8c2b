"""Stand-ins the session tests share: grades built from level ids, and a grader that returns them in turn."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage

from bot.domain import CriterionGrade, GradingItem, Persona, ReplyGrade, Rubric
from tests.fakes import FakeChatModel

CALM_REPLY_LEVELS = {"empathy": "specific", "open_questions": "open", "promises": "realistic",
                     "boundary_setting": None, "trigger_phrases": "clean"}
POOR_REPLY_LEVELS = {"empathy": "none", "open_questions": None, "promises": "realistic",
                     "boundary_setting": None, "trigger_phrases": "trigger"}


def with_temperament(persona: Persona, **changes) -> Persona:
    """The persona with some temperament fields changed, e.g. on_boundary="hangs_up"."""
    return persona.model_copy(update={"temperament": persona.temperament.model_copy(update=changes)})


def make_grade(rubric: Rubric, levels: dict[str, str | None], engine: str = "stand-in") -> ReplyGrade:
    """A grade with these levels; criteria missing from ``levels`` or None are not applicable."""
    criteria = {}
    for criterion in rubric.criteria:
        level = levels.get(criterion.id)
        if level is None:
            criteria[criterion.id] = CriterionGrade(criterion=criterion.id, status="not_applicable", engine=engine)
        else:
            criteria[criterion.id] = CriterionGrade(criterion=criterion.id, status="graded", level=level,
                                                    score=criterion.level(level).points, engine=engine)
    return ReplyGrade(criteria=criteria, engine=engine, rubric_id=rubric.id, rubric_version=rubric.version)


class QueuedGrader:
    """Returns the queued level sets in order (the last one again when the queue runs dry)."""

    def __init__(self, rubric: Rubric, *level_sets: dict, engine: str = "stand-in"):
        self.rubric, self.level_sets, self.engine = rubric, list(level_sets) or [CALM_REPLY_LEVELS], engine
        self.items: list[GradingItem] = []

    async def grade(self, item: GradingItem, rubric: Rubric) -> ReplyGrade:
        self.items.append(item)
        levels = self.level_sets.pop(0) if len(self.level_sets) > 1 else self.level_sets[0]
        return make_grade(rubric, levels, self.engine)


class BandLineCustomer(FakeChatModel):
    """A fake customer model that stays in character: once its queue is empty it answers with an example
    line of the band its system prompt names ('How you write when furious:'), one not said yet. So an
    abusive mood gets an abusive line, as the real model is asked to."""

    def _next_answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        if self.queue:
            return super()._next_answer(messages, kwargs)
        self.calls.append(list(messages))
        self.call_kwargs.append(dict(kwargs))
        system = messages[0].content
        band_block = system.split("How you write when", 1)[1]
        lines = [line[2:].strip() for line in band_block.splitlines() if line.startswith("- ")]
        said = {m.content for m in messages if m.type == "ai"}
        return next((line for line in lines if line not in said), lines[-1])
