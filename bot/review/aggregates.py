"""Team figures from counted levels (pure): per-criterion scores per group, weakest criterion, weekly trend.

A criterion's score over a set of replies is the mean of its points over its best points, as 0-100 (the
debrief's rule); the overall score is the rubric-weighted mean of the criterion scores that exist.
Levels the rubric does not know (another rubric or version) are left out rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain import Rubric
from bot.store.review_records import LevelCount


@dataclass(frozen=True)
class GroupScores:
    group: str
    replies: int  # graded criterion-replies counted, all criteria together
    per_criterion: dict[str, float | None]
    overall: float | None


def _points(rubric: Rubric, criterion_id: str, level_id: str) -> tuple[float, float] | None:
    try:
        criterion = rubric.criterion(criterion_id)
        return criterion.level(level_id).points, criterion.max_points
    except KeyError:
        return None


def scores_by_group(rubric: Rubric, counts: Iterable[LevelCount]) -> dict[str, GroupScores]:
    earned: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    replies: dict[str, int] = defaultdict(int)
    for count in counts:
        points = _points(rubric, count.criterion, count.level)
        if points is None:
            continue
        total = earned[count.group][count.criterion]
        total[0] += points[0] * count.count
        total[1] += points[1] * count.count
        replies[count.group] += count.count
    result = {}
    for group, by_criterion in earned.items():
        per_criterion = {c.id: _percent(*by_criterion[c.id]) if c.id in by_criterion else None for c in rubric.criteria}
        result[group] = GroupScores(group, replies[group], per_criterion, overall(rubric, per_criterion))
    return result


def _percent(points: float, best: float) -> float | None:
    return 100 * points / best if best else None


def overall(rubric: Rubric, per_criterion: dict[str, float | None]) -> float | None:
    weighted = [(c.weight, per_criterion[c.id]) for c in rubric.criteria if per_criterion.get(c.id) is not None]
    if not weighted:
        return None
    return sum(w * s for w, s in weighted) / sum(w for w, _ in weighted)


def weakest_criterion(rubric: Rubric, scores: GroupScores) -> str | None:
    """The criterion with the lowest score (rubric order breaks ties); None when nothing was graded."""
    graded = [(scores.per_criterion[c.id], n, c.id) for n, c in enumerate(rubric.criteria)
              if scores.per_criterion.get(c.id) is not None]
    return min(graded)[2] if graded else None


def hardest_first(scores: dict[str, GroupScores]) -> list[GroupScores]:
    """Groups (personas) by overall score, lowest first; those without a score last."""
    return sorted(scores.values(), key=lambda s: (s.overall is None, s.overall or 0, s.group))


def week_of(day: str) -> str:
    """The Monday (ISO date) of the week that `day` (YYYY-MM-DD) falls in."""
    parsed = date.fromisoformat(day[:10])
    return (parsed - timedelta(days=parsed.weekday())).isoformat()


def weekly(counts: Iterable[LevelCount]) -> list[LevelCount]:
    """Daily counts folded into weeks (group = the week's Monday)."""
    folded: dict[tuple[str, str, str], int] = defaultdict(int)
    for count in counts:
        folded[(week_of(count.group), count.criterion, count.level)] += count.count
    return [LevelCount(group=g, criterion=c, level=lv, count=n) for (g, c, lv), n in sorted(folded.items())]


def trend(rubric: Rubric, daily: Iterable[LevelCount]) -> list[GroupScores]:
    """Scores per week, oldest first."""
    by_week = scores_by_group(rubric, weekly(daily))
    return [by_week[week] for week in sorted(by_week)]
