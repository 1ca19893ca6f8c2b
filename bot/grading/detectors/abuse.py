"""Is a customer message abusive, i.e. aimed at the agent? Used by the boundary detector.

- A word that only insults a person ("idiot", "clown", "witch") is abuse unless its subject is a third
  party ("the driver is an idiot", "whoever designed this is a moron") or the customer ("I feel like an idiot").
- An insulting adjective ("useless", "stupid") is abuse when said of "you", or of a person ("some useless
  receptionist"); said of a thing ("this useless router", "your stupid fee") it is not.
- Demeaning names ("sweetheart"), profanity at the agent ("f*** you") and threats against the agent's
  person ("I know where your office is") are abuse. Threats to complain, cancel or review are not.
The learned abuse reading (detectors/learned.py) reads the message again: it finds the insults no list holds yet
("you overpaid reindeer-brain") and overrules the rules on a message it is sure is not aimed at the agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.grading.detectors.learned import learned_reading
from bot.grading.detectors.phrases import APOS
from bot.grading.detectors.text import compile_all, fold

_STAR = r"[\w*#@!$]"  # censored swearwords: "b***h", "f***ing"
# a censored word has at least one symbol: "b***h" is one, "booth" and "armhole" are not
_CENSORED = r"(?:b(?=\w{0,2}[*#@!$])" + _STAR + r"{3}h|a(?=\w{0,3}[*#@!$])" + _STAR + r"{2,4}hole)"
# Words that can only insult a person: abuse wherever they stand, unless someone else is their subject.
PURE_INSULTS = (
    "idiot moron halfwit half-wit imbecile cretin bitch twit scumbag loser muppet numpty tosser wanker prick asshole "
    "arsehole bastard jerk jobsworth pen-pusher dimwit nitwit dunce dumbass airhead bimbo slut whore cunt retard "
    "git plonker pillock dipstick knobhead douche douchebag lowlife drongo fatso dumbo numbskull bonehead blockhead nincompoop "
    "buffoon simpleton dolt"
).split()
# Words with a literal meaning too ("a rat in the kitchen", "a thief took my bike"): abuse only when aimed at "you".
AIMED_INSULTS = (
    "cow clown scum parasite weasel rat donkey monkey leech parrot drone dick fool pig snake vermin liar crook witch "
    "worm troll sheep robot maggot thief thieves swine cockroach lackey minion peasant joke disgrace embarrassment bat hag "
    "vulture lump bootlicker doormat fraud cowboy sloth tart slug goblin sod conman con-man swindler charlatan fraudster shyster pest slag creep"
).split() + ["con artist", "con man", "con woman"]
INSULT_NOUNS = PURE_INSULTS + AIMED_INSULTS
INSULT_ADJECTIVES = (
    "stupid dumb brainless brain-dead braindead thick thickest incompetent useless pathetic worthless clueless illiterate "
    "deaf jumped-up retarded lazy hopeless heartless spineless gutless smug arrogant ignorant moronic idiotic dense dim "
    "dozy dopey robbing dimwitted dim-witted stupidest dumbest greedy thieving lying two-faced patronising condescending rude slow gormless garbage trash "
    "senile ugly fat brain-damaged pointless"
).split()
# Words the agent should not say back; the commonest adjectives are left out ("it's useless to wait").
_EVERYDAY = {"bat", "ugly", "fat", "useless", "thick", "deaf", "slow", "dim", "lazy", "rude", "greedy", "lying", "dense", "hopeless", "smug",
             "joke", "garbage", "trash", "rat", "pig", "snake", "cow", "sheep", "robot", "drone", "worm", "parrot", "pest"}
INSULT_WORDS = frozenset(
    word for base in INSULT_NOUNS + INSULT_ADJECTIVES for word in (base, base + "s") if base not in _EVERYDAY
) | {"leeches", "bitches", "b***h", "a**hole"}
_NOUN = r"(?:" + "|".join(re.escape(n) for n in INSULT_NOUNS) + r"|" + _CENSORED + r")(?:e?s)?"
_ADJ = r"(?:" + "|".join(re.escape(a) for a in INSULT_ADJECTIVES) + r"|brain dead|most (?:useless|hopeless|incompetent|stupid|pathetic|clueless))"
_PERSON = (r"(?:person|human(?: being)?|agent|receptionist|clerk|operator|employee|woman|man|girl|boy|rep|staff|people|lot|"
           r"teacher|worker|assistant|excuse|waste|specimen|individual|creature|jobsworth|pen-pusher|bot|robot|" + _NOUN + r")")
_YOU = r"(?:you|u|ya|yer)"
_ABUSE = compile_all([
    # an adjective said of you: "you're useless", "are you thick", "why are you so stupid", "god you're useless"
    r"\b" + _YOU + r"(?:,? \w+,)?(?:" + APOS + r"re| are| r| were|" + APOS + r"ve been| really are| must be)\s+(?:\w+\s+){0,2}?" + _ADJ + r"\b",
    r"\b(?:are|r) " + _YOU + r" (?:\w+ ){0,2}?" + _ADJ + r"\b",
    r"\b" + _YOU + r" (?:(?:lot|people|guys|all)\s+){1,2}(?:are\s+)?(?:all\s+)?(?:so\s+)?" + _ADJ + r"\b",
    # an adjective before any noun, said to you: "you useless lump", "you thick plank"
    r"\b" + _YOU + r",? (?:\w+ )?" + _ADJ + r" (?!(?:down|up|off|out|and|but|the|with|for|about|into|over|enough|now|today)\b)[a-z]{3,}\b",
    # a noun said of you: "you halfwit", "you're a lying little rat", "you crooks", "you people are parasites"
    r"\b" + _YOU + r"(?:" + APOS + r"re| are| r)?\s+(?:(?:lot|people|guys|all|personally)\s+){0,2}(?:are\s+)?(?:all\s+)?"
    r"(?:(?:a|an|such a|such|just a|the|nothing but a|an absolute|a total|a complete|a real)\s+)?(?:[\w*-]+,?\s+){0,2}" + _NOUN + r"\b",
    # an adjective before a person: "you smug little jobsworth", "some useless thick receptionist"
    r"(?<!\byour )\b" + _ADJ + r"(?:,? (?!as\b)\w+){0,2} " + _PERSON + r"\b",  # not "your stupid robot": their thing
    r"\b(?:excuse for an?|waste of (?:space|oxygen|air|skin|a salary))\b",
    # compared to one: "you're sat there like a brain-dead sloth"
    r"\b" + _YOU + r"(?:" + APOS + r"re| are)? (?:[\w-]+ ){0,4}like (?:a|an|some) (?:[\w-]+ )?(?:" + _ADJ + r"|" + _NOUN + r")\b",
    r"\b" + _NOUN + r" like (?:you|u)\b",
    r"\b(?:just )?you (?:that|who)(?:" + APOS + r"s| is| are) (?:a |an |the )?(?:[\w-]+ ){0,2}" + _NOUN + r"\b",
    # a censored word said to them: "you heartless, brainless b*****d", "you're a robbing little sh*t"
    r"\byou(?:" + APOS + r"re| are)? (?:[\w,-]+ ){0,3}[a-z]+[*#@$]+[a-z]*\b",
    r"\bdo you (?:even )?have a brain\b|\bhave you (?:even )?got a brain\b|\b(?:did|do) you (?:get|buy|find|leave|lose) your brains?\b",
    r"\bwait(?:ing)? for you after\b|\bknock your (?:block|head|teeth|lights) (?:off|out|in)\b",
    r"\byou(?:" + APOS + r"re| are)? (?:a |an |such a )?(?:[\w-]+ )?piece of (?:filth|shit|sh\*t|work|garbage|trash|crap|dirt)\b",
    r"\byou(?:" + APOS + r"re| are) (?:about )?as (?:useful|helpful|much use|clever|bright|smart|sharp) as\b",
    # an insult on its own, as a sentence or a last word: "Clown. Clown. Fix it, clown."
    r"(?:^|[.!?]\s+)" + _NOUN + r"[.!?]|,\s*" + _NOUN + r"[.!?]?\s*$",
    r"\bsort you out\b|\bsee you (?:outside|personally)\b|\b(?:down|round) (?:at|to) your (?:depot|office|shop|branch|house|work)\b",
    # a verdict standing alone as a sentence: "Thick. Just wipe it."; the agent talked down to: "you sound like a child"
    r"(?:^|[.!?]\s+)(?:so |how |just )?(?:thick|stupid|dumb|brainless|moronic|idiotic|clueless|pathetic)[.!]",
    r"\byou (?:sound|act|talk|look|write) like (?:a|an|some) (?:[\w-]+-year-old|child|kid|toddler|teenager|schoolkid|baby)\b",
    # the agent's body: "move your fat backside", "get your lazy arse over here"
    r"\byour (?:big |lazy |fat |ugly |stupid |useless |sorry |bony )+(?:backside|arse|ass|butt|behind|face|gob|carcass|self)\b",
    r"\bthe (?:worst|biggest \w+) (?:of (?:the lot|them|you)|person|agent)\b",
    # demeaning names
    # (not "my little girl", "honey everywhere": the name said to the agent)
    r"(?<!\bmy )(?<!\byour )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bthe )(?<!\bhave a )(?<!\bhas a )"
    r"\b(?:sweetheart|sweetie|darling|princess|little girl|little boy|sunshine|sonny|dearie)\b(?! to)",
    r"(?:^|,\s*)honey\s*,|,\s*honey\b",
    # "you sneaky little scammer", "you, pal, are a pathetic little rent-a-cop"
    r"\b" + _YOU + r"(?:,? \w+,)?(?:" + APOS + r"re| are)? (?:(?:just |nothing but )?(?:a|an|such a) )?(?:[\w-]+ )?little "
    r"(?!(?:bit|while|longer|more|extra|help|time|ones?|girl|boy|things?|details?|patience|notice|warning|chance|room|choice|"
    r"something|late|early|money|discount|refund|credit|gesture|treat|surprise|girls|boys|kids?|ones)\b)[a-z][\w-]{2,}",
    # "talking to you is like talking to a brain-dead goldfish"
    r"\b(?:talking|speaking|dealing) (?:to|with) (?:you|u)(?: lot| people)? is like\b",
    # "I'm not arguing with a trained monkey. Get me someone with a brain."
    r"\b(?:someone|somebody|anyone) with (?:a|half a) brain\b",
    r"\b(?:arguing|talking|speaking|dealing) with (?:a|an|some) (?:[\w-]+ )?(?:monkey|robot|parrot|child|toddler|brick wall)\b",
    # profanity at the agent
    r"\b(?:f(?:uck|[*#@!$]{2,3}k?|u[*#@!$]k|[*#@!$]ck)|screw|sod|piss) (?:you|off)\b",
    r"\bgo to hell\b",
    r"\bshut (?:up|your (?:mouth|face|trap))\b",
    r"\b" + _YOU + r" (?:f" + _STAR + r"{2,5}(?:ing|in)|bloody|damn|effing) \w+",
    # threats against the agent's person
    r"\bi know where (?:you|your)\b",
    # "I know which office you work in", "I know what you look like", "I've got your name now"
    r"\bi know (?:which \w+|what(?: \w+)?|where) (?:you|your \w+) (?!(?:mean|meant|said|want|need|like|asked|mentioned|ordered|bought|paid|booked|were|are)\b)"
    r"(?:work|live|look|park|drive|leave|finish|go|shop|train|drink|eat|are based|get off)\b",
    r"\bi(?:" + APOS + r"ve| have) got your (?:name|details|address|face|number)\b",
    r"\bi know (?:what time|when) you (?:lot |people |all )?(?:leave|finish|get off|clock off|close|go home)\b",
    r"\bi know (?:where )?your (?:office|depot|shop|branch|house|address|car) is\b|\bfind out who you are\b",
    r"\b(?:put|smash|kick) your (?:windows?|doors?|face|head|teeth) in\b",
    r"\byou must be the (?:\w+est|most \w+) \w+",
    r"\byou(?:" + APOS + r"re| are) the \w+est (?:of (?:the lot|them|them all|you all)|one here)\b",
    r"\b(?:better |should )?watch yourself\b",
    # slights on the agent's mind: "too much for your tiny brain", "as thick as you"
    r"\b(?:too (?:much|hard|difficult|complicated|complex) for|beyond) your (?:\w+ )?(?:brain|brains|mind|head|skull|brain cells?)\b",
    r"\byour (?:tiny|little|small|pea-sized|feeble|single|one) (?:brain|mind|brain cell)\b",
    r"\bas " + _ADJ + r" as (?:you|u)\b",
    r"\bi(?:" + APOS + r"ll| will|" + APOS + r"m| am)(?: going to| gonna)? (?:come|be) (?:down there|down to|round|over there|coming for you|coming after you)\b",
    r"\bcome (?:and )?(?:find you|for you|after you)\b",
    r"\b(?:you(?:" + APOS + r"ll| will)|make you) (?:regret|be sorry|pay for)\b",
    r"\bmake your life (?:hell|a misery|miserable|difficult)\b",
    r"\b(?:get you|have you) (?:fired|sacked)\b",
    r"\bhope you (?:get fired|die|rot|lose your job|get sacked)\b",
    r"\b(?:hurt|kill|smash|punch|wreck|beat|slap) (?:you|your (?:face|head)|the place)\b",
    r"\bdeal with you\b(?! (?:guys|people|again|lot))",
    r"\bwatch your back\b",
    r"\bfind (?:out )?(?:where (?:you|your)|your (?:name|address|house|home))\b",
    r"\btell everyone (?:your|what)\b",
    r"\b(?:i" + APOS + r"ll|i will|going to|gonna) (?:find|track) you\b",
    r"\bi(?:" + APOS + r"ll| will) be (?:waiting|outside)\b[^.!?]{0,30}\b(?:for you|by (?:it|your)|after (?:work|your shift))\b",
])
_NOUN_INSULT = re.compile(r"\b(?:" + "|".join(map(re.escape, PURE_INSULTS)) + r"|" + _CENSORED + r")(?:e?s)?\b")
# The insult's subject is someone else, or the customer: "the driver is an idiot", "I feel like an idiot".
_NOT_AT_AGENT = re.compile(
    r"(?:\b(?:the|your|my|that|this|whoever|he|she|they|his|her)(?: [\w*-]+){0,4}(?:'s|'re| is| was| are| were| must be| seems)"
    r"|\b(?:i(?:'m| am| feel| felt| look| looked| was| must look|'d look|'ve looked)|me (?:look|feel|sound))(?: not)?(?: so| such| like)?)"
    r"(?: (?:a|an|such a|such an|like a|like an|the|total|complete|absolute|real|utter)(?: [\w-]+,)?)?(?: [\w-]+)?\s*$"
    r"|\bnot (?:calling|saying)\b[^.!?]*$"
    r"|\b(?:run|managed|staffed|owned|designed|built|made|written|coded) by (?:a (?:bunch|load|pack) of |total |complete |absolute |utter )?$"
)


# A third party named with an insult as its label: "my idiot neighbour", "the idiot at the desk", "some absolute bastard".
_THIRD_PARTY_LABEL = re.compile(r"(?<!you're )(?<!you are )(?<!you )\b(?:the|my|our|his|her|their|these|those|some|whatever|that|this)\s+(?:[\w-]+\s+)?$")


def _texting(text: str) -> str:
    """'r u' -> 'are you', so texting shorthand reads like the rest."""
    return re.sub(r"\bur\b", "you're", re.sub(r"\bu\b", "you", re.sub(r"\br u\b", "are you", text)))


# an insult at others passed on to the agent: "your staff are clueless sheep and so are you"
_PASSED_ON = re.compile(r"\b(?:" + _ADJ + r"|" + _NOUN + r")\b[^.!?]{0,30}\b(?:and )?(so (?:are|r|were) (?:you|u)|(?:you|u)(?:" + APOS
                        + r"re| are) (?:no better|the same|just the same|one of them|(?:the )?worst of (?:them|the lot)))\b")


def abusive_span(message: str) -> str | None:
    """The words that make the message abusive towards the agent, or None."""
    text = _texting(fold(message))
    if passed_on := _PASSED_ON.search(text):
        return passed_on.group(0)
    candidates = [m for pattern in _ABUSE if (m := pattern.search(text))]
    candidates += [m for m in _NOUN_INSULT.finditer(text)]
    for match in sorted(candidates, key=lambda m: m.start()):
        before = text[max(0, match.start() - 60): match.start()]
        if _NOT_AT_AGENT.search(before) or (match.re is _NOUN_INSULT and _THIRD_PARTY_LABEL.search(before)):
            continue
        return match.group(0)
    return None


@dataclass(frozen=True)
class Abuse:
    span: str  # what in the message makes it abusive
    insult: str  # the insulting words themselves, that a reply may throw back; "" when only the reading found it


def abuse_at_the_agent(message: str) -> Abuse | None:
    """What makes the message abusive towards the agent, or None: the rules' words, unless the abuse reading is sure
    the message is not abusive (below its veto); where no rule fires, the sentence the reading is sure is abuse."""
    found = abusive_span(message)
    reading = learned_reading("abuse")
    if reading is None:
        return Abuse(found, found) if found is not None else None
    if found is not None:
        return None if reading.probability(message) < reading.veto else Abuse(found, found)
    sure = reading.sure_of(message)
    return Abuse(sure[1].text, "") if sure is not None else None
