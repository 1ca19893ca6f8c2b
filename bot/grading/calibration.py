"""Agreement between a grader and human labels, per criterion: accuracy, Cohen's kappa, confusion matrix.

'Not applicable' (None) is a class of its own: grading an irrelevant criterion is a disagreement too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain import Rubric

Label = str | None
NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class Agreement:
    criterion: str
    count: int
    accuracy: float
    kappa: float
    classes: list[str]
    confusion: dict[tuple[str, str], int]  # (human, grader) -> count

    def cell(self, human: str, grader: str) -> int:
        return self.confusion.get((human, grader), 0)


def _name(label: Label) -> str:
    return NOT_APPLICABLE if label is None else label


def cohen_kappa(pairs: list[tuple[Label, Label]]) -> float:
    """Cohen's kappa of (human, grader) pairs; 1.0 when both always give the same single class."""
    if not pairs:
        raise ValueError("kappa needs at least one labelled pair")
    total = len(pairs)
    observed = sum(1 for human, grader in pairs if human == grader) / total
    human_counts = Counter(_name(h) for h, _ in pairs)
    grader_counts = Counter(_name(g) for _, g in pairs)
    expected = sum(human_counts[c] * grader_counts[c] for c in human_counts) / total**2
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def agreement(criterion: str, pairs: list[tuple[Label, Label]]) -> Agreement:
    confusion = Counter((_name(h), _name(g)) for h, g in pairs)
    classes = sorted({c for pair in confusion for c in pair}, key=lambda c: (c == NOT_APPLICABLE, c))
    accuracy = sum(1 for h, g in pairs if h == g) / len(pairs)
    return Agreement(criterion, len(pairs), accuracy, cohen_kappa(pairs), classes, dict(confusion))


def calibrate(rows: Iterable[tuple[dict[str, Label], dict[str, Label]]]) -> list[Agreement]:
    """Per-criterion agreement over (human labels, grader levels) rows, weakest kappa last.
    A criterion counts for a row only when the human labelled it (the key is present)."""
    pairs: dict[str, list[tuple[Label, Label]]] = {}
    for human, grader in rows:
        for criterion, label in human.items():
            pairs.setdefault(criterion, []).append((label, grader.get(criterion)))
    results = [agreement(criterion, found) for criterion, found in pairs.items()]
    return sorted(results, key=lambda a: -a.kappa)


def label_problems(labels: dict[str, Label], rubric: Rubric) -> list[str]:
    """What is wrong with one item's human labels against the rubric: an unknown criterion or a level the criterion
    does not have. A quoted "null" is the usual slip (null means 'not applicable' and is written without quotes)."""
    problems = []
    known = {criterion.id: criterion for criterion in rubric.criteria}
    for criterion_id, label in labels.items():
        criterion = known.get(criterion_id)
        if criterion is None:
            problems.append(f"labels.{criterion_id}: no such criterion in rubric '{rubric.id}' (it has {', '.join(known)})")
        elif label is not None and label not in {level.id for level in criterion.levels}:
            allowed = ", ".join(level.id for level in criterion.levels) + " or null"
            hint = " (write null without quotes)" if label.strip().lower() in ("null", "none", "n/a") else ""
            problems.append(f"labels.{criterion_id}: '{label}' is not a level of {criterion_id} ({allowed}){hint}")
    return problems
