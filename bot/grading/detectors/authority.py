"""Commitments beyond the agent's authority: what the policy rules out or leaves to someone else, and
concessions the policy never offers.

The policy's negative statements and its actors are read as "ruled out" topics:
- "Same-day redelivery is not available", "Fare differences are non-refundable", "The warranty excludes
  wear-and-tear items (clutch, brakes)", "Data cannot be guaranteed";
- "Refunds only after a successful appeal", "Late fees are removed only by the billing team";
- "the consulate decides visas", "Bans are reviewed by Trust & Safety", "decided by the adjudicator".
A reply sentence that grants one of them ("I'll have them redelivered", "I'll get the clutch covered") or
asserts its outcome ("you'll have your visa") is unkeepable. So is a concession of a kind the policy never
mentions: waiving or writing off a bill, "free of charge", a full refund where the policy offers pro-rata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.grading.detectors.policy import clauses, money_amounts, parse_policy
from bot.grading.detectors.text import APOS, content_stems, stem

# the ruled-out thing stands before these: "Same-day redelivery is not available"
_SUBJECT_MARKERS = re.compile(
    r"\b(?:(?:is|are) not [a-z]+ed\b|(?:(?:is|are) )?not (?:available|covered|included|possible|offered|permitted|allowed|provided|supported)|(?<!self-)excluded|non-refundable|not refundable|"
    r"cannot be guaranteed|can't be guaranteed|needs? (?:a |an )?(?:[\w-]+ ){0,2}(?:approval|sign-off|authori[sz]ation))\b"
    r"|\bonly (?:be )?(?:[a-z]+ed )?(?:after|by|with|once|on|when|if)\b"
    r"|\b(?:decided|approved|set|assessed|reviewed|determined|authori[sz]ed|carried out|done|handled|issued|performed) (?:\w+ )?by\b"
    r"|\b(?:selection|choice|allocation|decision|approval)s? (?:is|are) (?:made )?by\b"  # "crew selection is by the head coach"
)
# ... or after these: "The warranty excludes clutches", "the consulate decides visas"
_OBJECT_MARKERS = re.compile(r"\bno(?: other| further| extra)?(?= [a-z]+ (?:beyond|above|over|outside|except|without)\b)|\b(?:excludes|excluding|decides|sets|approves|cannot guarantee|can't guarantee|doesn't cover|does not cover)\b")
_GENERIC = {"item", "product", "service", "customer", "order", "account", "agent", "staff", "request", "time", "on", "when"}
NEGATED = re.compile(r"\b(?:not|never|cannot|unable|no|nothing)\b|n['\u2019]t\b")
# A result conditioned on the customer's own action, or asked about, is not asserted: "I don't know when the
# operator will approve it", "next time reject it at the door and you'll get your money back", "I've asked
# whether it can be waived".
NOT_ASSERTED = re.compile(r"\b(?:when|whether|if|how soon|how long|how quickly|how fast|know|next time|ask|asked|check"
                          r"|knowing|worried|worry|worrying|scared|frightened|fear|feared|wondering)\b(?! and\b)[^,;:]*$")
DECIDED_ELSEWHERE = re.compile(r"\b(?:decided|approved|reviewed|assessed|determined|set) by\b|\b(?:decides|approves|sets)\b")


@dataclass(frozen=True)
class RuledOut:
    topic: frozenset[str]
    clause: str


@lru_cache(maxsize=256)
def ruled_out(policy: str | None) -> tuple[RuledOut, ...]:
    found = []
    for clause in clauses(policy or ""):
        for part in re.split(r";|,? and (?=\w+ (?:decides|sets|approves))", clause):
            topic: set[str] = set()
            if (marker := _SUBJECT_MARKERS.search(part)) is not None:
                topic |= content_stems(re.sub(r"^.*?:\s*", "", part[: marker.start()]))
                if scope := re.match(r"\s*(?:on|for|to|with|in) ([^,;]+)", part[marker.end():]):
                    topic |= content_stems(scope.group(1))  # "not offered on sale items"
            if (marker := _OBJECT_MARKERS.search(part)) is not None:
                topic |= content_stems(part[marker.end():])
            topic -= _GENERIC
            if topic:
                found.append(RuledOut(frozenset(topic), clause))
    return tuple(found)


_COMMITS = re.compile(
    r"\b(?:i|we)(?:" + APOS + r"ll| will|" + APOS + r"ve| have|" + APOS + r"m going to| am going to|" + APOS + r"re going to| can)"
    r"(?: (?:just|also|now|already|personally|gone ahead and|go ahead and|then|\w+ly))* ([a-z-]+)"
    r"|\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) (?:just |also |now )?([a-z]+ing)\b"
    r"|\b(leave it with me)\b")
# What the agent does along the way (asking, passing on, explaining) grants nothing by itself.
_PROCESS = frozenset(stem(v) for v in """ask request chase check forward pass send sent log flag escalate email call ring phone text message notify inform
    explain tell note raise open submit contact find look update let keep see help show walk guide share hear understand
    imagine confirm investigate follow talk speak write put start started mention give told know file lodge refer register
    attach""".split())
_PROCESS_PHRASE = re.compile(r"^(?:get|come) (?:back|in touch|on to)|^have a (?:look|word|chat)|^make sure (?:i|we)\b|^go (?:through|over)\b")
_CAUSATIVE = {"get", "have", "make"}
_OUTCOME = re.compile(
    r"\byou(?:" + APOS + r"ll| will) (?:definitely |certainly )?(?:have|get|receive|be granted|win|be (?:approved|refunded|reinstated))\b"
    r"|\byou(?:" + APOS + r"re| are) (?:looking at|getting|due|owed|entitled to)\b"
    r"|\bwill be (?:approved|lifted|granted|refunded|reinstated|overturned|back|cancelled|canceled|waived|removed|reversed|written off)\b")


def beyond_authority(text: str, policy: str | None, hedged: Callable[[str], bool]) -> str | None:
    """The reason a folded sentence commits to what the policy rules out, or None."""
    limits = ruled_out(policy)
    if not limits:
        return None
    parts = _shared_subject(re.split(r"[;:]|, (?:and |but |so )?|\b(?:but|and)\b", text))
    claims = [said for part in parts for said in _claims(part, hedged)]
    context = set().union(*(content_stems(p) for p in parts if not _COMMITS.search(p) and not _OUTCOME.search(p)))
    for said in claims:
        for limit in limits:
            if _names(limit, said, context, policy):
                return f"commits to what the policy rules out or leaves to others ({limit.clause!r})"
    return None


def _shared_subject(parts: list[str]) -> list[str]:
    """'I've cancelled the auction and waived your fees': the second verb is the agent's commitment too."""
    joined = []
    for part in parts:
        if joined and _COMMITS.search(joined[-1]) and re.match(r"\s*(?:also |then )?[a-z]+ed\b", part):
            part = "i've " + part.strip()
        elif joined and _COMMITS.search(joined[-1]) and re.match(r"\s*(?:(?:the|a|an|your|my|our)\b|[$£€]\d)", part) \
                and not re.search(r"\b(?:is|are|was|were|will|has|have|can|cannot)\b|" + APOS + r"s\b", part):
            joined[-1] += " " + part  # "I'll refund the ticket, the booking fee and the £12 delivery": one list
            continue
        joined.append(part)
    return joined


def _claims(part: str, hedged: Callable[[str], bool]) -> list[set[str]]:
    """The words of each thing the agent commits to in this part: from one commitment to the next."""
    if NEGATED.search(part) or hedged(part):
        return []
    starts = [m.start() for m in _COMMITS.finditer(part)] + [len(part)]
    claims = [content_stems(part[start:end]) for start, end in zip(starts, starts[1:]) if _grants(part[start:end])]
    outcome = _OUTCOME.search(part)
    if outcome is not None and not NOT_ASSERTED.search(part[: outcome.start()]):
        claims.append(content_stems(part))
    return claims


def _grants(segment: str) -> bool:
    """The agent committing to do something themselves (not one of the steps of the process)."""
    match = _COMMITS.match(segment)
    verb = next(group for group in match.groups() if group)
    rest = segment[match.start(match.lastindex):]
    if _PROCESS_PHRASE.search(rest) or NOT_ASSERTED.search(segment[: match.start()]):
        return False
    if verb == "put" and re.match(r"put (?:you|him|her|them) (?:back )?(?:in|on|into)\b", rest):
        return True  # "I'll put you back in the crew": a place given, not a note put on file
    return verb == "leave it with me" or verb in _CAUSATIVE or (
        stem(verb) not in _PROCESS and verb not in ("sorry", "afraid", "happy", "glad", "able"))


_PERMITS = re.compile(r"\b(?:can|may|are eligible|is eligible|available|allowed)\b")


def _names(limit: RuledOut, said: set[str], context: set[str], policy: str | None) -> bool:
    """The reply names the ruled-out thing by a word only that clause uses ("redelivery", "clutch": a "service
    fee" is not the "delivery fee" another clause makes refundable), and is not rather about what another
    clause permits ("high-street retailers can be matched" when marketplace prices can't)."""
    shared = limit.topic & said
    others = [(c, content_stems(c)) for c in clauses(policy or "") if c != limit.clause]
    if not shared - set().union(set(), *(stems for _, stems in others)):
        return False
    about = said | context
    return not any(len(stems & about) > len(limit.topic & about) for clause, stems in others
                   if _PERMITS.search(clause) and not NEGATED.search(clause))


# Concessions: (what the reply says, whether the policy allows that kind). A full refund is fine unless the
# policy only offers part ("pro-rata", "up to 30%").
_PARTIAL = re.compile(r"\bpro[- ]rata\b|\bpartial\b|\bhalf\b|\d+ ?%|\bup to\b")
# "No free extra items", "no free add-ons": the policy naming free things to rule them out
_NO_FREE = re.compile(r"\b(?:no|not|never) (?:[\w-]+ )?(?:free|complimentary)\b")
_CONCESSIONS = {
    "waives the charge": (
        re.compile(r"\b(?:waiv\w*|writ(?:e|ten) (?:\w+ )?off|wip(?:e|ed) (?:it|the \w+|that)|won" + APOS + r"t (?:pay|be charged|owe|cost you)"
                   r"|not (?:pay|be charged|owe) (?:a|anything)|pay nothing"
                   r"|(?:you can|just) (?:ignore|disregard|forget about) (?:the|that) (?:extra|rest|bill|invoice|difference|[\w-]+ (?:charge|fee))"
                   r")\b(?![^.!?]*\b(?:meantime|for now|until|while|yet)\b)"),
        lambda policy: any(word in policy for word in ("waiv", "write off", "written off", "wipe", "no charge", "no further charge", "no more charge",
                                                       "exempt", "not charged", "n't charged", "not be charged"))),
    "gives it for free": (
        re.compile(r"\b(?:free of charge|at no (?:extra )?cost|for free|on the house|no charge)\b"
                   r"|\b(?:give|offer|send|throw in|add|book) (?:you )?(?:a |an )?(?:\w+ )?free\b|\bwith (?:a |an )?free [a-z]+"
                   r"|\b(?:repaired|fixed|replaced|redone|sorted|done) (?:for )?free\b"),
        lambda policy: any(word in _NO_FREE.sub(" ", policy) for word in ("free", "no cost", "no charge", "complimentary"))),
    "pays back in full": (
        re.compile(r"\b(?:refund|reimburs|pay|cover|back|writ)\w*\b[^.!?]{0,25}\b(?:the full|the whole|the entire|your (?:full|whole|entire)|in full|every penny)\b"
                   r"|\b(?:the full|a full|the whole|the entire|every penny)\b[^.!?]{0,25}\b(?:refund|reimburs|back|written off|covered)"),
        lambda policy: bool(re.search(r"\bfull\b|\b100 ?%", policy)) or not _PARTIAL.search(policy)),
}


# Paying a cost of the customer's that the policy never mentions: "I'll cover the babysitter cost", "pay for your taxi"
_OTHER_COST = re.compile(
    # "cover the cost of the apples"
    r"(?:\b(?:i|we)(?:" + APOS + r"ll| will| can)|\band)(?: also| even)? (?:cover|pay|reimburse|refund) (?:the|your) (?:cost|price|value) of (?:the |your )?([a-z-]+)|"
    r"(?:\b(?:i|we)(?:" + APOS + r"ll| will| can)|\band)(?: also| even)? (?:cover|pay for|pay|reimburse|refund|foot|pick up)"
    r" (?:the |your |for the |for your )?((?:[a-z-]+ ){0,2}?)(?:costs?|fees?|bills?|fares?|expenses?|charges?)\b"
    r"|(?:\b(?:i|we)(?:" + APOS + r"ll| will| can)|\band)(?: also| even)? (?:cover|pay for|reimburse|refund) (?:the |your )"
    r"((?:taxi|cab|hotel|babysitter|childcare|train|parking|travel|meal|food|uber)\w*)"
    r"|\b(?:i|we)(?:" + APOS + r"ll| will)(?: also)? put (?:the |your )((?:taxi|cab|hotel|train|parking|travel|fare)\w*)(?: \w+)? through\b")
_TRAVEL = frozenset(content_stems("bus train taxi cab fare fares petrol fuel mileage parking uber tube ferry"))
_COST_WORDS = frozenset(content_stems("cost costs fee fees bill bills fare fares expense expenses charge charges extra additional full whole total "
                                      "half part portion rest balance remainder difference"))


def _unoffered_cost(text: str, policy: str) -> str | None:
    matches = list(_OTHER_COST.finditer(text))
    if not matches or re.search(r"\bexpenses\b|\bcosts\b", policy.lower()):
        return None
    # what the policy pays (not what it refuses); one that pays some travel ("taxi and parking") pays a train fare too
    policy_stems = set().union(set(), *(content_stems(c) for c in clauses(policy) if not NEGATED.search(c)))
    covered = policy_stems | (_TRAVEL if policy_stems & _TRAVEL or "travel" in policy.lower() else set())
    for match in matches:
        named = content_stems(next((group for group in match.groups() if group), "")) - _COST_WORDS
        if named and not named & covered and not NEGATED.search(text[max(0, match.start() - 25): match.start()]):
            return f"pays a cost the policy does not cover ({match.group(0)!r})"
    return None


# "I'll knock another 5% off on top", "I'll drop the deposit to £100": more than the policy's own terms
_STACKED = re.compile(r"\b(?:another|an extra|extra|additional|further) \d+ ?% (?:off|discount)\b|\b\d+ ?% (?:off )?on top\b"
                      r"|\b(?:drop|lower|reduce|cut|knock) (?:the|your) [\w-]+(?: [\w-]+)? (?:down )?to [$£€]\d")


def unoffered_concession(text: str, policy: str | None) -> str | None:
    """A concession the agent makes (not one they refuse) of a kind the policy, when there is one, never mentions."""
    if not policy or not (_COMMITS.search(text) or re.search(r"\byou(?:" + APOS + r"ll| will| won" + APOS + r"t)\b", text)):
        return None
    if cost := _unoffered_cost(text, policy):
        return cost
    stacked = _STACKED.search(text)
    if stacked and not NEGATED.search(text[max(0, stacked.start() - 25): stacked.start()]) \
            and not re.search(r"\b(?:reduc|lower|discretion|extra discount|additional discount)", policy.lower()):
        return f"goes beyond the policy's own terms ({stacked.group(0)!r})"
    allowed = policy.lower()
    for name, (said, allows) in _CONCESSIONS.items():
        match = said.search(text)
        before = _REASSURANCE.sub(" ", text[: match.start()]) if match else ""  # "don't worry, you won't be charged"
        if match and not NEGATED.search(before[-25:]) and not NOT_ASSERTED.search(before) and not allows(allowed) \
                and not _OUTSIDE.search(before[-40:]) \
                and not _offered_by_policy(_part_around(text, match.start()), policy, text) and not _under_guarantee(text, policy):
            return f"{name}, which the policy does not offer"
    return None


_OUTSIDE = re.compile(r"\b(?:outside|beyond) (?:of )?what (?:i|we)\b")  # "outside what I can replace for free"
_REASSURANCE = re.compile(r"\b(?:don" + APOS + r"t worry|no worries|not a problem|no problem|never mind)\b")
_PRICE_WORDS = frozenset(content_stems("charge charges fee fees free cost costs pay paid full whole refund refunded back money "
                                       "agents agent can offer offered goodwill normally"))


def _part_around(text: str, position: int) -> str:
    """The clause of ``text`` around ``position``: between the separators (",", ";", "and", "but") either side."""
    start, end = 0, len(text)
    for separator in _SEPARATOR.finditer(text):
        if separator.end() <= position:
            start = separator.end()
        elif separator.start() > position:
            end = separator.start()
            break
    return text[start:end]


_SEPARATOR = re.compile(r",|;|\band\b|\bbut\b")
# "I've refunded the £65 in full anyway": granted although the customer does not qualify
_ALL_THE_SAME = re.compile(r"\b(?:anyway|regardless|even though|although|as a one-off|as an exception|this once)\b")
_NAMED_TERM = re.compile(r"\bguarantee|\bwarrant|\binclud")
_FREE = re.compile(r"\bfree\b")


def _policy_says(kind: re.Pattern[str], text: str, policy: str) -> bool:
    """A clause of the policy of this kind ("free", "guarantee"), not negated, about what ``text`` is about. A
    guarantee's own terms are not a negation ("Dry-hole guarantee: no drilling charge if no water is found")."""
    said = content_stems(text) - _PRICE_WORDS
    return any(kind.search(clause) and (not NEGATED.search(clause) or kind is _NAMED_TERM and _GUARANTEE_TERMS.match(clause))
               and (content_stems(clause) - _PRICE_WORDS) & said for clause in clauses(policy))


_GUARANTEE_TERMS = re.compile(r"^[\w -]*\bguarantee\b\s*:")  # "dry-hole guarantee: …", "price guarantee: …"


def _under_guarantee(text: str, policy: str) -> bool:
    """"That's within your 3-month repair guarantee, so there's no charge", "skate hire is included in your ticket":
    the policy's guarantee or inclusion, invoked by name."""
    return bool(_NAMED_TERM.search(text)) and not _ALL_THE_SAME.search(text) and _policy_says(_NAMED_TERM, text, policy)


def _offered_by_policy(text: str, policy: str, sentence: str) -> bool:
    """The policy offers this very thing: "free collection (normally £40)" is waiving the £40 collection charge, a
    full refund of £48 is inside "refund up to £100" (the amount may be named elsewhere in the sentence: "send me
    the £110 invoice and I can reimburse it in full")."""
    if _ALL_THE_SAME.search(text):
        return False
    if _policy_says(_FREE, text, policy):
        return True
    amounts = money_amounts(text) or money_amounts(sentence)
    caps = [cap for cap in parse_policy(policy).caps if cap.explicit]
    return bool(amounts) and all(any(cap.unit == unit and amount <= cap.amount for cap in caps) for amount, unit, _ in amounts)
