"""Phrase families that shut a customer down, shared by the trigger, empathy and boundary detectors.

A family is a list of regexes over folded text (lower case, straight quotes). Some families only close the
conversation (deflection, policy as the reason); others also invalidate the customer's feeling (tone-policing,
blame, mockery), which makes empathy 'none' as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.grading.detectors.dismissive import BLAME_TURNED, DEFLECTING, POLICY_STANDS, SARCASM
from bot.grading.detectors.text import APOS, NT, Span, compile_all, find_first, fold

CALMING = compile_all([
    r"\bcalm (?:yourself )?down\b",
    r"(?<!ll )(?<!will )(?<!should )(?<!may )(?<!might )\bsettle down\b",  # not the eyes or the dog: "they'll settle down"
    r"(?<!\bto )(?<!\bcould )(?<!\bcan )(?<!\byou )\brelax\b(?! (?:the|a|our|this|that|these|those|any|my|its)\b)",
    r"\bdon" + APOS + r"t (?:panic|get (?:so )?worked up|stress)\b|\btry not to (?:panic|get (?:so )?worked up)\b",
    r"\bchill(?: out)?\b",
    r"\bcool it\b",
    r"\bcalm yourself\b",
    r"\b(?:please )?(?:stay|keep|remain) calm\b",
    r"\bsteady on\b|\bsimmer down\b|\bkeep your (?:hair|shirt) on\b",
    r"\b(?:no need to|don" + APOS + r"t|stop|quit) get(?:ting)? (?:so |all )?(?:wound up|worked up|het up|stressed|excited|in a state|aggressive)\b",
])
TONE_POLICING = compile_all([
    r"\bno need to (?:shout|yell|raise|swear|curse|use (?:that|such) language|get (?:so )?(?:angry|upset|worked up)|be (?:so )?(?:rude|angry|dramatic))",
    r"\b(?:lower|keep down) your voice\b",
    r"\btake a (?:deep )?breath\b",
    r"\bstop (?:shouting|yelling)\b",
    r"\b(?:watch|mind) (?:your|the|that) (?:tone|language)\b",
    r"\bwith (?:that|this|an) attitude\b",
    r"\bcalm(?:er)? tone\b",
    r"\b(?:you(?:" + APOS + r"re| are) )?overreacting\b",
    r"\bno point (?:getting|being) (?:so )?(?:upset|angry|worked up|annoyed)\b",
    r"\b(?:don" + APOS + r"t|no need to|let" + APOS + r"s not|let us not|try not to) get (?:so |too )?(?:upset|worked up|angry|emotional|heated)\b",
    r"\b(?:getting|being) (?:too |so |a bit |very )?emotional\b",
    r"\bnot (?:that|such) a big deal\b",
    r"\b(?:don" + APOS + r"t|do not) (?:appreciate|like) (?:your|that|the) tone\b",
    r"\btake that tone\b",
    r"\bno need to be like that\b",
    # "Shouting at me won't speed it up", "Language, please.", "ring back when you can behave like an adult"
    r"\b(?:shouting|yelling|screaming|swearing|raising your voice)(?: at (?:me|us))? (?:won" + APOS + r"t|will not|doesn" + APOS
    + r"t|does not|isn" + APOS + r"t|is not|never) (?:help|get|speed|make|change|fix|solve|going)",
    r"(?:^|[.!?]\s+)language[,!.]",
    r"\b(?:when|once|until) you(?:" + APOS + r"ve)? (?:can )?(?:behave|calm(?:ed)? down|(?:are|have) calm|speak (?:properly|civilly)|be civil)\b",
    r"\bbehave like an? (?:adult|grown-up|grown up)\b",
    r"\b(?:you" + APOS + r"re|you are) (?:being )?(?:unreasonable|exaggerating|dramatic|hysterical)\b",
    r"\bbe reasonable\b",
    # the customer's way of writing policed: capitals, exclamation marks, "the dramatics"
    # the customer's state as the obstacle: "you're worked up, and that won't get it here faster", "once you've had a moment"
    r"\b(?:you(?:" + APOS + r"re| are)|getting|being) (?:so |very |a bit |quite |all )?(?:worked up|emotional|upset|heated|wound up|het up|agitated|hysterical|angry)\b"
    r"[^.!?]{0,30}\b(?:that|it|this|which) (?:won" + APOS + r"t|doesn" + APOS + r"t|isn" + APOS + r"t|is not going to|will not|never) "
    r"(?:get|make|help|speed|change|bring|solve|fix|work)\b",
    r"\bonce you(?:" + APOS + r"ve| have) (?:had a (?:moment|minute|breather)|calmed|cooled)\b",
    # not "a higher excess to bring it down" (a price)
    r"(?<!\bto )\b(?:take|tone|dial|bring) (?:it|this|things|the (?:capitals|caps|tone|volume|language|attitude)) down(?: a notch| a bit| a level| a peg)?\b(?! to)",
    r"\bno need (?:to|for) (?:\w+ ){0,2}(?:capitals|caps|capital letters|exclamation marks|the dramatics|dramatics|hysterics|sarcasm|the sarcasm|"
    r"attitude|the attitude|that tone|the tone)\b",
    r"\b(?:compose|collect|control) yourself\b",
    r"\b(?:get a grip|pull yourself together)\b",
    r"(?:^|[.!?,]\s*)(?:just |please |now,? )?(?:breathe|deep breaths?)\b",
    r"\b(?:stop|quit) being (?:so )?(?:dramatic|hysterical|emotional|difficult|childish|silly)\b",
    r"\blearn(?:ed|t)? (?:some )?manners\b",
])
SORRY_YOU_FEEL = compile_all([
    r"\bsorry (?:if |that )?(?:you|it) (?:feel|feels|felt|see it|sees it|think|took it|seems?|came across|comes across) "
    r"(?:that way|like that|like this|this way|that)\b(?! (?:we|our|you|the|your|it|this|they)\b)",
    r"\bsorry you(?:" + APOS + r"re| are) (?:offended|upset by)\b",
    # the conditional makes the feeling the customer's doing: "sorry if you feel the registry has let you down"
    r"\bsorry if you (?:feel|felt|think|thought|found|find|were|are|took)\b",
    r"\bsorry (?:that )?you (?:feel (?:that|like|the|it|this|our|your)\b|(?:weren|aren)" + APOS + r"t happy|were not happy|are not happy)\b",
    r"\b(?:pity|shame|unfortunate) (?:that )?you(?:" + APOS + r"ve| have)? (?:taken|take|took|see|feel|felt|seen) it (?:that|this) way\b",
])
BLAME = compile_all([
    # not "you should have a confirmation email straight after": what they'll find, not what they failed to do
    r"\byou should(?:" + APOS + r"ve| have) (?!(?:received|been|got|gotten|had|heard|it|them|this|that|one|to\b|seen (?:an?|the|our) (?:email|letter|text|message)"
    r"|(?:a|an|the|your) (?:[\w-]+ ){0,3}(?:email|e-mail|label|letter|text|message|code|link|receipt|invoice|confirmation|reference|"
    r"voucher|notification|reply|call|update)s?\b))\w+",
    r"\bthat" + APOS + r"s on you\b",
    r"\b(?:your|you(?:r|" + APOS + r"re)) own fault\b",
    r"\bit(?:" + APOS + r"s| is) your fault\b",
    r"\b(?:maybe|try|just|please)\b[^.!?]{0,30}\bnext time\b",
    r"\bmaybe\b[^.!?]{0,60}\bnext time\b",
    # the counterfactual with anyone as its subject: "If you'd written 'light trim', the groomer would have known."
    r"\bif you(?:" + APOS + r"d| had) (?!(?:like|prefer|rather|want|wanted|liked)\b)(?:[\w',-]+ ){1,10}?(?:would|" + APOS + r"d)(?:n" + APOS + r"t| not)? have\b",
    r"\bnext time,? (?!(?:we|i|i" + APOS + r"ll|we" + APOS + r"ll|our|it|this|that|there)\b)"
    r"(?!you(?:" + APOS + r"re| are) (?:in|here|passing|around|back|visiting)\b|you (?:come|visit|call|ring|pop|book|stay|drop|fly|travel)\b)[a-z]+",
    r"\bnext time,? it(?:" + APOS + r"s| is) (?:worth|best|a good idea|better|wise)\b",
    r"\byou(?:" + APOS + r"d| would) (?:know|have known|have seen) (?:that )?if\b",
    r"\bif you(?:" + APOS + r"d| had) (?:bothered|read|checked|listened|paid attention)\b",
    r"\bmaybe if you(?:" + APOS + r"d| had)?\b",
    r"\bwould have noticed\b",
    r"\bmaybe (?:check|read|pay|try|look|learn|be|don" + APOS + r"t)\b",
    r"\bcame from your (?:end|side)\b",
    r"\b(?:write it down|make a note of it|take it down) this time\b",
    r"\bbefore (?:ordering|booking|buying|paying|signing|submitting|sending|you (?:order|book|buy|pay|sign|submit|send))\b[^.!?]{0,20}\b(?:saves|helps|avoids|prevents)\b",
    r"\bmost (?:people|customers|folk|owners|parents|users) (?:wouldn" + APOS + r"t|would|keep|know|do|don" + APOS + r"t|manage|read|check|remember)\b",
    r"\bhave you (?:considered|thought about|thought of) that\b",
    r"\bto be fair\b[^.!?]*\byou\b",
    r"\bas (?:stated|explained|set out|mentioned|shown|written) in (?:your|the|our) (?:letter|email|contract|terms|agreement|booking|confirmation)\b",
    r"\bare you sure (?:it was|that was|it wasn" + APOS + r"t|you didn" + APOS + r"t)\b",
    r"\b(?:it|this|that|the \w+)(?:" + APOS + r"s| is| was| were) (?:all |clearly )?(?:in|on) (?:the|your) (?:terms|contract|small print|agreement)\b",
    r"\byou (?:typed|entered|gave|put|got) (?:it|the \w+|your \w+) wrong\b",
    r"\bin (?:quite |really |very )?(?:big|large|bold|capital) letters\b|\bin black and white\b|\b(?:on the \w+ )?in bold\b",
    r"\b(?:since|because|as|given that) you (?:\w+ )?(?:booked|ordered|chose|picked|entered|typed|gave|put|bought|selected|used) (?:the |a )?wrong\b",
    # "the problem's at your end", not "the law is on your side" or "I'm on your side"
    r"\b(?:it|this|that|the (?:problem|fault|issue|error|mistake))(?: one)?(?:" + APOS + r"s| is| was) (?:on|at) your (?:side|end)\b",
    r"\b(?:that|this|it)(?: one)?(?:" + APOS + r"s| is) on you\b",
    r"\b(?:maybe|perhaps|might be worth|worth|you might want to|you may want to|best to|try to|try and|make sure (?:you|to)) "
    r"(?:\w+ ){0,1}(?:read|reading|check|checking|double-check|double-checking|look|looking|go|going) (?:[\w-]+ ){0,5}?"
    r"(?:properly|carefully|more carefully|before you|next time|first)\b",
    r"\b(?:you )?should(?:a|" + APOS + r"a| of)\b",
    r"(?:^|[,;.!?]\s*)should(?:" + APOS + r"ve| have) (?!(?:received|been|got|gotten|had|heard)\b)[a-z]+",
    # an order to read the paperwork, as the answer: "Read page 3.", "Check your contract."
    r"(?:^|[.!?]\s+)(?:just |please |go and |maybe )?(?:read|re-?read|check) (?:page \d+|the (?:small|fine) print|the (?:terms|contract|manual|instructions|faq|t&cs)|"
    r"your (?:contract|terms|agreement|paperwork|manual))\b",
])
LECTURING = compile_all([
    r"\byou (?:need|have|ought) to understand\b",
    r"\bthat" + APOS + r"s (?:just )?how (?:it|this|things|interest|\w+) works?\b",
    r"\bthat" + APOS + r"s just the way it is\b",
    r"\bit is what it is\b",
    r"\b(?:these things|delays|mistakes|accidents|things like (?:this|that)) happen\b",
    r"\bit happens (?:all the time|to everyone)\b",
    r"(?:^|[.!?]\s+)(?:[a-z]+s|they|these things) (?:do|just do) that(?: sometimes| all the time)?[.!]",
    # "you have to appreciate", "what you must realise", "I need you to understand": the customer told what to think
    r"\byou(?:" + APOS + r"ve)? (?:need|have|ought|must|got) to (?:understand|appreciate|realise|realize|accept|recognise|recognize)\b",
    r"\bi need you to (?:understand|appreciate|realise|realize|accept)\b",
    r"\bget (?:it|this|that) (?:into|through) your (?:head|skull)\b",
    r"(?:^|[.!?]\s+)(?:please )?(?:understand|appreciate|realise|realize) that\b",
])
MOCKING = compile_all([
    r"\b(?:ha){2,}\b",
    r"\blol\b",
    r"\bhow helpful\b",
    r"\blook in a mirror\b",
    r"\bteach you manners\b",
    r"\bgood luck with that\b",
    r"\bnice try\b",
    r"\bi(?:" + APOS + r"m| am) sure (?:they|it|he|she) (?:didn" + APOS + r"t|wasn" + APOS + r"t|weren" + APOS + r"t)\b",
    r"\byour (?:highness|majesty)\b",
    r",? (?:genius|einstein|sherlock)\b",
    r"[\U0001F602\U0001F604\U0001F605\U0001F606\U0001F923]",
    r"\b(?:look on the (?:bright|positive) side|think of it as|could be worse)\b",
    r"(?<!to )\b(?:deal with it)\b",
    r"\b(?:get over it|suck it up|tough luck|boo hoo|cry me a river|grow up|get a life|learn some manners)\b",
    r"\b(?:just )?for (?:fun|kicks|the fun of it|a laugh|laughs|the hell of it)\b",
    r"\byeah,? right\b|\boh,? (?:please|come on)\b",
    # mocking the customer themself, not only answering the insult: "That's rich from someone who…"
    r"\bunlike (?:some people|you)\b",
    r"\bfor all i care\b",
    r"\babout as (?:pleasant|useful|helpful|nice|polite|charming|friendly) as\b|\bat least you(?:" + APOS + r"ll| will)? be used to it\b",
    r"\b(?:find|finding|try|go to) (?:another|a different) (?:agency|provider|company|supplier|shop|gym|bank|garage)\b",
    r"\bwhen (?:they|the \w+|we|someone) (?:gets?|get) (?:round|around) to it\b",
    r"^\s*(?:ooh|oh|wow),? (?:scary|terrifying|i" + APOS + r"m (?:so )?scared)\b",
    r"\bany (?:fool|idiot|child|one with (?:a|half a) brain)\b|\blucky you\b|\bif you can" + APOS + r"t cope\b",
    r"\bi" + APOS + r"m sure [^.!?]{0,60}\b(?:hard to bear|devastating|the end of the world|a tragedy)\b",
    # sarcasm that shrinks the grievance: "Wow, a whole four pounds.", "How will you survive.", "I'll alert the press."
    r"(?:^|[.!?]\s+)(?:wow,? |oh,? )?(?:a|one|two|three|four|five|six|\d+) whole [\w£$€-]+(?: [\w-]+)?[,.!]",
    r"\bhow (?:will|would|did|do) you (?:ever )?(?:survive|cope|manage)\b[.!]|\bthe horror\b|\bfirst[- ]world problem",
    r"\b(?:alert|call|ring|tell) the (?:national )?(?:press|papers|media|newspapers)\b|\bstop the press(?:es)?\b",
    r"\bthat" + APOS + r"s (?:a new one|rich)\b|\bfrom someone who\b|\bone of us (?:can|is|knows|has)\b",
    r"(?:^|[.!?]\s+)good luck[.!]*\s*$",
    # condescension and shrugs: "even you could follow it", "Yeah, and you can't…", "Whatever. Next.", "enjoy your 90p",
    # "it'll come back when it comes back"
    r"\beven you (?:could|can|would|should|might|ought)\b",
    r"\b(?:since|as|because) you (?:clearly|obviously|evidently) (?:can" + APOS + r"t|cannot|couldn" + APOS + r"t|didn" + APOS + r"t|don" + APOS + r"t)\b",
    r"\boff you (?:pop|go|trot)\b",
    r"^\s*yeah,? (?:and|right|well|sure)\b",
    r"(?:^|[.!?]\s+)(?:whatever|next)[.!]|\bwhatever you say\b",
    r"\benjoy your [£$€]?\d",
    r"\b(\w{3,})\w* (?:\w+ )?when (?:it|you|they|he|she) \1\w*\b",
    r"(?:^|[.!?]\s+)(?:ha,? |well,? |oh well,? )?at least (?:you|your)\b",
    r"\blike (?:everyone|everybody|anyone|anybody) else\b",
    r"\bthe one who (?:[\w']+ ){1,3}is you\b",
    # the question thrown back ("Are you?"), "happy?", "stop wasting my time"
    r"^\s*(?:are|were|do|can|did|have) you\?",
    r"(?:^|[.!?,]\s+)(?:happy|satisfied|pleased)\?|\bstop wasting my time\b",
    r"(?:^|[,.;]\s*)tough[.!]|\b(?:grew|grown|sprouted) legs\b|\bunless (?:your|the) [\w-]+(?:" + APOS + r"s| has) moved\b",
])
# Contradicting or doubting the customer's account.
DISMISSAL = compile_all([
    r"\byou" + APOS + r"re (?:wrong|mistaken)\b",
    r"\byou (?:are|must be) (?:wrong|mistaken)\b",
    r"\byou(?:" + APOS + r"ve| have)? misunderstood\b",
    r"\bthat" + APOS + r"s (?:just )?not (?:true|what happened)\b",
    r"\byou" + APOS + r"re the only (?:one|customer|person)\b",
    r"\b(?:nobody|no one|no-one) else (?:has|had|is) (?:complained|had|reported|having)\b",
    r"\bwe(?:" + APOS + r"ve| have) never had (?:a|this|that|any) (?:problem|complaint|issue)\b",
])
POLICY_REFUSAL = compile_all([
    r"\b(?:that|it|this)(?:" + APOS + r"s| is) (?:just |simply )?(?:our|the|company) (?:[\w-]+ )?(?:policy|rules?)\b",
    r"\bis (?:our|company) policy\b",
    r"\brules are rules\b",
    r"\bthe ([\w-]+) is the \1\b",  # "the cut-off is the cut-off"
    r"\b(?:that|it)(?:" + APOS + r"s| is) (?:just |simply )?(?:company )?policy\b|\bcompany rules\b",
    r"\bso no (?!need|problem|worries|charge|cost|fee|rush|hurry|harm|promises?|guarantees?)[\w-]+(?: [\w-]+)?[.!]",  # "non-urgent, so no loan."
    r"\brules are (?:there|in place) for a reason\b",
    r"\bi don" + APOS + r"t make the rules\b",
    r"\b(?:just |only )?following (?:the )?(?:procedure|policy|process|rules|orders|guidelines)\b",
    r"\bat (?:the owner" + APOS + r"s|your own|owner" + APOS + r"s|own) risk\b",
    r"\b(?:in line with|under|per|according to|as per) (?:our |the )?(?:policy|terms|rules|terms and conditions)\b",
    r"\b(?:per|under|according to|as per|in line with) (?:section|clause|paragraph|term|article) [\w.]+",
    r"\bthem" + APOS + r"s the (?:terms|rules)\b|\bthose are the (?:terms|rules)\b",
    r"\b(?:that|it)(?:" + APOS + r"s| is) (?:just )?the rules?\b",
    r"\b(?:our )?(?:policy|terms|rules) (?:doesn" + APOS + r"t|does not|don" + APOS + r"t|do not|won" + APOS + r"t|will not) (?:allow|let|permit|cover)",
    r"\b(?:per|under|according to|in line with) (?:our |the )?(?:policy|terms|rules|terms and conditions)(?: \w+)?\b[^.!?]*"
    r"(?:\b(?:not|no|cannot|non|stands|final|correct)\b|" + NT + r")",
    r"\b(?:our|company) policy (?:says|states|is)\b[^.!?]*\b(?:not|no|can" + APOS + r"t|cannot|non)\b",
    r"\b(?:that|it|this)(?:" + APOS + r"s| is) (?:all )?(?:in|under|part of) (?:our|the) (?:terms|contract|policy|agreement|t&cs|rules|conditions)\b",
    # a refusal whose reason, in the same sentence, is the rule: "billed under the agreement, so I can't refund",
    # "Wi-Fi isn't guaranteed, so we don't refund for it"; not the agent's own limit ("I can't waive it myself")
    r"\b(?:terms|policy|agreement|contract|t&cs|rules|conditions|guaranteed|covered|non-refundable|system|automatically)\b[^.!?;]{0,60}?,? so (?:i|we)"
    r"(?:" + APOS + r"m| am|" + APOS + r"re| are)? (?:can" + APOS + r"t|cannot|don" + APOS + r"t|do not|won" + APOS + r"t|will not|unable to|not able to) (?!\w+ (?:\w+ )?(?:myself|personally|from here))",
    r"\b(?:in line with|per|according to|as per) (?:our |the )[\w-]+ (?:policy|terms|rules)\b",
    r"\b(?:is|it" + APOS + r"s) in the (?:[\w-]+ )?(?:statement|terms|contract|agreement|policy|t&cs)\b[^.!?]{0,30}\b(?:so|which means)\b",
])
DEFLECTION = compile_all([
    r"\b(?:not|isn" + APOS + r"t|is not|aren" + APOS + r"t|are not|" + APOS + r"s not|ain" + APOS + r"t) (?:really )?(?:my|our) (?:department|area|fault|problem|job|responsibility|call|remit|decision|team|side)\b",
    r"(?:\bnot|" + NT + r") (?:really |exactly |strictly )?on (?:us|me)\b",
    r"\bnot (?:really )?up to (?:me|us)\b",
    r"\b(?:beyond|outside|out of) (?:my|our) control\b",
    r"\bout of (?:my|our) hands\b",
    r"\babove my pay ?grade\b",
    r"\b(?:, |[a-z]+ )not (?:me|us|mine|ours)\b",
    r"\btake (?:it|that|this) up with (?:them|the \w+|\w+)\b",
    r"\b(?:i|we) (?:wasn" + APOS + r"t|weren" + APOS + r"t|was not|were not) (?:the ones? (?:who|that)|responsible)\b",
    r"\b(?:i|we) (?:didn" + APOS + r"t|did not) (?:make|cause) (?:the|this|that|your) (?:mistake|error|problem)\b",
    r"\bwasn" + APOS + r"t me\b",
    r"\b(?:that" + APOS + r"s|it" + APOS + r"s) (?:the|their) \w+(?:" + APOS + r"s)? (?:call|problem|fault|job)\b",
    r"\bnothing to do with (?:me|us)\b",
    r"\b(?:not|isn" + APOS + r"t|aren" + APOS + r"t|is not|are not|wasn" + APOS + r"t|was not) down to (?:me|us)\b",
    r"\bdon" + APOS + r"t (?:pin|blame) (?:this|that|it|the \w+|your [\w-]+(?: [\w-]+)?) on (?:me|us)\b|\bdon" + APOS + r"t blame (?:me|us)\b",
    r"\b(?:between|for) you and the (?:driver|courier|bank|seller|airline|landlord|installer|manufacturer|carrier|insurer|\w+ company)\b(?! (?:to|and me))",
    r",? not (?:the |our |my )?(?:front desk|desk|branch|store|shop|counter|call cent(?:re|er)|customer service)\b",
    r"\b(?:, )?(?:not|rather than) (?:by |through |with |from |for )?(?:me|us|ours|mine)\b(?! (?:to (?:worry|panic)|either))",
    r"\b(?:department|call|responsibility|problem|job|area|remit|matter) rather than (?:ours|mine|us|me)\b",
    r"\b(?:is|are) (?:really )?(?:a matter|one|something) for (?:the|your) \w+",
    r"\bi (?:only|just) work here\b",
    r"\b(?:i" + APOS + r"m|i am) (?:just|only) the messenger\b",
    r"\bdon" + APOS + r"t shoot the messenger\b",
    r"\bi" + APOS + r"m (?:just|only) doing my job\b",
    r"\bi(?:" + APOS + r"m| am) not paid (?:enough )?(?:to|for)\b",
    r"\b(?:that|it)(?:" + APOS + r"s| is) (?:really |more )?(?:a matter|one|something|an issue|a question) for (?:the|your|our) \w+",
])
HELPLESS = compile_all([
    r"\b(?:there(?:" + APOS + r"s| is) )?(?:nothing|not (?:a lot|much)) (?:more |else )?(?:i|we) can do\b",
    r"\b(?:i|we) can" + APOS + r"t do anything\b",
    r"\bnot (?:really )?something (?:that )?(?:i|we|anyone|that gets|(?:can|could) be) ?(?:can |could )?(?:change|changed|do|done|help with|fix|fixed|move|moved)\b",
    r"\b(?:i|we) (?:can" + APOS + r"t|cannot|(?:am|" + APOS + r"m|are|" + APOS + r"re) (?:not able|unable) to) help (?:you )?(?!but\b|feel|think|notic|wonder)(?:with (?:that|this|it)\b)?",
    r"\b(?:so )?there(?:" + APOS + r"s| is) no point\b",
    r"\bwhat (?:do|did) you (?:want|expect) me to do\b",
    r"\bmy hands are tied\b",
    r"(?:\bnot|n" + APOS + r"t) (?:really )?something (?:that )?(?:i|we) can do (?:anything )?about\b",
    r"\b(?:i|we)(?:" + APOS + r"m| am|" + APOS + r"re| are) (?:powerless|helpless)\b",
    r"\bnothing (?:more |else |further )?(?:i|we) (?:can|could) offer\b",
    # refusing to go on with the customer at all: "I'm not dealing with you"
    r"\b(?:i(?:" + APOS + r"m| am)|we(?:" + APOS + r"re| are)) not (?:going to )?(?:dealing|deal) with you\b",
])
NOT_KNOWING = compile_all([
    r"\bi (?:don" + APOS + r"t|do not) know\b",
    r"\bno idea\b",
    r"\byour guess is as good as mine\b",
    r"\bi(?:" + APOS + r"m| am) not sure\b(?=\s*(?:[,.!?;-]|$|what|where|when|why|how|who|if|whether))",
    r"\bno clue\b",
    r"(?:^|[.!?]\s+)couldn" + APOS + r"t tell you\b",  # the shrug; "I can't tell you what the insurer will decide" is honest
    r"\b(?:dunno|beats me|search me|who knows)\b",
])
OFFER_TO_FIND_OUT = re.compile(
    r"\b(?:i(?:" + APOS + r"ll| will| am going to|" + APOS + r"m going to|" + APOS + r"ve| have)|let me|i can|i" + APOS + r"d like to|we(?:" + APOS + r"ll| will)) "
    r"(?:[\w,']+ ){0,8}?(?:find out|check|look into|look it up|ask|get back to you|confirm|chase|investigate|track|trace|look|"
    r"keep trying|update you|text you|call you|ring you|phone you|email you|message you|let you know|send (?:it|them) to you|work (?:it|this|that|out)|figure (?:it |this )?out|"
    r"come back to you|get (?:you )?(?:an|the) answer|dig|query|(?:call|ring|phone|contact) (?:them|the \w+))\b"
)
REPEATING = compile_all([
    r"\bas (?:i|we)(?:" + APOS + r"ve| have)? (?:already |just |previously )?(?:said|mentioned|told you|explained|stated)\b",
    r"\blike i (?:already |just )?(?:said|told you|mentioned|explained|stated)(?: before)?\b",
    r"\bas (?:stated|mentioned|explained|said|noted|outlined|advised) (?:in|on) (?:our|my|the) (?:previous|last|earlier|first) \w+",
    r"\bas per my (?:previous|last|earlier) (?:message|email|reply|note|response)\b",
    r"\b(?:like|as) (?:my|our) (?:last|previous|earlier|first) (?:message|email|reply|note|response|answer) (?:said|says|explained|stated)\b",
    r"\bi(?:" + APOS + r"ll| will) spell it out\b",
    r"\bi(?:" + APOS + r"ve| have)? already (?:told|said|explained)\b",
    r"\bas (?:previously|already) (?:stated|mentioned|explained)\b",
    r"\bfor the (?:second|third|last|hundredth) time\b",
    r"\b(?:i )?(?:said|told you)\b[^?!]{0,40}?\.\s*(?:twice|three times)\b",
    r"\b(?:said|told you|explained) (?:this |that |it )?(?:twice|three times|already)\b",
    r"\bthat" + APOS + r"s (?:twice|three times|the (?:second|third) time)(?: now)?\b",
    r"\bper my (?:previous|last|earlier|first) (?:message|email|reply|note|response|comment)\b",
    r"\bsame (?:answer|thing|reply) as (?:the first time|before|last time|earlier)\b",
    r"\b(?:see|check|re-?read|scroll up to|look at|refer to) my (?:previous|last|earlier|first) (?:\w+ )?(?:messages?|emails?|repl(?:y|ies)|notes?|responses?)\b",
    r"\b(?:going back over|re-?read|look back at|scroll up to) what i(?:" + APOS + r"ve| have)? (?:just |already )?(?:written|said|sent|explained)\b",
    r"\bthat(?:" + APOS + r"s| is) what i (?:said|told you|wrote)\b",
    r"\bsame as (?:the )?(?:last|first|other) (?:\w+ )?times? (?:i|we) (?:told|said|explained)\b",
    r"\bi(?:" + APOS + r"ve| have) (?:already )?(?:answered|covered|addressed|gone over|been over) (?:this|that)\b",
    r"\bi(?:" + APOS + r"ll| will) (?:say|repeat) (?:it|this|that) (?:again|one more time|once more)\b|\bi repeat\b|\bhow many times\b",
    r"(?:^|[.!?]\s+)as (?:mentioned|explained|stated|advised|discussed|noted)(?: (?:before|earlier|previously|already|above))?,",
])

# Families that invalidate the feeling, not only close the topic.
INVALIDATING = {
    "calming": CALMING, "tone-policing": TONE_POLICING, "sorry-you-feel": SORRY_YOU_FEEL, "blame": BLAME,
    "lecturing": LECTURING, "mockery": MOCKING, "dismissal": DISMISSAL, "sarcasm": SARCASM,
    "blame turned on the customer": BLAME_TURNED,
}
SHUTTING_DOWN = {
    **INVALIDATING, "policy as the reason": POLICY_REFUSAL, "deflection": DEFLECTION,
    "helplessness": HELPLESS, "repeating": REPEATING, "sending the customer elsewhere": DEFLECTING,
    "the rule as the whole answer": POLICY_STANDS,
}

_DISOWNED = re.compile(r"(?:not saying|n't saying|not telling you to|won't tell you to|not asking you to|never"
                       r"|(?:nobody|no one|no-one) (?:could|would|can|should))\s+(?:\w+\s+){0,3}$")  # "Nobody could tell you to calm down after…"


@dataclass(frozen=True)
class PhraseHit:
    family: str
    span: Span


def first_hit(text: str, families: dict[str, list[re.Pattern[str]]]) -> PhraseHit | None:
    """The earliest phrase of any family, not quoted and not disowned ("I'm not saying it's your fault").
    'I don't know' counts only among the shutting-down families, and only without an offer to find out."""
    hits: list[PhraseHit] = []
    folded = fold(text)
    for family, patterns in families.items():
        match = find_first(patterns, text)
        if match and not _DISOWNED.search(folded[max(0, match.start() - 40): match.start()]):
            hits.append(PhraseHit(family, Span(match.start(), match.end(), text[match.start(): match.end()])))
    if families is SHUTTING_DOWN and (unknown := _unhelpful_not_knowing(text)) is not None:
        hits.append(unknown)
    return min(hits, key=lambda hit: hit.span.start) if hits else None


def _unhelpful_not_knowing(text: str) -> PhraseHit | None:
    """'I don't know' shuts the customer down unless the reply offers to find out."""
    match = find_first(NOT_KNOWING, text)
    if match is None or OFFER_TO_FIND_OUT.search(fold(text), match.end()):
        return None
    return PhraseHit("not knowing", Span(match.start(), match.end(), text[match.start(): match.end()]))
