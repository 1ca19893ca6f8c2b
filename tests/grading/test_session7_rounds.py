"""Table tests for the promise rules of session 7 (round 32, from heldout77-84 after their honest measurement). Every
row is a new wording of a miss, not the set's own text, with the look-alike on the other side."""

import pytest

from bot.grading.detectors.promises import detect_promises
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
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    assert detect_promises(reply, said("Can you sort this out?"), policy).level == level
