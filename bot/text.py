"""Small text helpers shared by the session core: control characters out (they carry nothing a reader sees,
and PostgreSQL refuses NUL in text), a message split into its sentences."""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def split_sentences(text: str) -> list[str]:
    """The sentences of a chat message, each with its end mark ("?" tells a question)."""
    return [sentence.strip() for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence.strip()]
