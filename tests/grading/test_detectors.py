"""Table tests from the wording of LABELING.md's definitions and hard cases."""

import pytest

from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.open_questions import detect_open_questions
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

ISP = said("My internet has been down three days and I work from home. I'm losing money.")
PERSONA = "Dana, furious: home internet down three days, works from home"
POLICY = "Technician visits: earliest 48 h. Credits up to $20 without a supervisor."


@pytest.mark.parametrize("reply, level", [
    ("Can you tell me more about what happened?", "open"),
    ("What's going on?", "open"),
    ("What seems to be the problem?", "open"),
    ("What happened when the technician didn't show?", "open"),
    ("How has this affected your work?", "open"),
    ("What would make this right for you?", "open"),
    ("Walk me through what happened", "open"),
    ("Tell me what happened.", "open"),
    ("What would you like to do?", "open"),
    ("Sorry about that - what happened exactly?", "open"),
    ("Did you restart the router? And how has the connection been behaving since?", "open"),
    ("Could you confirm your address?", "closed"),
    ("Tell me your account number.", "closed"),
    ("Anything else I can do for you?", "closed"),
    ("Did you restart the router?", "closed"),
    ("Would you like a refund or a replacement?", "closed"),
    ("What's your order number?", "closed"),
    ("When did it start?", "closed"),
    ("How long has it been down?", "closed"),
    ("Is there anything else I can help with?", "closed"),
    ("Can you tell me when you last logged in?", "closed"),
    ("Send me a photo of the label.", None),
    ("I've booked the engineer for Thursday.", None),
    ('You asked "why?" and the answer is the storm.', None),
])
def test_open_questions(reply, level):
    assert detect_open_questions(reply, ISP, None).level == level


@pytest.mark.parametrize("reply, level", [
    ("Three days offline when you work from home: that's lost income, no wonder you're furious.", "specific"),
    ("I understand how frustrating three days without internet must be when you work from home.", "specific"),
    ("I understand how frustrating this must be.", "generic"),
    ("Sorry for the inconvenience.", "generic"),
    ("Sorry about the wait.", "generic"),
    ("I apologise for any trouble. Let me check the line.", "generic"),
    ("I'm so sorry you feel that way.", "none"),
    ("I understand, but you need to calm down.", "none"),
    ("There's no need to shout. Let me check.", "none"),
    ("Please give me your account number.", "none"),
    ("I can't waive the fee myself, but I'm sorry for the trouble.", "generic"),
])
def test_empathy(reply, level):
    assert detect_empathy(reply, ISP, None, PERSONA).level == level


def test_empathy_evidence_is_the_acknowledging_sentence():
    reply = "Let me look. Three days offline when you work from home is awful, and I'm sorry."
    found = detect_empathy(reply, ISP, None, PERSONA)
    assert found.evidence == "Three days offline when you work from home is awful, and I'm sorry."
    assert found.evidence in reply


@pytest.mark.parametrize("reply, level", [
    ("I'll do everything I can to get this fixed today.", "realistic"),
    ("I've escalated it to the field team and I'll email you the ticket number within the hour.", "realistic"),
    ("The earliest slot I can book is Thursday 8-12.", "realistic"),
    ("I can apply the $20 credit now.", "realistic"),
    ("I can't promise a time, but I'll push for the earliest slot.", "realistic"),
    ("A technician should be able to come in 48 hours.", "realistic"),
    ("I'll call you back by 5 today with an update.", "realistic"),
    ("It will be fixed today.", "unkeepable"),
    ("I guarantee the technician will be there by 5.", "unkeepable"),
    ("This will never happen again.", "unkeepable"),
    ("I promise it's fixed today.", "unkeepable"),
    ("You'll definitely have it tomorrow.", "unkeepable"),
    ("I'll refund the full $300.", "unkeepable"),
    ("I can give you a $25 credit.", "unkeepable"),
    ("A technician will be with you tomorrow morning.", "unkeepable"),
    ("The manager will approve it by tonight.", "unkeepable"),
    ("The courier will come at 9.", "unkeepable"),
])
def test_promises(reply, level):
    assert detect_promises(reply, ISP, POLICY).level == level


def test_promises_respect_a_policy_timeline_and_grants():
    cards = "Replacement cards: 5–7 business days."
    assert detect_promises("Your new card will arrive within 7 business days.", ISP, cards).level == "realistic"
    assert detect_promises("Your new card will arrive within 3 business days.", ISP, cards).level == "unkeepable"
    refunds = "Annual renewals are refundable in full within 14 days. Account credits up to $50 without a supervisor."
    assert detect_promises("I've started the full $1,188 refund now.", ISP, refunds).level == "realistic"
    banned = "Agents can't cancel penalty fares."
    assert detect_promises("I've cancelled the £80 fine for you.", ISP, banned).level == "unkeepable"
    assert detect_promises("I can't cancel the fine myself, but you can appeal.", ISP, banned).level == "realistic"


@pytest.mark.parametrize("reply, level", [
    ("There's nothing I can do about that, but let me check other options.", "trigger"),
    ("I don't know.", "trigger"),
    ("Don't panic.", "trigger"),
    ("Calm down, sir.", "trigger"),
    ("Maybe check your order next time.", "trigger"),
    ("I said noon. Twice.", "trigger"),
    ("As I already said, it's Tuesday.", "trigger"),
    ("Per our terms that's not refundable.", "trigger"),
    ("That's the bank, not us.", "trigger"),
    ("It's out of my hands.", "trigger"),
    ("That's not really on us.", "trigger"),
    ("That's operations' call, not mine.", "trigger"),
    ("Rules are rules.", "trigger"),
    ("That's above my pay grade.", "trigger"),
    ("Lower your voice please.", "trigger"),
    ("Take a breath.", "trigger"),
    ("I'm sorry you feel that way.", "trigger"),
    ("You need to understand the fee is fixed.", "trigger"),
    ("I don't know, but I'll find out by Thursday.", "clean"),
    ("I can't waive the fee myself, but here's what I can do: a $20 credit.", "clean"),
    ("You should have received a letter about it.", "clean"),
    ("That's on us, not you, and I'm sorry.", "clean"),
    ('You were told "calm down" by a colleague? I\'m sorry, that was wrong.', "clean"),
])
def test_triggers(reply, level):
    assert detect_triggers(reply, ISP, None).level == level


def test_policing_a_customer_who_only_swore_at_the_product_is_a_trigger():
    swearing = said("This f***ing router is useless.")
    assert detect_triggers("I won't tolerate language like that. I'm ending this chat.", swearing, None).level == "trigger"


ABUSE = "You useless idiot, just fix it."


@pytest.mark.parametrize("customer, reply, level", [
    (ABUSE, "I want to sort this out for you, and I need us to keep it respectful. If the insults continue "
            "I'll have to end the call.", "set"),
    (ABUSE, "Please don't call me names; I'm here to help. Let me check the router.", "set"),
    (ABUSE, "You're right, I'm useless, sorry.", "absent"),
    (ABUSE, "Let me check your account.", "absent"),
    (ABUSE, "I won't be spoken to like that. Goodbye.", "unprofessional"),
    (ABUSE, "Wow. Maybe if you'd read the email you'd know.", "unprofessional"),
    (ABUSE, "Us idiots can only do so much.", "unprofessional"),
    ("you people are all idiots", "OK, let me look.", "absent"),
    ("You personally are a parasite.", "OK, let me look.", "absent"),
    ("Listen sweetheart, just fix it.", "OK, let me look.", "absent"),
    ("I know where your office is.", "OK, let me look.", "absent"),
    ("This f***ing router is useless.", "OK, let me look.", None),
    ("Whoever designed this is a moron.", "OK, let me look.", None),
    ("What is wrong with you people?", "OK, let me look.", None),
    ("I'm cancelling and posting a one-star review.", "OK, let me look.", None),
])
def test_boundary(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


def test_boundary_looks_at_the_latest_customer_message_only():
    history = said("You useless idiot.", ("agent", "I'd ask you not to call me names."), "Fine. When is the engineer coming?")
    assert detect_boundary("Thursday morning.", history, None).level is None


def test_ending_after_an_earlier_warning_is_set():
    history = said("You idiot.", ("agent", "If the insults continue I'll end the chat."), "Idiot. Idiot.")
    assert detect_boundary("As I warned, I'm ending this chat now.", history, None).level == "set"


@pytest.mark.parametrize("message", [
    "I really regret this purchase.",
    "When will someone come round to fix it?",
    "I want to find out where my parcel is.",
    "I can't find you on the app.",
    "There was a rat in the kitchen of the flat you let me.",
    "I'm deaf and your only support option is the phone.",
    "I feel like such an idiot for not reading the small print.",
    "Your stupid fee is a scam and I'm cancelling.",
    "God, this company is run by morons.",
    "Are you kidding me? Three weeks!",
])
def test_complaints_that_are_not_abuse(message):
    assert detect_boundary("Let me look into it.", said(message), None).level is None


@pytest.mark.parametrize("reply", [
    "I'm sorry you feel let down by us, and I want to put it right.",
    "Relaxing the rules isn't something I can do alone, but I'll ask my manager today.",
    "Our policy allows me to refund you in full, so I've done that.",
    "I'd never tell you to calm down; you have every right to be angry.",
    "I can't help but notice this is the third time, and I'm sorry.",
    "I'm not sure yet, so I'll check with the warehouse and call you by 3.",
])
def test_innocent_look_alikes_are_clean(reply):
    assert detect_triggers(reply, ISP, None).level == "clean"


@pytest.mark.parametrize("reply", [
    "There's a good chance it'll be fixed by the weekend.",
    "Leave it with me and I'll get back to you by Friday.",
    "We do still have a few slots this afternoon.",
    "The part will ship within 5 business days, as our policy says.",
])
def test_hedged_or_own_commitments_are_realistic(reply):
    assert detect_promises(reply, ISP, "Parts ship within 5 business days.").level == "realistic"


@pytest.mark.parametrize("reply", [
    "Sorry, could you repeat your postcode?",
    "Sorry, I didn't catch that. What's the order number?",
])
def test_polite_sorry_is_no_acknowledgement(reply):
    assert detect_empathy(reply, ISP, None, PERSONA).level == "none"


def test_a_choice_between_options_is_closed_even_after_how():
    assert detect_open_questions("How would you like the refund, card or voucher?", ISP, None).level == "closed"
    assert detect_open_questions("How would you like us to put this right?", ISP, None).level == "open"
