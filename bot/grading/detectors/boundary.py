"""boundary_setting: when the customer's latest message is abusive, does the agent hold a calm boundary?

Abuse needs a target in the agent: an insult, demeaning name, profanity or threat aimed at them. A word that
only insults a person (idiot, clown) counts unless a third party or the customer is its subject; an
adjective (useless, stupid) counts when it is said of "you" or of a person. Swearing at a product, anger,
capitals and threats to cancel or complain are not abuse. Only the customer's latest message counts.

Then: retaliation (insults back, echoing the insult, sarcasm, blame, threats, hanging up without an earlier
warning) is 'unprofessional'; naming the behaviour, asking for it to stop or stating a limit, or ending the
conversation after an earlier warning, is 'set'; anything else (ignoring or accepting the abuse) is 'absent',
unless the learned retort reading (detectors/learned.py) is sure it answers the abuse in kind.
"""

from __future__ import annotations

import re

from bot.domain import Message, latest_customer_text
from bot.grading.detectors.abuse import INSULT_WORDS, abuse_at_the_agent
from bot.grading.detectors.dismissive import BLAME_TURNED, RETORTS, SARCASM
from bot.grading.detectors.learned import learned_reading
from bot.grading.detectors.phrases import APOS, BLAME, CALMING, MOCKING, SHUTTING_DOWN, TONE_POLICING, first_hit
from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import compile_all, find_first, fold, quoted_regions, sentence_around

RETALIATION = compile_all([
    r"\bi don" + APOS + r"t have to take (?:that|this)\b",
    r"\bsee how far (?:it|that) gets you\b",
    # a dare with a penalty: "Call me a thief again and you can sort it yourself", "Keep talking like that and see…"
    r"\b(?:again|once more|one more time|keep (?:talking|speaking|it up|that up|going|this up)[^.!?]{0,30}?),? and (?:you(?:" + APOS + r"ll| can| will)|see|your"
    r"|i(?:" + APOS + r"ll| will) (?:have|get) you(?:r)?)\b",
    # help withdrawn as a punishment
    r"\b(?:sort|fix|deal with|figure out|work out|handle) (?:it|this|that|your [^.!?]{1,20}?)(?: out)? (?:yourself|on your own)\b",
    r"(?<!\bto )(?<!\bi )(?<!\bi'll )(?<!\bi will )\bgo ahead\b(?! with)",
    # a punishment dared: "Call me a weasel again and I'll have your account flagged"
    r"\bagain,? and i(?:" + APOS + r"ll| will) (?:have|get) your (?:account|order|booking|claim|card)\b|\bagain,? and i(?:" + APOS + r"ll| will) make sure you (?:never|don" + APOS + r"t)\b|\bagain,? and i(?:" + APOS + r"ll| will) (?:ban|block|report|flag|blacklist)\b",
    r"\b(?:pal|mate|buddy|sunshine|genius|einstein|sherlock|your highness|your majesty)\b",
    r"\b(?:did|do) (?:yours|your mum|your mother|they) (?:teach|hire)\b",
    r"\byour manners\b",
    r"\bat least i\b",
    r"\bwith (?:that|this) attitude\b",
    r"\bwow\b[,.!]",
    r"\blovely\.",
    r"\byou(?:" + APOS + r"re| are) welcome\.\s*$",
    r"\b(?:calm down|relax|behave)\b[^.!?]*\bor i(?:" + APOS + r"ll| will)\b",
    r"\b(?:or|and) i(?:" + APOS + r"ll| will) (?:(?:cancel|ban|block|blacklist|close|suspend) (?:your|you)|(?:report|charge) you|call the police)\b",
    r"\bnot as \w+ as you\b",
    r"\b(?:right )?back at you\b",
    r"\bsame to you\b",
    r"\bor else what\b",
    r"\bpeople like you\b",
    r"\btake it or leave it\b",
    r"\btakes one to know one\b",
    r"\blook who" + APOS + r"s talking\b",
    r"\bunlike (?:some people|you)\b",
    r"\byou(?:" + APOS + r"re| are) the (?:\w+ )?one\b",
    # comebacks: "slower than you", "the only one without a brain here"
    r"\b(?:slower|dumber|thicker|stupider|worse|ruder|uglier|lazier) than you\b",
    r"\bthe only (?:one|person|idiot|fool) (?:[\w-]+ ){0,4}here\b",
    r"^\s*(?:and|well,?) you(?:" + APOS + r"re| are) (?:a|an|the|no)\b",
    r"\bi(?:" + APOS + r"m| am) not (?:a|an|the|your) [\w-]+,? am i\b",
    r"\byou (?:clearly|obviously|evidently) (?:didn" + APOS + r"t|did not|haven" + APOS + r"t|have not|can" + APOS + r"t|cannot|don" + APOS + r"t)\b",
])
ENDING = compile_all([
    r"\b(?:ending|closing|terminating|end|close|terminate) (?:this|the|our) (?:chat|call|conversation)\b",
    r"\b(?:ending|closing|terminating) it (?:now|here)\b",
    r"\b(?:call|chat|conversation)(?: is| has)?(?: now)? (?:been )?(?:terminated|ended|over|closed)\b",
    r"\bi(?:" + APOS + r"m| am) (?:done|hanging up|out)\b",
    r"(?:^|[.!?,]\s*)(?:good)?bye\b(?! to)",
    r"\bnot doing this\b",
    r"\bhanging up\b",
    r"\bnot dealing with you\b",
    r"\b(?:i" + APOS + r"ll|i will|let" + APOS + r"s|we" + APOS + r"ll) (?:leave|end|stop) it (?:there|here)\b",
    r"\b(?:call|ring|come) (?:back|again) when you\b",
])
CONDITIONAL_CONSEQUENCE = re.compile(
    r"\bif (?:[\w-]+ ){0,4}(?:continues?|continued|carries on|carried on|carry on|keeps? (?:up|going|on)|kept (?:up|on)|"
    r"happens? again|goes on|persists?|doesn" + APOS + r"t stop)\b|\bif (?:[\w'-]+ ){1,6}again\b"
    r"|\b(?:otherwise|or) i(?:" + APOS + r"ll| will) (?:have to )?(?:end|close|hang up|stop|terminate)"
    r"|\brather (?:keep talking|carry on|keep going|continue) than (?:have to )?(?:end|close|hang up|stop)"
)
BOUNDARY = compile_all([
    r"\bi(?:" + APOS + r"m| am)? ask(?:ing)? you not to\b",
    r"\b(?:talk|speak) to me without (?:the |any )?(?:insults|name-calling|swearing|abuse)\b|\bfree of (?:insults|abuse|name-calling|swearing)\b",
    r"\bleave (?:the |your |any )?(?:personal )?(?:accusations|insults|remarks|comments|name-calling) (?:aside|out of (?:it|this))\b",
    r"\b(?:not going to|won" + APOS + r"t|will not) respond to being called\b",
    r"\b(?:i(?:" + APOS + r"d| would| will|" + APOS + r"ll)|i(?:" + APOS + r"m| am) going to|i have to|i need to|i must|let me) ask you (?:not to|to stop|to keep|to please|to leave)",
    r"\b(?:won" + APOS + r"t|will not|refuse to) be (?:insulted|abused|threatened|belittled|shouted at|sworn at|called names)\b",
    r"\bleave (?:out )?(?:the |your )?(?:insults|name-calling|name calling|swearing|personal remarks|personal comments)(?: out)?\b",
    r"\bplease (?:don" + APOS + r"t|do not|stop|refrain from) (?:call|swear|insult|threaten|speak|talk|shout|us(?:e|ing) (?:that|language))",
    r"\b(?:i need|i" + APOS + r"d like|i want|i(?:" + APOS + r"m| am) asking) (?:you|us) to (?:stop|keep)\b",
    r"\b(?:drop|cut out|quit|knock off|tone down|lose) (?:the |your |all the |those )?(?:insults|name-calling|name calling|swearing|threats|"
    r"abuse|language|personal (?:remarks|comments|attacks)|remarks|comments|attitude)\b",
    r"\bstop (?:the )?(?:personal )?(?:insults|calling me|name-calling|swearing|threat|abuse)",
    r"\b(?:won" + APOS + r"t|will not|can" + APOS + r"t|cannot|don" + APOS + r"t|do not|not going to|not willing to|unwilling to) "
    r"(?:be spoken to|be talked to|accept|tolerate|be called|allow|continue|carry on|put up with|be sworn at)\b"
    # not a business refusal: "I can't accept liability myself", "can't allow refunds after 30 days"
    r"(?! (?:liability|responsibility|returns?|refunds?|payments?|cash|cheques?|cards?|bookings?|orders?|claims?|deliveries|the blame|"
    r"the (?:return|refund|claim|booking|order|item|parcel|delivery|charge|fee|cost|payment|card)s?)\b)",
    r"\b(?:insults?|threats?|name-calling|language like that|that language|abuse|abusive|swearing|personal (?:attacks?|comments|insults?)|"
    r"calling me names)\b[^.!?]{0,40}\b(?:aren" + APOS + r"t|isn" + APOS + r"t|is not|are not|not) (?:okay|ok|acceptable|appropriate|necessary|"
    r"helpful|needed|something|going to help)\b",
    r"\bkeep (?:it|this|things) (?:civil|respectful|polite|professional|to the)\b",
    r"\bno need for (?:insults|name-calling|that|threats|language)\b",
    r"\b(?:being called|call(?:ing)? me) (?:names|a \w+|that)\b",
    r"\bi(?:" + APOS + r"d| would) prefer (?:it if )?you (?:use|call me)\b",
    r"\bplease (?:use|call me by) my name\b",
    r"\bmy name(?:" + APOS + r"s| is) [a-z]+,? not\b",
    r"\b(?:not|n" + APOS + r"t) (?:ok|okay|comfortable|happy) (?:with )?(?:being (?:called|spoken|sworn|shouted)|you (?:calling|speaking|swearing|shouting))",
    r"\b(?:ask|asking|like) you to (?:call me by|use) my name\b",
    r"\bi(?:" + APOS + r"d| would) (?:rather|prefer) (?:it if )?you (?:used|use|called|call) (?:me by )?my name\b",
    r"\bi(?:" + APOS + r"d| would) rather not be (?:called|spoken to|sworn at|shouted at)\b",
    r"\bi(?:" + APOS + r"d| would) appreciate (?:it )?if you (?:didn" + APOS + r"t|did not|could stop|would stop|stopped|kept)\b",
    r"\bplease (?:don" + APOS + r"t|do not) (?:direct|take) (?:it|that|this) (?:at|out on) me\b",
    r"\bno need for personal (?:comments|remarks|insults)\b",
    r"\b(?:won" + APOS + r"t|will not|can" + APOS + r"t|cannot) (?:accept|tolerate) (?:abuse|insults|threats|being)\b",
    r"\bstop you (?:right )?there\b",
    r"\b(?:conversation|chat|call|this|it) (?:stays|gets|turns|is getting|keeps getting) personal\b",
    r"\bi don" + APOS + r"t have to (?:tolerate|take|listen to|put up with)\b",
    r"\b(?:keep|leave) (?:the |your )?(?:name-calling|name calling|insults|swearing|personal remarks|personal comments|language) out of (?:it|this)\b",
    r"\bi(?:" + APOS + r"d| would) rather (?:you|we) (?:didn" + APOS + r"t|did not|not|stopped|kept)\b",
    r"\bi(?:" + APOS + r"ll| will) not (?:be (?:called|spoken|sworn|talked)|accept|tolerate|take)\b",
    r"\bgo easy on (?:the |your )?(?:name-calling|name calling|insults|language|swearing|personal \w+)\b",
    r"\b(?:that|this)(?:" + APOS + r"s| is) a threat\b",
    r"\b(?:drop|cut out|quit|stop) (?:the |your )?(?:personal )?(?:digs|jibes|put-downs)\b",
    # the behaviour named: "rather than personal remarks", "insults won't get this sorted any faster",
    # "I need the name-calling to stop", "I won't take personal insults"
    r"\bpersonal (?:remarks|comments|attacks|insults|digs|abuse)\b",
    r"\b(?:insults|name-calling|name calling|swearing|abuse|threats|shouting at me)\b[^.!?]{0,20}\b(?:won" + APOS + r"t|will not|don" + APOS
    + r"t|do not|aren" + APOS + r"t going to|are not going to) (?:help|get|make|speed|fix|change|solve)\b",
    r"\b(?:need|want|ask|like) (?:the|your|all the|this|these) (?:insults|name-calling|name calling|swearing|abuse|threats|comments|language) to stop\b",
    r"\b(?:won" + APOS + r"t|will not|can" + APOS + r"t|cannot|don" + APOS + r"t|do not) (?:accept|tolerate|take|stand for|put up with) "
    r"(?:personal |any |the |more |further )?(?:abuse|insults|threats|name-calling|swearing|language like)\b",
])
_VOCATIVES = {"mate", "pal", "buddy", "sunshine"}
_NAMING = re.compile(r"\b(?:called|calling me|call me|names like|words like|being|address me as|refer to me as)\b[^.!?]*$"
                     r"|\bi(?:" + APOS + r"m| am) not (?:a|an) (?:[\w-]+ )?$")  # "I'm not a crook, and I do want to help"
_ACCEPTING = re.compile(r"\b(?:you(?:" + APOS + r"re| are) (?:absolutely |completely |quite |totally |dead )?right|my bad|fair enough|i deserve|guilty as charged"
                        r"|fair,? i(?:" + APOS + r"m| am) (?:a|an) "
                        r"|i know,? i(?:" + APOS + r"m| am) (?:a|an|such a|the) )")


def detect_boundary(reply: str, history: list[Message], policy: str | None) -> Detection:
    latest = latest_customer_text(history)
    abuse = abuse_at_the_agent(latest) if latest else None
    if abuse is None:
        return Detection(None, None, "the customer's latest message is not abusive")
    retaliation = _retaliation(reply, abuse.insult)
    if retaliation is not None:
        return Detection("unprofessional", retaliation[0], retaliation[1])
    folded = fold(reply)
    ending = find_first(ENDING, reply)
    if ending is not None and not CONDITIONAL_CONSEQUENCE.search(folded):
        if _warned_before(history):
            return Detection("set", sentence_around(reply, ending.start()).text, "ends the conversation after an earlier warning")
        return Detection("unprofessional", reply[ending.start(): ending.end()], "ends the conversation without an earlier warning")
    boundary = find_first(BOUNDARY, reply) or find_first([CONDITIONAL_CONSEQUENCE], reply)
    if boundary is not None:
        return Detection("set", sentence_around(reply, boundary.start()).text, "names the behaviour or states the limit")
    talked_down = _talked_down(reply)
    if talked_down is not None:
        return Detection("unprofessional", talked_down, "talks down to the customer instead of naming the abuse")
    retort = learned_reading("retort")
    if retort is not None and (sure := retort.sure_of(reply)) is not None:
        # no rule found a retort, but the reply reads like the unprofessional ones of the labelled sets: sarcasm,
        # a dare, the insult answered in kind in words no list holds ("Judging by this chat, the panel got it right")
        p, quoted = sure
        return Detection("unprofessional", quoted.text, f"reads like a retort to the abuse (learned model, p={p:.2f})")
    return Detection("absent", None, f"carries on without addressing the abuse ({abuse.span!r})")


def _retaliation(reply: str, insult: str) -> tuple[str, str] | None:
    if _ACCEPTING.search(fold(reply)):
        return None  # "Fair enough mate, I'm a joke, sorry": accepting the abuse is 'absent', the "mate" no retort
    hit = first_hit(reply, {"blame": BLAME + BLAME_TURNED, "mockery": MOCKING, "sarcasm": SARCASM + RETORTS})
    if hit is not None:
        return hit.span.text, f"retaliates with {hit.family}"
    match = _retort(reply)
    if match is not None:
        return reply[match.start(): match.end()], "retaliates with sarcasm or a threat"
    turned = None if reply.isupper() else TURNED_BACK.search(reply)
    if turned is not None:
        return turned.group(0), "turns the insult back on the customer"
    thrown_back = _insult_back(reply, insult)
    if thrown_back is not None:
        return thrown_back, "throws the insult back"
    return None


def _talked_down(reply: str) -> str | None:
    """"Calm down", "no need to shout" said to an abusive customer without naming the abuse: talking down, not a
    boundary (a reply that names the behaviour or states a limit is 'set' before this is asked)."""
    hit = first_hit(reply, {"calming": CALMING, "tone-policing": TONE_POLICING})
    return hit.span.text if hit is not None else None


def _retort(reply: str) -> re.Match[str] | None:
    """The first sarcasm or threat in the reply. A "mate" is a retort only beside a shut-down ("Your files were
    blurry, mate. Not my problem."), not beside a boundary or an apology ("Happy to fix it, mate, but go easy on
    the name-calling", "Sorry about that, mate"); that is looked up only when a "mate" is found."""
    friendly = None
    for pattern in RETALIATION:
        for match in pattern.finditer(fold(reply)):
            if match.group(0) in _VOCATIVES:
                if friendly is None:
                    friendly = find_first(BOUNDARY, reply) is not None or first_hit(reply, SHUTTING_DOWN) is None
                if friendly:
                    continue
            return match
    return None


def _insult_back(reply: str, insult: str) -> str | None:
    """An insult word in the reply, or the customer's insult echoed back ("us morons", "I'm a jobsworth
    now?"), unless the agent is naming what they were called ("I'd ask you not to call me stupid") or
    accepting it ("You're right, I'm useless": that is 'absent')."""
    folded = fold(reply)
    if _ACCEPTING.search(folded):
        return None
    echoed = set(re.findall(r"[a-z][a-z*-]{3,}", fold(insult))) - _FILLER
    quoted = quoted_regions(reply)
    for match in re.finditer(r"[a-z][a-z*-]+", folded):
        if match.group(0) not in INSULT_WORDS and match.group(0) not in echoed:
            continue
        if _NAMING.search(folded[max(0, match.start() - 30): match.start()]) or _refused_name(folded, match.start(), quoted):
            continue  # "I'd ask you not to call me stupid", "my name is Aisha, not 'little girl'"
        return reply[match.start(): match.end()]
    return None


def _refused_name(folded: str, position: int, quoted: tuple[tuple[int, int], ...]) -> bool:
    """The insult quoted as the name the agent refuses: "my name is Aisha, not 'little girl'"."""
    return any(start <= position < end and re.search(r"\bnot\W*$", folded[max(0, start - 8): start + 1]) for start, end in quoted)


# The customer's question turned back on them, stressed in capitals: "Can YOU read a tracking page?"
TURNED_BACK = re.compile(r"\b(?:[Cc]an|[Dd]o|[Dd]id|[Aa]re|[Hh]ave|[Ww]ere) YOU\b")

_FILLER = frozenset("""you your you're youre are just such really little the what some that this with
have been even actually genuinely absolutely
find know where which like come coming after deal watch back make life hell track office going gonna will
tell everyone down there round over""".split())  # the everyday words of a threat: "I'll find you", "I know where…"


def _warned_before(history: list[Message]) -> bool:
    return any(
        m.role == "agent" and (find_first(BOUNDARY, m.text) or CONDITIONAL_CONSEQUENCE.search(fold(m.text)))
        for m in history
    )
