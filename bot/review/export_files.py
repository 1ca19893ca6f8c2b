"""Export files read from the store, for the review pages' downloads and `bot export`."""

from __future__ import annotations

from bot.domain import Rubric
from bot.errors import InputError
from bot.files import Catalog
from bot.review import export
from bot.store import SessionFilter, SqlStore


async def export_text(store: SqlStore, rubric: Rubric, where: SessionFilter, fmt: str) -> str:
    """Every graded reply of the matching sessions, as csv or jsonl (see bot.review.export)."""
    if fmt not in export.EXPORT_FORMATS:
        raise InputError(f"Unknown export format '{fmt}'.", hint=f"use one of: {', '.join(export.EXPORT_FORMATS)}")
    replies = await store.graded_replies(where)
    edits = await store.grade_edits(sorted({r.session_id for r in replies}))
    records = export.reply_records(replies, edits)
    return export.to_csv(records, [c.id for c in rubric.criteria]) if fmt == "csv" else export.to_jsonl(records)


async def labelled_text(store: SqlStore, catalog: Catalog, where: SessionFilter) -> str:
    """The overridden replies as LABELING.md items, one JSON line each (what `bot calibrate` reads)."""
    items = []
    for session_id in await store.edited_session_ids(where):
        record = await store.load_session(session_id)
        items += export.labelled_items(record, catalog.personas.get(record.persona_id),
                                       await store.grade_edits([session_id]))
    return "".join(item.model_dump_json() + "\n" for item in items)
