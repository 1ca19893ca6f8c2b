"""Table tests for the rules generalised from heldout4's misses (round 3): what a policy's own terms allow
(time the agent may give, what it says depends on something, what agents may not offer), feelings named
after the details they are about, new wordings of shutting-down moves, abuse at the agent's body, and
what-questions about what the customer needs. Each row has a look-alike on the
other side. The wordings are new, not heldout4's."""

import pytest

from bot.grading.detectors.abuse import abusive_span
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.open_questions import classify_question
from bot.grading.detectors.policy import parse_policy
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)


@pytest.mark.parametrize("policy, reply, level", [
    # more time than the policy lets the agent give
    ("Memberships can be frozen for up to 2 months.", "I'll freeze it for six months while you recover.", "unkeepable"),
    ("Memberships can be frozen for up to 2 months.", "I'll freeze it for two months while you recover.", "realistic"),
    ("One free 14-day extension per order.", "I've given you an extra 4 weeks on the return window.", "unkeepable"),
    ("One free 14-day extension per order.", "I've given you the 14-day extension on the return window.", "realistic"),
    # a firm date for what the policy says depends on something else
    ("Install dates depend on engineer availability.", "We'll install it on Thursday.", "unkeepable"),
    ("Install dates depend on engineer availability.", "I'll ask for Thursday and confirm once an engineer is free.", "realistic"),
    # the agent's own delivering step faster than the policy's timeline; a call back is theirs to keep
    ("Replacement cards are posted within 5 working days.", "I'll courier a new card to you tonight.", "unkeepable"),
    ("Replacement cards are posted within 5 working days.", "I'll call you tonight to confirm the card is on its way.", "realistic"),
    # what agents may not offer, whoever the sentence's subject is
    ("Agents cannot offer refunds or compensation.", "You'll get compensation for the ruined weekend.", "unkeepable"),
    ("Agents cannot offer refunds or compensation.", "I've passed your claim to the team who decide on compensation.", "realistic"),
    ("Agents can log a request but not cancel fines.", "I've cancelled the fine for you.", "unkeepable"),
    ("Agents can log a request but not cancel fines.", "I've logged a request to cancel the fine.", "realistic"),
    ("Exchanges or store credit only; no cash refunds.", "I'll refund the $60 to your card.", "unkeepable"),
    ("Exchanges or store credit only; no cash refunds.", "I'll put $60 of store credit on your account.", "realistic"),
    # someone else made to act by a time
    ("Pharmacy refills are approved by the prescriber within 48 hours.", "I'll get the prescriber to sign it off this morning.", "unkeepable"),
    # a staff sanction is not the agent's to promise
    (None, "I'll make sure the driver is sacked for this.", "unkeepable"),
    (None, "I'll make sure the driver's manager hears about this.", "realistic"),
    # a guarantee named by the policy is no guarantee by the agent
    ("Parts guarantee: 12 months from fitting.", "You're inside the 12-month guarantee, so the part is replaced free.", "realistic"),
    ("Parts guarantee: 12 months from fitting.", "I guarantee the new part will last.", "unkeepable"),
])
def test_promises_against_the_policy_terms(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


def test_policy_reads_allowances_and_open_clauses_apart_from_service_times():
    policy = parse_policy("Accounts can be paused for up to 60 days. Refunds within 10 days. Start dates depend on stock.")
    assert [a.hours for a in policy.allowances] == [60 * 24]
    assert [t.high_hours for t in policy.timelines] == [10 * 24]
    assert policy.open_clauses == ["start dates depend on stock."]


def test_a_number_word_inside_another_word_is_no_duration():
    assert parse_policy("Grace period is 30 minutes; one extra day's charge can be waived.").allowances[0].hours == 0.5
    assert detect_promises("I've removed the extra day from your bill.", said("Why two days?"),
                           "Grace period is 30 minutes; one extra day's charge can be waived.").level == "realistic"


MOVED = said("The movers dropped my grandmother's piano down the stairs. It was the one thing she left me.")


@pytest.mark.parametrize("reply, level", [
    # the feeling named after the details it is about, in the clause or sentence before
    ("Your grandmother's piano, the one thing she left you, dropped down the stairs; that's heartbreaking.", "specific"),
    ("The piano she left you, smashed on the stairs. That's awful, and I'm sorry.", "specific"),
    ("We'll send an assessor on Tuesday. That's the earliest, sorry.", "generic"),
    # feelings beyond the common list, and being let down
    ("Losing the one thing your grandmother left you must be crushing.", "specific"),
    ("The movers let you down badly with her piano.", "specific"),
    ("The movers will collect the piano on Tuesday.", "none"),
])
def test_empathy_reads_feelings_named_after_their_details(reply, level):
    found = detect_empathy(reply, MOVED, None, "Rosa, upset: movers damaged a piano")
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Per my last email, the assessor comes on Tuesday.", "trigger"),
    ("I've already answered that: Tuesday.", "trigger"),
    ("As mentioned, the assessor comes on Tuesday.", "trigger"),
    ("As you mentioned, the piano was on the second floor.", "clean"),
    ("What you have to appreciate is that movers drop things.", "trigger"),
    ("I appreciate that this piano matters to you.", "clean"),
    ("My hands are tied on the claim amount.", "trigger"),
    ("There's no need to type in capitals, I can read you fine.", "trigger"),
    ("Please compose yourself so we can go through the claim.", "trigger"),
    ("Shoulda taken out the extra cover, mate.", "trigger"),
    ("We should have wrapped it properly, and I'm sorry.", "clean"),
    ("Oh sure, we smash pianos for fun.", "trigger"),
    ("Read page 4 of your quote.", "trigger"),
    ("I'm not dealing with you any more.", "trigger"),
    ("I don't know yet who handled it, but I'll work it out and message you by 5.", "clean"),
    ("I don't know who handled it.", "trigger"),
])
def test_shutting_down_paraphrased(reply, level):
    found = detect_triggers(reply, MOVED, None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("Shift your lazy backside and find my bag.", True),
    ("The bag fell off the back of the lazy conveyor belt.", False),
    ("You senile old bat.", True),
    ("My cricket bat was in that bag.", False),
    # a censored word has a symbol in it; five-letter words starting with b and ending in h do not
    ("Find it, you b*tch.", True),
    ("Bench 4, by the beach booth.", False),
    ("The armhole of the jacket is ripped.", False),
])
def test_abuse_aimed_at_the_agent(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("reply, level", [
    ("I'd like you to call me by my name, which is Sam. Now, the bag: it's on the next flight.", "set"),
    ("I'm not dealing with you. Call back when you can be polite.", "unprofessional"),
])
def test_boundary_paraphrased(reply, level):
    assert detect_boundary(reply, said("Listen, sweetheart, find my bag."), None).level == level


@pytest.mark.parametrize("question, kind", [
    ("What helps her most when her routine changes?", "open"),
    ("What other things are making this hard for you?", "open"),
    ("What other number can I reach you on?", "closed"),
    ("What would be the best number to call?", "closed"),
    ("Tell me which bags arrived, and how they were damaged.", "open"),
    ("Tell me which bags arrived.", "closed"),
    ("Let me know if the bag doesn't arrive.", None),
    ("Can you let me know if the bag arrives?", "closed"),
])
def test_open_questions_by_what_they_ask(question, kind):
    assert classify_question(question) == kind


# Round 4 (heldout6's misses, by category; new wordings).

@pytest.mark.parametrize("policy, reply, level", [
    # a hedge covers its own clause only; "I can't promise" covers the sentence
    ("Boiler repairs over £300 need the owner's approval.",
     "It's probably over £300, but the owner will approve it, I'll see to that.", "unkeepable"),
    ("Boiler repairs over £300 need the owner's approval.",
     "I can't promise, but the owner usually approves repairs like this.", "realistic"),
    # an explicit certainty outweighs "due"; someone's rent being due hedges nothing
    ("Deliveries: 3-5 working days.", "It's due with you tomorrow, 100%.", "unkeepable"),
    ("Refunds within 14 days.", "You'll have it back by Friday, before your rent is due.", "unkeepable"),
    # a quantity the policy fixes, a length it lets the agent give
    ("Outage compensation: fixed at 200 points per outage.", "I've added 1,000 points for the outage.", "unkeepable"),
    ("Outage compensation: fixed at 200 points per outage.", "I've added the 200 points for the outage.", "realistic"),
    ("Hire car for up to 3 days during repairs.", "I've booked you a hire car for 10 days.", "unkeepable"),
    ("Hire car for up to 3 days during repairs.", "I've booked you a hire car for 3 days.", "realistic"),
    # an action noun restricted by the policy is the verb the agent uses
    ("Any rent reduction needs the landlord's approval.", "I've reduced your rent to £700.", "unkeepable"),
    ("Any rent reduction needs the landlord's approval.", "I've asked the landlord about reducing your rent.", "realistic"),
    # skipping what the policy requires
    ("Account transfers need a signed form.", "I'll skip the form and transfer it today.", "unkeepable"),
    # what the agent cannot control, recurring; not the company's own billing
    (None, "The fitter replaced the valve, so it won't leak again.", "unkeepable"),
    (None, "I've cancelled the plan, so you won't be billed again.", "realistic"),
    (None, "The quote stands whatever the survey finds.", "unkeepable"),
    # a state the agent can see now is no promise
    (None, "Your savings are safe; I can see the full balance.", "realistic"),
])
def test_promises_round_four(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


LOCKED_OUT = said("You cut my lock and my tools are in there. I'm a plumber, I can't work.")


@pytest.mark.parametrize("reply, level", [
    # a name between the apology and what it is about
    ("I'm sorry, Dan - being cut off from your tools means you can't work at all.", "specific"),
    ("Sorry, the overlock isn't something I can lift.", "generic"),
    # the concrete impact named without a feeling word
    ("No tools for a plumber - that's your income at risk, I know.", "specific"),
    ("The lock was cut at 9am.", "none"),
])
def test_empathy_round_four(reply, level):
    found = detect_empathy(reply, LOCKED_OUT, None, "Dan, angry: storage unit overlocked")
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("This one's on your end, I'm afraid.", "trigger"),
    ("I'm on your side here.", "clean"),
    ("Might be worth checking the size chart before you order next time.", "trigger"),
    ("Returns are handled by the warehouse team, not by me.", "trigger"),
    ("It's really the courier's department rather than ours.", "trigger"),
    ("You'd be better off contacting the manufacturer.", "trigger"),
    ("That's all in our terms.", "trigger"),
    ("The item isn't covered, so we can't replace it.", "trigger"),
    ("The item isn't covered, so I can't replace it myself, but I'll ask my manager.", "clean"),
    ("Cancellations go through the app store. Good luck!", "trigger"),
    ("Did YOU read the email?", "trigger"),
    ("The day before you say goodbye to her, this is the last thing you need.", "clean"),
])
def test_shutting_down_round_four(reply, level):
    found = detect_triggers(reply, said("Where is my refund?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("My idiot neighbour keeps blocking the drive.", False),
    ("Who hires these morons at the desk?", False),
    ("My builder is a lazy, lying scumbag.", False),
    ("ur trash and ur app is trash", True),
])
def test_abuse_at_third_parties_is_not_at_the_agent(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", [
    ("Sort it or I'll find you. I know which depot you're in.",
     "I want to help you find the parcel, and I won't continue if there are threats; if it happens again I'll end the chat.", "set"),
    ("Get lost, you smug git.", "I'll leave it there for now. Ring us when you're ready.", "unprofessional"),
    ("Pick it up today, you useless drone, or else.", "Or else what? Next slot is Friday.", "unprofessional"),
])
def test_boundary_round_four(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("question, kind", [
    ("What looked wrong about the bill to you?", "open"),
    ("What's the boiler doing now?", "open"),
    ("What's it like when you switch it on?", "open"),
    ("What's driving the deadline on your side?", "open"),
    ("What time suits you?", "closed"),
])
def test_open_questions_round_four(question, kind):
    assert classify_question(question) == kind


# Round 5 (heldout5's misses, by category; new wordings).

@pytest.mark.parametrize("policy, reply, level", [
    # a benefit stated as settled: fine only where the policy grants it
    ("Agents cannot pre-approve claims.", "It's covered, so the treatment will be paid in full.", "unkeepable"),
    ("Cancelled stays: the night refunded.", "Your payment for tonight will be refunded.", "realistic"),
    # "another month" is a length of time; a frequency is not a timeline
    ("The discount period can be extended once, by 7 days.", "I'll keep the discount for another month.", "unkeepable"),
    ("Updates are posted every 4 hours.", "The water will be back on by 6pm.", "unkeepable"),
    # someone made to act, and the agent's own step that reaches the customer
    ("Towing is the landlord's decision.", "I'll get the landlord to tow it right now.", "unkeepable"),
    ("Repairs are booked by the scheduling team within 5 working days.", "I'll have a fitter at your house tomorrow.", "unkeepable"),
    ("Next available appointment: 3 weeks out.", "I'll get you in this week.", "unkeepable"),
    ("Next available appointment: 3 weeks out.", "I'll send the referral to the clinic today.", "realistic"),
    # counted things over a cap; money wiped over a cap
    ("Agents can offer up to 1 free night.", "I'm adding two free nights to your stay.", "unkeepable"),
    ("Agents can offer up to 1 free night.", "I'm adding one free night to your stay.", "realistic"),
    ("Staff can waive fines up to £5.", "I've wiped the whole £8 off.", "unkeepable"),
    # a result outside anyone's control
    (None, "Don't worry, the injection is completely painless.", "unkeepable"),
    (None, "You'll have your passport back Friday.", "unkeepable"),
])
def test_promises_round_five(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


BROKEN_WRIST = said("My wrist is in a cast and I can't work for six weeks. I'm a hairdresser.")


@pytest.mark.parametrize("reply, level", [
    # a bare apology, with or without the name, is for what the sentence beside it says about them
    ("Nia, I'm so sorry. Six weeks in a cast means six weeks without your clients.", "specific"),
    ("I'm so sorry. Your wrist in a cast for six weeks, when your hands are your work.", "specific"),
    ("I'm so sorry, Nia. The claim form is on our website.", "generic"),
    ("I'm sorry, Nia; you'll want that wrist healed before you can work again.", "specific"),
    ("Of course you're worried about your wrist and your work.", "specific"),
])
def test_empathy_round_five(reply, level):
    found = detect_empathy(reply, BROKEN_WRIST, None, "Nia, hurt: e-scooter brake failed")
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Next time, count the screws before the driver leaves.", "trigger"),
    ("Next time we'll count the screws before we leave.", "clean"),
    ("You should have it in your inbox now.", "clean"),
    ("Well, there's no need for the attitude.", "trigger"),
    ("It's run by another firm, so it's not really something we can fix.", "trigger"),
    ("Prices come from head office, not the branch.", "trigger"),
    ("It's the same for every customer, so it won't be changed.", "trigger"),
    ("That's rich from someone who never reads our emails.", "trigger"),
])
def test_shutting_down_round_five(reply, level):
    found = detect_triggers(reply, said("Where is my refund?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("Give my deposit back, you grasping vulture.", True),
    ("Stop sitting there being a useless lump.", True),
    ("Thick. Just refund it.", True),
    ("Dizzy. Two weeks. Useless.", False),
    ("You sound like a twelve-year-old. Put an adult on.", True),
    ("Some absolute bastard nicked my bike from your rack.", False),
    ("Are you actually brain-damaged?", True),
])
def test_abuse_round_five(message, abusive):
    assert (abusive_span(message) is not None) == abusive


# Round 6 (heldout7's misses, by category; new wordings).

@pytest.mark.parametrize("reply, level", [
    ("Wow, a whole ten minutes. I'll alert the press.", "trigger"),
    ("A whole day off work for nothing is a real loss, I'm sorry.", "clean"),
    ("Oh no, a late bus. How will you survive.", "trigger"),
    ("Dunno, could be the damp. Pianos do that.", "trigger"),
    ("If you'd ticked the box, the driver would have rung first.", "trigger"),
    ("If you'd like, the driver can ring first next time.", "clean"),
    ("Maybe read the care label before washing it next time.", "trigger"),
    ("Same answer as the first time: the settings page.", "trigger"),
    ("Under clause 7.1 of your agreement, the charge is valid.", "trigger"),
    ("£40 is the fee, end of story.", "trigger"),
])
def test_shutting_down_round_six(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("policy, reply, level", [
    ("Claims are decided by the claims team.", "I've logged it, and the claims team will pay for a new fence.", "unkeepable"),
    ("Claims are decided by the claims team.", "I've logged it, and the claims team will decide within 30 days.", "realistic"),
    (None, "I can assure you it won't happen again.", "unkeepable"),
    ("Rush work only if the tailor confirms capacity.", "She's hopeful it'll be ready by Friday.", "realistic"),
    ("The fix has no confirmed date.", "The fix is coming in next week's release.", "unkeepable"),
    (None, "I'll get the team to search the stockroom today and call you by 5.", "realistic"),
    (None, "I will get this sorted for you.", "realistic"),
    (None, "It will get sorted today, I promise.", "unkeepable"),
])
def test_promises_round_six(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("question, kind", [
    ("What time did you get to the stop?", "closed"),
    ("What rate were you quoted?", "closed"),
    ("Can you tell me what your monthly readings have been?", "closed"),
    ("What sort of wines have you enjoyed most?", "open"),
    ("What still needs doing before the van arrives?", "open"),
    ("Please do tell me more about where the damp is.", "open"),
    ("Tell me anything you'd like the driver to know.", "open"),
])
def test_open_questions_round_six(question, kind):
    assert classify_question(question) == kind


@pytest.mark.parametrize("customer, reply, level", [
    ("Fix it, you dozy idiot.", "I'll fix it, but if you call me an idiot again I'll end the call.", "set"),
    ("You lying chancer.", "I'll not be called a liar, but I will get this sorted. The engineer comes Tuesday.", "set"),
    ("You're a f***ing joke, mate.", "Fair enough mate, I'm a joke, sorry. The box office can help.", "absent"),
    ("I know what time you lot leave. Sort it.", "I want to sort it, and that reads as a threat; if it happens again I'll report it.", "set"),
    ("You're an absolute doormat, aren't you?", "Oh no, a late parcel. How will you survive.", "unprofessional"),
])
def test_boundary_round_six(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("message, abusive", [
    ("You heartless, brainless b*****d.", True),
    ("This f***ing router again.", False),
    ("Do you even have a brain?", True),
    ("I'll be down at your depot to sort you out.", True),
    ("Whatever idiot contractor you sent cut my trees.", False),
])
def test_abuse_round_six(message, abusive):
    assert (abusive_span(message) is not None) == abusive


# Round 7 (heldout8's misses, a set written to be heavy on unlisted wordings; new wordings here).

@pytest.mark.parametrize("reply, level", [
    ("I can see you're wound up, and that won't get the engineer there sooner.", "trigger"),
    ("I understand you're angry, and it won't take long to fix.", "clean"),
    ("Once you've had a breather, tell me which part is missing.", "trigger"),
    ("Let's take the caps down a notch and I'll look.", "trigger"),
    ("It's a pity you've taken it that way.", "trigger"),
    ("Most people keep the receipt somewhere safe.", "trigger"),
    ("The wording came from your end, so a quick check before ordering saves this.", "trigger"),
    ("Please refer to my previous three emails.", "trigger"),
    ("That's what I said, yes: Thursday.", "trigger"),
    ("That one's between you and your bank, I'm afraid.", "trigger"),
    ("Card payments go through the app store, so it isn't something we handle.", "trigger"),
    ("The system adds the fee automatically, so I'm unable to remove it.", "trigger"),
    ("The system adds the fee automatically, so I can't remove it from here, but I'll ask billing today.", "clean"),
    ("Changes close 7 days before, per our ordering policy.", "trigger"),
    ("It's just a number on a screen, really.", "trigger"),
    ("Any fool would have booked earlier.", "trigger"),
    ("It's in the owner's manual you were given.", "trigger"),
])
def test_shutting_down_round_seven(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("policy, reply, level", [
    ("Agents must not confirm cover before the claims team decides.", "You're fully covered for this.", "unkeepable"),
    ("Agents must not confirm cover before the claims team decides.", "I've started the claim; the claims team decides on cover.", "realistic"),
    ("Estimates only; agents must not guarantee accuracy.", "You can rely on its dates completely.", "unkeepable"),
    ("Visas are decided by the embassy.", "Our letters are always accepted by the embassy.", "unkeepable"),
    ("Disputes are reviewed by the review team within 14 days.", "I've filed it with the review team; they usually reply within 14 days.", "realistic"),
    ("Custom parts ship 3-4 weeks after ordering.", "I'll get them rushed through so they're with you within a week.", "unkeepable"),
])
def test_promises_round_seven(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("customer, reply, level", [
    ("You swindling rat.", "I can refund £30 as goodwill today. Shall I go ahead?", "absent"),
    ("You utter imbecile.", "I know, I'm an imbecile, I'm so sorry! I've started the re-issue.", "absent"),
    ("Mate, you're an absolute drongo.", "Happy to fix it, mate, but go easy on the name-calling.", "set"),
    ("You smirking little weasel.", "Calm down, mate. Call me a weasel again and you can find another gym.", "unprofessional"),
    ("Stop stalling, you lying little weasel.", "Call me a weasel again and I'll have your account flagged.", "unprofessional"),
    ("You must be the dimmest agent on the internet.", "I'd ask you to drop the personal digs; I'm on your case.", "set"),
])
def test_boundary_round_seven(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


# Round 8 (heldout9's misses, by category; new wordings).

@pytest.mark.parametrize("policy, reply, level", [
    # a price per unit caps no total; an explicit cap per unit still does
    ("Seat upgrades: £8 per seat.", "I've charged £16 for your two seats.", "realistic"),
    ("Goodwill credit up to $50 per room.", "I've added $200 credit to your room.", "unkeepable"),
    # vouching for someone else's decision or conduct
    ("Refunds are decided by the finance team.", "I'll make sure the finance team approve it.", "unkeepable"),
    (None, "I've sent a warning letter, and that'll put a stop to it.", "unkeepable"),
    ("Price rises are set by head office.", "They won't be raising it this year, I can tell you that.", "unkeepable"),
    # what the policy does not guarantee, asserted; a date it cannot set
    ("A pass is not guaranteed.", "Take the course and you'll pass.", "unkeepable"),
    ("A pass is not guaranteed.", "Take the course and you'll have a much better chance.", "realistic"),
    ("The site cannot set the switch date.", "Your switch will go live on the 14th.", "unkeepable"),
    ("The venue cannot guarantee caterers' response times.", "I'll ring the caterer this afternoon and email you.", "realistic"),
    # someone else's result by a time; sending a form is the agent's own step
    ("Order allocation is automated.", "Your orders will pick back up straight away.", "unkeepable"),
    ("Claims go to the insurer (30 days).", "I'll send you the insurer's claim form today.", "realistic"),
])
def test_promises_round_eight(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Our longer lessons give you time to relax first.", "clean"),
    ("Relax, it's only a scratch.", "trigger"),
    ("I'm sorry you feel that the app is to blame.", "trigger"),
    ("Sorry you weren't happy with the email.", "trigger"),
    ("Noon, same as the last two times I told you. Do write it down this time.", "trigger"),
    ("I don't know the exact figure, but I've asked for a quote and I'll send it to you.", "clean"),
    ("I can send a warning under the site rules.", "clean"),
    ("The fee is in the written agreement, so it does apply.", "trigger"),
    ("Three whole weeks, a true tragedy.", "trigger"),
])
def test_shutting_down_round_eight(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("customer, reply, level", [
    ("Listen, sweetheart, get me someone who knows.", "I can help, and I'd rather you used my name, which is Sam.", "set"),
    ("Are you human or just a brainless bot?", "I'm a person, and I'd rather not be called brainless.", "set"),
    ("You people are all idiots.", "Sorry about the lost bag, mate, that's a pain. I'll reimburse it.", "absent"),
    ("You worm. Refund it.", "Call me a worm again and I'll make sure you never get a refund.", "unprofessional"),
    ("You waste of oxygen.", "Yeah, well, you're not exactly a joy either.", "unprofessional"),
    ("Give me a straight answer, you idiot.", "Since you asked so nicely: no.", "unprofessional"),
])
def test_boundary_round_eight(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("message, abusive", [
    ("Is it just you that's a clueless idiot or the whole bank?", True),
    ("That idiot harbourmaster hit my boat.", False),
])
def test_abuse_round_eight(message, abusive):
    assert (abusive_span(message) is not None) == abusive


# Round 9 (heldout10's misses, by category; new wordings).

@pytest.mark.parametrize("policy, reply, level", [
    ("Repairs redone within 7 days at no charge.", "I'll get him back round this week to redo it free.", "realistic"),
    ("Accounts can be self-excluded; agents cannot reverse losses.", "I can set up a self-exclusion for you now.", "realistic"),
    (None, "There'll be no more closures this month.", "unkeepable"),
    ("Landscaping depends on the weather.", "It'll be laid by the 17th, rain or shine.", "unkeepable"),
    ("Access requests go to the festival team.", "I've passed it on and they will reserve you a space.", "unkeepable"),
    (None, "It'll be covered, that much I can promise.", "unkeepable"),
    ("Renewal dates can be moved by up to 30 days.", "I'll move your renewal back 45 days.", "unkeepable"),
    ("Renewal dates can be moved by up to 30 days.", "I'll move your renewal back 20 days.", "realistic"),
    ("Referrals: typical wait 6-18 weeks.", "Your referral will come through in the next two weeks.", "unkeepable"),
])
def test_promises_round_nine(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("Did you get your brain on rental too?", True),
    ("I'll wait for you after your shift, love.", True),
    ("You're a scamming piece of filth.", True),
    ("This piece of junk router died again.", False),
    ("This piece of shit meter is wrong again.", False),
    ("Clown. Fix it, clown.", True),
    ("You're about as useful as the wifi.", True),
    ("I looked like an idiot in front of 300 people.", False),
    ("Your airline is run by absolute morons.", False),
    ("Your invoice is wrong, you half-wit.", True),
])
def test_abuse_round_nine(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", [
    ("I know where you work.", "That's not okay; if there's anything like that again I'll end this chat.", "set"),
    ("Do they hire you for your looks, sunshine?", "Clearly not for our patience with people like you.", "unprofessional"),
    ("Listen you smug little prick.", "Keep talking like that and I'll have your membership cancelled.", "unprofessional"),
    ("You're about as useful as the wifi.", "Yes, well, it's a lounge, not a data centre.", "unprofessional"),
])
def test_boundary_round_nine(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


# Round 10 (heldout11's misses, by category; new wordings).

@pytest.mark.parametrize("policy, reply, level", [
    (None, "Whatever it is, we'll have it fixed by Friday.", "unkeepable"),
    (None, "I'll call you by 3 with an update, whatever it is.", "realistic"),
    ("Fitting lead time 10-14 days.", "We'll have the new door fitted by the end of this week.", "unkeepable"),
    ("Claims are assessed by the claims team.", "The claims team will reimburse the repair.", "unkeepable"),
    (None, "There won't be any more price rises this year.", "unkeepable"),
    ("Restricted-view complaints: up to 25% refund.", "I'll process a full refund for you.", "unkeepable"),
    ("Agents log the claim and send photos within 1 working day.", "I'll send your photos to the insurer today.", "realistic"),
])
def test_promises_round_ten(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Please try not to panic.", "trigger"),
    ("Maybe you should find another agency.", "trigger"),
    ("And you're about as pleasant as your invoice.", "trigger"),
    ("Your bin will be emptied when the crew gets round to it.", "trigger"),
    ("Well, at least you'll be used to it by now!", "trigger"),
    ("You should have had your refund long ago, and I'm sorry.", "clean"),
])
def test_shutting_down_round_ten(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason
