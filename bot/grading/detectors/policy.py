"""Read the limits an agent works under out of the policy text, and times and amounts out of a reply.

Policy lines look like "Credits up to $20 without a supervisor.", "Technician visits: earliest 48 h.",
"Replacement cards: 5–7 business days.", "Agents can't cancel penalty fares.", "Booking on another airline
needs supervisor approval." Each limit keeps the clause it came from, so a reply's commitment can be matched
to the limit about the same thing (a refund cap does not limit a credit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.grading.detectors.text import content_stems, fold, stem

HOURS_PER = {"minute": 1 / 60, "min": 1 / 60, "hour": 1, "hr": 1, "h": 1, "day": 24, "business day": 24,
             "working day": 24, "week": 24 * 7, "month": 24 * 30}
_UNIT = r"(business days?|working days?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\b"
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty-eight": 48, "twenty-four": 24, "a couple of": 2,
              "a few": 3, "fifteen": 15, "forty": 40, "sixty": 60, "ninety": 90, "48": 48, "another": 1}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _NUM_WORDS), key=len, reverse=True)) + r")"
DURATION = re.compile(r"\b" + _NUM + r"(?:\s*(?:-|to|or)\s*" + _NUM + r")?(?:\s*|-)" + _UNIT)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
MONEY = re.compile(r"([$£€])\s?(\d[\d,]*(?:\.\d+)?)|(\d+(?:\.\d+)?)\s?%"
                   r"|\b(\d[\d,]*|" + "|".join(_COUNT_WORDS) + r") ((?:free |extra |complimentary |bonus )?)"
                   r"(gems?|points?|coins?|credits?|tokens?|miles?|vouchers?|nights?|upgrades?|passes|pass|sessions?|lessons?)\b")
_CAP = re.compile(r"\b(?:up to|max(?:imum)?(?: of)?|capped at|fixed at|set at|no more than|limit(?:ed)? (?:of|to)|at most|not exceeding)\s*(?:a |an )?$")

# Kinds of money a cap can be about: a refund cap does not limit a goodwill credit.
MONEY_KINDS = {
    "credit": ("credit", "goodwill", "gesture", "compensation", "compensate"),
    "refund": ("refund", "money back", "reimburse", "repay"),
    "hotel": ("hotel", "accommodation", "room", "night"),
    "meal": ("meal", "food", "voucher"),
    "discount": ("discount", "% off", "off your", "reduction"),
    "claim": ("claim", "expense", "spoil", "receipt", "interim"),
}


@dataclass(frozen=True)
class Cap:
    amount: float
    unit: str  # "$", "£", "€" or "%"
    clause: str
    explicit: bool = True  # "up to $20"; False: an amount the policy grants ("50% within two weeks")


@dataclass(frozen=True)
class Timeline:
    low_hours: float
    high_hours: float | None  # None: open-ended ("earliest 48 h")
    clause: str


@dataclass(frozen=True)
class Restriction:
    """Something agents may not do themselves, or only with approval."""

    verbs: frozenset[str]
    topic: frozenset[str]
    clause: str
    needs_approval: bool
    condition: frozenset[str] = frozenset()  # what it needs: "supervisor approval", "photos of the order"


@dataclass(frozen=True)
class Allowance:
    """A length of time the agent may grant, not a service time: "one free 30-day extension", "backdated by
    up to 14 days", "pause for up to 60 days"."""

    hours: float
    clause: str


@dataclass
class Policy:
    caps: list[Cap] = field(default_factory=list)
    timelines: list[Timeline] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    uncapped_clauses: list[str] = field(default_factory=list)  # what the policy grants without a cap
    allowances: list[Allowance] = field(default_factory=list)
    open_clauses: list[str] = field(default_factory=list)  # "start dates depend on scaffold availability"
    clauses: list[str] = field(default_factory=list)
    named_hours: set[float] = field(default_factory=set)  # every length of time the policy names, in hours


def clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[.;!?])\s+|;\s*|\s+-\s+", fold(text)) if c.strip()]


@lru_cache(maxsize=256)
def parse_policy(text: str | None) -> Policy:
    policy = Policy()
    previous = ""
    for clause in clauses(text or ""):
        if clause.startswith("they ") and re.match(r"(?:agents?|staff|reps?)\b", previous):
            clause = "agents " + clause[len("they "):]  # "Agents can pause an auction; they cannot cancel it."
        previous = clause
        policy.clauses.append(clause)
        policy.named_hours.update(hours for low, high, _ in durations(clause) for hours in (low, high))
        caps = _caps(clause)
        policy.caps.extend(caps)
        if not caps:
            policy.uncapped_clauses.append(clause)
        allowances = _allowances(clause)
        policy.allowances.extend(allowances)
        if not allowances:
            policy.timelines.extend(_timelines(clause))
        policy.restrictions.extend(_restrictions(clause))
        if _OPEN.search(clause):
            policy.open_clauses.append(clause)
    return policy


def money_amounts(clause: str) -> list[tuple[float, str, int]]:
    """(amount, unit, position) of every money amount or percentage in folded text."""
    found = []
    for match in MONEY.finditer(clause):
        if match.group(1):
            found.append((float(match.group(2).replace(",", "")), match.group(1), match.start()))
        elif match.group(3):
            found.append((float(match.group(3)), "%", match.start()))
        else:
            # "2 free lessons" and "2 extra lessons" are given; "the three lessons" credited back are the customer's own
            count, given = match.group(4), "free " if match.group(5) else ""
            found.append((float(_COUNT_WORDS.get(count) or count.replace(",", "")), given + match.group(6).removesuffix("s"), match.start()))
    return found


def _caps(clause: str) -> list[Cap]:
    """Amounts the policy names, except prices per unit ("£6 per seat", "£4 per metre"): those cap no total.
    An explicit cap per unit ("up to $100 per cabin") stays one."""
    caps = []
    for amount, unit, at in money_amounts(clause):
        explicit = bool(_CAP.search(clause[:at]))
        if explicit or not (_PER_UNIT.match(clause[at + 1:]) or _DEDUCTED.search(clause[:at])):
            caps.append(Cap(amount, unit, clause, explicit))
    return caps


# "refundable within 14 days, minus £10 return courier": a charge taken off, which limits nothing
_DEDUCTED = re.compile(r"\b(?:minus|less|deducting|deduct|after deducting|excluding)\s+(?:a |an |the )?$")


_PER_UNIT = re.compile(r"[\d,.]*\s*(?:(?:credit|refund|fee|charge|compensation) )?(?:per|a|an|each) (?!year|month|week|day|customer|account|booking|order|outage|incident|claim)\w+"
                       r"|[\d,.]*\s*each\b")


def money_kinds(text: str) -> set[str]:
    return {kind for kind, cues in MONEY_KINDS.items() if any(cue in text for cue in cues)}


def durations(text: str) -> list[tuple[float, float, re.Match[str]]]:
    """(low, high) hours of every duration in folded text: '5-7 business days', 'within 24 h'."""
    found = []
    for match in DURATION.finditer(text):
        unit = re.sub(r"s$", "", match.group(3))
        hours = HOURS_PER.get(unit) or HOURS_PER.get(unit.rstrip("s"), 24)
        low = _number(match.group(1)) * hours
        high = _number(match.group(2)) * hours if match.group(2) else low
        found.append((low, high, match))
    return found


def _number(token: str) -> float:
    return float(_NUM_WORDS.get(token, token)) if token in _NUM_WORDS else float(token)


def _timelines(clause: str) -> list[Timeline]:
    timelines = []
    for low, high, match in durations(clause):
        before = clause[max(0, match.start() - 25): match.start()]
        if re.search(r"\b(?:after|older than|over|more than|for|every|each|per)(?: the first| the)?\s*$", before):
            continue  # "reapply after 6 months", "updates every 6 hours": conditions and rhythms, not service times
        if re.match(r"\s*(?:['\u2019]s? )?(?:before|in advance|ahead|prior|(?:of )?notice)\b", clause[match.end():]):
            continue  # "changes up to 14 days before the event", "48 hours' notice": the customer's deadline
        if re.match(r"\s*(?:arrival |delivery |time )?(?:window|slot)\b", clause[match.end():]):
            continue  # "a 2-hour window on the morning of delivery": how precise a time is, not how soon
        if re.search(r"\b(?:earliest|at least|minimum|no sooner than)\b", before):
            timelines.append(Timeline(low, None, clause))
        elif re.search(r"\b(?:within|up to|in|takes?|usually|normally|typically|by)\s*(?:about |around )?$", before):
            timelines.append(Timeline(0 if "within" in before or "up to" in before else low, high, clause))
        else:
            timelines.append(Timeline(low, high, clause))
    for phrase, hours in (("next business day", 24), ("next working day", 24), ("next day", 24), ("same day", 12)):
        if phrase in clause:
            timelines.append(Timeline(hours, hours, clause))
    return timelines


# What the agent gives in time: an extension, a backdating, a pause, a grace period.
_ALLOWANCE = re.compile(r"\b(?:extension|extend|backdat|grace|pause|freez|froze|defer|suspen|holiday|trial|free period|hold)")
_OPEN = re.compile(r"\bdepend(?:s|ing)? (?:on|upon)\b|\bsubject to\b|\bnot guaranteed\b|\bcan(?:'|no)t be guaranteed\b"
                   r"|\b(?:if|where|when|while) available\b|\bsubject to availability\b"
                   r"|\b(?:confirms?|sets?|schedules?) the (?:exact )?(?:time|date|slot|day)\b|\btiming is (?:theirs|their own|not ours)\b"
                   r"|\bcan(?:'|no)t (?:set|predict|guarantee|confirm|promise|control)\b"
                   r"|\bno (?:confirmed |fixed |set )?(?:date|timeline|timescale)\b|\bnot (?:yet )?(?:confirmed|scheduled)\b|\btbc\b"
                   # "ship when the nursery's stock is ready", "date estimates come from the nursery only"
                   r"|\bwhen (?:the )?[\w'-]+(?: [\w'-]+)? (?:is|are) ready\b|\b(?:estimates?|dates?) come from\b")


def _allowances(clause: str) -> list[Allowance]:
    given_for = [Allowance(high, clause) for _, high, match in durations(clause)
                 if re.search(r"\b(?:for|by|of) (?:up to|a maximum of|max(?:imum)?|no more than|at most)\s*$", clause[: match.start()])]
    if given_for or not _ALLOWANCE.search(clause):
        return given_for
    return [Allowance(high, clause) for _, high, _ in durations(clause)]


_NEG_MODAL = r"(?:can't|cannot|can not|are not able to|aren't able to|may not|must not|are unable to|don't|do not|won't|will not)"


def _restrictions(clause: str) -> list[Restriction]:
    found = []
    for match in re.finditer(r"\b(?:agents?|staff|we|you|reps?)\s+(?:" + _NEG_MODAL + r"|can\b[^.;]*?\bbut not)\s+([\w-]+)((?:\s+[\w-]+){0,4})", clause):
        verbs = {stem(match.group(1))} | {stem(v) for v in re.findall(r"\b(?:or|and|nor)\s+([\w-]+)\s+[\w-]+", match.group(2))}
        found.append(Restriction(frozenset(verbs), frozenset(content_stems(match.group(2))), clause, False))
    for match in re.finditer(r"\b(?:no|not)\s+(?:cash\s+)?(refunds?|compensation|cash|exchanges?|credits?)\b(?![^.;]*\b(?:after|once|beyond|unless|except|if|older|outside)\b)", clause):
        found.append(Restriction(frozenset({stem(match.group(1)), "refund"} if match.group(1) == "cash" else {stem(match.group(1))}),
                                 frozenset(content_stems(match.group(0))), clause, False))
    for match in re.finditer(r"\b(?:can't|cannot|can not) be ([\w-]+?)(?:ed|d)?\s+by\s+(?:agents?|staff)", clause):
        topic = clause[: match.start()]
        found.append(Restriction(frozenset({stem(match.group(1))}), frozenset(content_stems(topic)), clause, False))
    # a power the policy gives someone else: "team leaders can waive it", "50% refund at the manager's discretion"
    for match in re.finditer(r"\b((?:team |store |shift |branch |duty |practice |site |office |general )?(?:leaders?|managers?|supervisors?|owners?|directors?))"
                             r"\s+(?:can|may|are able to|is able to)\s+([\w-]+)((?:\s+[\w-]+){0,4})", clause):
        found.append(Restriction(frozenset({stem(match.group(2))}), frozenset(content_stems(clause[: match.start()] + match.group(3))),
                                 clause, True, frozenset(content_stems(match.group(1)))))
    for match in re.finditer(r"\bat (?:the )?((?:[\w-]+ )?(?:manager|supervisor|owner|director|team leader))" + "(?:'s|s')? discretion", clause):
        verbs = frozenset(stem(w) for w in re.findall(r"[a-z]+", clause[: match.start()]) if w in _ACTION_NOUNS)
        if verbs:
            found.append(Restriction(verbs, frozenset(content_stems(clause[: match.start()])), clause, True,
                                     frozenset(content_stems(match.group(1)))))
    for match in re.finditer(r"\b(?:need|needs|require|requires)\s+(?:the |a |an )?", clause):
        # "compensation beyond a box refund needs the manager": the box refund itself is the agent's to give
        topic = re.sub(r"\b(?:beyond|above|on top of|other than|in addition to)\b.*$", "", re.sub(r"^.*?:\s*", "", clause[: match.start()]))
        condition = clause[match.end():]
        verbs = frozenset(_without_re(stem(w)) for w in re.findall(r"[a-z]+", topic) if w.endswith("ing") or w in _ACTION_NOUNS)
        if verbs:
            found.append(Restriction(verbs, frozenset(content_stems(topic)), clause, True,
                                     frozenset(content_stems(condition))))
    return found


_REDONE = {"book", "issu", "schedul", "rout", "connect", "send", "activat", "open", "instat"}


def _without_re(verb: str) -> str:
    """'rebook' limits 'book' too: the agent who books a partner flight is rebooking."""
    return verb[2:] if verb.startswith("re") and verb[2:] in _REDONE else verb


_ACTION_NOUNS = {"booking", "refund", "refunds", "upgrade", "upgrades", "waiver", "replacement", "replacements", "exchange",
                 "cancellation", "credit", "credits", "compensation", "repair", "repairs", "transfer", "transfers", "extension", "extensions",
                 "reduction", "reductions", "discount", "discounts", "adjustment", "adjustments", "exemption", "exemptions",
                 # nouns that are their own verb: "address changes need photo ID" limits "I'll change the address"
                 "change", "changes", "update", "updates", "release", "releases", "reprint", "reprints", "reissue", "reissues"}
