"""Control characters out of text: they carry nothing a reader sees, and PostgreSQL refuses NUL in text."""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
