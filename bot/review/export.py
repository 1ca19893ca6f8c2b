"""Export rows (pure): one per graded reply with current and original levels and the overrides; and the
overridden replies as labelled items in LABELING.md's format, for `bot calibrate`.

Labelled items carry only the criteria a reviewer set: the others are the grader's own levels, and
calibrating the grader against itself would only flatter it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from bot.domain import GradingItem, ItemContext, Message, Persona
from bot.ports import SessionRecord
from bot.review.overrides import NOT_APPLICABLE
from bot.store.review_records import GradedReply, GradeEdit, OriginalGrade

EXPORT_FORMATS = ("csv", "jsonl")
FIXED_COLUMNS = ["session_id", "agent", "team", "persona", "mode", "started_at", "turn", "reply"]


def _edits_by_reply(edits: Iterable[GradeEdit]) -> dict[tuple[str, int], list[GradeEdit]]:
    found: dict[tuple[str, int], list[GradeEdit]] = {}
    for edit in sorted(edits, key=lambda e: e.id):
        found.setdefault((edit.session_id, edit.turn_index), []).append(edit)
    return found


def _word(grade: OriginalGrade) -> str:
    if grade.status == "graded":
        return grade.level or NOT_APPLICABLE
    return NOT_APPLICABLE if grade.status == "not_applicable" else "ungraded"


def reply_record(reply: GradedReply, edits: list[GradeEdit]) -> dict:
    """One JSONL line: the reply, and per criterion its current level, the grader's level and the edits."""
    criteria = {}
    for criterion, grade in reply.grades.items():
        history = [e for e in edits if e.criterion == criterion]
        current = (history[-1].to_level or NOT_APPLICABLE) if history else _word(grade)
        criteria[criterion] = {
            "level": current,
            "original": _word(grade),
            "overrides": [
                {"from": e.from_level or NOT_APPLICABLE, "to": e.to_level or NOT_APPLICABLE, "by": e.reviewer,
                 "at": e.created_at.isoformat(), "comment": e.comment}
                for e in history
            ],
        }
    return {
        "session_id": reply.session_id, "agent": reply.agent, "team": reply.team, "persona": reply.persona_id,
        "mode": reply.mode, "started_at": reply.started_at.isoformat(), "turn": reply.turn_index,
        "reply": reply.reply, "criteria": criteria,
    }


def reply_records(replies: Iterable[GradedReply], edits: Iterable[GradeEdit]) -> list[dict]:
    by_reply = _edits_by_reply(edits)
    return [reply_record(r, by_reply.get((r.session_id, r.turn_index), [])) for r in replies]


def to_jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def to_csv(records: list[dict], criteria: list[str]) -> str:
    """Flat: per criterion `<id>` (current) and `<id>_original`; `overrides` lists every edit in words."""
    columns = FIXED_COLUMNS + [name for c in criteria for name in (c, f"{c}_original")] + ["overrides"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {column: record[column] for column in FIXED_COLUMNS}
        edits = []
        for criterion, grade in record["criteria"].items():
            row[criterion], row[f"{criterion}_original"] = grade["level"], grade["original"]
            edits += [f"{criterion}: {e['from']} -> {e['to']} by {e['by']} at {e['at']}: {e['comment']}"
                      for e in grade["overrides"]]
        row["overrides"] = "; ".join(edits)
        writer.writerow({k: v for k, v in row.items() if k in columns})
    return out.getvalue()


def history_before(record: SessionRecord, turn_index: int) -> list[Message]:
    """The conversation up to the reply at `turn_index`, ending with the customer's latest message."""
    history = []
    for turn in record.turns:
        if turn.index >= turn_index:
            break
        if turn.agent_text:
            history.append(Message(role="agent", text=turn.agent_text))
        if turn.customer_text:
            history.append(Message(role="customer", text=turn.customer_text))
    return history


def labelled_items(record: SessionRecord, persona: Persona | None, edits: list[GradeEdit]) -> list[GradingItem]:
    """One item per overridden reply of the session; labels = the newest edit's level of each edited criterion."""
    context = ItemContext(persona=f"{persona.name}: {persona.scenario}" if persona else record.persona_id,
                          policy=persona.policy_text if persona else None)
    items = []
    by_turn = _edits_by_reply(e for e in edits if e.session_id == record.id)
    for turn in record.turns:
        turn_edits = by_turn.get((record.id, turn.index))
        if not turn_edits or not turn.agent_text:
            continue
        labels = {edit.criterion: edit.to_level for edit in turn_edits}  # oldest first: the newest wins
        items.append(GradingItem(id=f"{record.id}-t{turn.index}", context=context,
                                 history=history_before(record, turn.index), reply=turn.agent_text, labels=labels))
    return items
