"""Shapes of a shut-down that a phrase inventory misses: they are described by their structure, so new
wordings of the same move are caught.

- SARCASM about the customer or their grievance: remarks on their mood ("someone's had a rough week", "touchy
  today"), "says the guy who…", "a you problem", shrugged fatalism ("them's the breaks", "you get what you
  pay for").
- RETORTS: sarcasm that answers an insult ("Charming.", "Clown? Lovely.", "and you're a delight", "more sense
  than you", "I'd be careful who you call…"): retaliation for boundary_setting; LABELING.md makes sarcasm a
  trigger when it mocks the grievance, so these alone are not.
- BLAME_TURNED: the fault turned on the customer without "you should have": "what did you expect?",
  "I'm not the one who…", "you'd know that if you…", "if you'd stayed polite…", "next time just…",
  "should've… then", "have you tried reading the manual?".
- DEFLECTING: sending the customer elsewhere with no help ("you'll have to ring them", "not something we
  handle", "a separate company", "we're a letting agency, not a plumber").
- POLICY_STANDS: the rule, contract or system as the whole answer ("the contract you signed allows us",
  "the £30 stands", "that's just the technology", "everybody does it", "we're not a charity", "as I'm sure
  you were told", "hardly the end of the world", "that's the price of…").
"""

from __future__ import annotations

from bot.grading.detectors.text import APOS, compile_all

_YOURE = r"you(?:" + APOS + r"re| are)"
_VERDICTS = r"(?:charming|lovely|delightful|brilliant|marvellous|wonderful|nice|classy|cute|adorable|sweet)"

SARCASM = compile_all([
    r"\b(?:someone|somebody)" + APOS + r"s (?:had|having) an? (?:\w+ )?(?:day|week|morning|month)\b",
    r"\b(?:touchy|grumpy|tetchy|cranky|moody|testy)(?: today| this morning)?,? (?:are we|aren" + APOS + r"t we|isn" + APOS + r"t it)\b",
    r"\bsays the (?:guy|man|woman|lady|person|one|customer|bloke) (?:who|\w+ing)\b",
    r"\bthem" + APOS + r"s the breaks\b",
    r"\bwelcome to (?:the real world|life|adulthood|my world)\b",
    r"\bjoin the club\b",
    r"(?<!if )\byou don" + APOS + r"t say\b(?=[.!?,])",
    r"\bwho(?:" + APOS + r"d| would) have (?:thought|guessed)\b",
    r"\byou get what you pay for\b",
    r"\ba you (?:problem|issue|thing)\b",
    r"\byour problem,? not (?:ours|mine|ours to fix)\b",
])
# Sarcasm that answers an insult rather than mocking the grievance: retaliation for boundary_setting.
RETORTS = compile_all([
    # a threat taken up, a challenge back: "Come round then, we'll see who sorts who", "Find me then, big man"
    r"(?:^|[.!?]\s+)(?:come (?:round|over|on|down|and try)|find me|bring it|try it) then\b|\bbring it on\b|\bwe" + APOS
    + r"ll see (?:who|about that)\b",
    r"\bis that the best (?:insult )?(?:you(?:" + APOS + r"ve| have) got|you can do)\b",
    # the insult worn back as sarcasm: "Oh, I'm an old trout now, am I?", "Since I'm a monkey, I'll leave you to it"
    r"\bi(?:" + APOS + r"m| am) (?:a|an) (?:[\w-]+ ){0,2}[\w-]+ now,? am i\b|\b(?:since|as) i(?:" + APOS + r"m| am) (?:a|an|just a|only a) [\w -]{2,20},",
    r"\bwith (?:manners|an attitude|a temper|a mouth) like (?:yours|that)\b",
    # "Ha, good one.", "as pleasant as a wet Monday", "the word 'once' you seem to struggle with", "you poor thing"
    r"(?:^|[.!?]\s+)(?:ha,? )?good one\b|\bas (?:pleasant|charming|delightful|lovely|nice|sweet) as (?:a|an)\b"
    r"|\byou seem to (?:struggle|have trouble|have a problem) with\b|\b(?:whole|entire) [\w ]{2,20}, you poor (?:thing|love|dear)\b",
    r"\b(?:keep|carry on) (?:calling me|talking to me like that|swearing at me)[^.!?]{0,40}\band (?:see|watch)\b",
    # a demeaning name thrown back: "Sorry, sweetheart, I'm not a mind reader", "Listen here yourself, grandad"
    r"(?:^|[,.!?]\s*)(?:sweetheart|sweetie|darling|dear|love|grandad|grandpa|granny|sonny|princess)(?:[,.!?]|$)",
    # a one-word verdict standing as a sentence (at the start of the reply or after another sentence)
    r"(?:^|[.!?]\s+|\?\s*)" + _VERDICTS + r"(?: manners| language| attitude| stuff)?[.!]",
    r"^\s*[a-z]+\?\s+(?:lovely|charming|nice|really|wow|cute|brilliant)\b",
    r"\b" + _YOURE + r" (?:a|an|such a|an absolute|a real) (?:delight|joy|treat|charmer|pleasure|ray of sunshine|gem|peach)\b",
    r"\bwhat a (?:charmer|delight|treat|pleasure|gem|ray of sunshine)\b",
    r"\bit(?:" + APOS + r"s| is) an? [\w -]{2,20}, not an? \w+",
    r"\byou(?:" + APOS + r"re| are) not exactly (?:a|an) \w+|\b(?:since|as) you asked so (?:nicely|politely|kindly)\b",
    r"\b(?:more|better|smarter|brighter|less) (?:\w+ )?than you(?:,)? (?:clearly|obviously|evidently)\b",
    r"\b(?:more|less) (?:brains?|sense|manners|class) than you\b",
    r"\bi(?:" + APOS + r"d| would) be careful (?:who|what|how)\b",
    r"\b(?:big words|tough guy|brave words|hard man|keyboard warrior)\b",
    r"\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) not the (?:\w+ )?ones? here\b",
])

BLAME_TURNED = compile_all([
    r"\bwhat (?:did|do|else did) you expect\b",
    # the counterfactual: "If yours had been serviced last year, this probably wouldn't have happened."
    r"(?:\bif (?:you|yours|your [\w-]+)(?:" + APOS + r"d| had)|(?:^|[.!?]\s+)had (?:you|yours|your [\w-]+))(?:n" + APOS + r"t| not)? (?:been |ever )?[a-z]+\b[^.!?]{0,60}"
    r"\b(?:wouldn" + APOS + r"t|would not|would never|might not|may not)(?: \w+)? (?:have|be)\b",
    # reading the terms properly, booking further ahead: advice that says it was their doing
    r"\b(?:worth|try|you might want to|you may want to|best to) (?:reading|read|checking|check|looking at) (?:those|them|the \w+|your \w+)"
    r"(?: \w+)? (?:properly|carefully|more carefully|next time|first)\b",
    r"\b(?:booking|ordering|arriving|calling|applying|planning|renewing|paying|leaving) (?:\w+ )?(?:further |well |more )?"
    r"(?:in advance|earlier|ahead|sooner)(?: \w+)? (?:generally |usually |always |really )?(?:helps|avoids|prevents|saves)\b",
    r"\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) not the (?:one|ones) (?:who|that)\b",
    r"\byou(?:" + APOS + r"re| are) the (?:one|ones) (?:who|that) (?:didn" + APOS + r"t|did not|failed|forgot|never|signed|agreed|ignored|chose|picked)\b",
    r"\b(?:read|check) (?:it|them|the \w+) (?:properly |carefully )?next time\b",
    r"\byou(?:" + APOS + r"d| would) (?:know|have known|understand|see) (?:that|this|it|why)? ?if you\b",
    r"\bif you(?:" + APOS + r"d| had) (?:\w+ ){1,6}?(?:we|you|it|this|that|i)(?:" + APOS + r"d| would)(?:n" + APOS + r"t| not)? (?:have|be)\b",
    r"\bnext time,? just\b",
    r"\bhave you (?:tried|thought about|considered) (?:actually |maybe |just )?(?:reading|looking at|following) (?:the|your) "
    r"(?:manual|instructions|email|terms|confirmation|website|faq|guide)\b",
    r"(?:^|[.!?]\s+)should(?:" + APOS + r"ve| have) (?!received|been|got|gotten|had|heard)[a-z]+ [^.!?]{0,40}\bthen\b",
    # the paperwork they were given, as the answer: "It's in the membership guide you were sent", "which the pack does stress"
    r"\b(?:it" + APOS + r"s|that" + APOS + r"s|all|as (?:stated|explained|set out)) (?:all )?in the (?:[\w'-]+ )?(?:manual|guide|pack|handbook|instructions|leaflet|booklet|faq|"
    r"confirmation|paperwork|welcome email)\b",
    r"\bwhich the (?:[\w-]+ ){1,3}(?:does |clearly )?(?:stress|say|state|explain|mention|spell)s?\b",
])

DEFLECTING = compile_all([
    r"(?:\bnot|n" + APOS + r"t) something (?:i|we|(?:the )?[a-z]+) (?:handles?|deals? with|do|does|covers?|looks? after|sorts?|manages?)\b",
    r"\b(?:one|something|a matter|an issue)(?:" + APOS + r"s| is)? (?:between|for) you and (?:your|the) \w+\b",
    r"\b(?:we|i) (?:don" + APOS + r"t|do not) come into it\b",
    r"\brather than (?:us|me|ours|mine|the (?:agency|company|shop|store|branch|team|office))\b",
    # a bare instruction to go elsewhere, the last word of the reply: "Contact the finance office."
    r"(?:^|[.!?]\s+)(?:please |you can |you could |just )?(?:contact|ring|call|phone|email|write to|speak to|try) (?:the|your) "
    r"(?:[\w-]+ ){0,3}(?:office|team|department|company|provider|bank|council|manufacturer|insurer|contractor|landlord)[.!]?\s*$",
    r"\b(?:you(?:" + APOS + r"ll| will|" + APOS + r"d| would) (?:have|need) to|you must|you need to) (?:ring|call|phone|contact|email|write to|speak to|talk to|go to|take (?:it|that|this) up with) "
    r"(?:them|the (?:\w+ )?(?:company|installers?|manufacturer|courier|bank|council|surgery|insurer|airline|provider|team|department|supplier|store|shop|landlord|agency))\b"
    r"(?![^.!?]*\b(?:i" + APOS + r"ll|i will|i can|i" + APOS + r"ve|we" + APOS + r"ll|we can|let me|i" + APOS + r"m)\b)",
    r"\byou(?:" + APOS + r"d| would) need to (?:ring|call|phone|contact) them yourself\b",
    r"\byou(?:" + APOS + r"d| would|" + APOS + r"re| are)(?: be)? (?:better off|best) (?:contacting|calling|ringing|phoning|emailing|speaking to|going to|asking|writing to)\b",
    r"\byou(?:" + APOS + r"ll| will|" + APOS + r"d| would) (?:have|need) to (?:report|send|take|raise) (?:it|this|that) (?:to|with) (?:them|the \w+)\b",
    r"(?:^|[.!?]\s+)(?:just )?(?:ring|call|phone) (?:them|one)(?: yourself)?[.!]",
    r"(?:\b(?:is|are)|" + APOS + r"s) (?:a|an|run by a) (?:separate|different|third-party|third party|outside|external) (?:company|business|firm|contractor|organisation|organization)\b"
    r"(?![^.!?]*\b(?:so|but|and) (?:i|we)(?:" + APOS + r"ve|" + APOS + r"ll| will| have| can)?\b)",
    r"\bwe(?:" + APOS + r"re| are) (?:a|an|just a|only a) [a-z ]{3,30}, not (?:a|an|the) \w+",
    r"\b(?:that" + APOS + r"s|it" + APOS + r"s) (?:a|an) (?:\w+ )?(?:team|department|bank|courier|council|insurer|landlord|supplier|manufacturer|warehouse|billing|fraud|tech|it) thing\b",
    r"\bi can" + APOS + r"t see their\b",
])

POLICY_STANDS = compile_all([
    r"\bthe (?:[\w-]+ )?(?:contract|agreement|terms|t&cs|terms and conditions) you (?:signed|accepted|agreed to|ticked)\b",
    r"\b(?:won" + APOS + r"t|doesn" + APOS + r"t|wouldn" + APOS + r"t) make (?:much|any|a lot of) (?:of a )?difference\b|\bjust a number\b|\bsuch a tragedy\b",
    r"\bend of[.!]?\s*$|\bend of story\b",
    r"\bthe (?:[\w-]+ )?(?:terms(?: and conditions)?|t&cs|rules|policy|contract|conditions)(?: (?:for|on|about) [\w ]+?)? (?:are|is) "
    r"(?:very |perfectly |quite |really )?clear\b(?! that| you)",
    # minimising the wait or the loss: "Ten days isn't exactly forever."
    r"\b(?:isn" + APOS + r"t|is not|" + APOS + r"s not|not|hardly) (?:exactly )?(?:forever|a long time|a fortune|a disaster|a tragedy|an eternity|a lifetime|"
    r"a catastrophe|a big deal|the end of the world)\b",
    # the rule justified as protection, as the whole answer: "The review is there to protect donors."
    r"\b(?:is|are) (?:there|in place) (?:to protect|for (?:your|our) (?:own )?(?:protection|safety|security))\b",
    r"\bthe rules are the rules\b",
    r"\b(?:the|that|this|your) (?:[\w-]+ )?(?:[$£€]\d+|fee|charge|bill|price|decision|ban|penalty|fine|quote) (?:still )?stands\b",
    r"\b(?:the|your) (?:ban|decision|charge|fee) is final\b",
    r"\bthat" + APOS + r"s (?:just )?the (?:technology|system|way of things|nature of \w+|industry|market|process|algorithm|software)"
    r"(?:[.!,]|$| i" + APOS + r"m afraid| unfortunately)",
    r"\bthat" + APOS + r"s (?:just )?how (?:the )?\w+ works?\b",
    r"\b(?:everybody|everyone|every \w+) does (?:it|that)\b",
    r"\bwe(?:" + APOS + r"re| are) not (?:a charity|made of money|magicians)\b",
    r"\bas i(?:" + APOS + r"m| am) sure you (?:were|have been|know|are aware|remember|read)\b",
    r"\b(?:hardly|not exactly) the end of the world\b",
    r"\btake it or leave it\b",
    r"\b(?:end of story|end of discussion|and that" + APOS + r"s final|and that" + APOS + r"s that)\b",
    r"\b(?:it" + APOS + r"s|that" + APOS + r"s|is) the same for (?:every|all|everyone|everybody)\b",
    r"\bthat" + APOS + r"s the way it is\b",
    r"\bthat" + APOS + r"s (?:just )?the (?:price|cost|risk|downside) (?:of|you pay for)\b",
    r"\b(?:it|this|that) (?:is|was) (?:all )?in the (?:agreement|contract|terms) you\b",
])
