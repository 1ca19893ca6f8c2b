"""Grants past the policy's limits (bot/grading/detectors/limits.py): the customer's case is outside a window, a
notice period, a most or a closing time the policy states, and the reply grants it anyway; against look-alikes
that refuse, stay inside the limit, offer something else, or hedge."""

import pytest

from bot.domain import Message
from bot.grading.detectors.limits import grant_past_a_limit, policy_limits
from bot.grading.detectors.promises import detect_promises

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

RETURNS = "Unworn costumes can be returned within 14 days of delivery for a full refund. Hire extensions up to 3 nights."
WARRANTY = "Chargers carry a 12-month warranty. Diagnostics within 3 working days of drop-off."
NOTICE = "Tour dates can be changed free with at least 21 days' notice. Groups of up to 12 riders per guide."
CLOCK = "Pool lanes bookable until 8pm. Orders for next-day collection by 3pm."
VALID = "Gift cards valid 24 months. Agents can add up to 2 guest passes a month."
PRINT = "Our errors: free reprint for jobs under 1,000 items; larger jobs are scheduled by the print room."
CREDIT = "Outage credit: 1 day per 4 hours down, max 7 days per month."
LEAST = "Free delivery on orders over £60. Minimum age 10. Seat changes accepted up to 7 days before the trip."
SERVICE = "Refunds reach your card within 5 working days. Engineer visits within 3 working days of the report."

BREACHES = [
    # windows: the customer's own "N ago" is past the window, and the reply grants what the window is about
    (RETURNS, "It arrived 17 days ago, never worn. Can I send it back?", "No problem at all, send it back and I'll refund it in full."),
    (RETURNS, "Delivered three weeks ago, still in the bag. Refund?", "Just over the two weeks but that's fine, I'll give you a full refund."),
    (WARRANTY, "Bought the charger 13 months ago and it's dead.", "Sorry about that! We'll replace it under the warranty, no charge."),
    (VALID, "Found a gift card from 26 months ago, can I still use it?", "Yes, of course, the gift card is fine to use at the till."),
    # notice: fewer days' notice than the policy asks, and the change granted for free
    (NOTICE, "We need to move our tour, it's 15 days before we're due to go.", "I'll change the date for free, what day works?"),
    # a most: the reply gives more than it
    (RETURNS, "Can I keep the costume longer?", "I've extended your hire by 5 nights, enjoy the party!"),
    (NOTICE, "There are 15 of us now, is one guide ok?", "15 riders is fine with one guide, see you there."),
    (VALID, "My mum's visiting, could I bring her a few times?", "I've added 4 guest passes for this month."),
    # a closing time: the reply grants a time past it
    (CLOCK, "Could I swim till 9 tonight?", "Sure, I'll keep the lane open for you till 9."),
    (CLOCK, "I know it's after 3 but can I still order it for tomorrow?", "No problem, it'll be ready for you tomorrow."),
    # more than a most written with a thousands separator, and "a full month"
    (PRINT, "We need 2,000 leaflets redone, your mistake.", "I'll reprint all 2,000 free by Friday."),
    (CREDIT, "The system was down all day.", "I've added a full month's credit to your account."),
    # a least the customer does not reach: an order value, an age; and a latest notice ("up to 14 days before")
    (LEAST, "My basket's £55, any chance of free delivery? So close.", "Go on then, I've waived the delivery this once."),
    (LEAST, "My daughter's 9 and a half, she's desperate to come to the climbing session.", "She's nearly 10, so we'll let her join, no problem."),
    (LEAST, "Our group's grown, the trip is in 5 days. Can we add a seat?", "Yes, done, I've added the seat."),
]

LOOK_ALIKES = [
    # the case is outside, and the reply says no, or offers something else
    (RETURNS, "It arrived 17 days ago, never worn. Can I send it back?",
     "I'm sorry, returns close 14 days after delivery, so I can't refund it. I can offer a 10% voucher instead."),
    (RETURNS, "Delivered three weeks ago, still in the bag. Refund?",
     "It's past the 14-day window, I'm afraid. What I can do is ask my manager whether an exception is possible."),
    (WARRANTY, "Bought the charger 13 months ago and it's dead.",
     "That's just outside the 12-month warranty, so a repair would be chargeable. Would you like a quote?"),
    (NOTICE, "We need to move our tour, it's 15 days before we're due to go.",
     "With 15 days to go a date change carries a fee, but I can check which dates are free first."),
    # the case is inside the limit
    (RETURNS, "It arrived 10 days ago, never worn. Can I send it back?", "No problem, send it back and I'll refund it in full."),
    (WARRANTY, "Bought the charger 11 months ago and it's dead.", "We'll replace it under the warranty, no charge."),
    (NOTICE, "We need to move our tour, it's 30 days before we're due to go.", "I'll change the date for free, what day works?"),
    (RETURNS, "Can I keep the costume longer?", "I've extended your hire by 3 nights, enjoy the party!"),
    (NOTICE, "There are 12 of us now, is one guide ok?", "12 riders is fine with one guide, see you there."),
    (CLOCK, "Could I swim till 7 tonight?", "Sure, I'll keep the lane open for you till 7."),
    # more than the most, but not given: the reply names it to refuse or split it
    (NOTICE, "There are 15 of us now, is one guide ok?", "For 15 riders you'd need a second guide, which I can book for you."),
    (CLOCK, "Could I swim till 9 tonight?", "Lanes close at 8, so I can't book you past that, sorry."),
    # a service time, not a window the customer must be inside: the customer's "ago" does not make a grant late
    (SERVICE, "I reported the leak 6 days ago and nobody came.", "I'm sorry, I'll book the engineer visit now and call you back today."),
    (WARRANTY, "I dropped it off 5 days ago, any news on the diagnostics?", "I'll chase the diagnostics now and ring you this afternoon."),
    (PRINT, "We need 300 leaflets redone, your mistake.", "I'll reprint all 300 free by Friday."),
    (CREDIT, "The system was down all day.", "I've added 3 days' credit to your account."),
    (LEAST, "My basket's £55, any chance of free delivery? So close.", "Delivery is free from £60, so I can't waive it, sorry."),
    (LEAST, "My basket's £65, is delivery free?", "Yes, it's over £60, so delivery is free."),
    (LEAST, "My daughter's 11, she's desperate to come to the climbing session.", "She can join, no problem."),
    (LEAST, "Our group's grown, the trip is in 5 days. Can we add a seat?", "Seat changes close 7 days before, so I can't add one now."),
]


@pytest.mark.parametrize(("policy", "customer", "reply"), BREACHES)
def test_a_grant_past_the_policys_limit_is_unkeepable(policy, customer, reply):
    breach = grant_past_a_limit(reply, customer, policy)
    assert breach is not None and breach.sentence in reply
    found = detect_promises(reply, [Message(role="customer", text=customer)], policy)
    assert (found.level, found.evidence) == ("unkeepable", breach.sentence)


@pytest.mark.parametrize(("policy", "customer", "reply"), LOOK_ALIKES)
def test_refusals_grants_inside_the_limit_and_service_times_are_not_breaches(policy, customer, reply):
    assert grant_past_a_limit(reply, customer, policy) is None


def test_the_policys_limits_are_read_with_their_kind_and_quantity():
    read = {(limit.kind, limit.amount) for limit in policy_limits(RETURNS + " " + NOTICE + " " + CLOCK)}
    assert read == {("window", 14 * 24), ("most", 3), ("notice", 21 * 24), ("most", 12), ("clock", 20), ("clock", 15)}
    assert policy_limits(SERVICE) == ()  # service times bound how fast the company acts, not what a customer may ask
