"""The session list's query string, checked and turned into a store filter (pure).

Access scoping comes first and cannot be widened: the user's own filter narrows the scope, it never
replaces its `user_id` or `team`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import get_args
from urllib.parse import urlencode

from bot.errors import InputError
from bot.store.records import SessionFilter, SessionSort

# Score bands on the newest debrief's overall score (0-100): [from, below); None = no upper end.
SCORE_BANDS: dict[str, tuple[float, float | None]] = {"low": (0, 50), "medium": (50, 75), "high": (75, None)}
SORTS: tuple[str, ...] = get_args(SessionSort)
PER_PAGE = 50


@dataclass(frozen=True)
class ListQuery:
    """What the reviewer asked for, as typed (empty string = any)."""

    agent: str = ""
    persona: str = ""
    mode: str = ""
    date_from: str = ""
    date_to: str = ""
    score: str = ""
    sort: str = "newest"
    page: int = 1

    def link(self, **changes) -> str:
        """This query with some fields changed, as a query string (for sort and page links)."""
        fields = {**self.__dict__, **changes}
        return "?" + urlencode({k: v for k, v in fields.items() if v not in ("", None)})


def parse_day(text: str, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"'{text}' is not a date for {field}.", hint="use YYYY-MM-DD") from None


def session_filter(query: ListQuery, scope: SessionFilter) -> SessionFilter:
    """`scope` (from accounts.visible_sessions) narrowed by the query; dates are whole UTC days, both included."""
    if query.mode not in ("", "coach", "exam"):
        raise InputError(f"Unknown mode '{query.mode}'.", hint="use coach or exam")
    if query.score and query.score not in SCORE_BANDS:
        raise InputError(f"Unknown score band '{query.score}'.", hint=f"use one of: {', '.join(SCORE_BANDS)}")
    if query.sort not in SORTS:
        raise InputError(f"Unknown sort '{query.sort}'.", hint=f"use one of: {', '.join(SORTS)}")
    start, end = parse_day(query.date_from, "from"), parse_day(query.date_to, "to")
    if start and end and end < start:
        raise InputError("The 'to' date is before the 'from' date.")
    band = SCORE_BANDS.get(query.score, (None, None))
    return scope.model_copy(update={
        "agent": query.agent or None,
        "persona_id": query.persona or None,
        "mode": query.mode or None,
        "started_from": _midnight(start) if start else None,
        "started_before": _midnight(end + timedelta(days=1)) if end else None,
        "score_from": band[0],
        "score_below": band[1],
    })


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)
