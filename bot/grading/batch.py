"""Batch files: one GradingItem per JSONL line in, one graded line per item out.

A bad line is reported with its line number and skipped; the good ones are still graded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.domain import GradingItem, ReplyGrade
from bot.errors import InputError


@dataclass(frozen=True)
class BadLine:
    line: int
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.problem}"


def parse_line(text: str, line: int) -> GradingItem | BadLine:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return BadLine(line, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return BadLine(line, "expected a JSON object with id, context, history and reply")
    try:
        return GradingItem.model_validate(data)
    except ValidationError as error:
        return BadLine(line, "; ".join(_describe(e) for e in error.errors()))


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "item"
    if error["type"] == "missing":
        return f"missing field '{where}'"
    return f"{where}: {error['msg']}"


def read_items(path: Path) -> tuple[list[tuple[int, GradingItem]], list[BadLine]]:
    """(line number, item) for every good line, and the bad lines. Blank lines are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.", hint="check the path") from None
    items: list[tuple[int, GradingItem]] = []
    bad: list[BadLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parsed = parse_line(raw, number)
        if isinstance(parsed, BadLine):
            bad.append(parsed)
        else:
            items.append((number, parsed))
    return items, bad


def graded_line(item: GradingItem, grade: ReplyGrade) -> dict:
    """The output record: level and score per criterion, None when not applicable or ungraded."""
    return {
        "id": item.id,
        "criteria": {
            cid: {"level": g.level, "score": g.score, "evidence": g.evidence, "engine": g.engine, "status": g.status}
            for cid, g in grade.criteria.items()
        },
    }


UNGRADED = "(ungraded)"


def levels(grade: ReplyGrade) -> dict[str, str | None]:
    """Level per criterion for calibration; an ungraded criterion is a class of its own, not 'n/a'."""
    return {cid: UNGRADED if g.status == "ungraded" else g.level for cid, g in grade.criteria.items()}
