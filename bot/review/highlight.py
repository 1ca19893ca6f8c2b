"""The grader's evidence marked in the reply: escaped text with <mark> around each exact span (pure)."""

from __future__ import annotations

from markupsafe import Markup, escape


def evidence_spans(text: str, evidence: dict[str, str | None]) -> list[tuple[int, int, list[str]]]:
    """(start, end, criteria) of each evidence quote found verbatim in `text`; overlapping spans are merged."""
    found = []
    for criterion, quote in evidence.items():
        start = text.find(quote) if quote else -1
        if start >= 0:
            found.append((start, start + len(quote), [criterion]))
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, criteria in sorted(found):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_criteria = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_criteria + criteria)
        else:
            merged.append((start, end, criteria))
    return merged


def highlighted(text: str, evidence: dict[str, str | None]) -> Markup:
    """`text` escaped, each evidence span wrapped in <mark title="criteria">."""
    parts, position = [], 0
    for start, end, criteria in evidence_spans(text, evidence):
        parts.append(escape(text[position:start]))
        parts.append(Markup('<mark title="{}">{}</mark>').format(", ".join(criteria), text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)
