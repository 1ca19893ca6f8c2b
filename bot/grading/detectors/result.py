"""What every detector returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Detection:
    """A level id (None: the criterion does not apply), the span of the reply that decided it, and the rule."""

    level: str | None
    evidence: str | None
    reason: str
