"""The hybrid engine: offline detectors and the LLM judge, combined per criterion.

Policy, in order, for each criterion of the rubric:

1. Applicability: both engines use the same detectors, except that where the abuse detector finds
   nothing the judge decides (see ``detect_applicability``). So not_applicable stays unless the judge
   graded the criterion, which then counts as a disagreement.
2. A confident detector decides: it found a fault and quotes the span that shows it (the criterion's
   lowest level with evidence: a trigger phrase, an invalidating phrase, an unkeepable promise or a
   policy-cap breach, retaliation against abuse...). Such hits are deterministic and explainable.
3. Otherwise the judge decides (nuance: generic vs specific empathy, open vs closed, "no fault found").
4. The judge could not grade it (outage, unusable answer): the detector's level is used, marked as a
   fallback (engine "offline-fallback", the judge's failure in the reason), never 'ungraded' while a
   detector has an answer.

Where both graded and differ, ``ReplyGrade.disagreements`` says which level was kept, so a reviewer (or
whoever tunes the detectors) can see where the two engines part ways.
"""

from __future__ import annotations

from bot.config import Settings
from bot.domain import Criterion, CriterionGrade, GradingItem, ReplyGrade, Rubric
from bot.grading.judge import LLMJudge, llm_engine
from bot.grading.offline import OfflineGrader
from bot.llm import ChatModels
from bot.ports import Grader

ENGINE = "hybrid"
FALLBACK_ENGINE = "offline-fallback"


def offline_is_confident(grade: CriterionGrade, criterion: Criterion) -> bool:
    """A detector hit on a fault, with the span that shows it."""
    return grade.status == "graded" and bool(grade.evidence) and grade.level == criterion.levels[-1].id


def combine_criterion(
    criterion: Criterion, offline: CriterionGrade, judged: CriterionGrade | None
) -> tuple[CriterionGrade, str | None]:
    """The kept grade and, when the engines disagree, a line saying so."""
    if judged is None or (offline.status == "not_applicable" and judged.status != "graded"):
        return offline, None
    if offline.status == "not_applicable":
        return judged, f"{criterion.id}: judge '{judged.level}' kept over detector 'not applicable'"
    both_graded = offline.status == judged.status == "graded" and offline.level != judged.level
    if offline_is_confident(offline, criterion):
        note = f"{criterion.id}: detector '{offline.level}' kept over judge '{judged.level}'" if both_graded else None
        return offline, note
    if judged.status != "ungraded":
        note = f"{criterion.id}: judge '{judged.level}' kept over detector '{offline.level}'" if both_graded else None
        return judged, note
    if offline.status == "graded":
        reason = f"the judge could not grade it ({judged.reason}); detector: {offline.reason}"
        return offline.model_copy(update={"engine": FALLBACK_ENGINE, "reason": reason}), None
    return judged.model_copy(update={"reason": f"{judged.reason}; detector: {offline.reason}"}), None


def combine(
    rubric: Rubric, offline: ReplyGrade, judged: dict[str, CriterionGrade]
) -> tuple[dict[str, CriterionGrade], dict[str, str]]:
    """Kept grades, and the disagreements by criterion id."""
    grades: dict[str, CriterionGrade] = {}
    disagreements: dict[str, str] = {}
    for criterion in rubric.criteria:
        own = offline.criteria.get(criterion.id) or CriterionGrade(
            criterion=criterion.id, status="ungraded", engine="offline", reason="no detector for this criterion")
        grades[criterion.id], note = combine_criterion(criterion, own, judged.get(criterion.id))
        if note:
            disagreements[criterion.id] = note
    return grades, disagreements


class HybridGrader:
    """Implements ports.Grader: one offline pass, one judge call, combined by the policy above."""

    engine = ENGINE

    def __init__(self, judge: LLMJudge, offline: Grader):
        self.judge = judge
        self.offline = offline

    async def grade(self, item: GradingItem, rubric: Rubric) -> ReplyGrade:
        return await self.refine(item, rubric, await self.offline.grade(item, rubric))

    async def refine(self, item: GradingItem, rubric: Rubric, offline: ReplyGrade) -> ReplyGrade:
        """The hybrid grade of an item whose offline grade is known already (the practice session made it to
        move the mood): the detectors' pass is not run twice."""
        # The judge grades every applicable criterion (one call either way), so disagreements are seen.
        judged = (await self.judge.grade(item, rubric)).criteria
        return self._reply_grade(rubric, offline, judged)

    async def regrade_ungraded(self, item: GradingItem, rubric: Rubric, previous: ReplyGrade) -> ReplyGrade:
        """Re-ask the judge for what it could not grade before: ungraded and fallback criteria."""
        pending = {cid for cid, grade in previous.criteria.items()
                   if grade.status == "ungraded" or grade.engine == FALLBACK_ENGINE}
        if not pending:
            return previous
        offline = await self.offline.grade(item, rubric)
        question, _ = self.judge.plan(item, rubric)
        combined, notes = combine(rubric, offline, await self.judge.ask(item, rubric, question.only(pending)))
        grades = {cid: combined[cid] if cid in pending else grade for cid, grade in previous.criteria.items()}
        new_notes = [note for cid, note in notes.items() if cid in pending]
        return previous.model_copy(update={"criteria": grades, "disagreements": previous.disagreements + new_notes,
                                           "model": self.judge.model_name,
                                           "prompt_version": self.judge.prompt_version()})

    def _reply_grade(self, rubric: Rubric, offline: ReplyGrade, judged: dict[str, CriterionGrade]) -> ReplyGrade:
        grades, disagreements = combine(rubric, offline, judged)
        return ReplyGrade(criteria=grades, engine=self.engine, model=self.judge.model_name, rubric_id=rubric.id,
                          rubric_version=rubric.version, prompt_version=self.judge.prompt_version(),
                          disagreements=list(disagreements.values()))


def hybrid_engine(settings: Settings, models: ChatModels | None) -> HybridGrader:
    """The registry's factory for engine "hybrid"."""
    return HybridGrader(llm_engine(settings, models), OfflineGrader())
