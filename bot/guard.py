"""The adherence guard: is a generated customer message fit to show the trainee? Pure text checks.

Small models slip out of the role: they start helping ("How can I help you?"), speak for the company
("We apologize"), mention being an AI, write the agent's next line, repeat themselves or ramble, or
drift into fluent sentences about nothing in the case, which no phrase list catches: so a sentence must
also share a content word with the persona file (``off_topic``) and hold together (``incoherent``). The
checks here name the failure; ``bot.customer`` decides what to do about it (drop, regenerate, fall back).

Checks run per sentence while the message streams (``sentence_problem``), so a bad sentence is caught
before the trainee sees it; ``first_problem`` runs them all over a finished text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain import GuardEvent

MAX_MESSAGE_CHARS = 420  # a furious customer's turn is a few sentences; longer is the model rambling
MAX_SENTENCES = 3  # what prompts/customer.md asks for; the customer stops after the third
REPEAT_SIMILARITY = 0.85  # normalised difflib ratio at which a sentence counts as said before
REPEAT_MIN_WORDS = 5  # short outbursts ("This is ridiculous.") may legitimately recur

_ROLE_REVERSAL = [
    r"\bhow (?:can|may|could) i (?:help|assist)",
    r"\b(?:is there )?anything (?:else )?i can (?:help|do for you|assist)",
    r"\b(?:happy|glad|here) to (?:help|assist)",
    r"\bwe(?:'re| are)? (?:sincerely |truly )?(?:apologi[sz]e|sorry)",
    r"\bthank you for (?:calling|contacting|reaching out|your patience|choosing|your understanding)",
    r"\bsorry for (?:the|any) inconvenience",
    r"\b(?:dear|valued) customer",
    r"\blet me (?:help|assist) you",
    r"\bi(?:'ll| will) (?:look into|check on|take care of) (?:this|that|it) for you",
    r"\bi(?:'m| am) (?:so |very |really |truly )?sorry to hear",
    r"\bi (?:completely |totally )?understand (?:your|how) (?:frustrat|upset|concern|difficult)",
    r"\b(?:provide|share|confirm|give me) (?:me )?(?:with )?your "
    r"(?:account|order|booking|reference|full name|email|phone)",
    r"\bhelp you\b",  # the customer asks for help; offering it is the agent's line
    r"\b(?:not|won't) (?:going to )?tolerate\b",
    r"\bsorry (?:for|about) (?:your|you)\b",
    r"^(?:i(?:'m| am) (?:(?:so|really|very|just|truly) )*sorry[,.!…]*\s*)+$",  # nothing but an apology
    r"^i(?:'m| am) (?:so |really |very |just |truly )?sorry (?:for|about|i|that)\b",  # apologising to the agent
    r"\byou(?:'re| are) right, i(?:'m| am) sorry",
    r"\breach out to\b",
    r"\b(?:share|tell me) (?:a bit |a little )?more about (?:your|the) (?:situation|issue|problem|concern)",
    r"\bif you (?:have|need) any\b",
    r"\bneed anything else\b",
    r"\bour (?:customer (?:support|service)|support team|team|company|resources)\b",
    r"\byou(?:'re| are) (?:a|the|our) (?:customer|caller)\b",
    r"\byou deserve to\b",
    r"\bmake sure you(?:'re| are) (?:okay|ok|alright|comfortable|safe)\b",
    r"\bi(?:'ll| will) (?:just )?pass (?:it|this|that) on\b",
    # The upbeat service voice small models fall into (seen in bench/in_character.py runs):
    r"\bi(?:'m| am) (?:so |really |very )?glad\b",
    r"\b(?:glad|great|good|nice) to hear\b",
    r"\bthat(?:'s| is) (?:a )?(?:great|good|very good|nice) (?:point|plan|question|idea|reason)\b",
    r"\bthat(?:'s| is) great\b",
    r"\bi(?:'ll| will) (?:make sure|do my best|keep an eye)\b",
    r"\bhere(?:'s| is) (?:a|the|your) (?:contact|link|reference)",
    r"\blet me know\b",
    r"\bno worries\b",
    r"\byou(?:'re| are) (?:more than |very |so )?welcome\b",
    r"\bjust remember\b",
    # Service phrasing addressed to the customer: instructions, the company's "we", offers.
    r"^you can\b",
    r"\byou can (?:also |always |easily )?(?:call|contact|check|visit|reach|find|use|try|go|request|expect)\b",
    r"\bwe(?:'ll| will| can(?!')| would be| are (?:here|happy|committed|working))\b",
    r"\bplease (?:contact|call|visit|note|be assured|allow|hold|bear with)\b",
    r"\bi can (?:help|assist|offer|provide|check|look|arrange|escalate|process)\b",
    r"\bfeel free\b",
    r"\b(?:don't|do not) hesitate\b",
    r"\bour (?:policy|policies|records|system|website|agents?|staff|service|apologies)\b",
    r"\b(?:is|was) there anything\b",
    r"\bwhat (?:else )?can i do for you\b",
    r"\bwalk you through\b",
    r"\btell me (?:a bit |a little )?more\b",  # the agent's probe
    r"\byour (?:account|order|booking|reference|policy|customer|case) number\b",  # the customer's is "my"
    r"\b(?:i|you|we)(?:'d|'ll| would| will) be (?:happy|glad|pleased) to\b",
    r"\bi(?:'ll| will) send you\b",
    r"\bplease (?:go to|visit|provide|enter)\b",
    r"\bprovide (?:me with |us with )?your\b",
    r"\b(?:access|check|verify|update|locate|pull up|look up) your (?:account|order|booking|details|file)\b",
    r"\bi(?:'m| am) your (?:agent|representative|assistant|rep)\b",
    r"\b(?:sort|figure|work) (?:it|this|that) out for you\b",
    r"\bi(?:'ll| will) see you\b",  # a chat: the customer sees nobody
    r"\byou(?:'re| are) going to get (?:a|your) (?:refund|credit|replacement)\b",
    r"\byou(?:'ll| will) (?:get|receive) (?:a|your) (?:refund|credit|replacement)\b",
    r"\b(?:sad|sorry|unfortunate) to hear\b",
    r"\bwith us\b",
    r"\byour (?:payment|account|card|contact|personal) (?:details|information)\b",
    r"^(?:so,? |okay,? so,? )?what happened\?",
    r"\b(?:totally|completely|perfectly) understandable\b",
    r"\bthat(?:'s| is) why i(?:'m| am) here\b",
    r"\bi(?:'m| am) (?:here|unable) to (?:help|assist|support)\b",
    r"\bi(?:'m| am) unable to assist\b",
]
_FOURTH_WALL = [
    r"\bas an? (?:ai|language model|assistant|chatbot)",
    r"\b(?:language model|ai model|chatbot|system prompt|the prompt|rubric|role-?play|persona|simulation|trainee)s?\b",
    r"\bi(?:'m| am) (?:an? |the |your )?(?:customer service|customer support|support) (?:representative|agent|rep)",
    r"\bin character\b",
]
# Small models apologise like an agent all the time; a customer whose own lines never do, doesn't.
_APOLOGY = r"\b(?:sorry|apologi[sz]e)"
_CASE_SENSITIVE_FOURTH_WALL = [r"\bAI\b", r"\bLLM\b"]
_CHECKS = (
    [("role_reversal", "speaks as the company", re.compile(p, re.IGNORECASE)) for p in _ROLE_REVERSAL]
    + [("fourth_wall", "steps out of the scene", re.compile(p, re.IGNORECASE)) for p in _FOURTH_WALL]
    + [("fourth_wall", "steps out of the scene", re.compile(p)) for p in _CASE_SENSITIVE_FOURTH_WALL]
)

# Where the model starts writing the next speaker's turn: a short label at the start of a line
# ("\nDana:", "\n**Agent**:") or a known role label anywhere ("... fine. Agent: I'm sorry").
_FAKE_TURN = re.compile(
    r"\n\s*\**[^\W\d][\w .]{0,24}\**\s*:"
    r"|(?<!\S)\**(?:agent|representative|support|assistant|operator|customer|caller)\**\s*:",
    re.IGNORECASE,
)
_QUOTES = "\"“”"
OFF_TOPIC_MIN_WORDS = 4  # a sentence this long must touch the case; "Fix this." or "No, no." need not
ECHO_MIN_STEMS, ECHO_SHARE = 5, 0.6  # parroting: 60% of 5+ content words from the agent's message; asking back is fine
# Words any complaint may use without the persona file having them: the ask, the verdict, the insult.
_COMPLAINT_WORDS = (
    "refund money supervisor manager fix wrong joke ridiculous unbelievable unacceptable third waiting "
    "stupid idiot idiots moron morons useless incompetent pathetic clueless hopeless rude lazy clown"
)
_STOPWORDS = frozenset(
    "a an the and or but if so of to in on at by for from with about into over after before than then "
    "this that these those it its it's is are was were be been being am do does did done have has had "
    "having i i'm i've i'll i'd me my mine myself you you're you've you'll your yours we us our they them "
    "their he she him her his what which who whom when where why how all any some no not nor only own "
    "same too very just can could will would should shall may might must also again still even ever "
    "there here out up down off now well really get got going go gone make made say said tell told know "
    "think want need like one thing things way lot much many more most other another something anything "
    "nothing everything someone anyone ok okay yes yeah right sure let don't can't won't didn't isn't "
    "it'll that's what's there's doesn't wasn't aren't haven't hasn't i'll "
    # Verbs and fillers any sentence may use: sharing one of these with the persona file says nothing.
    "keep kept take takes taking took look looks looking looked give gives gave given find found feel felt "
    "try tried trying come came comes work works working put seem seems start started stop use used ask "
    "asked whatever actually even fine mean means able else every each few little bit long new old whole "
    "hard side behind story way ways kind sort lot lots back around along anymore already always never "
    "maybe please thank thanks sorry afraid guess hope hoping believe understand wanted wants needed time "
    "times lately today".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')]*(?=\s)")


@dataclass(frozen=True)
class Context:
    """What a customer message is checked against."""

    earlier: list[str]  # the customer's earlier messages in this conversation
    may_apologise: bool = True  # False: this customer never apologises (their example lines don't)
    # Stems of what this case is about (bot.customer.situation_text); a sentence of OFF_TOPIC_MIN_WORDS or more
    # sharing none of them is the model drifting off. Empty: no such check.
    vocabulary: frozenset[str] = frozenset()
    own_sentences: frozenset[str] = frozenset()  # the persona's own, normalised: always in character
    agent_said: frozenset[str] = frozenset()  # stems of the agent's last message: not to be parroted


def content_stems(text: str) -> set[str]:
    """Crude stems of the words that carry meaning: 'refunds', 'refunded' -> 'refun'; 'days' -> 'day'."""
    words = re.findall(r"[a-z][a-z']*", text.lower().replace("’", "'"))
    return {_stem(word) for word in words if word not in _STOPWORDS and len(word) > 2}


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    return (word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)[:5]


_COMPLAINT = frozenset(content_stems(_COMPLAINT_WORDS))
# How any call ends (accepting, thanking, giving up): generic words, but these sentences are about the call.
_CLOSING = frozenset("thank thanks appreciate goodbye bye deal works done hanging".split())


def apologises(lines: list[str]) -> bool:
    return any(re.search(_APOLOGY, line, re.IGNORECASE) for line in lines)


@dataclass(frozen=True)
class Problem:
    kind: str  # one of GuardEvent.kind
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


def sentence_problem(sentence: str, context: Context, so_far: list[str] = ()) -> Problem | None:
    """Role reversal, fourth wall, or something already said: this sentence in an earlier message or
    earlier in this one (``so_far``), or the message so far as a whole earlier message."""
    for kind, what, pattern in _CHECKS:
        if match := pattern.search(sentence):
            return Problem(kind, f"{what}: '{match.group(0).strip()}'")
    if not context.may_apologise and (match := re.search(_APOLOGY, sentence, re.IGNORECASE)):
        return Problem("role_reversal", f"apologises, which this customer never does: '{match.group(0)}'")
    if problem := _structure_problem(sentence, context):
        return problem
    message = " ".join([*so_far, sentence])
    for earlier in context.earlier:
        if similarity(message, earlier) >= REPEAT_SIMILARITY:
            return Problem("repetition", f"repeats an earlier message: '{earlier}'")
    if len(sentence.split()) >= REPEAT_MIN_WORDS:  # a short outburst ("No!") may recur
        for earlier in [*context.earlier, *so_far]:
            for said in _sentences_of(earlier):
                if similarity(sentence, said) >= REPEAT_SIMILARITY:
                    return Problem("repetition", f"repeats '{said}'")
    return None


@lru_cache(maxsize=4096)
def _sentences_of(message: str) -> tuple[str, ...]:
    """Each earlier message is checked against every new sentence: split once (a tuple: the cache shares it)."""
    return tuple(split_sentences(message, final=True)[0])


def _structure_problem(sentence: str, context: Context) -> Problem | None:
    """What phrase lists miss: a sentence that loops on itself, parrots the agent, or is about nothing
    in this case."""
    words = re.findall(r"[\w']+", sentence.lower())
    if "\n" in sentence:  # a line break inside a sentence: the model started something else
        return Problem("incoherent", "breaks off mid-sentence")
    fourgrams = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
    if len(set(fourgrams)) < len(fourgrams):  # "I'm asking for" twice is rhetoric; four words twice is a loop
        return Problem("incoherent", "repeats words within one sentence")
    if normalise(sentence) in context.own_sentences:
        return None
    stems = content_stems(sentence)
    if len(stems) >= ECHO_MIN_STEMS and len(stems & context.agent_said) >= ECHO_SHARE * len(stems):
        return Problem("off_topic", f"parrots the agent: '{sentence}'")
    if not context.vocabulary or len(words) < OFF_TOPIC_MIN_WORDS:
        return None
    if not stems & (context.vocabulary | _COMPLAINT) and not _CLOSING & set(words):
        return Problem("off_topic", f"nothing in it is about this case: '{sentence}'")
    return None


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


@lru_cache(maxsize=4096)  # the same earlier sentences are compared with every new one
def normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def first_problem(text: str, context: Context) -> Problem | None:
    """Every check over a finished text: what the bench uses to judge what was shown."""
    if not re.search(r"\w", text):
        return Problem("empty", "no words")
    if len(text) > MAX_MESSAGE_CHARS:
        return Problem("too_long", f"{len(text)} characters (at most {MAX_MESSAGE_CHARS})")
    sentences, rest = split_sentences(text, final=True)
    for index, sentence in enumerate(sentences + ([rest] if rest else [])):
        if problem := sentence_problem(sentence, context, sentences[:index]):
            return problem
    return None
