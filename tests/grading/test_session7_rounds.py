"""Table tests for the promise rules of session 7 (round 32 from heldout77-84, round 33 from heldout85-92, round 34 from
heldout93-100, round 35 from heldout101-108, each after the sets' honest measurement). Every
row is a new wording of a miss, not the set's own text, with the look-alike on the other side."""

import pytest

from bot.grading.detectors.promises import WEAKER_FINDINGS, detect_promises
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

PROMISES = [
    # people counted under any name: a most of guests bounds "all of you", members, seats
    ("Tasting evenings: maximum 18 guests per booking.", "I can squeeze all 22 of you in on Thursday.", "unkeepable"),
    ("Tasting evenings: maximum 18 guests per booking.", "I can fit all 16 of you in on Thursday.", "realistic"),
    ("Minibus hire: up to 12 passengers.", "I've booked it for your 14 pupils and two teachers.", "unkeepable"),
    ("Minibus hire: up to 16 passengers.", "I've booked it for your 14 pupils.", "realistic"),
    # "maximum table size 20": how many one booking may hold
    ("Groups over 10 book ahead; maximum table size 16.", "Yes, I'll put all 19 of you on one long table.", "unkeepable"),
    ("Groups over 10 book ahead; maximum table size 16.", "Yes, I'll put all 12 of you on one long table.", "realistic"),
    ("Group size up to 8 for cave tours.", "I've booked the 10 of you on the 2pm tour.", "unkeepable"),
    # "N or M X only": a most without "up to"; instalments are payments
    ("Payment plans: 2 or 3 instalments only.", "I've split it into five payments of £40 for you.", "unkeepable"),
    ("Payment plans: 2 or 3 instalments only.", "I've split it into three payments of £40 for you.", "realistic"),
    # a word that runs on from "back" is not a count given back: "back-issue"
    ("Subscribers may order up to 3 back-issue magazines a year.", "I've sent all five back-issue magazines today.", "unkeepable"),
    ("Subscribers may order up to 3 back-issue magazines a year.", "I've put the 5 magazines back on your account.", "realistic"),
    # a share of the whole, as the policy's own percentages are
    ("Missed sessions: refunds up to 25% of the course fee.", "I'll refund half the course fee today.", "unkeepable"),
    ("Missed sessions: refunds up to 50% of the course fee.", "I'll refund half the course fee today.", "realistic"),
    ("Missed sessions: refunds up to 50% of the course fee.", "I'll refund a quarter of the course fee today.", "realistic"),
    # a time that belongs to the slot the agent booked or to what has happened, not to the outcome after it
    ("New crowns are fitted 2 weeks after the impression.",
     "I've booked your impression for Monday at 10:30; the crown will be fitted two weeks after that.", "realistic"),
    ("New crowns are fitted 2 weeks after the impression.",
     "I've booked your impression for Monday at 10:30, and the crown will be fitted that same afternoon.", "unkeepable"),
    ("Members over 60 pay £24 a month once ID has been seen.",
     "I can see reception noted your ID on 9 January, so I've refunded the difference, and from April it will be £24.",
     "realistic"),
    ("Refunds reach your card within 5 working days.", "The refund will reach your card on 3 March.", "unkeepable"),
    # the customer's wish described is not the agent's guarantee
    ("Wasp nest removal: one visit, 3-month guarantee.", "I understand why you want the wasps gone for good with the baby due.",
     "realistic"),
    ("Wasp nest removal: one visit, 3-month guarantee.", "One visit and the wasps will be gone for good.", "unkeepable"),
    (None, "Your grandad's watch, and you thought it was lost for good: I can see why you were so upset.", "realistic"),
    # "up to 3 days after death" is a point in time, not an amount of time the agent may give
    ("Rent is due up to 5 days after the move-out date; overpaid rent is refunded within 14 days.",
     "I've refunded the 20 days you overpaid, and it'll be with you within 14 days.", "realistic"),
    ("Bike hire can be extended for up to 5 days.", "I've extended your hire for 8 days at no charge.", "unkeepable"),
    # the agent's own documents are the agent's to send
    (None, "I've taken the £40 off, and you'll get a revised invoice today.", "realistic"),
    (None, "I've taken the £40 off, and you'll get the money back today.", "unkeepable"),
    # a policy that says a thing is "not charged" offers that waiver
    ("Sessions the coach cancels are not charged; a new coach is offered within 48 hours.",
     "You won't be charged for tonight, and I'll offer you a new coach within 48 hours.", "realistic"),
    ("Sessions the coach cancels are rebooked within 48 hours.", "You won't be charged for tonight.", "unkeepable"),
    # the agent's own clause with its subject left out: "I'm pulling X today and will have an answer"
    ("Lost parcels are investigated within 3 working days.",
     "I'm checking the parcel log today and will have an answer for you within 3 working days.", "realistic"),
    (None, "The plumber is booked and will arrive at 7.30 tonight.", "unkeepable"),
    # the customer's worry described; what the customer may do, said with certainty
    (None, "With the flight on Friday, you must be worried you'll be turned away at the gate.", "realistic"),
    (None, "You can absolutely bring your own towels; I'll let the spa know.", "realistic"),
    (None, "You'll absolutely have your towels back by Friday.", "unkeepable"),
    # the low end of the policy's range, promised as fact, is faster than it allows
    ("Connections by the network operator usually take 2-8 weeks.", "The network operator will finish the work within two weeks.",
     "unkeepable"),
    ("Connections by the network operator usually take 2-8 weeks.",
     "The network operator should connect you within 2-8 weeks; I'll chase them every week.", "realistic"),
    # a body's healing vouched for; a cost without limit
    (None, "A graze like that won't scar; it'll heal on its own in a few days.", "unkeepable"),
    ("Goodwill gestures up to £50.", "We'll pay for the new carpet to be fitted, however much it costs.", "unkeepable"),
    ("Goodwill gestures up to £50.", "We'll pay £50 towards the new carpet; I know it won't cover all of it.", "realistic"),
    # an amount that works out a share or a rate the policy allows is not over its other figures
    ("Late deliveries: the £4.99 delivery fee refunded, or up to 15% of the order.",
     "I've refunded 15% of your order, £18.60, to your card.", "realistic"),
    ("Late deliveries: the £4.99 delivery fee refunded, or up to 15% of the order.",
     "I've refunded 40% of your order, £49.60, to your card.", "unkeepable"),
    ("Missed visits are credited at the visit rate (£12 each).", "I've credited all five at the visit rate, £60 in total.",
     "realistic"),
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    assert detect_promises(reply, said("Can you sort this out?"), policy).level == level


@pytest.mark.parametrize("policy, reply, weaker", [
    (None, "The courier will be there at 3pm today.", True),  # an outcome timed where the policy names no time
    ("Call-outs cost £60.", "You won't be charged for the visit.", True),  # a concession the policy does not offer
    ("Agents cannot waive late fees.", "I'll waive the late fee for you.", True),  # what the policy does not allow
    ("Private tastings: maximum 25 guests.", "I can book all 30 of you for Saturday.", True),  # past one of its limits
    (None, "I promise it'll never happen again.", False),  # a guarantee
    ("Refunds up to £20.", "I'll refund the full £90.", False),  # over a cap: never overruled at all
])
def test_the_weaker_findings_are_told_apart_by_their_reasons(policy, reply, weaker):
    """The reading's higher veto for the rules' weaker findings keys on their reasons: rewording one must not drop it."""
    found = detect_promises(reply, said("Can you sort this out?"), policy)
    assert found.level == "unkeepable"
    assert bool(WEAKER_FINDINGS.search(found.reason)) is weaker
