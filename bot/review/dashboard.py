"""The team dashboard's figures and charts, for the review page and the HTML report alike."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from bot.domain import Rubric
from bot.review import aggregates, charts
from bot.review.aggregates import GroupScores
from bot.store import SessionFilter, SqlStore
from bot.store.review_records import LevelCount


@dataclass(frozen=True)
class AgentRow:
    scores: GroupScores
    weakest: str | None  # criterion name


@dataclass(frozen=True)
class Dashboard:
    rubric: Rubric
    agents: list[AgentRow]
    team: GroupScores | None
    personas: list[GroupScores]  # hardest (lowest mean score) first
    weeks: list[GroupScores]
    trend_chart: Markup
    agent_chart: Markup
    persona_chart: Markup
    criterion_chart: Markup

    @property
    def empty(self) -> bool:
        return not self.agents


def build_dashboard(rubric: Rubric, per_agent: list[LevelCount], per_persona: list[LevelCount],
                    per_day: list[LevelCount]) -> Dashboard:
    """Pure: scores from the counted levels, laid out and drawn."""
    names = {c.id: c.name for c in rubric.criteria}
    by_agent = aggregates.scores_by_group(rubric, per_agent)
    agents = [AgentRow(scores, names.get(aggregates.weakest_criterion(rubric, scores) or ""))
              for _, scores in sorted(by_agent.items())]
    personas = aggregates.hardest_first(aggregates.scores_by_group(rubric, per_persona))
    team = aggregates.scores_by_group(rubric, [c.model_copy(update={"group": "team"}) for c in per_agent]).get("team")
    weeks = aggregates.trend(rubric, per_day)
    trend = charts.line_chart(
        "Team score per criterion, by week", [w.group for w in weeks],
        [charts.Series(c.name, [w.per_criterion.get(c.id) for w in weeks]) for c in rubric.criteria], 100,
    )
    return Dashboard(
        rubric=rubric, agents=agents, team=team, personas=personas, weeks=weeks, trend_chart=trend,
        agent_chart=charts.bar_chart("Overall score per agent", [(a.scores.group, a.scores.overall) for a in agents]),
        persona_chart=charts.bar_chart("Mean score per persona (hardest first)",
                                       [(p.group, p.overall) for p in personas]),
        criterion_chart=charts.bar_chart(
            "Team score per criterion",
            [(c.name, team.per_criterion.get(c.id) if team else None) for c in rubric.criteria],
        ),
    )


async def load_dashboard(store: SqlStore, where: SessionFilter, rubric: Rubric) -> Dashboard:
    return build_dashboard(rubric, await store.level_counts(where, "agent"), await store.level_counts(where, "persona"),
                           await store.level_counts(where, "day"))
