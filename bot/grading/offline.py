"""The offline engine: the deterministic detectors mapped onto a rubric's criteria by criterion id."""

from __future__ import annotations

from bot.domain import Criterion, CriterionGrade, GradingItem, ReplyGrade, Rubric
from bot.grading.detectors import DETECTORS

ENGINE = "offline"
NO_DETECTOR = "no offline detector for this criterion"


class OfflineGrader:
    """Implements ports.Grader without any model: fast, explainable, always available."""

    async def grade(self, item: GradingItem, rubric: Rubric) -> ReplyGrade:
        return grade_offline(item, rubric)


def grade_offline(item: GradingItem, rubric: Rubric) -> ReplyGrade:
    return ReplyGrade(
        criteria={criterion.id: grade_criterion(item, criterion) for criterion in rubric.criteria},
        engine=ENGINE, rubric_id=rubric.id, rubric_version=rubric.version,
    )


def grade_criterion(item: GradingItem, criterion: Criterion) -> CriterionGrade:
    detector = DETECTORS.get(criterion.id)
    if detector is None:
        return CriterionGrade(criterion=criterion.id, status="ungraded", engine=ENGINE, reason=NO_DETECTOR)
    found = detector(item)
    if found.level is None:
        return CriterionGrade(criterion=criterion.id, status="not_applicable", engine=ENGINE, reason=found.reason)
    try:
        level = criterion.level(found.level)
    except KeyError:
        return CriterionGrade(
            criterion=criterion.id, status="ungraded", engine=ENGINE,
            reason=f"the detector's level '{found.level}' is not a level of this rubric's criterion",
        )
    return CriterionGrade(
        criterion=criterion.id, status="graded", level=level.id, score=level.points,
        evidence=found.evidence, engine=ENGINE, reason=found.reason,
    )
