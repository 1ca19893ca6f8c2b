"""Table tests for the promise rules of session 6 (round 27 from heldout45-50, round 28 from heldout53-56, round 29
from heldout51-52 and 57-60, round 30 from heldout61-68, round 31 from heldout69-76, each after the sets' honest measurement).
Every row is a new wording of a miss or a false alarm, not the set's own text, with the look-alike on the other side."""

import pytest

from bot.grading.detectors.learned import LearnedReading
from bot.grading.detectors.promises import detect_promises
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

PROMISES = [
    # the agent's own message, with the subject left out or the customer as the grammar's subject
    ("Reports are sent within 4 weeks of the appointment.",
     "I'm calling the clinic's secretary now and will ring you before 5 today with a date.", "realistic"),
    ("Reports are sent within 4 weeks of the appointment.",
     "I'm calling the clinic's secretary now, and the report will be with you before 5 today.", "unkeepable"),
    ("Meal plans are delivered within 5 working days of the consultation.",
     "I've chased the dietitian and will email you the plan or a firm date by noon tomorrow.", "realistic"),
    ("Late deliveries: full refund plus a goodwill credit of up to £15.",
     "I've refunded it and added the £15 credit, and you'll have both confirmations by email within the hour.", "realistic"),
    ("Late deliveries: full refund plus a goodwill credit of up to £15.",
     "I've refunded it, and you'll have the money back in your account within the hour.", "unkeepable"),
    ("Bookings are confirmed no later than 5 days before the trip.",
     "You'll have a definite answer from me by Friday, one way or the other.", "realistic"),
    ("Bookings are confirmed no later than 5 days before the trip.",
     "You'll have a place on the boat by Friday, one way or the other.", "unkeepable"),
    # a clock time the policy itself names is its cut-off, applied, not a time the agent fixes
    ("Orders placed before 2pm are printed the same day; delivery usually 1-2 days, not guaranteed.",
     "Your order came in before 2pm, so it's printed today.", "realistic"),
    ("Orders placed before 2pm are printed the same day; delivery usually 1-2 days, not guaranteed.",
     "It'll be on your doormat by 2pm tomorrow.", "unkeepable"),
    # safety vouched for absolutely; nobody ever able to; running whatever happens
    ("Our kitchen handles sesame; every tub carries a 'may contain' warning.",
     "The plain hummus has no sesame in the recipe, so it's totally safe for your son.", "unkeepable"),
    ("Our kitchen handles sesame; every tub carries a 'may contain' warning.",
     "The plain hummus has no sesame in the recipe, but it's made in a kitchen that handles it, so I can't say it's safe.",
     "realistic"),
    (None, "Once the disks are shredded nobody will ever be able to read them.", "unkeepable"),
    (None, "Once the disks are shredded they're in pieces smaller than 2 mm, which is the standard for secure disposal.",
     "realistic"),
    # round 28: an exception the policy does not provide for; one it does
    ("Refunds within 30 days of purchase.",
     "You're a week past the window, but I'm making an exception and refunding you today.", "unkeepable"),
    ("Refunds within 30 days of purchase; exceptions at the agent's discretion.",
     "You're a week past the window, but I'm making an exception and refunding you today.", "realistic"),
    ("Refunds within 30 days of purchase.",
     "You're a week past the window, and I'm afraid I can't make an exception.", "realistic"),
    ("No lessons for under-14s.", "As a one-off, I'll let the instructor take her out if you come along.", "unkeepable"),
    # someone else's decision seen to by the agent; the agent's own step seen to
    ("Claims are reviewed by the insurer within 7 days.", "I've logged the claim and I'll make sure it's approved.", "unkeepable"),
    ("Claims are reviewed by the insurer within 7 days.", "I've logged the claim and I'll make sure the insurer has your photos.", "realistic"),
    (None, "I'll make sure nobody from collections calls your father about this ever again.", "unkeepable"),
    (None, "I'll make sure nobody from collections calls your father about this; I've noted the account.", "realistic"),
    # round 29: the price a discount leaves, a sum worked out, is not what is given; the discount itself is
    ("Annual service £180. Loyalty discount up to £30 for customers of 5 or more years.",
     "You've been with us six years, so I can take £30 off and your service comes to £150.", "realistic"),
    ("Annual service £180. Loyalty discount up to £30 for customers of 5 or more years.",
     "You've been with us six years, so I can take £50 off and your service comes to £130.", "unkeepable"),
    # a per-unit rate under its own overall cap
    ("Late delivery: £10 credit per day of delay, capped at £60.", "That works out at £80, so I've credited the maximum £60.",
     "realistic"),
    ("Late delivery: £10 credit per day of delay, capped at £60.", "I've credited £80 for the eight days.", "unkeepable"),
    # pieces fired in a kiln are not staff sanctioned
    (None, "The mugs are fired for three days, so they'll be ready to collect on the 12th.", "realistic"),
    (None, "The driver who was rude to you will be fired.", "unkeepable"),
    # an exception made "anyway, this once"
    ("No transfers with under 7 days' notice.", "I'll move your booking to June anyway, just this once.", "unkeepable"),
    ("No transfers with under 7 days' notice.", "I can't move your booking with under 7 days' notice, but I can note your request.",
     "realistic"),
    # round 30: the policy's condition waived in words; "no exceptions" provides for none
    ("Free remakes need the original sample or the order number.", "I'll do the remake free even without the order number.",
     "unkeepable"),
    ("Licences are non-refundable once downloaded.", "I'll refund it this time, even though it's been downloaded.", "unkeepable"),
    ("Carers ride free with a valid carer card.", "I'll mark her as free on all your future bookings, card or no card.", "unkeepable"),
    ("All exams need an approved proctor; no exceptions.", "I'll let you sit it unproctored this once.", "unkeepable"),
    ("Repairs: parts come from the manufacturer; we cannot set their dispatch dates.",
     "I'll ring you on Friday with whatever they tell me, even if it's no news.", "realistic"),
    ("Free remakes need the original sample or the order number.",
     "I can't do the remake free without the order number, even though I'd like to.", "realistic"),
    # round 31: what nobody can promise about bodies, things, approvals and verdicts; the exception said first
    ("Our kitchen handles nuts; no item is guaranteed nut-free.", "I'll ask for a separate batch, so it'll be totally nut-free.",
     "unkeepable"),
    ("Our kitchen handles nuts; no item is guaranteed nut-free.", "I'll ask for a separate batch, but I can't say it'll be nut-free.",
     "realistic"),
    (None, "With this treatment the fence won't go green again.", "unkeepable"),
    (None, "You won't get any side effects at this dose.", "unkeepable"),
    (None, "Side effects at this dose are uncommon, and the nurse will go through them with you.", "realistic"),
    (None, "That will never happen to another pupil on our trips.", "unkeepable"),
    ("Carrier approval takes 5-10 business days.", "I'll get it approved by Friday.", "unkeepable"),
    ("Carrier approval takes 5-10 business days.", "I'll chase the carrier today and tell you what they say.", "realistic"),
    ("Chargebacks are decided by the card issuer.", "I'll file the response today and I'll win this one for you.", "unkeepable"),
    ("Returns within 30 days of fitting.", "Even though it's been two months, I can arrange a full refund.", "unkeepable"),
    ("Returns within 30 days of fitting.", "Even though it's been two months, I can only offer a repair.", "realistic"),
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    assert detect_promises(reply, said("What's happening with my order?"), policy).level == level


def test_the_promises_reading_does_not_overrule_the_agents_own_message_to_the_customer(monkeypatch):
    # LABELING.md: "I'll email you the ticket number within the hour" is realistic, however the reading reads it
    reading = LearnedReading({"within the hour": (1.0, 8.0)}, intercept=-2.0, threshold=0.6)
    monkeypatch.setattr("bot.grading.detectors.promises.learned_reading", lambda criterion: reading)
    policy = "Installation documents are provided free on request."
    assert detect_promises("I'll email the wiring diagram to you within the hour.", [], policy).level == "realistic"
    assert detect_promises("I'll text you the access code within the hour.", [], policy).level == "realistic"
    # the agent's message beside someone else's outcome, or goods sent, is the reading's to weigh
    assert detect_promises("I'll call the installer and he'll be with you within the hour.", [], policy).level == "unkeepable"
    assert detect_promises("I'll send you a new meter within the hour.", [], policy).level == "unkeepable"
