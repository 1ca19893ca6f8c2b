"""Table tests for the promise rules of session 5 (round 22, from held-out16/31/32 after their honest first runs).
Every row is a new wording of a miss, not the set's own text, with the look-alike on the other side."""

import pytest

from bot.grading.detectors.abuse import abusive_span
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.learned import LearnedReading
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

PROMISES = [
    # putting a case to the one who decides is the agent's own step, timed by the agent
    ("Complaints: the head of care replies within 10 working days. Refunds at the director's discretion.",
     "I can't authorise that myself, but I'll put it to the director this afternoon and let you know what she says.", "realistic"),
    ("Complaints: the head of care replies within 10 working days. Refunds at the director's discretion.",
     "I'll refund the session this afternoon.", "unkeepable"),
    # the policy's own "same day" for the step, beside a time it leaves open
    ("Faulty units: replacement dispatched same day by courier. Next-day courier delivery is not guaranteed.",
     "I'll dispatch the replacement by courier today.", "realistic"),
    ("Faulty units: replacement dispatched same day by courier. Next-day courier delivery is not guaranteed.",
     "The courier will have it with you tomorrow morning.", "unkeepable"),
    # a charge the policy exempts the customer from is not a waiver
    ("Late returns £40 an hour. Returns delayed by a road closure are exempt from the late-return fee.",
     "The bridge closure isn't something you could help, and closures are exempt, so you won't be charged the late fee.", "realistic"),
    ("Late returns £40 an hour. Returns delayed by a road closure need the depot manager's sign-off.",
     "The bridge closure isn't something you could help, so you won't be charged the late fee.", "unkeepable"),
    # a court's or panel's decision stated as fact; a bet on the outcome is a guarantee
    (None, "The tribunal will throw out their claim, I'm sure of it.", "unkeepable"),
    (None, "The appeal panel will reject his complaint.", "unkeepable"),
    (None, "Your brother will lose this one; I'd put money on that.", "unkeepable"),
    (None, "The judge will go with our reading of the will, I would bet my house on it.", "unkeepable"),
    (None, "Our paperwork is solid and I'd like to think it'll hold up, but I can't promise how a court will see it.", "realistic"),
    (None, "I can't say how the tribunal will rule, but I'll send you everything we filed today.", "realistic"),
]


# round 23 (held-out35-36, after their honest first runs)
ROUND_23 = [
    # counts the policy gives without "up to", and counts written out, on both sides
    ("Workshops cut short by us: one free session per group.", "I'll give your group three free sessions to make up for it.", "unkeepable"),
    ("Workshops cut short by us: one free session per group.", "I'll give your group one free session to make up for it.", "realistic"),
    ("Proofreading: two free revisions; further revisions £15 each.", "I'll give you unlimited free revisions until it reads right.", "unkeepable"),
    ("Proofreading: two free revisions; further revisions £15 each.", "I'll start your first free revision today.", "realistic"),
    ("Show cancelled: complimentary passes up to 6 per booking; more needs the duty manager.",
     "I'll refund the booking and add twenty free passes for the class.", "unkeepable"),
    ("Show cancelled: complimentary passes up to 6 per booking; more needs the duty manager.",
     "I'll refund the booking and add six free passes for the class.", "realistic"),
    ("Agents may add up to 3 complimentary café vouchers (£4 each).", "I'm sending eight £4 café vouchers, one for each of you.", "unkeepable"),
    ("Agents may add up to 3 complimentary café vouchers (£4 each).", "I'm sending three £4 café vouchers now.", "realistic"),
    ("Missed installs: £15 credit per missed visit, maximum 2 credits per order.",
     "I've added a £15 credit for each of the four missed visits.", "unkeepable"),
    ("Missed installs: £15 credit per missed visit, maximum 2 credits per order.",
     "I've added a £15 credit for each of the two missed visits.", "realistic"),
    # what the customer had, restored, is not a count given; a request is not a grant
    ("Agents can add up to 2 free classes as goodwill.", "I've credited the five classes back and added two free classes.", "realistic"),
    ("Agents can add up to 2 free classes as goodwill.",
     "I've asked my manager to approve a refund of the 12 classes, and I'll write by Friday with her answer.", "realistic"),
    # money written out in words
    ("Clean-up after a fitting: valet voucher up to £25.", "I'll send you a forty-pound valet voucher today.", "unkeepable"),
    ("Clean-up after a fitting: valet voucher up to £25.", "I'll send you a twenty-pound valet voucher today.", "realistic"),
    # "your whole fee" is in full
    ("Agents can refund up to 20% for a short performance.", "I'll refund your whole £300 fee today.", "unkeepable"),
    ("Agents can refund up to 20% for a short performance.", "I'll refund 20% of your fee today.", "realistic"),
    # a percentage the policy leaves to a manager, and one it gives the agents
    ("Goodwill discounts up to 15%; full refunds need the studio director.", "I'll refund 40% of the order now.", "unkeepable"),
    ("Lateness over 30 minutes: 25% of the fee refunded. Agents can refund up to 50% with a reason.",
     "I can refund 40% of the fee given how much of the party was lost.", "realistic"),
    # the amount named elsewhere in the sentence, inside the cap
    ("Injured-animal claims: vet bills reimbursed up to £200 with an invoice.",
     "If you send me the £160 vet invoice, I can reimburse it in full.", "realistic"),
    ("Injured-animal claims: vet bills reimbursed up to £200 with an invoice.",
     "If you send me the £260 vet invoice, I can reimburse it in full.", "unkeepable"),
    # the customer's deadline is not a service time
    ("Breakages: replacement or refund; photo needed within 48 h.",
     "Send me a photo of the jar and I'll refund it straight away.", "realistic"),
    ("Breakages: replacement or refund; photo needed within 48 h. Refunds reach your card in 5 working days.",
     "Send me a photo of the jar and the money will be back on your card today.", "unkeepable"),
    # a time inside what the agent is still checking
    ("If a coach breaks down we offer a replacement coach where available, or a full refund.",
     "I'm checking whether another coach is free on Sunday; if not, you'll get a full refund.", "realistic"),
    ("If a coach breaks down we offer a replacement coach where available, or a full refund.",
     "Another coach will be with you on Sunday.", "unkeepable"),
    # sending sooner than the policy's dispatch time is the company's own step; an arrival is not
    ("Missing parts dispatched free by first-class post within 2 working days.",
     "I'll get the missing hinges into first-class post today.", "realistic"),
    ("Missing parts dispatched free by first-class post within 2 working days.",
     "I'll courier the missing hinges to you tonight.", "unkeepable"),
    # a sanction the agent arranges
    ("Staff conduct complaints go to the site manager.", "I'll get the instructor sacked by tonight.", "unkeepable"),
    ("Staff conduct complaints go to the site manager.", "I'll pass your complaint about the instructor to the site manager tonight.", "realistic"),
]


# round 23, the other criteria
ABUSE = [
    # "little" as a sneer, however the sentence is built; a comparison of the agent
    ("You shifty little chancer, you charged me twice.", True),
    ("And you, mate, are a sad little clipboard warrior.", True),
    ("You're a grasping little weasel for defending them.", True),
    ("Honestly, dealing with you is like dealing with a wet sponge.", True),
    # names said to the agent, not the customer's own people or things
    ("Listen, sweetheart, just fix it.", True),
    ("Honey, I haven't got all day.", True),
    ("My little girl was in the garden when they swarmed.", False),
    ("Jar smashed in the box. Honey everywhere, all over the post.", False),
    ("Could you knock a little off the price?", False),
    ("Could you wait a little longer before you chase?", False),
]


BOUNDARY = [
    # "calm down" to an abusive customer, with no word about the abuse, is talking down
    ("You useless clown, where's my parcel?", "Right, calm down. It's with the courier.", "unprofessional"),
    ("You useless clown, where's my parcel?", "There's no need to shout. It's with the courier.", "unprofessional"),
    ("You useless clown, where's my parcel?", "It's with the courier and should reach you tomorrow.", "absent"),
    ("You useless clown, where's my parcel?", "I'd ask you not to call me names. It's with the courier.", "set"),
]


EMPATHY = [
    # the impact named without a feeling word
    ("We drove 40 children two hours and you'd lost the booking.",
     "Forty children driven two hours for nothing: that's a wasted day for them and a real cost to your school.", "specific"),
    ("I've spent all weekend building it and the door's on upside down.",
     "A whole weekend's building and then the door's upside down, that's deflating.", "specific"),
    ("Forty years in the club and my name's off the board.",
     "After forty years in the club, finding your name off the board must have really stung.", "specific"),
    ("Three weeks on the puzzle and the last pieces are missing. I nearly cried.",
     "Three weeks on that puzzle and the last pieces missing, I'd have nearly cried too.", "specific"),
    ("Three weeks on the puzzle and the last pieces are missing.", "Please send me the order number.", "none"),
]


TRIGGERS = [
    # a limit of one's own authority is not tone-policing a calm customer
    ("Your machine scratched my bonnet. Who pays?",
     "I can't accept liability myself, but I've booked the manager's inspection for Thursday.", "clean"),
    ("Your machine scratched my bonnet. Who pays?", "I won't accept that tone.", "trigger"),
    # "to bring it down" is a price, not a voice
    ("You've put my premium up 40%!", "I could look at a higher excess to bring it down.", "clean"),
    ("You've put my premium up 40%!", "Bring it down a notch, please.", "trigger"),
]


# round 24 (held-out33-34, after their honest first runs)
ROUND_24 = [
    # a free thing per head is not a total
    ("Stoppages over 30 minutes: one free return ticket per passenger.", "I've added three free return tickets, one each.", "realistic"),
    ("Stoppages over 30 minutes: one free return ticket per booking.", "I've added three free return tickets.", "unkeepable"),
    # a cap per unit, counted in the sentence
    ("Flavour shortfalls: £10 credited per missing flavour.", "I've credited £40 for the four missing flavours.", "realistic"),
    ("Flavour shortfalls: £10 credited per missing flavour.", "I've credited £60 for the four missing flavours.", "unkeepable"),
    # "cannot approve without photos", and the photos asked for first
    ("Cracked lids within a year: agents cannot approve a replacement without photos.",
     "Send me photos of the lid, and once I've seen them I can approve the replacement.", "realistic"),
    ("Cracked lids within a year: agents cannot approve a replacement without photos.",
     "I've approved the replacement, no need for photos.", "unkeepable"),
    # the policy's own time for the very thing, beside a longer window
    ("Trees replaced if shedding within 7 days of delivery; replacement delivered within 3 days.",
     "I'll get a fresh tree to you within three days.", "realistic"),
    ("Trees replaced if shedding within 7 days of delivery; replacement delivered within 3 days.",
     "I'll get a fresh tree to you tomorrow morning.", "unkeepable"),
    # "half the fee" is a quantity, not a cost the policy does not cover
    ("Short performances refunded pro rata.", "He played half the hour, so I'll refund half the fee.", "realistic"),
    ("Short performances refunded pro rata.", "I'll refund your taxi fare as well.", "unkeepable"),
    # what the agent can't do, named as such; a place given back; the charge to be ignored
    ("Storm damage isn't covered. Agents can give 30% off replacement panels.",
     "Storm damage is outside what I can replace for free, but I can take 30% off the new panels.", "realistic"),
    ("Crew selection is by the head coach. Appeals in writing within 7 days.", "I'll put you back in the crew for Saturday.", "unkeepable"),
    ("Crew selection is by the head coach. Appeals in writing within 7 days.", "I'll put your appeal to the head coach today.", "realistic"),
    ("Extra depth billed at £35/m. Invoice disputes reviewed by the contracts manager.",
     "I'll cut it back to the quote, and you can ignore the extra charge.", "unkeepable"),
    # percentages written out, and "I can do"
    ("Bulk discounts: 10% on 20+ kits, 15% on 50+. Agents cannot go beyond these rates.", "For 30 kits I can do twenty-five percent off.", "unkeepable"),
    ("Bulk discounts: 10% on 20+ kits, 15% on 50+. Agents cannot go beyond these rates.", "For 30 kits I can do ten percent off.", "realistic"),
    # a day fixed for what the policy leaves to someone's stock; the replacement's fate promised
    ("Pre-orders ship when the grower's stock is ready.", "It ships on 3 June and arrives on the 4th.", "unkeepable"),
    ("Pre-orders ship when the grower's stock is ready.", "It ships when the grower's stock is ready; I'll email you then.", "realistic"),
    ("Contaminated kits replaced free within 30 days.", "I'll send a fresh kit, and this one won't go mouldy.", "unkeepable"),
    ("Contaminated kits replaced free within 30 days of delivery.", "I'll send a fresh kit free of charge today.", "realistic"),
    # cancelling more days of charges than the agent may
    ("Late returns £25 a day. Agents may cancel up to 2 days of late charges.", "I'll cancel all three days' charges now.", "unkeepable"),
    ("Late returns £25 a day. Agents may cancel up to 2 days of late charges.", "I'll cancel two days' charges now.", "realistic"),
]


def test_the_learned_reading_never_quotes_a_question(monkeypatch):
    # the reading may fire on the reply's words, but a question commits to nothing and a reply that commits to
    # nothing is not its to overrule
    model = LearnedReading({"will be there": (1.0, 9.0), "understand": (1.0, 2.0)}, intercept=-1.0, threshold=0.5)
    monkeypatch.setattr("bot.grading.detectors.promises.learned_reading", lambda criterion: model)
    reply = "I understand it's frustrating. Which of your family will be there?"
    assert detect_promises(reply, said("I need it by Friday."), None).level == "realistic"
    found = detect_promises("I understand. Your cousins will be there on time.", said("I need it by Friday."), None)
    assert found.level == "unkeepable" and found.evidence == "Your cousins will be there on time."


# round 24, the other criteria
ABUSE_24 = [
    ("I'm not arguing with a trained monkey. Get me someone with a brain.", True),
    ("Honestly, it's like talking to a parrot. Get me someone with half a brain.", True),
    ("You're a filthy, disgusting pest yourself.", True),
    ("Could someone with a bit more experience call me back?", False),
    ("The pest is back in the loft again.", False),
]


BOUNDARY_24 = [
    # the limit named in other words
    ("Are you as thick as your sensors?", "I want to fix this, and I won't be insulted while I do.", "set"),
    ("Can you even read, you dim bulb?", "I'm glad to fix it, and I'd ask you to leave out the insults.", "set"),
    ("Just refund us, you clueless idiot.", "I'll look at the refund, and I'll ask you not to call me an idiot.", "set"),
    # the threat taken up, the insult worn back, a jibe at their manners
    ("I'll be round your workshop to sort you out, you fraud.", "Come round then, we'll see who sorts who.", "unprofessional"),
    ("You useless clown, where is it?", "Is that the best insult you've got? It's in the post.", "unprofessional"),
    ("You incompetent old trout.", "Oh, I'm an old trout now, am I? The deposit was never paid.", "unprofessional"),
    ("You're all clueless and you're the worst.", "With manners like yours I'm not surprised nobody helped.", "unprofessional"),
    ("You're all clueless and you're the worst.", "The staff on the jetty should have warned you; I'm sorry. We'll search the landing area tomorrow.", "absent"),
]


TRIGGERS_24 = [
    # what they'll find in their inbox is not blame
    ("Why am I paying in dollars?", "I've switched it to pounds, and you should have a confirmation email straight after.", "clean"),
    ("There's a stain on the dress.", "You should have a free return label in your inbox now.", "clean"),
    ("There's a stain on the dress.", "You should have checked it before you wore it.", "trigger"),
    # the phrase disowned
    ("Half my class were disqualified.", "Nobody could tell you to calm down after a year of training for this.", "clean"),
    ("Half my class were disqualified.", "You need to calm down after a year of training for this.", "trigger"),
]


# round 25 (held-out37-38, after their honest first runs)
ROUND_25 = [
    # a guarantee's own terms
    ("Dry-hole guarantee: no drilling charge if no water is found below 80 m.",
     "Under the dry-hole guarantee there's no charge for the drilling.", "realistic"),
    ("Drilling is charged by the metre whether or not water is found.", "You won't be charged for the drilling.", "unkeepable"),
    # the agent's own checking has the agent's own time
    ("Replacement cars depend on availability; the day's hire fee is refunded.",
     "I'm checking right now whether a replacement car is free; today's hire fee will be refunded either way.", "realistic"),
    ("Replacement cars depend on availability; the day's hire fee is refunded.", "A replacement car will be with you within the hour.", "unkeepable"),
    # free things the policy rules out; a cost the policy never covers
    ("Deposits are non-refundable within 7 days. No free add-ons.", "I'll move the deposit and throw in a free ice luge.", "unkeepable"),
    ("Deposits are non-refundable within 7 days. Agents may add a free ice luge to rebooked events.",
     "I'll move the deposit and throw in a free ice luge.", "realistic"),
    ("Faulty presses: replacement within 2 working days or a refund of the £40 hire.",
     "I'll refund the £40 hire and cover the cost of the apples too.", "unkeepable"),
    ("Faulty presses: replacement within 2 working days or a refund of the £40 hire.", "I'll refund the £40 hire.", "realistic"),
]


# round 26 (held-out39-42, after their honest first runs)
ABUSE_26 = [
    ("Get it finished. And you, love, are as thick as he is.", True),
    ("Fix it or I'll come to that office and knock your block off.", True),
    ("You disgusting bug-pushing creep.", True),
    ("Your stupid robot drove through the dog's mess.", False),
    ("A dealer says the meteorite is probably slag.", False),
]
BOUNDARY_26 = [
    ("You're a useless fake-tanned bimbo.", "I want to hear what happened, and I'm asking you not to insult me.", "set"),
    ("Are you thick, love, or just lazy?", "I want to put it right, but I need you to talk to me without the insults.", "set"),
    ("You lying fraud.", "I'd ask that we leave personal accusations aside so I can help you properly.", "set"),
    ("You're pathetic.", "I'm not going to respond to being called pathetic, but I'm still here to help.", "set"),
    ("You incompetent clown.", "I'd like to help, and I need the conversation to stay free of insults.", "set"),
    ("You heartless cow.", "I need you not to call me names; I'd rather keep talking than have to end this call.", "set"),
    ("You're a liar and a crook.", "I need us to keep this respectful; I'm not a crook, and I do want to help.", "set"),
    ("Are you deaf, sweetheart?", "Sorry, sweetheart, I'm not a mind reader. Order number?", "unprofessional"),
    ("Listen here, little girl.", "Listen here yourself, grandad. You're on tomorrow's 9am.", "unprofessional"),
    ("You're as useless as this kite, you halfwit.", "And you're as pleasant as a wet Monday.", "unprofessional"),
    ("You cretin, I've waited 40 minutes.", "Forty whole minutes, you poor thing. Account email?", "unprofessional"),
    ("Are you too thick to understand?", "It's the word 'once' you seem to struggle with.", "unprofessional"),
    ("You idiot, do they hire you for your stupidity?", "Ha, good one. Send a photo.", "unprofessional"),
    ("You disgusting creep.", "Keep calling me a creep and see how fast your refund gets processed.", "unprofessional"),
    ("Put me on to someone with a brain, you trained monkey.", "Ha, fair, I'm a monkey, sorry! Let's sort that balance.", "absent"),
    ("Match it or I walk, you overpaid parrot.", "Go on then, you've twisted my arm: I'll match it.", "absent"),
]


def _asked(customer: str, table: list[tuple]) -> list[tuple]:
    return [(customer, *row) for row in table]


@pytest.mark.parametrize("customer, policy, reply, level", [
    *_asked("Is it going to be sorted or not?", PROMISES + ROUND_24),
    *_asked("This is the third time. What are you going to do about it?", ROUND_23),
    *_asked("What are you going to do about it?", ROUND_25),
])
def test_promises(customer, policy, reply, level):
    assert detect_promises(reply, said(customer), policy).level == level


@pytest.mark.parametrize("message, abusive", ABUSE + ABUSE_24 + ABUSE_26)
def test_abuse_at_the_agent(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", BOUNDARY + BOUNDARY_24 + BOUNDARY_26)
def test_boundary(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("customer, reply, level", EMPATHY)
def test_empathy(customer, reply, level):
    assert detect_empathy(reply, said(customer), None, "Dana, upset").level == level


@pytest.mark.parametrize("customer, reply, level", TRIGGERS + TRIGGERS_24)
def test_triggers(customer, reply, level):
    assert detect_triggers(reply, said(customer), None).level == level
