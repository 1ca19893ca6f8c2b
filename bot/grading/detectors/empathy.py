"""empathy: does the reply acknowledge the customer's feelings, and with their own specifics?

1. Invalidation (tone-policing, "sorry you feel that way", blame, mockery, lecturing) outweighs any
   acknowledgement: 'none'.
2. No acknowledging sentence (apology, understanding, a named feeling or impact): 'none'.
3. An acknowledging sentence that reflects the customer's own details back is 'specific': it shares content
   words with what the customer said (and the scenario line), beyond the bare kind of problem. Otherwise
   'generic'.
4. The learned readings (detectors/learned.py) read 2-3 again where they are sure: `empathy` (does the reply
   acknowledge at all?) and `specific_empathy` (is the acknowledgement a specific one?).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain import Message
from bot.grading.detectors.abuse import INSULT_ADJECTIVES, INSULT_NOUNS
from bot.grading.detectors.learned import learned_reading
from bot.grading.detectors.phrases import APOS, INVALIDATING, first_hit
from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import NT, Span, compile_all, content_stems, fold, inside, quoted_regions, sentences, stem, words

ACKNOWLEDGEMENT = compile_all([
    r"\bsorry\b",
    r"\b(?:i|we)(?: \w+)? apologi[sz]e",
    r"\bapologies\b",
    r"\bi regret\b",
    r"\bi (?:completely |totally |really |fully |can |do |definitely )?(?:understand|get (?:it|that|why|how)|hear (?:you|how|that|what|the))",
    r"\bi can (?:see|imagine|hear|tell) (?:how|why|that|what)\b",
    r"\bi can only imagine\b",
    r"(?<!-)(?<!false )\b(?:frustrat|upsett?|stress|worr[yi]|frighten|scar[ey]|angry|anger|annoy|exhaust|awful|horrible|terrible|miserable"
    r"|unthinkable|humiliat|madden|rotten|alarm|panic|disappoint|distress|infuriat|devastat|heartbreak|heartbroken|unfair"
    r"|unacceptable|nightmare|shock|painful|upset|embarrass|gutt|scary|dreadful|appall|outrageous|ridiculous"
    r"|terrif|isolat|cruel|lonel|overwhelm|agonis|agoniz|unbearable|harrowing|traumat|sicken|soul-destroying|crushing|livid"
    r"|furious|fuming|anxious|anxiety|dread|grief|griev|mortif|exasperat|despair|vulnerable|bewilder|hurtful|daunting|baffl)\w*",
    r"\blet (?:you|you both|you all|your [a-z]+|them|her|him) down\b",
    r"\bfed up\b",
    r"\ba (?:real|genuine) (?:hit|blow|pain|problem|worry|headache|loss|shame|setback|knock|cost)\b",
    r"\b(?:disheartening|deflating|demorali[sz]ing|dispiriting)\b|\bmust have (?:\w+ )?(?:stung|hurt|rankled)\b",
    r"\bwasted (?:day|trip|journey|morning|afternoon|evening|weekend|week)\b",
    r"\bi(?:" + APOS + r"d| would) have (?:\w+ )?(?:cried|wept|screamed|lost it|exploded|panicked)\b",
    r"\b(?:a )?(?:fair|valid|legitimate|reasonable) (?:complaint|concern|grievance)\b",
    r"\b(?:a )?(?:huge|big|massive) (?:thing|deal|blow|shock)\b",
    r"\b(?:a )?(?:rough|tough|hard|long|horrible|awful|difficult) (?:night|day|week|time|few days|morning|year) for you\b",
    r"\bi(?:" + APOS + r"m| am) on your side\b",
    r"\bwould (?:wear|get|grind|drive|make|knock|rattle|shake|throw|upset) anyone\b",
    r"\b(?:it(?:" + APOS + r"s| is)|that(?:" + APOS + r"s| is)|what) a (?:pain|hassle|nuisance|faff)\b|\bno fun\b",
    r"\bi(?:" + APOS + r"d| would) have (?:had enough|been \w+)(?: too| as well)?\b",
    r"\bi know (?:that )?(?:\S+ ){0,8}?can (?:wreck|ruin|hit|derail|upend|throw)\b",
    r"\b(?:you|your \w+) (?:shouldn" + APOS + r"t|should not) (?:be|have to)\b",
    r"\bnot (?:paranoid|silly|stupid|daft|unreasonable|overreacting) at all\b|\b(?:exactly|completely) the right thing to (?:ask|do)\b"
    r"|\bperfectly (?:reasonable|normal|natural)\b|\b(?:normal|natural|understandable) to (?:feel|be)\b",
    r"(?:^|[.!?]\s+)(?:totally |completely |fully )?understand(?:able)?[.!,]",
    r"(?:^|[.!?]\s+)(?:yeah|yes|ok|okay),? fair(?: point)?[,.!]",  # not "fair enough, I deserve that": accepting abuse
    r"\bthat(?:" + APOS + r"s| is) (?:\w+ ){0,3}(?:days?|weeks?|months?|hours?|years?) (?:you(?:" + APOS + r"ve| have)|of your)\b",
    r"\bi (?:know|realise|realize|appreciate) (?:that|this|it)(?:" + APOS + r"s| is| was) (?:a )?(?:long|hard|a lot|slow|tough|difficult|not ideal|not what)\b",
    r"\bslap in the face\b",
    r"\b(?:is|was) the worst\b",
    r"\bno wonder\b",
    r"\bof course you(?:" + APOS + r"re| are| feel|" + APOS + r"d be| would be| don" + APOS + r"t| can" + APOS + r"t| want| need)\b",
    r"\bpoor \w+\s*[-,!]|\b(?:it" + APOS + r"s|it is|that" + APOS + r"s) not your fault\b",
    r"\b(?:is|was|" + APOS + r"s) (?:genuinely |really |very )?(?:poor|not good enough)\b",
    r"\bwould make anyone\b",
    r"\banyone would\b",
    r"\bi(?:" + APOS + r"d| would) be \w+(?: \w+)? too\b",
    # "I'd be furious." / "I'd be livid as well": the agent owning the feeling the situation would cause
    r"\bi(?:" + APOS + r"d| would) (?:be|feel|have been) (?:really |so |absolutely |pretty )?[a-z]+(?: too| as well)?\s*(?:[.!;]|$)",
    # "I know you've been without heating", "I know every day counts", "I know $180 stings": what it means to them
    r"\bi (?:know|realise|realize|appreciate) (?:that )?(?!(?:where|which|who|when)\b)(?:\S+ ){0,9}?(?:you\b(?!" + APOS + r"ll)|counts|matters|stings|hurts|means)",
    r"\b(?:is|was|" + APOS + r"s) (?:such |really |quite )?a (?:very |really )?long (?:time|wait|while)\b",
    # the agent in the customer's shoes: "would have me at the end of my rope", "I'd be tearing my hair out"
    r"\b(?:would|" + APOS + r"d) (?:have|drive|send|leave) me (?:\w+ ){0,3}?(?:mad|crazy|livid|furious|spare|fuming|in tears|"
    r"climbing the walls)\b|\b(?:my hair out|up the wall|round the bend|end of my (?:rope|tether))\b",
    r"\bwould be (?:so |really |absolutely )?(?:crushing|gutting|devastating|maddening|heartbreaking|infuriating|exhausting)\b",
    r"\bthe least (?:we|i) (?:can|could) do\b",
    r"\bmust (?:be|feel|have (?:been|felt)|make)\b",
    # the concrete impact on them: "that's your whole year on the line", "means you can't work"
    r"\b(?:at risk|on the line|at stake)\b",
    r"\bmeans you (?:can" + APOS + r"t|cannot|couldn" + APOS + r"t|lose|lost|miss|have to)\b",
    r"\bis a lot to ask\b",
    r"(?:,|^)\s*i know\s*(?:[.!-]|$)",
    r"\b(?:" + APOS + r"s|is) not (?:acceptable|fair|right|okay|ok|good enough)\b",
    # "sounds like a nightmare", not a diagnosis: "that sounds like the screen"
    r"\bsounds? (?:like (?!the\b|your\b|it(?:" + APOS + r"s| is) (?:the|your|a) \w+ (?:fault|issue|problem)\b)|really|so|awful|hard|stressful)",
    r"\bmakes? (?:complete |total |perfect )?sense\b",
    r"\bmeans? (?:a lot|so much|everything)\b",
    r"\bmatters\b",
    r"\bisn" + APOS + r"t what you\b",
    r"\bnot what you (?:paid|bought|expected|signed)",
    r"\bshould(?:n" + APOS + r"t| never) have (?:happened|been)\b",
    r"\bthat" + APOS + r"s on (?:us|me)\b",
    r"\byou(?:" + APOS + r"re| are) (?:absolutely |completely )?right\b",
    r"\byou (?:haven" + APOS + r"t|didn" + APOS + r"t) do(?:ne)? anything wrong\b",
    r"\b(?:so |really )?glad you\b",
    r"\b(?:is|be|been|that" + APOS + r"s|so|really) (?:really |so |very )?(?:hard|tough|difficult|rough|a lot to deal with)\b",
    r"\boh no\b",
    r"\bthank you for your service\b",
    r"\b(?:feels?|felt) (?:steep|unfair|like)\b",
    r"\bthe last thing you (?:need|should|want)",
    r"\bwhat a (?:waste|nightmare|mess|shame|pain|worry|ordeal)\b",
    r"\bdeserved? better\b", r"\bunderstandabl[ey]\b", r"\bi(?:" + APOS + r"d| would) feel the same\b", r"\bi feel for you\b",
    r"\b(?:my )?heart goes out\b", r"\bhow (?:awful|horrible|terrible|upsetting|stressful|frustrating)\b",
    r"\b(?:this|that|it)(?:" + APOS + r"s| is) (?:really |very |genuinely )?(?:serious|an emergency|urgent)\b",
    r"\b(?:isn" + APOS + r"t|is not|wasn" + APOS + r"t|was not) (?:fair|right|good enough|acceptable)\b",
    r"\b(?:i know|i can see|i realise|i realize) how (?:hard|difficult|stressful|frustrating|upsetting|worrying|awful|scary|"
    r"frightening|tough|much)\b",
])
# "Sorry, could you repeat that?" is politeness, not an acknowledgement.
POLITE_SORRY = re.compile(
    r"^\s*(?:oh,? )?sorry[,!]?\s+(?:could|can|would|what|did|do|is|are|who|where|when|how|which|one moment|one sec)\b"
    r"|\bsorry,? i (?:didn" + APOS + r"t|did not) (?:catch|hear|get) (?:that|you|your)|\bsorry to (?:bother|ask|interrupt)"
)
# "I'm so sorry.", "Beth, I'm so sorry.", "I'm really sorry, Rosa.": sorry for what the sentences around it say
BARE_APOLOGY = re.compile(r"^(?:[a-z]+(?: [a-z]+)?,\s*)?(?:oh,? )?(?:i(?:" + APOS + r"m| am) )?(?:so |really |truly |very )?sorry(?:,\s*[a-z]+(?: [a-z]+)?)?[.!]*$"
                          r"|^(?:my )?apologies[.!]*$")
# Where an acknowledgement stops: "I understand, but rules are rules" reflects nothing after "but".
CLAUSE_BREAK = re.compile(r",? but |;|, however|, and (?=(?:i|we)(?:" + APOS + r"ll|" + APOS + r"ve|" + APOS + r"d| will| have| can| would|" + APOS + r"m happy| am happy| won" + APOS + r"t| want| need)\b)")

# The bare kind of problem: naming it ("sorry about the wait") is no specific reflection.
PROBLEM_KINDS = frozenset(
    stem for word in """wait waiting delay delayed trouble inconvenience confusion confused issue issues problem
    mix-up mixup situation experience frustration frustrated frustrating hassle error mistake matter news
    upset stress stressful annoying angry feel feeling feelings way""".split()
    for stem in content_stems(word)
)
PEOPLE_AND_OCCASIONS = re.compile(
    r"\b(?:son|daughter|mum|mom|mother|dad|father|baby|kids?|children|child|husband|wife|partner|grandmother"
    r"|grandfather|grandma|grandad|sister|brother|newborn|family|wedding|funeral|birthday|christmas)\b"
)
# The customer's insults ("you're useless") echoed back are no reflection of their situation.
INSULT_STEMS = frozenset(stem for word in INSULT_NOUNS + INSULT_ADJECTIVES for stem in content_stems(word))
SPECIFIC_OVERLAP = 2
SHORT_ACKNOWLEDGEMENT = 10  # words
# A sentence that hands the customer's situation back as a phrase: "Six years of your own work and…", "A brand-new car
# arriving on the 14th and no way to charge it", "Losing Mr Bun when your son can't sleep…"
_REFLECTION = re.compile(r"^\W*(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d+|no|your|losing|getting|finding|being|having|"
                         r"waiting|paying|coming|hearing|watching|seeing)\b")
REFLECTION_WORDS = 8  # a sentence this long with one customer detail outside an apology's object reflects it
# "Sorry, compensation isn't something we deal with": the apology stands alone; what follows refuses or explains.
APOLOGY_THEN_REFUSAL = re.compile(
    r"^((?:oh,? )?(?:i(?:" + APOS + r"m| am) )?(?:so |really |very |truly )?(?:sorry|apologies)),\s+(?!(?:you|your|that you)\b)"
    r"(?![a-z]+\s*-\s)"  # "I'm sorry, Gavin - being locked out…": a name, then what it is about
    r"(?=.*(?:\b(?:not|cannot|never|only)\b|" + NT + r"))")
APOLOGY_OBJECT = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b[^,;:.!?-]*")


def detect_empathy(reply: str, history: list[Message], policy: str | None, persona: str = "") -> Detection:
    invalidation = first_hit(reply, INVALIDATING)
    if invalidation is not None:  # LABELING.md's rule: never the readings' to overrule
        return Detection("none", invalidation.span.text, f"invalidating: {invalidation.family}")
    return _read_again(reply, _acknowledgement(reply, history, persona))


def _read_again(reply: str, found: Detection) -> Detection:
    """The rules' level read again by the learned readings, where they are sure: an acknowledgement in words no
    list holds ("that stinks, right before a demo"), a rule's acknowledgement that reads like none, and whether
    it reflects the customer's own details (the rules count shared words; the reading knows how specific replies read)."""
    feeling, specific = learned_reading("empathy"), learned_reading("specific_empathy")
    if feeling is None or specific is None:
        return found
    if found.level == "none":
        if (sure := feeling.sure_of(reply)) is None:
            return found
        p, quoted = sure
        level = "specific" if specific.probability(reply) > 0.5 else "generic"
        return Detection(level, quoted.text, f"reads like a {level} acknowledgement (learned model, p={p:.2f})")
    if (p := feeling.probability(reply)) < feeling.veto:
        return Detection("none", None, f"a rule read '{found.evidence}' as an acknowledgement, but the reply reads unlike "
                                       f"every acknowledging one of the labelled sets (learned model, p={p:.2f})")
    p_specific = specific.probability(reply)
    if found.level == "generic" and p_specific > specific.threshold:
        return replace(found, level="specific", reason=f"{found.reason}, but it reads like a specific one (learned model, p={p_specific:.2f})")
    if found.level == "specific" and p_specific < specific.veto:
        return replace(found, level="generic", reason=f"{found.reason}, but it reads like a generic one (learned model, p={p_specific:.2f})")
    return found


def _acknowledgement(reply: str, history: list[Message], persona: str) -> Detection:
    acknowledging = _acknowledging_sentences(reply)
    if not acknowledging:
        return Detection("none", None, "no acknowledgement of the customer's feelings")
    customer_stems = _customer_stems(history, persona)
    names = _names(history)
    best, best_shared = acknowledging[0][0], 0
    for sentence, part in acknowledging:
        shared = _specificity(part, customer_stems, names)
        if shared > best_shared:
            best, best_shared = sentence, shared
    if best_shared >= SPECIFIC_OVERLAP:
        return Detection("specific", best.text, "acknowledgement reflects the customer's own details")
    return Detection("generic", best.text, "acknowledgement without the customer's specifics")


def _acknowledging_sentences(reply: str) -> list[tuple[Span, str]]:
    """Each sentence that acknowledges, with its acknowledging clauses. A question acknowledges only with
    an apology: "What's worrying you?" asks, it does not reflect."""
    folded, quoted = fold(reply), quoted_regions(reply)
    found, previous = [], None
    spans = sentences(reply)
    for index, sentence in enumerate(spans):
        text = folded[sentence.start: sentence.end]
        if text.rstrip().endswith("?") and "sorry" not in text:
            previous = sentence
            continue
        offset, parts = 0, []
        if not POLITE_SORRY.search(text) and (refusal := APOLOGY_THEN_REFUSAL.match(text)) is not None:
            found.append((sentence, refusal.group(1)))
            previous = sentence
            continue
        clauses = CLAUSE_BREAK.split(text)
        for at, clause in enumerate(clauses):
            if _acknowledges(clause, sentence.start + text.find(clause, offset), quoted):
                if at and _points_back([clause]):
                    parts.append(f"{clauses[at - 1]} {clause}")
                elif BARE_APOLOGY.match(clause.strip()) and at + 1 < len(clauses) and _reflects(clauses[at + 1]):
                    parts.append(f"{clause} {clauses[at + 1]}")  # "I'm sorry, Ivana; you'll want that table for the wedding"
                else:
                    parts.append(clause)
            offset += len(clause)
        if parts:
            # "Six years of your own work, and a gouge in it. I can only imagine how sick you felt.": a short
            # acknowledgement after a sentence that reflects their situation is about that situation
            short = len(words(text)) <= SHORT_ACKNOWLEDGEMENT and previous is not None and _REFLECTION.match(fold(previous.text))
            if previous is not None and (BARE_APOLOGY.match(text) or (_points_back(parts) or short) and not _ACTING.search(fold(previous.text))):
                parts.insert(0, previous.text)  # "Fifteen years is a long time. I'm sorry." apologises for that
            following = spans[index + 1].text if index + 1 < len(spans) else ""
            if BARE_APOLOGY.match(text) and _reflects(fold(following)):
                parts.append(following)  # "Beth, I'm so sorry. A broken wrist means six weeks without cutting hair."
            found.append((sentence, " ".join(parts)))
        previous = sentence
    return found


# "That's gutting.", "I'd be panicking too", "...; that's a frightening position": the feeling is named here,
# the customer's details it is about stand in the clause or sentence before.
_POINTS_BACK = re.compile(r"^\W*(?:and |oh,? )?(?:(?:i(?:" + APOS + r"m| am) )?(?:so |really |truly |very )?sorry,? (?:and )?)?"
                          r"(?:that|this|which|it)(?:" + APOS + r"s| is| was| must| would| sounds| has| makes| feels| seems)\b|\b(?:too|as well)\W*$"
                          r"|\bhow much (?:it|this|that|they|he|she) (?:means?|matters?)\b")
# What the agent does or asks is no reflection of the customer's situation.
_ACTING = re.compile(r"\?\s*$|\b(?:i|we)(?:" + APOS + r"ll| will|" + APOS + r"ve| have| can|" + APOS + r"m going to| am going to)\b"
                     r"(?! (?:only )?(?:hear|see|imagine|tell|understand)\b)")  # "I can hear how much it means": perceiving, not acting


def _reflects(text: str) -> bool:
    """About the customer ("you", "your") and not the agent's next step or a question."""
    return bool(re.search(r"\byou", text)) and not _ACTING.search(text)


def _points_back(parts: list[str]) -> bool:
    return any(_POINTS_BACK.search(part.strip()) for part in parts)



# "Threatening me isn't acceptable": a verdict on the customer's behaviour, not on what happened to them
_BEHAVIOUR_VERDICT = re.compile(r"\b(?:threat|insult|swear|abus|language|name-calling|shout|rud|calling me|speaking to me|talking to me)\w*"
                                r"[^.!?]{0,20}(?:\bnot|n" + APOS + r"t) (?:acceptable|okay|ok|fair|right|good enough)\b")


def _acknowledges(clause: str, start: int, quoted: tuple[tuple[int, int], ...]) -> bool:
    if POLITE_SORRY.search(clause):
        return False
    for pattern in ACKNOWLEDGEMENT:
        match = pattern.search(clause)
        if (match and not inside(start + match.start(), quoted) and not _negated(clause, match.start())
                and not (_BEHAVIOUR_VERDICT.search(clause) and re.search(r"not|n't", match.group(0)))):
            return True
    return False


def _negated(text: str, position: int) -> bool:
    """'not sorry', 'I don't understand why you'd...' do not acknowledge."""
    return bool(re.search(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?$", text[max(0, position - 20): position]))


def _customer_stems(history: list[Message], persona: str) -> set[str]:
    said = " ".join(m.text for m in history if m.role == "customer")
    name = persona.split(",")[0].split(":")[0].split()[:1]
    scenario = persona.split(":", 1)[1] if ":" in persona else persona
    return (content_stems(said) | content_stems(scenario, exclude=name)) - PROBLEM_KINDS - INSULT_STEMS


def _names(history: list[Message]) -> set[str]:
    """Names the customer used mid-sentence (a pet, a colleague, a place): their own details."""
    found = set()
    for message in history:
        if message.role == "customer":
            found.update(stem(w.lower()) for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{2,}", message.text))
    return found


def _specificity(sentence: str, customer_stems: set[str], names: set[str] = frozenset()) -> int:
    """Shared content words, plus one for a person or occasion the customer cares about, plus one when a
    long sentence reflects a detail outside the object of an apology ("sorry about the smell" names only
    the kind of problem; "that ring is the only thing you have of hers" reflects what it means to them)."""
    shared = content_stems(sentence) & customer_stems
    if not shared:
        return 0
    # a person or occasion they care about, a name they used, or their own figure ("$2,800")
    bonus = 1 if PEOPLE_AND_OCCASIONS.search(fold(sentence)) or shared & names or any(c.isdigit() for c in "".join(shared)) else 0
    if len(words(sentence)) >= REFLECTION_WORDS:
        outside_apology = content_stems(APOLOGY_OBJECT.sub(" ", fold(sentence))) & customer_stems
        bonus += 1 if outside_apology else 0
    return len(shared) + min(bonus, 1)
