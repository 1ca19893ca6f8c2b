"""The adherence guard: is a generated customer message fit to show the trainee? Pure text checks.

Small models slip out of the role: they start helping ("How can I help you?"), speak for the company
("We apologize"), mention being an AI, write the agent's next line, repeat themselves or ramble. The
checks here name the failure; ``bot.customer`` decides what to do about it (drop, regenerate, fall back).

Checks run per sentence while the message streams (``sentence_problem``) so a bad sentence is caught
before the trainee sees it; the whole-message checks (``message_problem``) run once it is complete.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.domain import GuardEvent

Kind = str  # one of GuardEvent.kind

MAX_MESSAGE_CHARS = 420  # a furious customer's turn is a few sentences; longer is the model rambling
MAX_SENTENCES = 3  # what prompts/customer.md asks for; the customer stops after the third
REPEAT_SIMILARITY = 0.85  # normalised difflib ratio at which a sentence counts as said before
REPEAT_MIN_WORDS = 5  # short outbursts ("This is ridiculous.") may legitimately recur

_ROLE_REVERSAL = [
    r"\bhow (?:can|may|could) i (?:help|assist)",
    r"\b(?:is there )?anything (?:else )?i can (?:help|do for you|assist)",
    r"\bi(?:'m| am) (?:happy|glad|here) to (?:help|assist)",
    r"\bwe(?:'re| are)? (?:sincerely |truly )?(?:apologi[sz]e|sorry)",
    r"\bthank you for (?:calling|contacting|reaching out|your patience|choosing|your understanding)",
    r"\bsorry for (?:the|any) inconvenience",
    r"\b(?:dear|valued) customer",
    r"\blet me (?:help|assist) you",
    r"\bi(?:'ll| will) (?:look into|check on|take care of) (?:this|that|it) for you",
    r"\bi(?:'m| am) (?:so |very |really |truly )?sorry to hear",
    r"\bi (?:completely |totally )?understand (?:your|how) (?:frustrat|upset|concern|difficult)",
    r"\b(?:provide|share|confirm|give me) (?:me )?(?:with )?your (?:account|order|booking|reference|full name|email|phone)",
]
_FOURTH_WALL = [
    r"\bas an? (?:ai|language model|assistant|chatbot)",
    r"\b(?:language model|ai model|chatbot|system prompt|the prompt|rubric|role-?play|persona|simulation|trainee)s?\b",
    r"\bi(?:'m| am) (?:an? |the |your )?(?:customer service|customer support|support) (?:representative|agent|rep)",
    r"\bin character\b",
]
_CASE_SENSITIVE_FOURTH_WALL = [r"\bAI\b", r"\bLLM\b"]

# Where the model starts writing the next speaker's turn: a short label at the start of a line
# ("\nDana:", "\n**Agent**:") or a known role label anywhere ("... fine. Agent: I'm sorry").
_FAKE_TURN = re.compile(
    r"\n\s*\**[^\W\d][\w .]{0,24}\**\s*:"
    r"|(?<!\S)\**(?:agent|representative|support|assistant|operator|customer|caller)\**\s*:",
    re.IGNORECASE,
)
_QUOTES = "\"“”"
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')]*(?=\s)")
_END_PUNCTUATION = tuple(".!?…\"”’')")


@dataclass(frozen=True)
class Problem:
    kind: Kind
    detail: str

    def event(self, rejected_text: str, attempt: int) -> GuardEvent:
        return GuardEvent(kind=self.kind, detail=self.detail, rejected_text=rejected_text, attempt=attempt)


def clean(raw: str, speaker_name: str = "") -> tuple[str, bool]:
    """Strip a role prefix ('Customer:', 'Dana:') and wrapping quotes; cut at a fake next turn.

    Returns (text, cut): ``cut`` means the model went on to write another line of the dialogue, so the
    stream can stop there. ``speaker_name`` is the persona's name, a legitimate prefix of its own line."""
    text = raw.lstrip()
    labels = {"customer", "caller", "client", speaker_name.lower(), speaker_name.split(" ")[0].lower()} - {""}
    prefix = re.match(r"\**([\w .]{1,30}?)\**\s*:\s*", text)
    if prefix and prefix.group(1).strip().lower() in labels:
        text = text[prefix.end():]
    fake_turn = _FAKE_TURN.search(text)
    if fake_turn:
        text = text[: fake_turn.start()]
    text = text.strip()
    if text[:1] in _QUOTES:
        text = text.strip(_QUOTES).strip()
    return text, fake_turn is not None


def split_sentences(text: str, final: bool) -> tuple[list[str], str]:
    """Complete sentences and the unfinished rest. While streaming (``final`` False) a sentence counts
    as complete only once whitespace follows its end mark, so '3.5' or '...' are not split early."""
    source = text + " " if final else text
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(source):
        sentences.append(source[start : match.end()].strip())
        start = match.end()
    return [s for s in sentences if s], source[start:].strip()


def sentence_problem(sentence: str, earlier_customer_lines: list[str]) -> Problem | None:
    """Role reversal, fourth wall, or a sentence the customer already said."""
    for pattern in _ROLE_REVERSAL:
        if match := re.search(pattern, sentence, re.IGNORECASE):
            return Problem("role_reversal", f"speaks as the company: '{match.group(0)}'")
    for pattern, flags in [(p, re.IGNORECASE) for p in _FOURTH_WALL] + [(p, 0) for p in _CASE_SENSITIVE_FOURTH_WALL]:
        if match := re.search(pattern, sentence, flags):
            return Problem("fourth_wall", f"steps out of the scene: '{match.group(0).strip()}'")
    for earlier in earlier_customer_lines:
        # A short outburst may recur inside a longer message, but not as a whole earlier message.
        said_before = [earlier]
        if len(sentence.split()) >= REPEAT_MIN_WORDS:
            said_before += split_sentences(earlier, final=True)[0]
        for said in said_before:
            if similarity(sentence, said) >= REPEAT_SIMILARITY:
                return Problem("repetition", f"repeats an earlier line: '{said}'")
    return None


def message_problem(text: str, earlier_customer_lines: list[str]) -> Problem | None:
    """Checks on a whole message: empty, far too long, or the same as an earlier message."""
    if not re.search(r"\w", text):
        return Problem("empty", "no words")
    if len(text) > MAX_MESSAGE_CHARS:
        return Problem("too_long", f"{len(text)} characters (at most {MAX_MESSAGE_CHARS})")
    for earlier in earlier_customer_lines:
        if similarity(text, earlier) >= REPEAT_SIMILARITY:
            return Problem("repetition", f"repeats an earlier message: '{earlier}'")
    return None


def ends_a_sentence(text: str) -> bool:
    return text.rstrip().endswith(_END_PUNCTUATION)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _normalise(a), _normalise(b)).ratio()


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def first_problem(text: str, earlier_customer_lines: list[str]) -> Problem | None:
    """Every check over a finished text: what the bench uses to judge what was shown."""
    sentences, rest = split_sentences(text, final=True)
    for sentence in sentences + ([rest] if rest else []):
        if problem := sentence_problem(sentence, earlier_customer_lines):
            return problem
    return message_problem(text, earlier_customer_lines)
