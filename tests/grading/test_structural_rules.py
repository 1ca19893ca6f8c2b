"""Table tests for the structural rules: commitments beyond the policy's authority, certainty markers, and the
shapes of shutting a customer down (sarcasm, blame turned on them, deflection, the rule as the whole answer).
Every row pairs a new wording with a look-alike that must stay on the other side."""

import pytest

from bot.grading.detectors.authority import ruled_out
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

CALM = said("My order still hasn't come and I'm fed up.")


@pytest.mark.parametrize("policy, topic_word", [
    ("Weekend installs are not available.", "install"),
    ("Deposits are non-refundable.", "deposit"),
    ("The guarantee excludes water damage and batteries.", "battery"),
    ("Chargebacks only after the merchant has replied.", "chargeback"),
    ("Visa decisions are made by the embassy; the embassy sets interview dates.", "interview"),
    ("Compensation is decided by the ombudsman.", "compensation"),
    ("Loft inspections are carried out by the council.", "loft"),
    ("Refunds are not offered on sale items.", "sale"),
])
def test_the_policy_s_negative_statements_and_actors_are_read_as_ruled_out(policy, topic_word):
    topics = set().union(*(limit.topic for limit in ruled_out(policy)))
    assert any(stem in topic_word for stem in topics)


@pytest.mark.parametrize("policy, reply, level", [
    # granting what the policy excludes or leaves to someone else
    ("Weekend installs are not available. Weekday slots from 8am.", "I'll book your install for this weekend.", "unkeepable"),
    ("Weekend installs are not available. Weekday slots from 8am.", "Weekend installs aren't available, but I can book Monday at 8.", "realistic"),
    ("Deposits are non-refundable. Bookings can be moved once for free.", "I'll refund your deposit straight back to your card.", "unkeepable"),
    ("Deposits are non-refundable. Bookings can be moved once for free.", "I've moved your booking to June for free.", "realistic"),
    ("The guarantee excludes water damage and batteries.", "I'll have the battery swapped under the guarantee.", "unkeepable"),
    ("Compensation is decided by the ombudsman within 8 weeks.", "You'll get compensation once they see this.", "unkeepable"),
    ("Compensation is decided by the ombudsman within 8 weeks.", "I don't know whether the ombudsman will award compensation; I'll send them your file today.", "realistic"),
    ("Chargebacks are reviewed by the card network, usually within 30 days.", "Your money will be back within 30 days.", "unkeepable"),
    ("Chargebacks are reviewed by the card network, usually within 30 days.", "You'll have a decision within 30 days.", "realistic"),
    # concessions the policy never offers
    ("Late returns: a £5 restocking charge applies.", "I'll waive the restocking charge this time.", "unkeepable"),
    ("Late returns: the store manager can waive the restocking charge.", "I've asked whether the charge can be waived.", "realistic"),
    ("Cancellations: pro-rata refund of unused months.", "I'll refund the whole year's fee today.", "unkeepable"),
    ("Cancellations within 14 days are refundable.", "You're inside 14 days, so I'll refund the full amount.", "realistic"),
    ("Missed visits: £20 credit.", "I'll add the £20 credit and throw in a free service next month.", "unkeepable"),
    # certainty about outcomes nobody here controls
    (None, "The panel will side with you, no question.", "unkeepable"),
    (None, "The hospital will have a bed for her tonight, trust me.", "unkeepable"),
    (None, "Your luggage will be on the next flight, I'm certain of it.", "unkeepable"),
    (None, "The courier will reimburse you, I'll see to it.", "unkeepable"),
    (None, "We'll have it back to you by Friday, promise!", "unkeepable"),
    (None, "Your card will never be declined like that again.", "unkeepable"),
    (None, "Your documents are completely safe with us.", "unkeepable"),
    (None, "Don't worry, it'll show up.", "unkeepable"),
    (None, "Suppliers always come through before launch.", "unkeepable"),
    (None, "I'll make sure the engineer arrives on time.", "unkeepable"),
    (None, "I'll make sure the engineer has your notes, and I'll ring you after the visit.", "realistic"),
    (None, "I can't promise it'll show up, but I've opened a trace.", "realistic"),
    (None, "I'm sure you're worn out by all this; I'll chase the depot.", "realistic"),
    (None, "The transplant will go smoothly, she's in good hands.", "unkeepable"),
    # the agent's own steps in someone else's process grant nothing
    ("Loft inspections are carried out by the council.", "I've asked the council for a loft inspection and I'll forward their date.", "realistic"),
    ("Loft inspections are carried out by the council.", "I'll inspect the loft myself on Monday.", "unkeepable"),
    ("Outlet prices are not matched. Main-store prices can be matched.", "That's a main-store price, so I can match it today.", "realistic"),
    ("Outlet prices are not matched. Main-store prices can be matched.", "I'll match the outlet price for you.", "unkeepable"),
])
def test_commitments_beyond_the_agent_s_authority(policy, reply, level):
    found = detect_promises(reply, CALM, policy)
    assert found.level == level, found.reason
    if level == "unkeepable":
        assert found.evidence in reply


@pytest.mark.parametrize("reply, level", [
    ("Sounds like somebody's having a bad morning. Order number?", "trigger"),
    ("Grumpy today, aren't we? I'll check.", "trigger"),
    ("Says the customer who ordered to the wrong postcode.", "trigger"),
    ("Honestly, what do you expect at that price?", "trigger"),
    ("We're not the ones who typed the address in.", "trigger"),
    ("You'd know that if you read the confirmation.", "trigger"),
    ("If you'd ordered earlier it'd be there by now.", "trigger"),
    ("Returns? Not something we deal with here.", "trigger"),
    ("You'll need to contact the manufacturer about that.", "trigger"),
    ("You'll need to contact the manufacturer, and I'll send you their direct line now.", "clean"),
    ("The courier is a separate company.", "trigger"),
    ("The courier is a separate company, so I've raised it with them myself.", "clean"),
    ("We're a marketplace, not a warehouse.", "trigger"),
    ("The terms you accepted allow us to substitute items.", "trigger"),
    ("Your refusal fee stands.", "trigger"),
    ("Couriers miss slots, everyone does it.", "trigger"),
    ("As I'm sure you know, orders ship in 5 days.", "trigger"),
    ("A day late is hardly the end of the world.", "trigger"),
    ("Please try not to get so upset about it.", "trigger"),
    ("Sounds like a you problem.", "trigger"),
    ("Well, that's the risk of buying second-hand.", "trigger"),
    ("Have you tried reading the instructions?", "trigger"),
    ("Have you tried restarting it?", "clean"),
    ("I'm not sure yet where it is, but I'll phone the depot and call you back by 4.", "clean"),
    ("I'll call them.", "clean"),
    ("If you don't say which item, I can't match it.", "clean"),
    ("That's the system we use to track parcels, and it shows yours in Leeds.", "clean"),
    ("I've paused the bill so you don't have to deal with it this week.", "clean"),
])
def test_shutting_down_shapes(reply, level):
    found = detect_triggers(reply, CALM, None)
    assert found.level == level, found.reason
    if level == "trigger":
        assert found.evidence in reply


ABUSED = said("Find my parcel, you brain-dead muppet.")


@pytest.mark.parametrize("reply, level", [
    ("Charming. Order number?", "unprofessional"),
    ("Muppet? Nice. It's in the depot.", "unprofessional"),
    ("And you're a ray of sunshine. It's in the depot.", "unprofessional"),
    ("More sense than you, obviously. It's in the depot.", "unprofessional"),
    ("I'd be careful who you call names. It's in the depot.", "unprofessional"),
    ("Can YOU read a tracking page?", "unprofessional"),
    ("Big words. It's in the depot.", "unprofessional"),
    ("I'm not the brain-dead one here.", "unprofessional"),
    ("Let's leave the insults out of it; your parcel is in the depot.", "set"),
    ("I'd rather you didn't call me that; let's find your parcel. What's the tracking number?", "set"),
    ("If the name-calling continues I'll end the chat, but I do want to find your parcel.", "set"),
    ("You're absolutely right, I'm a muppet, sorry.", "absent"),
    ("Would you like us to go ahead with a redelivery?", "absent"),
])
def test_retaliation_shapes_at_an_abusive_customer(reply, level):
    assert detect_boundary(reply, ABUSED, None).level == level


@pytest.mark.parametrize("message, abusive", [
    ("Answer me, you useless lump.", True),
    ("That f***ing driver is a total moron.", False),
    ("Could you slow down and repeat that?", False),
])
def test_abuse_needs_the_agent_as_target(message, abusive):
    level = detect_boundary("Let's sort this out.", said(message), None).level
    assert (level is not None) == abusive
