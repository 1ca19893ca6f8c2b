"""Grants past the policy's limits: the customer's case lies outside a limit the policy states, and the agent
grants it anyway. "Free re-tune within 14 days of a tuning" + "Had it done 16 days ago" + "I'll put it through as
a free re-tune" is unkeepable although no sentence of the reply is wrong on its own.

The kinds of limit, read from the policy with the quantity they bound:
- a window the customer must be inside: "within 14 days of purchase", "90-day warranty", "quotes valid 30 days",
  or a notice they must have given: "more than 90 days' notice", "changes up to 14 days before the event";
- a most the agent may give: "up to 10 must-play tracks", "max 30 children", "paused for up to 3 months";
- a least the customer must reach: "free delivery on orders over £60", "minimum age 8";
- a clock time: "floodlights until 9pm", "orders placed by 2pm".
The customer's side comes from their own words ("16 days ago", "the party's in ten days", "we're now at 34 kids",
"my basket's £55", "after 2") or the reply's ("Paused for 4 months", "till 10"). Only a part of the reply that
grants the thing the limit is about counts, and never one that refuses, hedges or restates the limit as the
reason for a no.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.grading.detectors.policy import DURATION, HOURS_PER, clauses, durations, money_amounts
from bot.grading.detectors.text import APOS, NT, content_stems, fold, numerals, sentences, stem

Kind = Literal["window", "notice", "most", "least", "clock"]


@dataclass(frozen=True)
class Limit:
    kind: Kind
    amount: float  # hours for windows, notice and durations given; a count for nouns; the hour of day for clocks
    unit: frozenset[str]  # {"hours"}, {"clock"}, or the stems of the counted noun ("must-play tracks")
    clause: str
    topic: frozenset[str]  # what the limit is about: the clause's content words, less the quantity's own


_WINDOW_BEFORE = re.compile(r"\b(?:valid(?: for)?|(?:returns?|exchanges?|cancellations?|claims?)(?: are)?(?: accepted| allowed)?"
                            r" within)\s*$")
_WITHIN_OF = re.compile(r"\s+(?:of|from|after)\b")
# "Full refund within 7 days of purchase" is a window the customer must be inside; "Diagnostics within 3 working
# days of drop-off" is a service time
_ENTITLEMENT = re.compile(r"\b(?:refund|return|exchange|free|cancel|claim|warrant|guarantee|valid|credit|compensat|replace|waive)")
_WINDOW_NOUN = re.compile(r"\s*(?:warranty|guarantee|returns? (?:policy|period|window)|window|cooling-off|money-back)\b")
_NOTICE_BEFORE = re.compile(r"\b(?:more than|at least|over|minimum(?: of)?)\s*$")
_NOTICE_AFTER = re.compile(r"\s*(?:" + APOS + r"s?\s*)?(?:notice|before|in advance|ahead)\b")
_MOST_BEFORE = re.compile(r"\b(?:up to|max(?:imum)?(?: of)?|no more than|at most|limit(?:ed)? (?:of|to)|under|fewer than|less than|below)"
                          r"\s*(?:a |an )?$")
_COUNT = re.compile(r"(?<![£$€\d.,])\b(\d[\d,]*) ((?:[a-z][\w-]*)(?: [a-z][\w-]*)?)")
# a count the policy gives as a most without "up to": "two free revisions", "one free session per group",
# "may waive ONE late fee per 12 months"
_FREE_COUNT = re.compile(r"^(?:free|complimentary|bonus) ")
_RATE_AFTER = re.compile(r"\s+(?:per|a|each|every) (?:\d+ )?[a-z]")
_PER_HEAD = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:per|a|each|every) (?:passenger|person|guest|child|customer|rider|member|head|adult|"
                       r"pupil|student|player|attendee|visitor|diner|traveller|traveler)s?\b")

# "fees are payable up to 3 days after death": a point in time, not an amount of time given
_FROM_AN_EVENT = re.compile(r"\s+(?:after|before|from|following|since)\b")
# "3 or 4 instalments only": a most without "up to"
_ONLY = re.compile(r"^[a-z][\w-]*(?: [a-z][\w-]*)?\s+only\b|^[a-z][\w-]* only$")
# "maximum table size 20", "group size up to 8": how many people one booking may hold
_SIZE = re.compile(r"\b(?:max(?:imum)?|largest) (?:table|group|party|class|booking|team) size(?: of| is)? (\d+)\b"
                   r"|\b(?:table|group|party|class|booking|team) size(?: of| is)? (?:up to|max(?:imum)?(?: of)?|at most) (\d+)\b")
_CLOCK = re.compile(r"\b(until|till|til|by|before|after|past|to|at)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\w:])")
_POLICY_CLOCK = re.compile(r"\b(?:until|till|by|before|closes? at|last \w+ (?:at )?)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b")
_UNCOUNTED = frozenset(content_stems("day days week weeks month months hour hours year years minute minutes times per each within"))
HOURS, CLOCK = frozenset({"hours"}), frozenset({"clock"})
# a least the customer must reach: "free delivery on orders over £60", "minimum age 8"
_LEAST = re.compile(r"\b(?:over|more than|above|at least|min(?:imum)?(?: of| spend(?: of)?)?)\s*(?P<money>[$£€])(?P<amount>\d[\d,]*(?:\.\d+)?)"
                    r"|\b(?:min(?:imum)? age(?: of)?|aged? (?=\d+ ?(?:\+|and over|or over)))\s*(?P<age>\d+)")


@lru_cache(maxsize=256)
def policy_limits(policy: str | None) -> tuple[Limit, ...]:
    limits = []
    for clause in clauses(policy or ""):
        topic = frozenset(w for w in content_stems(DURATION.sub(" ", clause)) - _UNCOUNTED if not w[0].isdigit())
        for _, high, match in durations(clause):
            before, after = clause[: match.start()], clause[match.end():]
            if (_NOTICE_BEFORE.search(before) or _MOST_BEFORE.search(before)) and _NOTICE_AFTER.match(after):
                # "more than 90 days' notice", "size changes up to 14 days before the event": how early the customer must ask
                limits.append(Limit("notice", high, HOURS, clause, topic))
            elif _MOST_BEFORE.search(before) and not _FROM_AN_EVENT.match(after):
                limits.append(Limit("most", high, HOURS, clause, topic))
            elif (_WINDOW_BEFORE.search(before) or _WINDOW_NOUN.match(after)
                  or (re.search(r"\bwithin\s*$", before) and _WITHIN_OF.match(after) and _ENTITLEMENT.search(clause))):
                limits.append(Limit("window", high, HOURS, clause, topic))
        counted = numerals(clause)
        for match in _COUNT.finditer(counted):
            before, after = counted[: match.start()], counted[match.end():]
            if DURATION.match(counted, match.start()) or DURATION.match(clause, match.start()):
                continue
            if _PER_HEAD.match(after):
                continue  # "one free return ticket per passenger": an allowance per head, not a total
            most = _MOST_BEFORE.search(before)
            if most or _FREE_COUNT.match(match.group(2)) or _RATE_AFTER.match(after) or _ONLY.search(match.group(2) + after[:6]):
                # "Complimentary tickets: up to 10 per incident": what is counted is named before the count
                head = [w for w in re.findall(r"[a-z][\w-]*", before[: most.start()] if most else before) if w not in _NOT_NOUNS]
                nouns = _nouns(match.group(2)) or _nouns(" ".join(head[-2:]))
                limits.append(Limit("most", _count(match.group(1)), nouns, clause, topic))
        limits += [Limit("most", _count(next(filter(None, match.groups()))), _PEOPLE, clause, topic) for match in _SIZE.finditer(clause)]
        for match in _LEAST.finditer(clause):
            unit = match.group("money") or "age"
            limits.append(Limit("least", _count(match.group("amount") or match.group("age")), frozenset({unit}), clause, topic))
        for match in _POLICY_CLOCK.finditer(clause):
            limits.append(Limit("clock", _hour(match.group(1), match.group(2), match.group(3)), CLOCK, clause, topic))
    return tuple(limits)


def is_window(clause: str) -> bool:
    """"Kits replaced free within 30 days of delivery": a window the customer must be inside, not a service time."""
    return any(limit.kind == "window" for limit in policy_limits(clause))


_SAME_THING = {"children": "kid", "child": "kid", "persons": "peopl", "person": "peopl", "instalments": "payment", "installments": "payment"}
# people counted under any name: "maximum 25 guests" bounds "all 30 of you" and "30 ladies"
_PEOPLE = frozenset(stem(word) for word in (
    "guests people kids adults ladies men women girls boys pupils students players attendees visitors diners travellers "
    "travelers passengers members participants children persons seats places covers heads").split())
_NOT_NOUNS = frozenset({"per", "of", "a", "an", "the", "each", "every", "your", "our", "is", "are", "on", "in", "for", "at", "and", "or",
                        "to", "by", "with", "free", "extra", "more", "new", "now", "today"})


def _nouns(text: str) -> frozenset[str]:
    found = set()
    text = re.sub(r"^(?:(?:free|complimentary|bonus|extra|additional|further|more|[£$€]\d[\d.,]*)\s+)+", "", text)
    for word in re.findall(r"[a-z][\w-]*", text)[:2]:
        if word in _NOT_NOUNS:
            break
        found.add(_SAME_THING.get(word, stem(word)))
    return frozenset(found)


def _count(number: str) -> float:
    return float(number.replace(",", ""))


_ANY_THING = frozenset({"item", "unit", "piec", "thing"})  # "jobs under 500 items" counts flyers as well as mugs


def _same_noun(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """'must-plays' is 'must-play tracks'; stems of different lengths ("must-pla", "must-play") still meet."""
    return bool(ours and theirs & _ANY_THING) or bool(ours & _PEOPLE and theirs & _PEOPLE) or any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b[:-1]) or b.startswith(a[:-1]))) for a in ours for b in theirs)


def _hour(hour: str, minutes: str | None, half: str | None, like: float | None = None) -> float:
    """The hour of day; a bare "10" is read in the same half of the day as the policy's time ("until 9pm")."""
    value = int(hour) % 12 + (int(minutes) / 60 if minutes else 0)
    if half and half.startswith("p") or (half is None and like is not None and like >= 12 and value + 12 < 24
                                          and value + 12 - like < 12):
        value += 12
    return value


# ------------------------------------------------------------------ the reply

# A part of a sentence that gives something: the agent's own act or word, or a plain yes.
_GIVES = re.compile(r"\b(?:i|we)(?:" + APOS + r"ll| will|" + APOS + r"ve| have| can|" + APOS + r"m going to|" + APOS + r"re going to)\b"
                    r"|\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) (?:sending|giving|adding|booking|putting|crediting|refunding)\b"
                    r"|\b(?:he|she|they|it)(?:" + APOS + r"ll| will)\b|^\W*(?:paused|extended|credited|refunded|booked|moved|cancelled|done)\b"
                    r"|\b(?:all done|that" + APOS + r"s (?:fine|ok|okay)|is (?:absolutely |totally |completely )?(?:fine|ok|okay)|all set)\b")
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|absolutely|of course|course|sure|no problem|no worries|not a problem|that" + APOS
                  + r"s (?:fine|ok|okay)|all done|done)\b")
# "I'm not going to quibble over a day", "no extra charge": words of a yes, not a refusal
_WAIVING = re.compile(r"\b(?:not going to|won" + APOS + r"t|will not|don" + APOS + r"t|no need to) (?:quibble|worry|fuss|split hairs|argue|hold)\w*"
                      r"|\bno (?:problem|worries|extra|charge|cost|quibbl\w*)\b|\bnot (?:a problem|at all)\b|\bnothing will\b")
# "It's just over the 14 days but that's fine": the limit named, and set aside
_EXCEPTION = re.compile(r"\b(?:make an exception|(?:but|though) that" + APOS + r"s (?:fine|ok|okay|no problem)|let (?:it|that|this) (?:go|slide)"
                        r"|just this once|as a one-off)\b")
_REFUSES = re.compile(NT + r"|\b(?:not|never|no|cannot|unable|unfortunately|afraid|sadly|only|however|except|unless|if|ask|asked|asking|requested|check|see if|"
                      r"try|might|may|could|should|hopefully|would need|needs? (?:to|a|an)|approval|manager|supervisor|outside|expired|"
                      r"lapsed|past the|beyond|over the)\b")
_PARTS = re.compile(r",\s+|;\s*|\s+-\s+|\s+but\s+|\s+and\s+(?=i\b|we\b|it\b)")
_GIVE_VERB = re.compile(r"\b(?:credit|refund|paus|extend|extension|freez|give|add|waiv|keep|hold|lend|lent|let|cancel|remov|wip|writ)\w*\b")


@dataclass(frozen=True)
class Breach:
    sentence: str  # as written in the reply: the evidence
    why: str


def grant_past_a_limit(reply: str, customer: str, policy: str | None) -> Breach | None:
    """The part of the reply that grants what the customer's case puts outside one of the policy's limits."""
    limits = policy_limits(policy)
    if not limits:
        return None
    said = fold(customer)
    no_refusal_anywhere = not _REFUSES.search(_WAIVING.sub(" ", fold(reply)))
    for sentence in sentences(reply):
        text = fold(sentence.text)
        refusal = None if _EXCEPTION.search(text) else _REFUSES.search(_WAIVING.sub(" ", text))
        for part in _PARTS.split(text):
            gives, yes = _GIVES.search(part), _YES.search(part)
            if not (gives or yes):
                continue
            for limit in limits:
                # a most is given by the part that counts it out ("not us, but I'll send you two stands")
                clean = refusal is None or (limit.kind == "most" and not _REFUSES.search(_WAIVING.sub(" ", part)))
                why = _breach(limit, part, said, clean, bool(yes) and no_refusal_anywhere)
                if why:
                    return Breach(sentence.text, why)
    return None


def _breach(limit: Limit, part: str, said: str, clean: bool, plain_yes: bool) -> str | None:
    on_topic = bool(limit.topic & content_stems(part))
    asked_about_it = bool(limit.topic & content_stems(said))
    if limit.kind in ("window", "notice"):
        case = _elapsed(said, limit.kind)
        outside = case is not None and (case > limit.amount if limit.kind == "window" else case < limit.amount)
        if outside and ((clean and on_topic) or (plain_yes and asked_about_it)):
            return f"grants it although the customer's case ({_days(case)}) is outside the policy's {_days(limit.amount)} ('{limit.clause}')"
    elif limit.kind == "least":
        case = _reached(said, limit)
        about_age = limit.unit == {"age"}  # an age limit is about taking part, whatever the words
        if case is not None and case < limit.amount and ((clean and (on_topic or about_age)) or (plain_yes and (asked_about_it or about_age))):
            return f"grants it although the customer's {case:g} is under the policy's least of {limit.amount:g} ('{limit.clause}')"
    elif limit.kind == "clock":
        times = [t for t in _clock_times(part + " | " + said, limit.amount) if t > limit.amount]
        if times and (on_topic or asked_about_it) and (clean or plain_yes):
            return f"grants a time past the policy's {limit.amount:g}:00 ('{limit.clause}')"
    elif clean:
        given = _quantities(part, said, limit)
        if given is not None and given > limit.amount:
            amounts = (_days(given), _days(limit.amount)) if limit.unit == HOURS else (f"{given:g}", f"{limit.amount:g}")
            return f"gives {amounts[0]}, more than the policy's most of {amounts[1]} ('{limit.clause}')"
    return None


_ELAPSED_AFTER = re.compile(r"\s+(?:ago|old|back|since|later)\b")
_NOTICE_CASE_AFTER = re.compile(r"\s+(?:before|ahead|in advance|away|out|notice|to go|until|till)\b")


def _elapsed(said: str, kind: Kind) -> float | None:
    """The customer's own "16 days ago" (how long since) or "85 days before" (how much notice), in hours."""
    after = _ELAPSED_AFTER if kind == "window" else _NOTICE_CASE_AFTER
    found = [high for _, high, match in durations(said)
             if after.match(said, match.end()) or (kind == "notice" and re.search(r"\b(?:in|only|just)\s*$", said[: match.start()]))]
    if not found:
        return None
    return max(found) if kind == "window" else min(found)


_AGE = re.compile(r"(?:\b(?:is|aged|turns?|turned|only|just)|'s)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:and (?:a half|three quarters|a bit)|years? old|yo|yrs?)\b")


def _reached(said: str, limit: Limit) -> float | None:
    """The customer's own amount ("my order's £48") or age ("he's 7 and three quarters") for a least."""
    if limit.unit == {"age"}:
        ages = [_count(match.group(1) or match.group(2)) for match in _AGE.finditer(said)]
        return min(ages, default=None)
    amounts = [amount for amount, unit, _ in money_amounts(said) if unit in limit.unit]
    return max(amounts, default=None)


def _days(hours: float) -> str:
    return f"{hours / 24:g} days" if hours >= 24 else f"{hours:g} hours"


def _clock_times(text: str, like: float) -> list[float]:
    found = []
    for match in _CLOCK.finditer(text):
        if match.group(1) in ("to", "at") and not match.group(4):
            continue  # "up to 3", "at 10 items": not a time of day without am/pm
        bump = 0.01 if match.group(1) in ("after", "past") else 0.0
        found.append(_hour(match.group(2), match.group(3), match.group(4), like) + bump)
    return found


_A_WHOLE = re.compile(r"\b(?:a|one) (?:full|whole|entire) (day|week|month)\b")  # "a full month's credit"


def _quantities(part: str, said: str, limit: Limit) -> float | None:
    """The largest amount of the limit's unit this part gives: "4 months" (paused for), "all 12 of your
    must-plays", or a bare "34" the customer counted in the limit's noun ("we're now at 34 kids")."""
    if limit.unit == HOURS:
        given = [high for _, high, match in durations(part) if _GIVE_VERB.search(part[: match.start()])]
        given += [HOURS_PER[match.group(1)] for match in _A_WHOLE.finditer(part) if _GIVE_VERB.search(part[: match.start()])]
        return max(given, default=None)
    said, part = numerals(said), numerals(part)
    counted = {match.group(1): _nouns(match.group(2)) for match in _COUNT.finditer(said)}
    given = []
    for match in re.finditer(r"(?<![£$€\d.,])\b(\d[\d,]*)\b(?:\s+(?:of (?:your|the|my|their) )?((?:[£$€]\d[\d.,]* )?[a-z][\w-]*(?: [a-z][\w-]*)?))?", part):
        nouns = (_PEOPLE if _OF_PEOPLE.match(match.group(2) or "") else _nouns(match.group(2) or "")) or counted.get(match.group(1), frozenset())
        if _same_noun(nouns, limit.unit) and not _RESTORED.match(part, match.end(1)):
            given.append(_count(match.group(1)))
    given += [float("inf") for match in _UNLIMITED.finditer(part) if _same_noun(_nouns(match.group(1)), limit.unit)]
    given += [_count(match.group(2)) for match in _EACH_OF.finditer(part) if _same_noun(_nouns(match.group(1)), limit.unit)]
    return max(given, default=None)


_OF_PEOPLE = re.compile(r"of (?:you|us|them)\b")  # "all 30 of you"
_UNLIMITED = re.compile(r"\b(?:unlimited|endless|as many) ((?:free |extra |more )?[a-z][\w-]*)")  # "unlimited free revisions"
# "a £20 credit for each of the 3 missed visits" is 3 credits
_EACH_OF = re.compile(r"\b(?:a|an|1) ((?:[£$€]\d[\d.,]* )?[a-z][\w-]*) (?:for|on|per) (?:each|every) (?:of )?(?:the |your |those |these )?"
                      r"(\d+)\b")
# "I've credited the 3 lessons back": what the customer had, restored, is not a count given
_RESTORED = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+back(?![\w-])")
