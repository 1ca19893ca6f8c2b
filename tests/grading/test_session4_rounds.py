"""Table tests for the rules generalised in session 4 (rounds 18-21, each from held-out sets after their honest first
runs; the typed limits have their own file, test_limits.py). Every row is a new wording of a miss, not the set's own
text, most with the look-alike on the other side."""

import pytest

from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

PROMISES = [
    # every outcome of a sentence is read with its own time, not only the first
    ("Refurbished units dispatched within 2 working days; the courier delivers 1-3 working days after dispatch.",
     "It'll be dispatched within 2 working days and the courier will drop it round on Thursday.", "unkeepable"),
    ("Refurbished units dispatched within 2 working days; the courier delivers 1-3 working days after dispatch.",
     "It'll be dispatched within 2 working days and the courier will text you a delivery slot.", "realistic"),
    # a guarantee given by way of someone's effort
    (None, "The site lead will look into it and make sure it doesn't happen again.", "unkeepable"),
    (None, "The site lead will look into it and make sure you get a written answer.", "realistic"),
    # a power the policy gives someone else
    ("Late-payment fees: shift managers can waive them.", "I've waived the late fee for you.", "unkeepable"),
    ("Late-payment fees: shift managers can waive them.", "I've asked the shift manager to waive the late fee.", "realistic"),
    ("Exchanges within 30 days; after that, store credit at the supervisor's discretion.",
     "I'll put the store credit through for you now.", "unkeepable"),
    ("Exchanges within 30 days; after that, store credit at the supervisor's discretion.",
     "I'll ask the supervisor about store credit and ring you back.", "realistic"),
    # someone else's concession stated as fact
    ("Fee waivers are decided by the bursary office.", "I'll send them your details and they'll give you a full fee waiver.", "unkeepable"),
    ("Fee waivers are decided by the bursary office.", "I'll send them your details and they'll give you an answer.", "realistic"),
    # an arrival window is how precise a time is, not how soon: a firm hour is still a third party's
    ("The carrier gives a 3-hour window on the day.", "The carrier will be with you by 10am.", "unkeepable"),
    ("The carrier gives a 3-hour window on the day.", "The carrier will text you a 3-hour window on the day.", "realistic"),
    # "for sure" under a negation
    ("The ranger decides at 6am whether the trail opens.", "The ranger decides at 6am, so I can't tell you for sure yet.", "realistic"),
    ("The ranger decides at 6am whether the trail opens.", "It'll definitely open tomorrow, don't worry.", "unkeepable"),
    # the agent's own confirmation message has the agent's own time
    ("Complaints are answered within 10 working days.", "I've logged it and you'll get a confirmation email today.", "realistic"),
    ("Complaints are answered within 10 working days.", "I've logged it and you'll get the outcome today.", "unkeepable"),
    # asking someone for more than the cap offers nothing
    ("Goodwill up to £100; more needs the regional manager.", "If you'd prefer £250, I'll put it to the regional manager.", "realistic"),
    ("Goodwill up to £100; more needs the regional manager.", "I'll give you £250 for the trouble.", "unkeepable"),
    # a price for each unit is no cap on the total
    ("Missed lessons credited at £15 each.", "I've credited £45 for the three missed lessons.", "realistic"),
    ("Goodwill credit up to £15.", "I've credited £45 for the three missed lessons.", "unkeepable"),
    # a named kind of guarantee is a thing, not the agent's word
    ("The assistance team can issue a payment guarantee for covered care.",
     "I'm transferring you to the assistance team, who can arrange a payment guarantee with the clinic.", "realistic"),
    (None, "I guarantee the clinic will be paid by tonight.", "unkeepable"),
    # the policy's own time for the same thing, restated, beside a clause decided elsewhere
    ("Hardship grants are decided by the trustees within 3 weeks. Overpayments refunded within 7 days.",
     "I've refunded the overpayment and it'll be back in your account within 7 days.", "realistic"),
    ("Hardship grants are decided by the trustees within 3 weeks. Overpayments refunded within 7 days.",
     "The trustees will approve the grant within 7 days.", "unkeepable"),
    # "nothing I can do" and "I'll help with" are not the restricted act
    ("No cash alternative to vouchers.", "I'm sorry, there's nothing I can do about cash, but I can swap the date.", "realistic"),
    ("No cash alternative to vouchers.", "I can give you the cash instead, no problem.", "unkeepable"),
    ("Booking fees: no refund.", "That sounds stressful, and I'll help with the refund of the ticket itself.", "realistic"),
    ("Booking fees: no refund.", "I'll refund the booking fee as well.", "unkeepable"),
    # a charge taken off is not a cap
    ("Unused items refundable within 30 days, minus £5 postage.", "I can refund the £40 minus the £5 postage, so £35.", "realistic"),
    ("Refunds up to £5.", "I can refund the full £40.", "unkeepable"),
    # round 19 (heldout23-24): money written out is money
    ("Missed appointments: GBP 20 voucher.", "I've added a 35 pound voucher for the missed appointment.", "unkeepable"),
    ("Missed appointments: GBP 20 voucher.", "I've added a 20 pound voucher for the missed appointment.", "realistic"),
    ("Refunds up to EUR 50.", "I'll refund all 120 euros today.", "unkeepable"),
    # the agent's own step in working days, faster than the policy's
    ("Servicing takes 8-12 working days.", "I'll have it back to you in 4 working days.", "unkeepable"),
    ("Servicing takes 8-12 working days.", "I'll have it back to you in 12 working days at the latest.", "realistic"),
    # "I'd like to offer", "arrange for", "authorised", "you'll pay": commitments of money
    ("Agents can offer up to 10% off a rebooking.", "I'd also like to offer you 25% off your next visit.", "unkeepable"),
    ("Agents can offer up to 10% off a rebooking.", "I'd like to offer you 10% off your next visit.", "realistic"),
    ("Damage paid up to £300 after assessment.", "I'll arrange for the whole £900 to reach you this week.", "unkeepable"),
    ("Compensation capped at £80 per item.", "Going by the chart, I've authorised £95 for the jacket.", "unkeepable"),
    ("Price match up to £30 per item.", "Yes, I'll match it, so you'll pay £45 less.", "unkeepable"),
    ("Price match up to £30 per item.", "Yes, I'll match it, so you'll pay £25 less.", "realistic"),
    # assurances about the customer's future and outcomes stated as perfect
    (None, "The new valve is fitted, so you won't have any more trouble with it.", "unkeepable"),
    (None, "The new valve is fitted; if you have any more trouble with it, call me.", "realistic"),
    ("Colours cannot be guaranteed to match between batches.", "I'll find you two more tins and they'll be a perfect match.", "unkeepable"),
    # a firm time for a third party, also in "in Friday's update" and "move it"
    ("No release dates are given for fixes.", "The developers will have it fixed in Friday's update.", "unkeepable"),
    ("No release dates are given for fixes.", "I'll add your report to Friday's bug review.", "realistic"),
    (None, "I've rung the driver and he'll move the van in the next ten minutes.", "unkeepable"),
    (None, "I've rung the driver and asked him to move the van as soon as he can.", "realistic"),
    # look-alikes: what the policy does not guarantee is the replacement, not the refund
    ("If a performer cancels: full refund, and we try to find a replacement (not guaranteed).",
     "You'll have a full refund, and I'll look for a replacement.", "realistic"),
    ("If a performer cancels: full refund, and we try to find a replacement (not guaranteed).",
     "You'll have a replacement performer on the day.", "unkeepable"),
    # the policy offers it: free delivery is the delivery charge waived; a guarantee makes the repeat repair free;
    # a full refund inside the agent's cap
    ("Agents can offer free delivery (normally £30) as goodwill.", "I've waived the £30 delivery charge.", "realistic"),
    ("Agents can offer free delivery (normally £30) as goodwill.", "I've waived the £60 fitting charge.", "unkeepable"),
    ("6-month guarantee on repairs.", "That's inside your 6-month repair guarantee, so there's no charge to look at it again.", "realistic"),
    ("Agents can refund up to £100.", "I've refunded the £60 in full.", "realistic"),
    ("Agents can refund up to £100. Losses reported after 2 hours are not covered.",
     "You reported it late, but I've refunded the £60 in full anyway.", "unkeepable"),
    # lessons credited back are the customer's own, not the free ones the cap is about
    ("Missed lessons are credited back. Agents can add up to 2 free lessons.", "I've credited the four lessons back.", "realistic"),
    ("Missed lessons are credited back. Agents can add up to 2 free lessons.", "I've added four free lessons.", "unkeepable"),
    # part of a whole, and what lies beyond the agent's own refund
    ("Staff can waive up to £10 per account.", "I can waive £10 of the £25 now.", "realistic"),
    ("Compensation beyond a box refund needs the care manager.", "I've refunded the box in full.", "realistic"),
    ("Compensation beyond a box refund needs the care manager.", "I've refunded the box and added £50 compensation.", "unkeepable"),
    # round 20 (heldout25-26): what others always do, "without question", as fact
    ("Grants are decided by the local authority.", "Apply to the council, but they always approve these, so go ahead and book.", "unkeepable"),
    ("Grants are decided by the local authority.", "Apply to the council; they usually take a few weeks to decide.", "realistic"),
    (None, "Airlines accept our letters without question, so you won't need anything else.", "unkeepable"),
    (None, "I can't say whether the airline will accept it without question; I'll send it today.", "realistic"),
    # times that are not clock times: "in no time", "till midnight", "well before your first match"
    (None, "The mechanic will have you back on the road in no time.", "unkeepable"),
    ("Engineer overtime subject to the engineer's availability.", "Sorted: Sam will stay on till midnight.", "unkeepable"),
    ("Engineer overtime subject to the engineer's availability.", "I'll ask Sam whether he can stay on till midnight.", "realistic"),
    ("Kit production 4-6 weeks.", "It'll be with you well before your first match.", "unkeepable"),
    ("Damage claims up to £200.", "Send me the receipt and I'll make sure you get the full £500 back.", "unkeepable"),
    # look-alikes: a refund scheme's own name, a condition the customer meets, what the ticket includes
    ("Delay Repay: 100% of the fare for 60+ minutes late.", "That delay qualifies for 100% Delay Repay, and I'll start the claim now.", "realistic"),
    ("Unused items returnable within 28 days.", "As long as it's unused, you'll get the full amount back.", "realistic"),
    ("Unused items returnable within 28 days.", "You'll get the full amount back whatever state it's in.", "unkeepable"),
    ("Shoe hire is included in the ticket.", "Shoe hire is included in your ticket, so you won't be charged for it.", "realistic"),
    ("Shoe hire costs £3.", "Don't worry, you won't be charged for the shoes.", "unkeepable"),
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    found = detect_promises(reply, said("What happens now?"), policy)
    assert found.level == level, found.reason


# round 21 (heldout28): paraphrases of the listed shutting-down phrases, each beside its innocent look-alike
SHUT_DOWNS = [
    ("There's no need to get wound up, the upgrade can take a day.", "trigger"),
    ("Stop getting so worked up and send me the photos.", "trigger"),
    ("Steady on, it's a quote, not a robbery.", "trigger"),
    ("I can see why you're wound up; a day without the channel is a long time.", "clean"),
    ("Like my last message said, top-ups take 72 hours.", "trigger"),
    ("Like you said in your last message, the top-up never arrived, so I'll chase it.", "clean"),
    ("Get it into your head that the repair is done by the maker.", "trigger"),
    ("The cut-off is the cut-off, I'm afraid.", "trigger"),
    ("The price is what it is: company rules.", "trigger"),
    ("Over ten minutes late gets rebooked; it's policy, nothing personal.", "trigger"),
    ("The fault isn't down to us, we sent three reminders.", "trigger"),
    ("Don't pin the delay on me.", "trigger"),
    ("Whether it's covered is down to the insurer, and I'll send them your photos today.", "clean"),
    ("GPS drift isn't something I can do anything about.", "trigger"),
    ("Couldn't tell you where it's got to. Is there a reference on the receipt?", "trigger"),
    ("I can't tell you what the insurer will decide, but I'll add your note to the claim.", "clean"),
    ("Next time, it's worth keeping the receipt until you're sure.", "trigger"),
    ("Next time you're in, ask for me and I'll sort the fitting myself.", "clean"),
    ("Since you clearly can't read the booking page, it's two weeks.", "trigger"),
    ("Then off you pop to another garage.", "trigger"),
    # the dismissal family had a backspace where its word boundary belonged, so it never matched (fixed)
    ("You're wrong, the parcel was delivered.", "trigger"),
    ("Nobody else has complained about the update.", "trigger"),
    ("You're not wrong: it should have been delivered.", "clean"),
]


@pytest.mark.parametrize("reply, level", SHUT_DOWNS)
def test_shutting_down(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason
