"""open_questions: when the reply asks, does it invite the customer to explain?

A question is judged by what it asks for, not by its grammar: "Can you tell me more about…" invites a
narrative (open) though it could be answered "yes"; "When did it start?" asks for one datum (closed).
Imperatives count: "Walk me through…" is an open invitation, "Tell me your account number" a closed
question, "Send me a photo" no question at all. One open question makes the reply open.
"""

from __future__ import annotations

import re

from bot.domain import Message
from bot.grading.detectors.phrases import APOS
from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import Span, fold, inside, quoted_regions, sentences

_LEAD = re.compile(
    r"^(?:(?:and|so|also|but|okay|ok|now|then|first|well|right|oh|just|please|great|alright|lastly|finally|"
    r"meanwhile|in the meantime|quick question|one more thing|out of interest|to start|first of all)\b[,:]?\s*"
    r"|[^\w\s'\"]+\s*"  # an emoji or a dash before the question
    r"|[a-z]+,\s+(?=[a-z]))"
)
_POLITE = re.compile(
    r"^(?:(?:would|do) you (?:like|want|mind|be willing|feel able) (?:to )?"  # before "would you": the longer lead
    r"|(?:can|could|would|will|won" + APOS + r"t) you (?:please |maybe |perhaps |just |quickly |briefly )?"
    r"|would you be able to |are you able to "
    r"|if you could |you can |feel free to |i(?:" + APOS + r"d| would) (?:like|love) (?:you )?to |i want you to |let" + APOS + r"s |let us )"
)
_INVITATION = re.compile(
    r"^(?:walk|talk|take|walking|talking|taking) me through\b|^(?:describe|describing|explain|explaining)\b"
    r"|^help me understand\b|^(?:share|sharing) (?:more|what|how|why|your (?:side|experience|story|thoughts))"
    r"|^(?:hear|hearing) (?:more|about|what|how|it|your)"
)
_TELL = re.compile(r"^(?:do )?(?:tell|telling|give|giving|read|let) me(?: know)?\b\s*")
_OPEN_AFTER_TELL = re.compile(
    r"^(?:more|about|a (?:bit|little)|everything|anything|whatever|all about|in your own words|your side|how\b(?! (?:many|much|long|old|often|far))|why\b)"
)
_SIGN_OFF = re.compile(
    r"^(?:is there |was there |are there )?(?:anything|something) else\b|^(?:can|may|could|shall) i (?:help|assist|do) (?:you )?with anything"
    r"|^what else can (?:i|we) (?:do|help)"
)
_DATUM_WH = re.compile(r"^(?:when|where|who|whom|whose|which|whether|if|how (?:many|much|long|old|often|far|soon|late|early)|how about)\b")
# "How would you like it, email or post?", "How would you like the refund paid?": a choice of method
_CHOICE = re.compile(r"^(?:how|what) would you (?:like|prefer)\b[^?]*\bor\b"
                     r"|^how would you (?:like|prefer) (?:the |your |it|them|us|me)(?:[\w-]+ ){0,2}(?:paid|sent|delivered|refunded|returned|"
                     r"issued|credited|posted|to be (?:paid|contacted|refunded))\b")
# "Could you send a few photos?": a polite instruction, no question (LABELING.md: "Send me a photo" asks nothing)
_ACTION = re.compile(r"^(?:send|upload|attach|forward|bring|pop|post|drop|take|snap|photograph|restart|reboot|unplug|plug|switch|"
                     r"try|hold|keep|leave|return|check|pick)\b(?! me (?:your|the) )")
_OPEN_WH = re.compile(r"^(?:why|how)\b")
_PROBLEM_NOUNS = r"(?:problem|issue|matter|situation|concern|story|experience|worry|trouble|biggest \w+|main \w+|most important)"
_AUX = (
    r"(?:is|'s|was|were|are|do|does|did|has|have|had|would|will|could|can|should|might|may|'d|'ll|happened|happens|"
    r"happen|seems?|went|made|makes|brought|brings|caused|causes|worries|concerns|matters|else|exactly|specifically|"
    r"put|led|drove|prompted|stopped|kept|changed|got)"
)
_WHAT_OPEN = re.compile(
    r"^what(?:" + APOS + r"s| is| was)? (?:(?:been )?(?:going on|happening|happened|wrong|up)|(?:gone|going) wrong|the matter|(?:the |your )" + _PROBLEM_NOUNS + r")"
    r"|^what(?:" + APOS + r"s| is| has)(?: been)? (?:concerning|worrying|bothering|upsetting|troubling|(?:the|your) (?:hardest|worst|biggest|main|most))"
    r"|^what (?:[\w-]+ ){1,2}(?:said|told|did|meant|mentioned|explained|asked|wrote|promised)\b"
    r"|^what(?:" + APOS + r"s| is)? (?:[\w-]+ ){0,5}(?:depends?|depending|rides?|riding|hinges?) on\b"  # "What plans depend on this money?": the stakes
    r"|^what (?:questions|concerns|thoughts|options|kind of (?:help|support|solution|outcome)|sort of (?:help|solution|outcome)|outcome|solution|difference)\b"
)
_HOW_OR_WHY_TOO = re.compile(r"(?:,|\band\b)\s+(?:how|why)\b(?! (?:many|much|long|old|often|far|soon))")
# "What helps him most?", "What other things are hard for you?", "What would be most useful to you?": what they need, in their words
_WHAT_FOR_THEM = re.compile(
    r"^what [a-z]+s (?:(?:him|her|them|you) )?(?:most|best)\b|^what (?:would|could|might) (?:help|make|work|matter|ease|change)\b"
    r"|^what (?:other|else)\b(?: [a-z]+)? (?:is|are|has|have|would|could|worries|bothers|matters|happened)\b"
    r"|^what\b[^?]*\b(?:difficult|hard|important|worrying|stressful|helpful|useful|tough|frightening) (?:for|to) (?:you|him|her|them)\b"
    # what something did, is doing or is like: "What looked wrong?", "What's the tractor doing?", "What's driving it?"
    r"|^what [a-z]+ed\b(?! (?:time|date|day)\b)"
    r"|^what (?:sort|kind|type)s? of \w+ (?:do|did|have|would) you (?:\w+ )?(?:like|liked|enjoy|enjoyed|love|loved|prefer|want|need)\b"
    r"|^what (?:sort|kind|type)s? of \w+ (?:are|were) you (?:picturing|imagining|hoping for|looking for|after|thinking of|planning|dreaming of)\b"
    r"|^what (?:sort|kind|type)s? of [\w ]{1,30}?(?:would|will|could|might) (?:help|suit|work)\b"
    r"|^what (?:else |still )?needs? (?:doing|to (?:happen|be done))\b"
    r"|^what(?:" + APOS + r"s| is| are| was| were) (?:(?:the|your|it|he|she|they|this|that) )?(?:[a-z]+ ){0,2}(?:doing|like)\b"
    r"|^what(?:" + APOS + r"s| is| are) (?!going on\b)[a-z]+ing\b")
_WHAT_FACT = re.compile(
    r"^what(?:" + APOS + r"s| is| was| would be| will be)? (?:the |your )?(?:best |right |correct |easiest |new |other |exact )?"
    r"(?:[a-z]+ )?(?:phone number|number|time|date|day|address|email|postcode|zip code|order number|reference|name|model|size|colou?r|"
    r"rate|price|amount|figure|readings?|balance|total|fee)s?\b(?! (?:like|about|for you))")
_WHAT_DATUM = re.compile(r"^what(?:" + APOS + r"s| is| was| are| were)? (?:your|the|that|this) \w+(?: \w+)?(?: (?:is|was|are))?\s*[?.!]?$")
_RHETORICAL = re.compile(r"^what (?:did|do|else did) you expect\b")
_DATUM_COMMAND = re.compile(
    r"^(?:provide|confirm|quote|give me|send me) (?:me )?(?:with )?(?:your|the) (?:[\w-]+ ){0,3}"
    r"(?:number|date|time|address|name|postcode|reference|id|details|email|code)s?\b")
_WHAT_CLAUSE = re.compile(r"^what (?:" + _AUX + r"|you|you" + APOS + r"d|you" + APOS + r"re|you" + APOS + r"ve|we|they|it|he|she|the|your)\b")
_YES_NO = re.compile(
    r"^(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|shall|should|may|might|am|any|anything|"
    r"got|want|need|isn" + APOS + r"t|aren" + APOS + r"t|don" + APOS + r"t|didn" + APOS + r"t|wasn" + APOS + r"t|won" + APOS + r"t|haven" + APOS + r"t)\b"
)
_AGENT_SUBJECT = re.compile(r"^(?:i|we)(?:" + APOS + r"(?:ll|ve|m|d)| can| will| have| am)?\b(?! (?:want|would like|" + APOS + r"d like|need) (?:you )?to\b)")
_INDEPENDENT = re.compile(r"[;:]\s*|\s-\s*")
_CLAUSE_BREAK = re.compile(r",\s*|\s(?:and|or|but|so)\s")


def detect_open_questions(reply: str, history: list[Message], policy: str | None) -> Detection:
    first_closed: Span | None = None
    for sentence in _own_sentences(reply):
        kind = classify_question(sentence.text)
        if kind == "open":
            return Detection("open", sentence.text, "invites the customer to explain in their own words")
        if kind == "closed" and first_closed is None:
            first_closed = sentence
    if first_closed is not None:
        return Detection("closed", first_closed.text, "asks only for yes/no, a choice or a single fact")
    return Detection(None, None, "asks nothing")


def _own_sentences(reply: str) -> list[Span]:
    quoted = quoted_regions(reply)
    return [s for s in sentences(reply) if not inside(s.start, quoted)]


def classify_question(sentence: str) -> str | None:
    """'open', 'closed', or None when the sentence neither asks nor invites."""
    text = fold(sentence).strip()
    quoted = quoted_regions(sentence)
    is_question = any(ch == "?" and not inside(i, quoted) for i, ch in enumerate(fold(sentence)))
    kinds = {_classify_clause(clause, is_question) for clause in _clauses(text, is_question)}
    if "open" in kinds:
        return "open"
    return "closed" if "closed" in kinds or is_question and "instruction" not in kinds else None


def _clauses(text: str, is_question: bool) -> list[str]:
    """Each independent part of the sentence, then every clause after a break inside it: the asking part
    may follow a preamble. In a statement whose subject is the agent ("I can refund the fee and explain the
    rest") the inner clauses are the agent's own plan, not invitations."""
    found = []
    for part in _INDEPENDENT.split(text):
        part = _strip_lead(part)
        if not part:
            continue
        found.append(part)
        inner = [_strip_lead(part[m.end():]) for m in _CLAUSE_BREAK.finditer(part)]
        if is_question or not _AGENT_SUBJECT.match(part):
            found += inner
        else:  # "I do want to help, so tell me what's been happening": an imperative after the agent's plan still invites
            found += [clause for clause in inner if re.match(r"(?:tell|walk|talk|take) me\b", clause)]
    return found


def _strip_lead(clause: str) -> str:
    previous = None
    while previous != clause:
        previous, clause = clause, _LEAD.sub("", clause.strip(), count=1)
    return clause


def _classify_clause(clause: str, is_question: bool) -> str | None:
    if _SIGN_OFF.search(clause) or _RHETORICAL.search(clause):
        return "closed" if is_question else None
    if _DATUM_COMMAND.search(clause):
        return "closed"  # "Please provide the date of the charge": one fact asked for
    polite = _POLITE.match(clause)
    core = clause[polite.end():] if polite else clause
    if _INVITATION.search(core):
        return "open"
    tell = _TELL.match(core)
    if tell:
        if not is_question and core.startswith("let me know if"):
            return None  # "Let me know if it doesn't turn up": a request for later, nothing asked now
        return _classify_told(core[tell.end():])
    if not is_question:
        return None
    if polite:
        if _ACTION.match(core) and re.match(r"(?:can|could|would|will) you (?:please |just |quickly )?$", polite.group(0)):
            return "instruction"
        return "closed"  # "Could you confirm your address?"
    return _classify_wh(clause)


def _classify_told(rest: str) -> str | None:
    """What follows 'tell me' / 'let me know' / 'give me': a narrative, a datum, or nothing asked."""
    if _OPEN_AFTER_TELL.search(rest):
        return "open"
    if rest.startswith(("what", "how")):
        return _classify_wh(rest)
    if _HOW_OR_WHY_TOO.search(rest):
        return "open"  # "Tell me which plants survived, and how the driver left the box"
    if re.match(r"^(?:if|whether)\b", rest):
        return None if rest.startswith("if you need") or rest.startswith("if you have any") else "closed"
    if re.match(r"^(?:when|where|who|which|your|the|his|her|their)\b", rest):
        return "closed"
    return None


def _classify_wh(clause: str) -> str | None:
    if _DATUM_WH.search(clause) or _CHOICE.search(clause):
        return "closed"
    if _OPEN_WH.search(clause):
        return "open"
    if clause.startswith("what"):
        if _WHAT_FACT.search(clause):
            return "closed"
        if _WHAT_OPEN.search(clause) or _WHAT_FOR_THEM.search(clause):
            return "open"
        if _WHAT_DATUM.search(clause) or _WHAT_FACT.search(clause):
            return "closed"
        return "open" if _WHAT_CLAUSE.search(clause) else "closed"
    if _YES_NO.search(clause):
        return "closed"
    return None
