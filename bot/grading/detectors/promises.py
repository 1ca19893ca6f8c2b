"""promises: does the reply avoid promises the agent cannot keep?

Unkeepable, sentence by sentence, unless the sentence is hedged ("should", "usually", "I can't promise"):
- a guarantee of an outcome ("guaranteed", "I promise", "you have my word", "definitely" about the future,
  "never happen again", "fixed for good");
- an outcome the agent does not control, stated with a time ("it'll be there in 20 minutes", "you'll see
  the credit by tomorrow") that is faster than the policy's timeline or has no policy basis;
- a result stated as certain ("it will be fixed", "you'll get the bill corrected") or a third party's decision
  stated as fact ("the manager will approve it");
- more than a policy cap ("I'll refund $300" when refunds are capped at $150), or doing what the policy
  says agents cannot do or need approval for.
Commitments within the agent's own control (calling back, emailing, booking the earliest slot) are fine.
The learned reading (detectors/learned.py) adds what no rule found, and overrules a rule's finding on a reply it is
sure reads like none of the unkeepable ones, except an amount over a cap: it reads words, not figures.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain import Message, latest_customer_text
from bot.grading.detectors.authority import DECIDED_ELSEWHERE, NOT_ASSERTED, beyond_authority, unoffered_concession
from bot.grading.detectors.limits import grant_past_a_limit, is_window
from bot.grading.detectors.phrases import APOS
from bot.grading.detectors.learned import learned_reading, vetoed
from bot.grading.detectors.policy import Cap, Policy, clauses, durations, money_amounts, money_kinds, parse_policy
from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import NT, Span, compile_all, content_stems, fold, numerals, respell_money, sentences, stem

# "I can't promise, but…", "no guarantees": the whole sentence is hedged, not only its clause.
DISCLAIMERS = compile_all([
    r"\b(?:can" + APOS + r"t|cannot|can not|won" + APOS + r"t|not able to|unable to|don" + APOS + r"t want to) "
    r"(?:\w+ )?(?:promise|guarantee)",
    r"\bno (?:promises|guarantees?)\b",
])
HEDGES = DISCLAIMERS + compile_all([
    r"\b(?:should|usually|normally|typically|generally|likely|probably|hopefully|hopeful|optimistic|expect(?:ed)?|aim(?:ing)? to|try(?:ing)? to|"
    r"estimated?|provisionally|roughly|ideally|might)\b",
    r"(?<!rent is )(?<!bill is )(?<!payment is )(?<!fee is )\bdue\b",
    r"\bmay (?:be|take|need|have|not|arrive|come|well)\b",
    r"\bdo (?:everything|all|what|my best|my utmost)\b",
    r"\b(?:good|fair|decent|high) chance\b",
    r"\bchances are\b",
    r"\bwith (?:any )?luck\b",
    r"\bfingers crossed\b",
    r"\bpush for\b",
    r"\bsee (?:about|if|whether)\b",
    r"\b(?:if|once|when|as soon as) (?:it(?:" + APOS + r"s| is)|they|the \w+|your \w+ (?:is|are)|that(?:" + APOS + r"s| is)) (?:approved|confirmed|signed off)\b",
    r"\bsubject to\b",
    r"\bdepending on\b",
    r"\bi(?:" + APOS + r"ll| will) (?:ask|request|chase|check|find out|try)\b",
    r"\bif (?:i|we) can\b",
])
_CLAUSES = re.compile(r",? but |;|\s-\s|:\s|, (?:and|so|as) |\bas (?=it" + APOS + r"s|it is|they)")


def _unhedged(text: str) -> str:
    """The sentence without its hedged clauses: "it's likely over £250, but he'll approve it" still promises
    the approval. An explicit certainty ("due with you tomorrow, 100%") outweighs a hedge in its clause."""
    parts = _CLAUSES.split(text)
    if len(parts) == 1:
        return "" if any(p.search(text) for p in HEDGES) and not CERTAINTY.search(text) else text
    kept = [part for part in parts if not any(p.search(part) for p in HEDGES) or CERTAINTY.search(part)]
    return "; ".join(kept) if len(kept) < len(parts) else text


GUARANTEES = compile_all([
    r"\bguarantee[ds]?\b",
    # "I'll send a fresh kit, and this one won't go mouldy": the replacement's fate, promised
    r"\b(?:this|the new|the next|the replacement|your new|the fresh) (?:[\w-]+ )?(?:won" + APOS + r"t|will not|will never) "
    r"(?:go|break|fail|leak|crack|fade|happen|rot|split|tear|stop|die|wilt)\b",
    r"\bi promise\b",
    r"\bpromise you\b",
    r"\byou have my word\b",
    r"\brest assured\b",
    r"\b(?:i can |let me )?assure you\b",
    r"\b(?:never|won" + APOS + r"t|will not) happens?(?: to (?:you|anyone|anybody|your \w+))? (?:again|a second time|twice)\b",
    # "you won't have any more trouble with it": the same, said of the customer's future
    r"\byou (?:won" + APOS + r"t|will not|will never|" + APOS + r"ll never) (?:have|get|see|hit|run into|experience) (?:any (?:more|further) |another |any other )?"
    r"(?:trouble|problems?|issues?|bother|hassle|faults?)(?: with (?:it|this|that|them|the \w+))?\b(?! (?:if|as long as|provided|unless|once)\b)",
    # "the manager will make sure it doesn't happen again": the same guarantee, given by way of someone's effort
    r"\b(?:make sure|ensure|see to it|guarantee)(?: that)? (?:it|this|that|nothing like (?:it|this|that)) (?:doesn" + APOS + r"t|does not|can" + APOS
    + r"t|cannot) (?:ever )?happens? (?:again|a second time|twice)\b",
    # absolute, open-ended commitments: "no matter what", "whatever the repair costs", "any future ones"
    r"\bno matter what\b",
    r"\bwhatever (?:the [\w-]+(?: [\w-]+)?) (?:costs?|comes to)\b",
    r"\b(?:and|or|plus) (?:any|all) (?:future|further) ones\b",
    r"\byou(?:" + APOS + r"ll never| won" + APOS + r"t| will not| will never) (?:\w+ ){1,2}(?:another|ever again)\b",
    r"\bfor good\b",
    r"\bpermanently (?:fixed|resolved|sorted)\b",
    r"\bwithout fail\b", r"\bcount on (?:it|me|that)\b", r"\bwithout (?:a|any) doubt\b", r"\bfor certain\b",
    r"\bi swear\b", r"\b(?:i give you|you have) my word\b",
    # "promise" as a tag: "..., promise!", "that's a promise"
    r"(?:^|[,;-]\s*)promise\b(?!\s+(?:to|of|that|you))", r"\b(?:that|it)" + APOS + r"s a promise\b",
    r"\b(?:will never|" + APOS + r"ll never|won" + APOS + r"t ever|will not ever|never be)\b(?: (?!want|hope|wish)[\w-]+){0,5} again\b",
    r"\b(?:won" + APOS + r"t|will not|will never) (?:be repeated|recur)\b",
    r"\bwhatever it (?:costs|comes to)\b|\bhowever much (?:it|that|this|the [\w-]+) (?:costs?|comes to)\b",
    # someone else's decision or conduct seen to by the agent: "I'll make sure it's approved", "I'll make sure he's
    # placed", "I'll make sure nobody rings him about it ever again"
    r"\b(?:make sure|ensure|see to it)(?: that)? (?:it|he|she|they|yours|your [\w-]+(?: [\w-]+)?|the (?:claim|appeal|application|request))"
    r"(?:" + APOS + r"s| is| are| gets?| will be)? (?:approved|accepted|placed|upheld|granted|chosen|selected|successful|paid out|reinstated"
    r"|added to|entered (?:in|into|for)|included in)\b",
    r"\b(?:make sure|ensure) (?:that )?(?:nobody|no one|no-one) (?:[\w']+ ){0,8}?(?:ever )?again\b",
    # safety or an outcome vouched for absolutely: "it's completely safe for you to eat", "nobody will ever be able to
    # recover a file", "the tour is running whatever the temperature does"
    r"\b(?:completely|totally|perfectly|100%|entirely|absolutely) (?:safe|risk-free|harmless"
    r"|(?:nut|gluten|allergen|dairy|lactose|egg|pest|mould|mold|damp|leak|bug|virus|germ)-free)\b",
    # what nobody can promise about things or bodies: "the wall won't go green again", "you won't get any side
    # effects", "that will never happen to another child", "I'll get it approved by Friday", "I'll win this for you"
    r"\b(?:won" + APOS + r"t|will not|will never|" + APOS + r"ll never) (?:go|turn|get|become) [\w-]+ (?:ever )?again\b",
    r"\b(?:will|" + APOS + r"ll) never happen to (?:another|any other|anyone|anybody)\b",
    r"\byou (?:won" + APOS + r"t|will not|will never|" + APOS + r"ll never) (?:get|have|suffer|experience|feel) any (?:side[ -]effects?|symptoms|reactions?|pain)\b",
    r"\b(?:i|we)(?:" + APOS + r"ll| will) get (?:it|this|that|yours|your [\w-]+(?: [\w-]+)?) (?:approved|signed off|authori[sz]ed|accepted|granted)\b",
    r"\b(?:i|we|you)(?:" + APOS + r"ll| will) win (?:this|it|the case|your case|the dispute|the appeal)\b",
    r"\b(?:nobody|no one|no-one) (?:will|could|can) ever\b",
    r"\bwhatever (?:the [\w-]+ )?(?:does|do|happens|says)\b",
    # what the agent cannot control recurring: "it won't break down again" (not "you won't be charged again")
    r"\b(?:won" + APOS + r"t|will not|will never|" + APOS + r"ll never) (?:\w+ ){0,2}(?:happen|break|fail|go wrong|leak|crash|drop|"
    r"cut out|fault|occur|recur|be late|be delayed|go down|play up|get lost|go missing|overheat|flood|miss|forget|skip|overlook|go up|rise|increase)\w*(?: \w+){0,2} again\b",
    r"\b(?:won" + APOS + r"t|will not|will never|" + APOS + r"ll never) come back\b",
    r"\bwhatever the (?:\w+ )?(?:finds?|says?|shows?|decides?)\b",
    r"\b(?:are|is|get|gets) always (?:accepted|approved|granted|honou?red)\b",
    r"\bwhatever (?:it is|they are|the (?:problem|fault|issue) is),? (?:we|i|it|you|they)(?:" + APOS + r"ll| will)\b",
    r"\bthere(?:" + APOS + r"ll| will) be no (?:more|further)\b|\bthere (?:won" + APOS + r"t|will not) be any (?:more|further)\b|\brain or shine\b|\bcome what may\b|\bi can promise\b",
    r"\byou can (?:rely|count) on (?:it|them|that|its|their)\b[^.!?]{0,30}\b(?:completely|totally|100%|fully)\b",
    r"\b(?:is|are|" + APOS + r"s|" + APOS + r"re|stays?|will be) (?:locked in|set in stone)\b",
    # the agent vouching for someone else's decision or conduct: "I'll make sure the quality team approve it",
    # "that'll put a stop to it"
    r"\bmake sure (?:that )?(?:the|your|our|they|he|she) (?:[\w-]+ ){0,3}(?:approves?|agrees?|accepts?|signs? off|pays?|refunds?|waives?|decides?)\b",
    r"\b(?:that|it|this)(?:" + APOS + r"ll| will) (?:put a stop to|put an end to|stop|end|sort|solve|fix) (?:it|this|that|the problem|things)\b",
    r"\b(?:nothing|none of it) (?:will be|gets|will get) lost\b",
    # "I'll make sure the pool is never overbooked again", "a refund, no questions asked"
    r"\b(?:make sure|ensure|see to it)\b[^.!?;]{0,60}\b(?:never|not ever)\b[^.!?;]{0,40}\bagain\b",
    r"\bno questions asked\b",
    # outcomes the agent cannot vouch for: "you won't lose your place", "so you're in", "nobody can take it"
    # (an assurance after an "if", "if the sailing is cancelled, you won't lose your place", states the policy)
    r"\byou (?:won" + APOS + r"t|will not|will never) (?:lose|miss out on|miss) (?:your|the|any)\b",
    r"\bso you(?:" + APOS + r"re| are) in\b",
    r"\b(?:win|get) (?:these|them|this|it|those) every time\b|\b(?:that|the|your) money(?:" + APOS + r"s| is) (?:yours|as good as)\b"
    r"|\bas good as (?:back|done|yours|sorted|paid|fixed|new)\b|\blook (?:like|as if) it never happened\b",
    r"\b(?:every|each|all (?:the )?)[\w ]{1,30}?(?:from now on|in future|going forward)[^.!?]{0,20}\bwill (?:have|be|arrive|come|work)\b",
    r"\b(?:get|take) (?:it|that|the \w+) (?:mark |stain )?out completely\b",
    r"\b(?:cover|guarantee|warrant|insure)\w* (?:it|them|this|you) (?:for the rest of the (?:year|month|season)|for life|forever)\b",
    r"\b(?:he|she|they|it)(?:" + APOS + r"s| is|" + APOS + r"re| are) never (?:late|wrong|early|delayed)\b",
    r"\byou(?:" + APOS + r"ll| will) never (?:have to )?(?:wait|queue|pay|be charged|be late|miss|be without)\b",
    r"\byou (?:won" + APOS + r"t|will not|" + APOS + r"ll never|will never) (?:feel|notice|see|hear) (?:a thing|anything|a difference)\b",
    r"\b(?:nobody|no one|no-one|nothing) (?:can|will|could) (?:take|change|cancel|move|stop|touch|bump|buy|book)\b",
    r"\balways (?:get|gets|are|is|be) (?:accepted|approved|granted|honou?red|let in)\b",
    r"\b(?:get|bring|recover|restore|save) (?:\w+ )?(?:back )?every (?:single |last )?(?:one|photo|file|item|picture|penny|bit)\b",
    # the agent doing it anyway: "I'll push it back even though we're past the cut-off"
    r"\b(?:even though|although|despite|though) (?:we(?:" + APOS + r"re| are)|it(?:" + APOS + r"s| is)|you(?:" + APOS + r"re| are)|being) (?:well )?"
    r"(?:past|after|outside|beyond|over) (?:the |our |your )?(?:cut-off|cutoff|deadline|window|limit|time limit)\b",
])
CERTAINTY = re.compile(
    r"(?<!\bat )(?<!\bto )(?<!\bfrom )(?<!\bon )\b100 ?%(?! (?:of|refund|charged|full|delay|repay|cashback|discount|credit|compensation|rebate|back|off))|\b(?:definitely|definately|certainly|absolutely|for sure|surely|no doubt|no question(?! about)|without (?:a )?question|without fail|trust me|mark my words)\b"
    r"|\bi(?:" + APOS + r"d| would) (?:put|bet) (?:money|my house|my life|anything|my (?:mortgage|salary|wages)) on (?:it|that|this)\b"
    r"|\bi(?:" + APOS + r"m| am) (?:certain|positive|sure of it|sure of that|100% sure|confident (?:to tell you |that )?(?:it|the|your|you|they|this))\b"
    r"|[,;-] (?:and )?i(?:" + APOS + r"ll| will) (?:make sure of (?:it|that)|see to (?:it|that))\b"
    r"|[,;-] i can tell you that\b|\btake it from me\b|\bon the dot\b|\bbang on\b|\bat \d{1,2}(?::\d\d)? ?(?:am|pm)? sharp\b")
FUTURE = re.compile(r"(?:'ll|\bwill|\bwon" + APOS + r"t|\bgoing to|\bgonna)\b|\bby (?:tonight|tomorrow)")
TIME = re.compile(
    r"\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|first thing|right away|straight away|right now|"
    r"immediately|within (?:the|an|a|\d+|[a-z]+) ?(?:\d+ )?(?:hours?|days?|minutes?|mins?|hrs?|weeks?|months?|\w+ (?:hours?|days?|minutes?|weeks?))|"
    r"(?:in|within) (?:the next )?(?:\d+|a few|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|an?|a couple of) (?:working |business )?(?:minutes?|mins?|hours?|hrs?|days?|weeks?)|"
    r"(?:in|within) (?:the next )?half an hour|(?:before|by) (?:lunch|lunchtime|dinner|teatime|bedtime|school pick-up)\b|before (?:the )?(?:[\w-]+ ){1,2}(?:comes on|starts|begins|kicks off|arrives)|"
    r"in no time|before you know it|(?:well )?(?:before|in time for) (?:your|the) (?:first |next |big )?(?:match|game|event|party|wedding|trip|flight|holiday|deadline|appointment|exam|launch|show|season)\b|"
    r"(?:by|before|at|until|till) (?:(?:the )?end of (?:the )?day|close of business|eod|cob|\d{1,2}(?::\d\d)?(?![\d%]) ?(?:am|pm)?|noon|midday|midnight|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|christmas|the weekend|the end of|end of|next)|\d{1,2} ?(?:am|pm)\b|next (?:business|working) day|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on time\b|"
    r"on (?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}\b|next (?:week|month|weekend)(?:" + APOS + r"s)?\b|(?:by|before) the \d{1,2}(?:st|nd|rd|th)\b)"
)
_FAST_HOURS = [
    (r"\b(?:right away|straight away|immediately|right now)\b", 0.25),
    (r"\bhalf an hour\b", 0.5),
    (r"\bwithin the hour\b|\bin an hour\b", 1),
    (r"\b(?:today|tonight|this (?:morning|afternoon|evening)|by \d|before \d|at \d|\d ?(?:am|pm)|by noon|by midday|by midnight)\b", 12),
    (r"\b(?:end of (?:the )?day|close of business|eod|cob)\b", 12),
    (r"\b(?:tomorrow|first thing|next (?:business|working) day)\b", 24),
    (r"\bthis week(?:end)?\b", 24 * 7),
]
OUTCOMES = compile_all([
    # something other than the agent will do or become something
    r"(?:\b(?!(?:i|we|you)\b)[a-z]+(?: (?!(?:i|we|you)\b)[a-z]+)?|[$£€]\d[\d,.]*)(?:'ll| will) "
    r"(?:definitely |certainly |absolutely |be )?(?:\w+ )?(?:be|arrive|come|turn up|get|reach|show|call|land|appear|work|"
    r"deliver|go|run|clear|post|have|pay|fix|repair|sort|resolve|send|replace|collect|contact|visit|restore|process|finish|start|attend|move|shift|stay|"
    r"pick|resume|return|improve|increase|stop|settle|open|close|switch|find|locate|trace|fit|squeeze|slot|add|apply|reply|respond|"
    r"swap|exchange|heal)\b",
    # "you'll get written confirmation by email today" is the agent's own message, not an outcome
    r"\byou(?:" + APOS + r"ll| will) (?:definitely |certainly |absolutely )?(?:have|get|see|receive|be)\b"
    r"(?! (?:a |an |the |your |our |my )?(?:written |email |e-mail |text |revised |corrected |new |full |updated )?(?:confirmation|email|e-mail|reference|receipt|text|link|call"
    r"|update|letter|copy|invoice|statement|breakdown|quote|tracking|label|form)s?\b)",
    r"\b(?:i|we)(?:" + APOS + r"ll| will) (?:definitely )?(?:sort (?:this|it|everything) out|sort (?:this|it) |fix (?:this|it|the problem|the issue|everything)|resolve (?:this|it|the issue|the problem))",
    r"\b(?:(?:i|we)(?:" + APOS + r"ll| will| can)|and) (?:have|get) (?!back to you)(?:\w+ ){1,5}?(?:to you|with you|there|back|sent|delivered|fixed|couriered|replaced|online|out|working|sorted"
    r"|fitted|installed|in your (?:inbox|account|hands|mailbox|bank)|inside|seated|on board|home|on (?:it|the \w+)"
    r"|shipped|posted|dispatched|pressed|printed|made|built"
    r"|at your (?:house|home|door|place|address|flat|property|site|office))\b",
    r"\bi(?:" + APOS + r"ll| will) (?:make sure|ensure|see to it) (?:that )?(?!i\b|we\b)[a-z]+",
    r"\bback (?:on|in|to) your (?:card|account|bank)\b",
    # money reaching the customer: "we can give you full refund in 3 days" (its timing is the bank's and the policy's)
    r"\b(?:i|we)(?:" + APOS + r"ll| will| can) (?:give|pay|get|send) (?:you )?(?:\w+ ){0,3}?(?:refund|money|credit|payment|reimbursement)\b",
    # someone else made to act: "I'll get finance to send it today", "I'll have the GP sign it"
    r"\b(?:i|we)(?:" + APOS + r"ll| will) (?:get|have|make) (?!you\b|back\b|in touch\b|it\b|this\b|that\b|them\b)(?:the |your |our )?[a-z']+(?: [a-z']+)? "
    r"(?:to (?!(?:search|look|check|call|ring|phone|contact|email|text|find|investigate|review)\b)[a-z]+|send|sign|fix|approve|process|refund|reset|"
    r"deliver|come|visit|reverse|release|issue|pay|credit|ship|start|fit|install)\b",
    r"\b(?!(?:i|we|you)\b)[a-z]+(?:['\u2019]ll| will) (?:sign|approve|authori[sz]e|review|assess|inspect|fit|install|ship|dispatch|release|issue|"
    r"refund|credit|reverse|ring|email|text)\b",
])
CERTAIN_RESULT = compile_all([
    r"(?<!\bi)(?<!\bwe)(?:'ll| will) (?:definitely |certainly )?(?:be|get) (?:\w+ )?(?:fixed|resolved|sorted|corrected|found|repaired|restored|approved|back to normal|accepted|granted|upheld|successful)\b",
    r"\b100 ?% (?:secured?|safe|guaranteed|certain|confirmed|locked(?: in)?|yours)\b",
    # what a thing or someone else will do, as fact: "tonight's update will fix it", "you'll be rat-free", "the sunset will be perfect"
    r"\b(?!i\b|we\b)[a-z]+(?:" + APOS + r"s)?(?:'ll| will) (?:definitely |certainly )?(?:fix|solve|cure|sort|resolve|clear) (?:it|this|that|the (?:problem|issue|fault|bug))\b",
    r"\byou(?:'ll| will) be (?:[\w-]+-free|free of|rid of|back to normal|back up and running)\b",
    r"(?<!\bi)(?<!\bwe)(?:'ll| will) be (?:absolutely |just )?(?:an? )?(?:perfect|flawless|spotless|amazing|beautiful)\b",
    r"\b(?:it|this|that|they)(?:'ll| will) (?:definitely )?(?:come out|be (?:fine|okay|ok|perfect)|work (?:again|perfectly|fine))\b",
    r"(?<!\bi)(?<!\bwe)(?:'ll| will) (?:definitely )?(?:get|bring) (?:\w+ ){1,3}back\b",
    r"(?:'ll| will) (?:recover|restore|find) (?:every|all|everything)\b",
    r"\byou(?:" + APOS + r"ll| will) get (?:the|your|it|this|them) (?:\w+ )?(?:fixed|resolved|sorted|corrected|approved|repaired|restored)\b",
    r"\b(?!i\b|we\b|you\b)[a-z]+(?:'ll| will) (?:definitely |certainly |surely )?(?:approve|agree|accept|sign (?:it )?off|waive|reverse|"
    r"overturn|authori[sz]e|say yes|grant|refund|cancel|apologi[sz]e|bring|reduce|lower|lift|come down|go down|drop|pay for|cover|"
    r"compensate|replace|reserve|hold|keep|allocate|reimburse|pay out|lend you|wait for you|lend|provide you|"
    r"throw (?:it |this |that |the \w+ |his \w+ |her \w+ |their \w+ )?out|dismiss|reject|rule in (?:your|our) favou?r|side with)\b",
    # someone else's concession as fact: "they'll give you a 48-hour extension"
    r"\b(?!i\b|we\b|you\b)[a-z]+(?:" + APOS + r"ll| will) (?:definitely |certainly |surely )?(?:give|offer|grant|send|award) (?:you|him|her|them) "
    r"(?:a |an |the |your )?(?:[\w-]+ ){0,2}(?:extension|refund|credit|discount|replacement|waiver|exemption|place|upgrade|voucher|compensation|"
    r"rebate|reduction|goodwill|payout|pay-out)\b",
    # reassurance about what others or things will do: "it'll turn up", "caterers always come through"
    r"\b(?:it|this|that|they|he|she)(?:'ll| will) (?:turn up|show up|come through|work out|be found|be safe)\b",
    r"(?<!\bi)(?<!\bwe)(?:'ll| will) (?:go|turn out|run|work out) (?:perfectly|smoothly|fine|well|great|without a hitch|like clockwork)\b",
    r"(?<!\bwe )(?<!\bi )(?<!\byou )\b(?:always|invariably|never fail to) (?:come through|turn up|show up|work out|pay out|deliver|arrive|finish|get there|come good"
    r"|approve|accept|agree|say yes|grant|allow|pass|sign (?:it |them )?off|go through|have|has)\b",
    r"\b(?:your|the|my|all your) [\w-]+(?: [\w-]+)? (?:is|are|will be|'s|'re|'ll be|will stay) (?:completely |perfectly |totally |100% |quite )?(?:safe|painless|risk-free|harmless)\b(?! to)",
])
_AGENT_ACTION = re.compile(
    r"\b(?:i|we)(?:" + APOS + r"ve| have|" + APOS + r"ll| will|" + APOS + r"m| am| can| just|" + APOS + r"re going to| am going to|" + APOS + r"m going to)?"
    r"(?: just| already| now| also| gone ahead and)? ([a-z-]+)"
)
# "your savings are safe; I can see the full balance": a state the agent has checked, not a promise
_SEEN = re.compile(r"\bi can see\b|\bi(?:" + APOS + r"ve| have) (?:just )?(?:checked|confirmed|verified)\b|\b(?:shows|showing)\b")
# "the surgery will be paid in full": a benefit stated as settled, fine only where the policy grants it
_SETTLED_BENEFIT = re.compile(r"(?<!\bi)(?<!\bwe)(?:'ll| will) (?:definitely |certainly )?be (paid|repaid|covered|refunded|reimbursed|compensated|approved|credited)\b")


# "vet bills reimbursed after review": the policy grants it only once someone else has decided
_AFTER_A_DECISION = re.compile(r"\b(?:after|once|following|upon|on|subject to|if|pending) (?:a |an |the )?(?:[\w-]+ )?"
                               r"(?:review|assessment|approval|inspection|investigation|verification|check|claim)\b|\bif approved\b")


_AWAITS_A_DECISION = re.compile(r"\b(?:once|after|if|when|following)\b[^,.;!?]*\b(?:review|approv|assess|inspect|investigat|verif|check|look)\w*")


def _grants(policy: str | None, benefit: str) -> bool:
    wanted = {stem(benefit)} | ({"pay", "refund", "reimburs"} if benefit == "paid" else set())
    return any(wanted & content_stems(clause) and not _AFTER_A_DECISION.search(clause) for clause in clauses(policy or ""))


_YOU_GET = re.compile(r"\byou(?:" + APOS + r"ll| will) (?:also )?(?:get|receive|be given|be paid|be offered|have)\b"
                      r"|\byou(?:" + APOS + r"re| are) (?:fully |definitely |completely )?(?:covered|entitled|eligible|approved)\b")
_NEGATION = re.compile(r"\b(?:not|never|cannot|unable|no|non)\b|" + NT)
# "I can't guarantee", "never happen again" negates the guarantee; "It's not dead, I promise" does not
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|cannot|unable|no|non)|" + NT + r")\s+(?:\w+\s+)?$")
_NEGATED_NEAR = re.compile(r"(?:\b(?:not|never|cannot|unable|no)|" + NT + r")\s+(?:\w+\s+){0,2}$")


def detect_promises(reply: str, history: list[Message], policy: str | None) -> Detection:
    """The reply read with its money in symbols ("40 pounds" is £40, "GBP 25" is £25); the evidence as written."""
    spelled = respell_money(reply)
    said = latest_customer_text(history) or ""
    found = _promises(spelled.text, respell_money(said).text, respell_money(policy).text if policy else policy)
    return found if found.evidence is None else replace(found, evidence=spelled.as_written(reply, found.evidence))


def _promises(reply: str, said: str, policy: str | None) -> Detection:
    limits = parse_policy(policy)
    spans = sentences(reply)
    for sentence in spans:
        over_cap = None if _DARE.search(text := fold(sentence.text)) else _over_cap(text, limits)
        if over_cap:  # figures against the policy's: the learned reading folds amounts, so it may not overrule this
            return Detection("unkeepable", sentence.text, over_cap)
        finding = _unkeepable(sentence, limits, policy)
        if finding is not None:
            return _second_opinion(reply, Detection("unkeepable", finding[0], finding[1]))
    breach = grant_past_a_limit(reply, said, policy)
    if breach is not None:
        return _second_opinion(reply, Detection("unkeepable", breach.sentence, breach.why))
    model = learned_reading("promises")
    if model is not None and (p := model.probability(reply)) > model.threshold:
        # No rule fired, but the reply reads like the unkeepable ones of the labelled sets, unless the statement
        # it is most sure of is hedged or conditional ("I'll ask whether…", "if it's unused…"): the model reads
        # words, not hedges. The evidence is its likeliest sentence that commits to something (an apology
        # beside the commitment is not the commitment); a reply with none commits to nothing.
        likeliest = model.likeliest(statements(spans))
        quoted = model.likeliest(model_candidates(spans))
        # the sentence it quotes must itself read unkeepable: a reply that does only as a whole ("Of course, Tessa. …
        # I've waived the £35 this time", where the policy lets agents waive it once) has no evidence to quote
        # (scripts/simulate_reading.py over 89 sets' first runs: pooled 0.872 without this, 0.874 with it)
        if not closed_to_the_reading(likeliest, quoted, policy) and model.probability(quoted.text) > model.threshold:
            return Detection("unkeepable", quoted.text, f"reads like an unkeepable commitment (learned model, p={p:.2f})")
    return Detection("realistic", None, "no promise beyond the agent's control or the policy")


# The rules' findings that were least precise on sets they had never seen (their first runs, heldout85-108:
# scripts/simulate_rule_vetoes.py; 314 findings, precision 0.80 against 0.93 for the rest): what the policy rules out
# or leaves open, a concession it does not offer, an outcome timed where the policy names no time for it, a timed
# decision left to someone else, a grant past one of its limits. The reading may overrule these below WEAKER_VETO,
# the rest below its own veto. Pooled kappa over those 24 sets: 0.866 at the reading's own veto (0.08), 0.871 at
# 0.15, 0.874 at 0.3 (17 false alarms cleared, 5 true findings), 0.873 at 0.4, 0.872 at 0.5.
WEAKER_FINDINGS = re.compile(r"outside the agent's control by a time|which the policy does not offer|rules out or leaves to others"
                             r"|does what the policy does not allow|leaves open|depends on something else|decision the policy leaves"
                             r"|more than the policy's most|grants it although|grants a time past|under the policy's least")
WEAKER_VETO = 0.3
OVER_CAP = re.compile(r"over the policy cap")  # what _over_cap says: never overruled


def _second_opinion(reply: str, found: Detection) -> Detection:
    return vetoed("promises", reply, found, "realistic", WEAKER_VETO if WEAKER_FINDINGS.search(found.reason) else None)


def closed_to_the_reading(likeliest: Span | None, quoted: Span | None, policy: str | None) -> bool:
    """Where the learned reading may not add 'unkeepable' however sure it is (scripts/simulate_reading.py uses it too):
    no statement or no committing sentence, the statement it is surest of hedged, a sentence that only restates the
    policy's own figures, or one whose only commitment is the agent's own message to the customer ("I'll email the
    diagram to you within the hour": LABELING.md's own example of a realistic commitment)."""
    if likeliest is None or quoted is None or hedged(fold(likeliest.text)) or restates_policy(quoted.text, policy):
        return True
    text = fold(quoted.text)
    return bool(_TO_THE_CUSTOMER.search(text)) and not any(p.search(text) for p in (*OUTCOMES, *CERTAIN_RESULT, *GUARANTEES))


# the agent's own message to the customer: "I'll email it to you by 4", "I'll text you the code today"
_TO_THE_CUSTOMER = re.compile(r"\b(?:i|we)(?:" + APOS + r"ll| will) (?:\w+ )?(?:(?:email|e-mail|text|message|ring|call|phone)"
                              r"(?: you\b|(?: [\w'-]+){1,4} (?:to|over to|back to|across to) you\b)"
                              r"|send you (?:a |an |the |your )?(?:[\w-]+ )?(?:email|text|link|code|reference|confirmation|update|message|report))\b")


def restates_policy(sentence: str, policy: str | None) -> bool:
    """Every figure of the sentence is one the policy itself names ("I'll take 20% off your next bill" where agents
    can offer 20%, "back in your account within 3 working days"): the policy's own terms, which the learned model
    (it reads words, not the policy) may not overrule."""
    if not policy:
        return False
    text = fold(sentence)
    amounts = {(amount, unit) for amount, unit, _ in money_amounts(text)}
    hours = {high for _, high, _ in durations(text)}
    return bool(amounts or hours) and amounts <= {(amount, unit) for amount, unit, _ in money_amounts(fold(policy))} \
        and hours <= parse_policy(policy).named_hours


def statements(spans: tuple[Span, ...]) -> list[Span]:
    """The sentences that can commit to something: not the questions ("How many singers will you have?")."""
    return [span for span in spans if not span.text.rstrip().endswith("?")]


def model_candidates(spans: tuple[Span, ...]) -> list[Span]:
    """The sentences the learned model prefers to quote: they commit to something, and not under a hedge."""
    return [span for span in statements(spans) if _PROMISSORY.search(text := fold(span.text)) and not hedged(text)]


def hedged(text: str) -> bool:
    """Hedged or conditional: what the learned model may not overrule (scripts/simulate_reading.py uses it too)."""
    return any(p.search(text) for p in HEDGES) or any(p.search(text) for p in (_CONDITIONAL, _AWAITS_A_DECISION))


# The words of a condition: "if it isn't back by the 15th", "as long as the seat is unused"
_IF = r"if|unless|in case"
_PROVIDED = r"as long as|so long as|provided(?: that)?|providing|assuming"

# a commitment of any kind: the future, a step done or a grant, a yes, a certainty
_PROMISSORY = re.compile(FUTURE.pattern + r"|\b(?:i|we)(?:" + APOS + r"ve| have|" + APOS + r"ll| will| can)\b|\b(?:no charge|free|on us|on the house|"
                         r"guarantee\w*|promise|definitely|certainly|for sure|no problem|of course|sure|yes|yeah|done|sorted|all set|"
                         r"(?:is|are|'s|'re) (?:fine|ok|okay|covered|included)|won" + APOS + r"t)\b")
_CONDITIONAL = re.compile(r"\b(?:" + _IF + "|" + _PROVIDED + r")\b")


# "Call me an idiot again and I'll make sure your refund takes longer": a threat (boundary_setting), not a promise
_DARE = re.compile(r"^\W*(?:call|speak to|talk to|swear at|shout at|insult|threaten) (?:me|us)\b[^.!?]{0,40}\b(?:again|once more|one more time),? "
                   r"and (?:i|we)(?:" + APOS + r"ll| will)\b")


def _unkeepable(sentence: Span, limits: Policy, policy: str | None) -> tuple[str, str] | None:
    text = fold(sentence.text)
    if _DARE.search(text):
        return None
    restricted = _restricted_action(text, limits)
    if restricted:
        return sentence.text, restricted
    if any(p.search(text) for p in DISCLAIMERS):
        return None
    text = _unhedged(text)
    if not text:
        return None
    beyond = _beyond_the_policy(text, limits)
    if beyond:
        return sentence.text, beyond
    exception = _EXCEPTION_MADE.search(text)
    if (exception and policy and not _ALLOWS_EXCEPTIONS.search(fold(policy)) and not _NEGATED_NEAR.search(text[: exception.start()])
            and not _TELLING.search(text, 0, exception.end())):  # "I'll ring you Friday, even if it's no news"
        return sentence.text, f"makes an exception the policy does not provide for ({exception.group(0)!r})"
    concession = unoffered_concession(text, policy)
    if concession:
        return sentence.text, concession
    authority = beyond_authority(text, policy, lambda part: any(p.search(part) for p in HEDGES))
    if authority:
        return sentence.text, authority
    guarantee = next((m for p in GUARANTEES if (m := p.search(text))
                      and not (m.group(0) == "guarantee" and _NAMED_GUARANTEE.search(text[: m.start()]))
                      and not (m.group(0).startswith("you ") and re.search(r"\bif\b", text[: m.start()]))
                      and not _THEIR_WISH.search(text[: m.start()])), None)
    if guarantee and not _NEGATED_BEFORE.search(text[max(0, guarantee.start() - 20): guarantee.start()]):
        return sentence.text, f"guarantees an outcome ({guarantee.group(0)!r})"
    certain = CERTAINTY.search(text)  # "I can't tell you for sure yet" is the opposite
    if certain and _PERMITTED.search(text[max(0, certain.start() - 6): certain.end() + 6]):
        certain = None  # "you can absolutely have sessions on your own": what the customer may do, not an outcome
    if (certain and not _NEGATED_NEAR.search(text[: certain.start()]) and not NOT_ASSERTED.search(text[: certain.start()])
            and (FUTURE.search(text) or TIME.search(text))):
        return sentence.text, "states a future outcome as certain"
    settled = _SETTLED_BENEFIT.search(text)
    if (settled and not NOT_ASSERTED.search(text[: settled.start()]) and not _grants(policy, settled.group(1))
            and not _AWAITS_A_DECISION.search(text)
            and not re.match(r"[^,.;]*\b(?:once|after|as soon as|provided|as long as)\b", text[settled.end():])):
        return sentence.text, f"states {settled.group(0)!r} as settled, which the policy does not grant"
    if not _SEEN.search(text) and any((m := p.search(text)) and not NOT_ASSERTED.search(text[: m.start()])
                                      and not _AS_LONG_AS.search(text[: m.start()]) for p in CERTAIN_RESULT):
        return sentence.text, "states a result or a third party's decision as fact"
    # every outcome of the sentence, each with its own time: "it'll be dispatched within 3 working days and the
    # courier will deliver it on Monday" keeps the policy's dispatch time, then fixes the courier's day
    outcomes = sorted((m for p in OUTCOMES for m in p.finditer(text) if not _AGENTS_OWN_MESSAGE.match(text, m.start())),
                      key=lambda m: m.start())
    for number, outcome in enumerate(outcomes):
        if NOT_ASSERTED.search(text[: outcome.start()]):
            return None
        if _ELIDED_SUBJECT.match(outcome.group(0)) and _AGENTS_CLAUSE.search(text[: outcome.start()]):
            continue  # "I'm pulling the CCTV today and will have an answer for you": the agent's own, subject left out
        later = outcomes[number + 1].start() if number + 1 < len(outcomes) else len(text)
        time = (TIME.search(text, outcome.start(), later) or (TIME.search(text) if number == 0 else None)
                or _WEEKDAY.search(text, outcome.start(), later))
        if time is not None and (re.search(r"\b(?:for|every|each)\s*$", text[: time.start()])
                                 or (text.startswith("'s ", time.end()) and not re.search(r"\b(?:in|by|with)\s*$", text[: time.start()]))):
            time = None  # "your payment for tonight will be refunded", "tomorrow's visit": what it is for, not when
        if time is not None and time.start() < outcome.start() and (NOT_ASSERTED.search(text[: time.start()])
                                                                    or _TELLING.search(text[max(0, time.start() - 30): time.start()])):
            time = None  # "I'm checking whether a coach is free on Sunday; if not, you'll get a refund": the time is asked
        if (time is not None and time.start() < outcome.start() and _BEFORE_THE_OUTCOME.search(text[: time.start()])
                and not _FROM_THAT_TIME.search(text, outcome.start(), later)):
            time = None  # "I've booked your scan for Wednesday at 4:15; the retainer will be ready…", "noted on 9 January"
        if time is not None and time.start() > outcome.end() and _AGENTS_OWN_CLAUSE.search(text, outcome.end(), time.start()):
            time = None  # "management will review it, but I'll send you the reference today": the time is the agent's step
        if time is not None and (not _CONDITION.search(text[: time.start()])  # "if it isn't back by the 15th, I'll…"
                                 or _CONSEQUENCE.search(text[: time.start()])):  # "if it needs a visit I'll have one there tomorrow"
            agents_own = re.match(r"(?:i|we)\b", outcome.group(0).strip()) is not None
            found = _too_fast(sentence.text, time.group(0), text, limits, agents_own)
            if found is not None:
                return found
    return None


_CONSEQUENCE = re.compile(r"\b(?:" + _IF + r")\b[^,;]*?\b(?:i|we|it|they|he|she)(?:" + APOS + r"ll| will)\b[^,;]*$")
_ELIDED_SUBJECT = re.compile(r"(?:[a-z]+ )?and (?:'ll|will)\b")
_AGENTS_CLAUSE = re.compile(r"(?:^|[,;]\s*|\bbut\s+)\W*(?:i|we)\b[^,;]*$")
# a time that belongs to something else than the outcome after it: a slot the agent has booked, or what has happened
_BEFORE_THE_OUTCOME = re.compile(r"\b(?:booked|scheduled|reserved|pencilled|held|(?:i|we)(?:" + APOS + r"ve| have) (?:got|put) you (?:in|down))\b[^.;]*$"
                                 r"|\b(?:noted|received|recorded|logged|registered|arrived|came in|was|were|had|happened)\b[^,;]*$")
# ... unless the outcome counts from it: "booked for Thursday at 9; they'll have it fixed the same day"
_FROM_THAT_TIME = re.compile(r"\b(?:the same day|same-day|that (?:same )?(?:day|morning|afternoon|evening)|straight after|right after|then and there)\b")
_AGENTS_OWN_CLAUSE = re.compile(r"(?:;|\bbut|, (?:and|so)) (?:then )?(?:i|we)(?:" + APOS + r"ll| will)\b(?![^;]*\b(?:make sure|ensure|have|get)\b)")
# "our guarantee covers it", "within the 6-month guarantee": the name of a policy, not the agent's word
_NAMED_GUARANTEE = re.compile(r"\b(?:our|the|your|its|their|money-back|[\w-]+-(?:month|year|day|week))\s+(?:[\w-]+\s+){0,2}$"
                              r"|\ban? (?:payment|price|delivery|written|satisfaction|lifetime|parts|labour|labor|workmanship|bank)\s+$")


_PERMITTED = re.compile(r"\b(?:can|may) (?:absolutely|definitely|certainly)\b|\b(?:absolutely|definitely|certainly) (?:can|may)\b")
# the customer's wish or fear, described: "I understand why you want the moths gone for good", "you thought it was gone for good"
_THEIR_WISH = re.compile(r"\b(?:you|you" + APOS + r"d|they) (?:want|wanted|wish|hope|hoped|were hoping|would like|" + APOS + r"d like"
                         r"|thought|feared|were afraid|were worried)\b[^.;!?]*$")


# The agent setting the policy aside: "I'm making an exception and refunding you", "as a one-off I'll let her"
_EXCEPTION_MADE = re.compile(r"\b(?:i|we)(?:" + APOS + r"ll| will|" + APOS + r"m| am|" + APOS + r"re| are|" + APOS + r"ve| have| can)? (?:just )?"
                             r"(?:make|making|made|grant|granting) (?:an|a one-off|a special) exception\b"
                             r"|\b(?:as a one-off|just this once|as a special exception),? (?:i|we)(?:" + APOS + r"ll| will| can)\b"
                             r"|\b(?:i|we)(?:" + APOS + r"ll| will| can) bend the rules?\b"
                             r"|\b(?:i|we)(?:" + APOS + r"ll| will| can) [^.;!?]{1,60}?\b(?:(?:anyway|regardless),? )?(?:just )?this once\b"
                             # the policy's condition waived in words: "even without the sample", "card or no card"
                             r"|\b(?:i|we)(?:" + APOS + r"ll| will| can|" + APOS + r"ve| have) (?!(?:not|never|try|ask|check)\b)[^.;!?]{1,90}?"
                             r"\b(?:even (?:though|if|without)|regardless of|(\w+) or no \1)\b"
                             r"|^\W*(?:even though|although|despite)\b[^.;!?]{1,60}?,? (?:i|we)(?:" + APOS + r"ll| will| can)"
                             r" (?!(?:not|never|only|try|ask|check)\b)")
# ... unless the policy itself provides for exceptions
_ALLOWS_EXCEPTIONS = re.compile(r"(?<!\bno )(?<!\bwithout )\bexceptions?\b|\bdiscretion|\bcase[ -]by[ -]case\b|\bone-off\b|\bgoodwill\b")


def _beyond_the_policy(text: str, limits: Policy) -> str | None:
    """Commitments the policy's own terms rule out: more time than it lets the agent give, a firm date for
    what it says depends on something, the agent's own step faster than its timeline, a staff sanction."""
    parts = re.split(r";|:|\bbut\b|, (?:and|so|while) |\b(?:so|because) (?=you|it|that|we|i)\b", text)
    committing = [part for part in parts if _commits(part) or _AGENT_ACTION.search(part)]
    for part in committing:
        if _NEGATION.search(part) or any(p.search(part) for p in HEDGES):
            continue
        for _, high, _ in durations(part):
            over = [a for a in limits.allowances if high > a.hours and (_GIVES_TIME.search(part) or _shares_topic(a.clause, part))]
            if over:
                return f"gives more time than the policy allows ({over[0].clause!r})"
        own_step = _OWN_STEP.search(part)
        # the step's own time: "Send me photos today and I'll refund the fee" times the customer's step
        time = (TIME.search(part, own_step.start()) or _WEEKDAY.search(part, own_step.start())) if own_step else None
        if time is not None and own_step and not _CONDITION.search(part[: time.start()]):
            open_clause = next((c for c in limits.open_clauses if _shares_topic(c, part)), None)
            if open_clause is not None and not _timed_by_policy(time.group(0), part, limits):
                return f"fixes {time.group(0)!r} for what the policy says depends on something else ({open_clause!r})"
            hours = _promised_hours(time.group(0))
            # the policy's timeline about the same thing; for a step that reaches the customer ("I'll get you in this
            # week"), the policy's only timeline ("next availability 3 weeks out")
            only = limits.timelines if len({t.clause for t in limits.timelines}) == 1 else []
            timelines = _related(limits.timelines, part) or (only if re.search(r"\byou\b", part[own_step.end():]) else [])
            # a limit on the agent's own duty ("agents send photos within 1 working day") is kept by doing it sooner
            timelines = [t for t in timelines if not re.search(r"\b(?:agents?|staff|we)\b", t.clause)
                         and not _CUSTOMERS_DEADLINE.search(t.clause) and not is_window(t.clause)
                         and not (_SENDING.search(t.clause) and _POSTING.search(part[own_step.start(): time.start()]))]
            slower = [t for t in timelines if hours is not None and hours < (t.high_hours or t.low_hours)
                      and hours not in limits.named_hours]  # "replacement delivered within 3 days": its own time
            # "I'll process it today and it takes up to 10 working days to reach you": the policy's time, restated
            restated = {high for _, high, _ in durations(text)}
            slower = [t for t in slower if (t.high_hours or t.low_hours) not in restated]
            if slower:
                return f"promises {time.group(0)!r}, faster than the policy's timeline ({slower[0].clause!r})"
    when = next((m for m in TIME.finditer(text) if not _policys_cutoff(m.group(0), limits)), None) \
        or _WEEKDAY.search(text) or _DATE.search(text)
    telling = _TELLING.search(text)  # "I'll ring the caterer this afternoon and email you": the agent's own calls
    booked = when is not None and re.search(r"\b(?:booked|scheduled|pencilled|reserved)(?: in)? (?:for|on)\s*$", text[: when.start()])
    if (when is not None and not telling and not booked and _ARRIVING.search(text) and not _CONDITION.search(text[: when.start()])
            and not NOT_ASSERTED.search(text[: when.start()])):  # "I'm checking whether a van is free on Saturday"
        # about the same thing, or about dates at all ("the site cannot set the date")
        open_clause = next((c for c in limits.open_clauses if _shares_topic(c, text) or _ABOUT_DATES.search(c)), None)
        if open_clause is not None and not _timed_by_policy(when.group(0), text, limits):
            return f"fixes {when.group(0)!r} for what the policy leaves open ({open_clause!r})"
    asserted = re.search(r"\byou(?:" + APOS + r"ll| will) (?!need|have to|be able|want|get back)[a-z]+", text)
    if asserted is not None and not NOT_ASSERTED.search(text[: asserted.start()]):
        what = re.split(r"[,;]|\bbut\b", text[asserted.start():])[0]  # "you'll have a full refund, and I'll look for…"
        unsure = next((c for c in limits.open_clauses if _NOT_GUARANTEED.search(c) and _shares_topic(_unsure_part(c), what)), None)
        if unsure is not None:
            return f"asserts what the policy does not guarantee ({unsure!r})"
    sanction = _SANCTION.search(text)
    if sanction is not None and not _NEGATION.search(text[: sanction.start()]) and not NOT_ASSERTED.search(text[: sanction.start()]):
        return "promises a staff sanction, which is not the agent's to decide"
    return None


# The agent's own step that delivers something (not a call, an email or an update: those are theirs to keep).
_OWN_STEP = re.compile(
    r"\b(?:i|we)(?:" + APOS + r"ll| will|" + APOS + r"re going to| are going to|" + APOS + r"m going to| am going to) (?:\w+ )?"
    r"(?!(?:call|ring|phone|email|e-mail|text|message|update|contact|let|get back|come back|keep|send you (?:the|a|an|their|his|her|its) (?:[\w'-]+ ){0,2}(?:reference|ticket|link|"
    r"confirmation|number|details|summary|breakdown|form|forms|paperwork|documents?|copy|letter|label)|write|note|log|flag|escalate|ask|chase|check|look"
    r"|put (?:it|this|that|your \w+) (?:to|forward|before))\b)"
    r"(?:start|send|deliver|fit|install|replace|refund|pay|credit|reverse|release|book|ship|dispatch|courier|bring|drive|fix|repair|finish|"
    r"complete|process|transfer|issue|post|have|get|put|collect|reconnect|restore|cancel|remove|approve|extend|move)\b")
# "dispatched within 2 working days" is kept by posting it today: the sending is the company's own step
_SENDS = r"dispatch\w*|post|posted|sen[dt]|ship\w*|email\w*"
_SENDING = re.compile(r"\b(?:" + _SENDS + r"|courier\w*)\b")
_POSTING = re.compile(r"^(?!.*\bto you\b).*\b(?:" + _SENDS + r")\b")  # not "… to you tonight": an arrival
# "photo needed within 48 h", "report damage within 3 days": what the customer must do by then, not a service time
_CUSTOMERS_DEADLINE = re.compile(r"\b(?:needed|required|must be (?:sent|made|reported|raised|lodged)|report(?:ed)?|notif(?:y|ied)|claims? made)"
                                 r" within\b")
_ARRIVING = re.compile(r"(?:'ll|\bwill|\bgoing to)\b|\b(?:is|are|'s|'re) (?:coming|due|arriving|landing|going live|out)\b"
                       r"|\b(?:it|they|this|that|your \w+) (?:ships|arrives|lands|goes out|gets there|is delivered)\b")  # "it ships on 3 June"
# The agent's own message to the customer, whoever the grammar names: "I'm chasing Sophie now and will email you by 3pm"
# (the subject left out is the agent's), "you'll have both confirmations by email today", "you'll have a firm yes or no
# from me by Thursday", "I'll make sure he and his manager see your message today" (passing it on)
_AGENTS_OWN_MESSAGE = re.compile(
    r"(?:(?:now |then |also )?and|now and) will (?:\w+ )?(?:ring|call|phone|email|e-mail|text|message|update|contact|write to|get back to)\b(?=.*?\byou\b)"
    r"|you(?:" + APOS + r"ll| will) (?:have|get|receive) (?:(?:a|an|the|your|both|all|my|our|two) )?(?:[\w-]+ ){0,3}?"
    r"(?:(?:confirmations?|emails?|e-mails?|references?|receipts?|texts?|links?|calls?|updates?|letters?|copies)\b|(?:\w+ ){0,3}?from (?:me|us)\b)"
    r"|i(?:" + APOS + r"ll| will) (?:make sure|ensure) (?:that )?[\w' ]{1,40}? (?:sees?|gets?|reads?|hears?) (?:your|the) (?:message|feedback|comments?|note|thanks|review|praise|kind words)\b")
_TELLING = re.compile(r"\b(?:i|we)(?:" + APOS + r"ll| will) (?:\w+ )?(?:ring|call|phone|email|e-mail|text|message|update|let you know|"
                      r"get back|chase|ask|check|write|confirm)\b"
                      r"|\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) (?:\w+ )?(?:checking|asking|chasing|looking into)\b")
_DATE = re.compile(r"\bon the \d{1,2}(?:st|nd|rd|th)\b|\bon \d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_ABOUT_DATES = re.compile(r"\b(?:date|dates|day|timing|time)\b")
_NOT_GUARANTEED = re.compile(r"\bnot guaranteed\b|\bcan(?:'|no)t be guaranteed\b|\bcan(?:'|no)t guarantee\b")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_GIVES_TIME = re.compile(r"\b(?:another|extra|more|additional|extend|extension|backdat|pause|freez|defer|grace|hold)")
_SANCTION = re.compile(r"\b(?:is|are|gets?|get|will be|be|(?:get|have) (?:\w+ ){0,2}\w+) (?:dismissed|fired(?! (?:for|at|in|overnight|twice|again)\b)|sacked|disciplined|reprimanded|suspended|struck off)\b"
                       r"|\bfaces? (?:disciplinary|the sack|dismissal)\b|\b(?:will|'ll) lose (?:his|her|their) (?:licence|license|job|badge|registration)\b")


def _policys_cutoff(when: str, limits: Policy) -> bool:
    """A clock time the policy itself names ("made the same day if ordered before 11am"): "it came in after 11am"
    applies the policy's cut-off, it fixes nothing."""
    clock = re.search(r"\d{1,2}(?::\d\d)? ?(?:am|pm)", when)
    return clock is not None and any(re.search(r"\b" + clock.group(0).replace(" ", " ?") + r"\b", clause) for clause in limits.clauses)


def _timed_by_policy(when: str, part: str, limits: Policy) -> bool:
    """"I'll dispatch it today" where the policy says "dispatched same day": the policy's own time for this step."""
    return when in ("today", "same day", "same-day") and any(
        re.search(r"\bsame[ -]day\b", clause) and _shares_topic(clause, part) for clause in limits.clauses)


_TIME_WORDS = frozenset(content_stems("day days date time week weeks hour hours minute minutes month months year years business working"))


def _unsure_part(clause: str) -> str:
    """What a clause leaves unguaranteed: "full refund, and we try to find a replacement (not guaranteed)" is
    unsure of the replacement, not of the refund."""
    parts = re.split(r",|;|:|\band (?=we|they|it|you)\b", clause)
    return " ".join(part for part in parts if re.search(r"guarantee|depend|subject to", part)) or clause


def _shares_topic(clause: str, part: str) -> bool:
    return bool(content_stems(clause) & content_stems(part) - _TIME_WORDS)


def _too_fast(original: str, when: str, text: str, limits: Policy, agents_own: bool = False) -> tuple[str, str] | None:
    """An outcome promised by a time: fine only when the policy's own timeline is no slower."""
    promised = _promised_hours(when)
    related = _related(limits.timelines, text)
    relevant = related or limits.timelines
    if not relevant and agents_own and _agents_may(text, limits):
        return None  # "I'll get the letters out to your sponsors this week" where agents send those letters
    if not relevant or promised is None:
        return original, f"promises an outcome outside the agent's control by a time ({when!r})"
    slowest_allowed = max((t.high_hours if t.high_hours is not None else t.low_hours) for t in relevant)
    # a time the policy itself names ("put on hold while a meter read is arranged (within 10 working days)")
    # the low end of the policy's range ("usually 2-8 weeks") promised as fact is faster than it allows
    range_lows = {t.low_hours for t in relevant if t.high_hours is not None and t.high_hours > t.low_hours}
    if promised < slowest_allowed and (promised in range_lows or (not any(promised in (t.low_hours, t.high_hours) for t in relevant)
                                                                  and promised not in limits.named_hours)):
        return original, f"promises {when!r}, faster than the policy's timeline"
    restated = [t for t in related if promised in (t.low_hours, t.high_hours)]
    if restated and not any(DECIDED_ELSEWHERE.search(t.clause) for t in restated):
        return None  # "it'll reach your card within 5 working days", the policy's own time for this very thing
    if any(DECIDED_ELSEWHERE.search(t.clause) for t in related) and not _ANSWER.search(text):
        return original, f"promises by {when!r} the result of a decision the policy leaves to someone else"
    return None


_CONDITION = re.compile(r"\b(?:" + _IF + r")\b[^,;]*$")
# "as long as the seat is unused you'll get the full amount back": the result under the policy's own condition
_AS_LONG_AS = re.compile(r"\b(?:" + _PROVIDED + r")\b[^;]*$")
_AGENTS_MAY = re.compile(r"\b(?:agents?|staff|we) (?:can|may|are able to) ([^.;]+)")


def _agents_may(text: str, limits: Policy) -> bool:
    """The policy lets agents do this themselves ("Agents can send thank-you letters to sponsors")."""
    said = content_stems(text) | ({"send"} if re.search(r"\bget \w+(?: \w+)? out\b|\bpost\b|\bdispatch", text) else set())
    for clause in limits.clauses:
        for match in _AGENTS_MAY.finditer(clause):
            verb, *rest = match.group(1).split(maxsplit=1)
            if not _NEGATION.search(match.group(1)) and stem(verb) in said and content_stems(" ".join(rest)) & said - _TIME_WORDS:
                return True
    return False
_ANSWER = re.compile(r"\b(?:answer|decision|response|reply|outcome|result|update|hear|news|word)\b")


def _promised_hours(when: str) -> float | None:
    spans = durations(when)
    if spans:
        return spans[0][1]
    for pattern, hours in _FAST_HOURS:
        if re.search(pattern, when):
            return hours
    return None


def _related(items: list, text: str) -> list:
    words = content_stems(text)
    return [item for item in items if content_stems(item.clause) & words - {"day", "hour", "week", "business", "work"}]


# "If you'd rather go for the full £400, I'll put it to the project director": a request, not an offer
_PUTS_IT_TO = re.compile(r"\b(?:put|pass|take|send|refer) (?:it|this|that|the request|your request|the claim|your claim) (?:to|up to|on to|over to)\b"
                         r"|\b(?:a|my|the) request for\b"
                         r"|\b(?:ask|check with|escalate (?:it |this )?to|request (?:it |this )?from) (?:my|the|our|a) (?:\w+ )?"
                         r"(?:manager|supervisor|director|team leader|owner|lead|boss)\b")


def _over_cap(text: str, limits: Policy) -> str | None:
    """Money committed above a cap about the same kind of money. A cap about another kind still applies
    ("credits up to $20" limits "I'll refund $300") unless the policy grants that kind elsewhere
    ("renewals are refundable in full")."""
    if not limits.caps:
        return None
    text = _FRACTION.sub(lambda match: _PERCENT_OF[match.group(1)] + "% of", text)
    committing = [part for part in re.split(r";|\bbut\b|, (?:and|so|while) ", text) if _commits(part) and not _PUTS_IT_TO.search(part)]
    return next((found for part in committing if (found := _over_cap_in(part, limits, money_kinds(text)))), None)


# "I'll refund half the booking" against "20% off the booking": a share of the whole, as the policy's percentages are
_PERCENT_OF = {"half": "50", "a third": "33", "a quarter": "25", "three quarters": "75", "two thirds": "67"}
_FRACTION = re.compile(r"\b(" + "|".join(_PERCENT_OF) + r")(?: of)?(?= (?:the|your|this|that|his|her|their|our) )")


def _over_cap_in(text: str, limits: Policy, sentence_kinds: set[str]) -> str | None:
    # ("full refunds need the director" grants nothing: it keeps them from the agent)
    granted_elsewhere = {kind for clause in limits.uncapped_clauses if not _NEGATION.search(clause) and not _KEPT_FROM_AGENTS.search(clause)
                         for kind in money_kinds(clause)}
    amounts, part_kinds = money_amounts(text), money_kinds(text)
    for number, (amount, unit, at) in enumerate(amounts):
        if re.search(r"\b(?:of|out of) (?:the|your|that|this)\s*$", text[:at]):
            continue  # "I can waive £10 of the £15": the whole the part is taken from
        if _WORKED_OUT.search(text[:at]) and not re.match(r"\S+\s*(?:less|off|back|cheaper)\b", text[at:]):
            continue  # "I can take £30 off, so your service comes to £150": the price, not what is given ("you'll pay £45 less" is)
        if _SHARE_WORKED_OUT.search(text[:at]):
            continue  # "I've refunded 20% of your order, £13.80": the percentage, worked out; the percentage is checked itself
        # the amount's own kind, from its own words: "I've refunded the £55 and added a £10 voucher"
        start = amounts[number - 1][2] + 1 if number else 0
        end = amounts[number + 1][2] if number + 1 < len(amounts) else len(text)
        # (the sentence's kinds when the part names none: "Normally it's a £20 voucher, but I'll make it £25")
        kinds = money_kinds(text[max(start, at - 30): min(end, at + 30)]) or part_kinds or sentence_kinds
        for cap in limits.caps:
            cap_kinds = money_kinds(cap.clause)
            same_kind = not kinds or not cap_kinds or bool(cap_kinds & kinds)
            if cap.unit != unit or amount <= cap.amount:
                continue
            if not cap.explicit and not cap_kinds & kinds:
                continue  # a fee or price the policy mentions limits only offers of the same kind
            if _per_unit(cap) and amount <= cap.amount * _units_counted(cap.clause, text):
                continue  # "£10 credited per missing flavour": "£40 for the four missing flavours"
            if any(other.explicit and other.unit == unit and amount <= other.amount
                   and (_AGENTS_MAY.search(other.clause) or other.clause == cap.clause) for other in limits.caps):
                continue  # "agents can refund up to 50%": the agent's own cap; "£25 a week, capped at £150": the rate's own
            if same_kind or not kinds & granted_elsewhere:
                return f"offers {unit}{amount:g}, over the policy cap of {unit}{cap.amount:g}"
    return None


# an amount that works out a share or a rate named just before it: "20% of your order, £13.80", "at the daily rate, £29.20"
_SHARE_WORKED_OUT = re.compile(r"(?:\d+(?:\.\d+)?% of (?:the |your |this |that )?[\w-]+(?: [\w-]+)?|at the (?:[\w-]+ )?rate),?\s*(?:which is |that" + APOS
                               + r"s |so |or |i\.e\. )?$")
# what an amount is when it is a price or a sum, not a grant: "comes to £150", "works out at £175"
_WORKED_OUT = re.compile(r"\b(?:comes? to|came to|totals?|total of|works? out (?:at|to)|brings? (?:it|that|the [\w-]+) (?:down )?to"
                         r"|you(?:" + APOS + r"ll| will)? (?:only )?pay|costs?|priced at|instead of|normally|usually|would be)\s*$")


def _per_unit(cap: Cap) -> bool:
    """A rate ("£10 credit per day", "£5 an order"), not an overall cap ("capped at £60") of the same clause."""
    figure = re.escape(f"{cap.amount:g}") if cap.unit == "%" else re.escape(cap.unit) + r"\s?" + re.escape(f"{cap.amount:g}")
    return bool(re.search(figure + r"(?:\.0+)?%?\s*(?:[a-z-]+\s+){0,3}?(?:per|a|an|each|for each|for every)\b", cap.clause))


def _units_counted(clause: str, text: str) -> int:
    """How many of the cap's unit ("£10 per missing flavour") the sentence counts ("the four missing flavours"); 1 if none."""
    unit = re.search(r"\bper (?:[a-z-]+ ){0,2}?([a-z-]{3,})\b", clause)
    if unit is None:
        return 1
    counts = [int(match.group(1)) for match in re.finditer(r"\b(\d{1,3}) (?:[a-z-]+ ){0,2}?([a-z-]+)", numerals(text))
              if stem(match.group(2)) == stem(unit.group(1))]
    return max(counts, default=1)


_KEPT_FROM_AGENTS = re.compile(r"\b(?:needs?|requires?) (?:the |a |an )?(?:[\w-]+ ){0,2}(?:approval|sign-off|authori[sz]ation|manager|director|supervisor|head|lead)\b")


def _commits(text: str) -> bool:
    """Does the sentence commit the money (rather than mention the customer's bill)?"""
    return bool(re.search(
        r"\b(?:i|we)(?:" + APOS + r"ve| have|" + APOS + r"ll| will|" + APOS + r"m| am| can|" + APOS + r"d (?:also )?like to| would (?:also )?like to)? (?:just |already |now |also )?"
        r"(?:refund|credit|give|gave|apply|applied|pay|paid|cover|reimburse|compensate|waive|add|issue|offer|approve|send|sent|put|process|book|take|took"
        r"|knock|make it|honou?r|lock in|freeze|fix (?:it|the price)|stick|pop|chuck|throw|drop|lower|reduce|cut"
        r"|stretch|raise|increase|bump|top|go up|up it|up the|match|round|wipe|remove|clear|write|arrange for|authori[sz]e|do(?= [£$€]?\d| it for| you a))"
        r"|\byou(?:" + APOS + r"ll| will) (?:get|receive|see|have|only pay|pay)\b|\bmake sure you (?:get|receive|have)\b", text))


_WITHOUT = re.compile(r"\b(?:without|no need for|skip(?:ping)?|bypass(?:ing)?|waive|waiving) (?:the )?([^,.;!?]+)")
_GENERIC_VERBS = frozenset(stem(v) for v in "give get do make have send take put offer help call see check tell provide".split())


_REQUESTING = frozenset(stem(v) for v in "log logged request requested ask asked submit submitted pass passed escalate escalated flag "
                        "flagged raise raised forward forwarded refer referred note noted chase chased apply applied".split())


def _asks_for_it(match: re.Match[str]) -> bool:
    """'I've logged a request to cancel the fine' asks for what the policy keeps from agents, and 'I'll help with the
    refund' offers help with it: neither does it."""
    return match.re is _AGENT_ACTION and stem(match.group(1)) in _REQUESTING | _HELPING


_HELPING = frozenset(stem(v) for v in "help helping assist assisting support explain".split())
# "there's nothing I can do about cash": the agent's "I can" under a negation that comes first
_NOTHING_BEFORE = re.compile(r"\b(?:nothing|not much|not a lot|little|no way)\s+(?:that\s+)?$")


def _restricted_action(text: str, limits: Policy) -> str | None:
    """The agent says they did (or will do) what the policy says agents cannot do, or need approval for."""
    if not limits.restrictions:
        return None
    sentence_stems = content_stems(text)
    for match in [*_AGENT_ACTION.finditer(text), *_YOU_GET.finditer(text)]:
        clause = re.split(r"[,;:]| but ", text[match.start():])[0]
        if (_NEGATION.search(clause) or any(p.search(clause) for p in HEDGES) or _asks_for_it(match)
                or _NOTHING_BEFORE.search(text[: match.start()])):
            continue
        done = content_stems(clause) | {stem(word) for word in re.findall(r"[a-z]+", clause)}
        for restriction in limits.restrictions:
            # "you'll get compensation" grants the thing itself; the agent's own sentences are read by their verb
            granted = restriction.topic - restriction.verbs if match.re is _YOU_GET else restriction.verbs
            if not granted & done:
                continue
            if not restriction.needs_approval:
                if restriction.verbs <= _GENERIC_VERBS and not (restriction.topic & done):
                    continue  # "agents can't give upgrades" says nothing about "I'll give you a call"
                unless = restriction.clause.partition(" without ")[2]
                if unless and content_stems(unless) & (sentence_stems - content_stems(" ".join(_WITHOUT.findall(text)))):
                    continue  # "cannot approve without photos": "once I've reviewed your photos I can approve it"
                return f"does what the policy does not allow agents to do ({restriction.clause!r})"
            bypassed = content_stems(" ".join(_WITHOUT.findall(text)))
            if (restriction.condition - restriction.topic) & bypassed:
                return f"does without what the policy requires ({restriction.clause!r})"
            met = sentence_stems - bypassed  # "without the keeper's consent" meets nothing
            if (restriction.condition - restriction.topic) & met or re.search(r"\b(?:supervisor|manager|approv|sign-off|sign off|ask|request)", text):
                continue
            if (restriction.topic - restriction.verbs) and not (restriction.topic - restriction.verbs) & done:
                continue
            return f"does without what the policy requires ({restriction.clause!r})"
    return None
