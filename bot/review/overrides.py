"""Override rules and the current view of a reply's grades (pure).

A reviewer sets a criterion to another level of the rubric (or to "not applicable" for a criterion that
applies only sometimes) and must say why. Nothing is overwritten: the grader's grade and every edit stay,
and the current level is the newest edit's.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import CriterionGrade, GradeStatus, ReplyGrade, Rubric
from bot.errors import InputError
from bot.store.review_records import GradeEdit

NOT_APPLICABLE = "n/a"  # what forms and exports say for "this criterion does not apply"
MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class CheckedOverride:
    criterion: str
    to_level: str | None  # None = not applicable
    comment: str


@dataclass(frozen=True)
class Chip:
    """One criterion of one reply as a reviewer sees it: the current level and where it came from."""

    criterion: str
    name: str
    status: GradeStatus
    level: str | None
    original: CriterionGrade | None
    history: tuple[GradeEdit, ...]

    @property
    def overridden(self) -> bool:
        return bool(self.history)

    @property
    def shown(self) -> str:
        """The current level as one word: a level id, 'n/a' or 'ungraded'."""
        if self.status == "graded":
            return self.level or NOT_APPLICABLE
        return NOT_APPLICABLE if self.status == "not_applicable" else "ungraded"


def check_comment(text: str, what: str = "comment") -> str:
    text = (text or "").strip()
    if not text:
        raise InputError(f"A {what} is required.", hint="say in a sentence what you saw")
    if len(text) > MAX_COMMENT_CHARS:
        raise InputError(f"The {what} is {len(text)} characters long.", hint=f"keep it under {MAX_COMMENT_CHARS}")
    return text


def check_override(rubric: Rubric, criterion_id: str, level: str, comment: str, current: str) -> CheckedOverride:
    """Validate a reviewer's edit against the rubric; `current` is the criterion's `Chip.shown` (a level id,
    'n/a' or 'ungraded')."""
    try:
        criterion = rubric.criterion(criterion_id)
    except KeyError:
        raise InputError(f"The rubric '{rubric.id}' has no criterion '{criterion_id}'.") from None
    allowed = [lv.id for lv in criterion.levels]
    if level == NOT_APPLICABLE and criterion.applies != "always":
        to_level = None
    elif level in allowed:
        to_level = level
    else:
        options = allowed + ([NOT_APPLICABLE] if criterion.applies != "always" else [])
        raise InputError(f"'{level}' is not a level of {criterion.name}.", hint=f"pick one of: {', '.join(options)}")
    if level == current:
        raise InputError(f"{criterion.name} is already '{level}'.", hint="pick a different level to override it")
    return CheckedOverride(criterion_id, to_level, check_comment(comment, "comment explaining the override"))


def chips(rubric: Rubric | None, grade: ReplyGrade, edits: list[GradeEdit]) -> list[Chip]:
    """The reply's criteria in grade order, each with its edits (oldest first) applied."""
    by_criterion: dict[str, list[GradeEdit]] = {}
    for edit in sorted(edits, key=lambda e: e.id):
        by_criterion.setdefault(edit.criterion, []).append(edit)
    found = []
    for criterion_id, original in grade.criteria.items():
        history = tuple(by_criterion.get(criterion_id, ()))
        status, level = original.status, original.level
        if history:
            level = history[-1].to_level
            status = "graded" if level is not None else "not_applicable"
        found.append(Chip(criterion_id, _criterion_name(rubric, criterion_id), status, level, original, history))
    return found


def _criterion_name(rubric: Rubric | None, criterion_id: str) -> str:
    if rubric is None:
        return criterion_id
    try:
        return rubric.criterion(criterion_id).name
    except KeyError:
        return criterion_id
