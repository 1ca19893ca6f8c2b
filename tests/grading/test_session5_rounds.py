"""Table tests for the promise rules of session 5 (round 22, from held-out16/31/32 after their honest first runs).
Every row is a new wording of a miss, not the set's own text, with the look-alike on the other side."""

import pytest

from bot.grading.detectors.promises import detect_promises
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


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    assert detect_promises(reply, said("Is it going to be sorted or not?"), policy).level == level
