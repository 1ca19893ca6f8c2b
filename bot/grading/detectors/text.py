"""Text utilities shared by the detectors: sentence spans, quoted regions, content words, pattern search.

Every position is an offset into the reply as written, so a detector can quote its evidence verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

APOS = r"(?:'|\u2019)?"  # an apostrophe that trainees often leave out: "thats", "its", "dont"
# "n't" after an auxiliary, with or without its apostrophe ("dont", "cant"), but not the end of "rent" or "want"
NT = r"\b(?:do|does|did|is|are|was|were|ca|can|could|wo|would|should|has|have|had|must|need|ai|sha)n" + APOS + r"t\b"

# Curly quotes and apostrophes are mapped one character to one character, so offsets stay valid.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Lower case with straight quotes and hyphens; same length as the input."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+|$)|\n+")
_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "vs.", "st.", "no.")


@lru_cache(maxsize=1024)
def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text`` (terminal punctuation included), skipping common abbreviations."""
    spans: list[Span] = []
    start = 0
    low = text.lower()
    for match in _SENTENCE_END.finditer(text):
        if _ends_with_abbreviation(low[: match.end()]):
            continue
        _add_span(text, start, match.end(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return tuple(spans)


def _ends_with_abbreviation(text: str) -> bool:
    return any(text.endswith(abbr) and not text[-len(abbr) - 1: -len(abbr)].isalpha() for abbr in _ABBREVIATIONS)


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


_QUOTED = re.compile(r"\"[^\"\n]{1,200}\"|(?<![\w])'[^'\n]{1,120}'(?![\w])")


@lru_cache(maxsize=1024)
def quoted_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Regions inside quotation marks: words the agent quotes are not the agent's own words."""
    return tuple((m.start(), m.end()) for m in _QUOTED.finditer(fold(text)))


def inside(position: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in regions)


def find_first(patterns: Iterable[re.Pattern[str]], text: str, skip_quotes: bool = True) -> re.Match[str] | None:
    """The earliest match of any pattern in the folded text, ignoring matches inside quotes."""
    folded = fold(text)
    quoted = quoted_regions(text) if skip_quotes else []
    best: re.Match[str] | None = None
    for pattern in patterns:
        for match in pattern.finditer(folded):
            if not inside(match.start(), quoted):
                if best is None or match.start() < best.start():
                    best = match
                break
    return best


def sentence_around(text: str, position: int) -> Span:
    for span in sentences(text):
        if span.start <= position < span.end:
            return span
    return Span(0, len(text), text)


def compile_all(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


# --------------------------------------------------------------------------- money written out

_SYMBOL = {"gbp": "£", "pound": "£", "pounds": "£", "quid": "£", "usd": "$", "dollar": "$", "dollars": "$", "bucks": "$",
           "aud": "$", "cad": "$", "nzd": "$", "eur": "€", "euro": "€", "euros": "€"}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SMALL = {**_ONES, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {**_SMALL, "a hundred": 100, "one hundred": 100}
# a number written out: "thirty", "forty-five", "twelve", "a hundred"
_WRITTEN = r"(?:" + "|".join(_TENS) + r")(?:[ -](?:" + "|".join(_ONES) + r"))?|" + "|".join(_UNITS)
_MONEY_WORDS = re.compile(r"(?i)\b(gbp|usd|aud|cad|nzd|eur)\s?(\d[\d,]*(?:\.\d+)?)"
                          r"|(?<![\w£$€])(\d[\d,]*(?:\.\d+)?)\s?(pounds?|quid|gbp|dollars?|bucks|usd|aud|cad|nzd|euros?|eur)\b"
                          # "a thirty-pound voucher", "forty-five quid"
                          r"|\b(" + _WRITTEN + r")[ -](pounds?|quid|dollars?|bucks|euros?)\b"
                          # "twenty-five percent", "15 per cent": a percentage, read as "25%"
                          r"|\b(\d+(?:\.\d+)?|" + _WRITTEN + r") ?(percent|per cent)\b")


def _amount(written: str) -> str:
    """ "30" as it is; "thirty-five" as "35"."""
    if written[0].isdigit():
        return written
    tens, _, units = written.lower().replace("-", " ").partition(" ")
    if tens in _TENS:
        return str(_TENS[tens] + (_UNITS[units] if units else 0))
    return str(_UNITS[written.lower()])


@dataclass(frozen=True)
class Respelled:
    """Text with money written out ("GBP 25", "40 pounds", "30 dollars") in symbols ("£25", "£40", "$30"), so the
    rules that read amounts read them all; ``origin`` maps each offset (and the end) back to the text as written."""

    text: str
    origin: tuple[int, ...]

    def as_written(self, written: str, part: str) -> str:
        """The words of ``written`` that ``part`` (a span of ``text``) was respelled from."""
        at = self.text.find(part)
        return part if at < 0 else written[self.origin[at]: self.origin[at + len(part)]]


@lru_cache(maxsize=1024)
def respell_money(text: str) -> Respelled:
    pieces, origin, last = [], [], 0
    for match in _MONEY_WORDS.finditer(text):
        if match.group(8):
            money = _amount(match.group(7)) + "%"
        else:
            word, number = ((match.group(1), match.group(2)) if match.group(1) else
                            (match.group(4), match.group(3)) if match.group(4) else (match.group(6), match.group(5)))
            money = _SYMBOL[word.lower()] + _amount(number)
        pieces += [text[last: match.start()], money]
        origin += [*range(last, match.start()), *[match.start()] * len(money)]
        last = match.end()
    pieces.append(text[last:])
    origin += [*range(last, len(text) + 1)]
    return Respelled("".join(pieces), tuple(origin))


# --------------------------------------------------------------------------- counts written out

# read as digits where a noun follows: "thirty free tickets", "ONE free change", "both fees"
_CARDINALS = {**_SMALL, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "both": 2}
_CARDINAL = re.compile(r"\b(" + "|".join(_CARDINALS) + r")\b(?=\s+(?:of (?:your|the|my|their) )?[£$€a-z])")


def numerals(text: str) -> str:
    return _CARDINAL.sub(lambda match: str(_CARDINALS[match.group(1)]), text)


# --------------------------------------------------------------------------- content words

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
    let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out
    over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've
    your yours yourself yourselves just now also even still really so very get got go going went one thing
    things like know want need make made take said say says tell told see saw let will can us ok okay yes
    sorry apologise apologize apologies understand hear right well oh hi hello thanks thank please today""".split()
)

_NUMBER_WORDS = {
    "one": "1", "first": "1", "two": "2", "second": "2", "twice": "2", "three": "3", "third": "3",
    "four": "4", "fourth": "4", "five": "5", "fifth": "5", "six": "6", "sixth": "6", "seven": "7",
    "seventh": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "twenty": "20", "thirty": "30", "hundred": "100",
}
# Action nouns read as their verb, so "any fee reduction needs approval" matches "I've reduced the fee".
_ACTION_NOUN_VERBS = {
    "extension": "extend", "suspension": "suspend", "cancellation": "cancel", "reduction": "reduce",
    "exemption": "exempt", "adjustment": "adjust", "replacement": "replace", "approval": "approve",
    "renewal": "renew", "closure": "close", "deletion": "delete", "removal": "remove", "reversal": "reverse",
    "waiver": "waive",
}
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d[\d,.:]*\d|\d")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude suffix stripper: good enough to match 'cancelled'/'cancel', 'charging'/'charged'."""
    word = word.strip("'").removesuffix("'s")
    word = _ACTION_NOUN_VERBS.get(word) or _ACTION_NOUN_VERBS.get(word.removesuffix("s"), word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word[0].isdigit():
        return word.rstrip(".").replace(",", "")
    for suffix in ("ingly", "edly", "ing", "ed", "ies", "es", "s", "ly", "y", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # 'cancell' -> 'cancel', 'stopp' -> 'stop'
    return word


def content_stems(text: str, exclude: Iterable[str] = ()) -> set[str]:
    excluded = {w.lower() for w in exclude}
    stems: set[str] = set()
    for word in _WORD.findall(fold(text)):
        if word in STOPWORDS or word in excluded or len(word) < 2 and not word.isdigit():
            continue
        stems.add(stem(word))
        if "-" in word:  # "whole-order" also matches "the whole order"
            stems.update(stem(part) for part in word.split("-") if len(part) > 2 and part not in STOPWORDS)
    return stems


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))
