"""Trainee text inside LLM prompts, and quotes coming back out of LLM answers.

Two pure jobs that must agree with each other:

- ``neutralise`` makes trainee text safe to fence between nonce tags: no ``<`` or ``>`` survive (so no
  closing tag, ``<|im_start|>`` or ``<start_of_turn>`` can be forged) and line breaks become a visible mark
  (so no line can start with a fake "System:" or "### Instruction").
- ``find_quote`` locates a model's quote in the original text, forgiving exactly what a model (or
  ``neutralise``) changes: whitespace, curly quotes, dash styles, letter case and the neutralised marks.
  It returns the exact original span, so stored evidence is always the trainee's own words.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text import without_control_characters

LINE_BREAK_MARK = " ⏎ "
_NEUTRAL = {"<": "‹", ">": "›"}

# Characters a model rewrites when it copies text; each maps to what we compare.
_FOLD = {
    "‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
    "…": "...", "‹": "<", "›": ">", "⏎": " ",
}
_QUOTE_WRAPPERS = "\"'“”‘’«»`"


def neutralise(text: str) -> str:
    """Trainee (or customer) text as it may appear inside a fenced prompt block."""
    text = without_control_characters(unicodedata.normalize("NFC", text))
    text = "".join(_NEUTRAL.get(char, char) for char in text)
    return re.sub(r"\s*[\r\n]+\s*", LINE_BREAK_MARK, text.strip())


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for comparison; positions[i] is the original index of folded character i."""
    folded: list[str] = []
    positions: list[int] = []
    previous_space = True  # drops leading whitespace
    for index, char in enumerate(text):
        for piece in _FOLD.get(char, char).casefold():
            if piece.isspace():
                if previous_space:
                    continue
                piece = " "
            previous_space = piece == " "
            folded.append(piece)
            positions.append(index)
    while folded and folded[-1] == " ":
        folded.pop()
        positions.pop()
    return "".join(folded), positions


def _fold(text: str) -> str:
    return _folded_with_positions(text)[0]


def clean_quote(quote: str) -> str:
    """Strip what models wrap around a quote: surrounding quote marks, ellipses, whitespace."""
    quote = quote.strip()
    while len(quote) >= 2 and quote[0] in _QUOTE_WRAPPERS and quote[-1] in _QUOTE_WRAPPERS:
        quote = quote[1:-1].strip()
    return re.sub(r"^(\.\.\.|…)\s*|\s*(\.\.\.|…)$", "", quote)


def find_quote(text: str, quote: str | None) -> str | None:
    """The exact span of ``text`` that ``quote`` reproduces, or None if it is not there (or empty)."""
    if not quote:
        return None
    needle = _fold(clean_quote(quote))
    if not needle.strip(" .,;:!?-'\""):
        return None
    haystack, positions = _folded_with_positions(text)
    start = haystack.find(needle)
    if start < 0:  # a model often ends its quote with a full stop the text has not got
        needle = needle.rstrip(" .,;:!?")
        start = haystack.find(needle)
    if start < 0:
        return None
    end = start + len(needle) - 1
    return text[positions[start]: positions[end] + 1]
