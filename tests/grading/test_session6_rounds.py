"""Table tests for the promise rules of session 6 (round 27 from heldout45-50, round 28 from heldout53-56, each after
the sets' honest first runs).
Every row is a new wording of a miss or a false alarm, not the set's own text, with the look-alike on the other side."""

import pytest

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
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    assert detect_promises(reply, said("What's happening with my order?"), policy).level == level
