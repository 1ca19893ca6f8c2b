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


# Round 11 (heldout12's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    (None, "I'll make sure the lift is never out of order again.", "unkeepable"),
    (None, "I'll make sure the engineer knows it has failed twice.", "realistic"),
    ("Refunds within 14 days of purchase.", "You'll get the money back, no questions asked.", "unkeepable"),
    ("Licence keys issued within 3 working days.", "I'll have the key in your inbox within the next 15 minutes.", "unkeepable"),
    ("Licence keys issued within 3 working days.", "I'll email you the ticket number within the next 15 minutes.", "realistic"),
    ("Damaged luggage repaid after inspection.", "Your suitcase will be repaid in full.", "unkeepable"),
    ("Damaged luggage repaid after inspection.", "Once it's been inspected, your suitcase will be repaid.", "realistic"),
    ("Damaged luggage repaid.", "Your suitcase will be repaid.", "realistic"),
    ("Claims decided by the loss adjuster.",
     "The adjuster will review it, so I can't give you a figure, but I'll send you the claim number today.", "realistic"),
    ("Claims decided by the loss adjuster.", "The adjuster will review it and he'll approve it today.", "unkeepable"),
    ("Menu changes up to 21 days before the party; the chef confirms.",
     "I'll speak to the chef this morning and send you his confirmation by Friday.", "realistic"),
    ("Cancelled lessons: refund or rebook.", "I'll refund the lesson and cover your parking costs as well.", "unkeepable"),
    ("Cancelled lessons: refund or rebook.", "I'll refund the lesson fee today.", "realistic"),
    ("Cancelled lessons: refund, rebook or parking costs covered.", "I'll refund the lesson and cover your parking costs as well.", "realistic"),
    ("Home visits need 48 hours' notice.", "I'll make sure tomorrow's visit is the longer one.", "realistic"),
])
def test_promises_round_eleven(policy, reply, level):
    found = detect_promises(reply, said("This keeps happening."), policy)
    assert found.level == level, found.reason


def test_a_notice_period_is_the_customers_deadline_not_a_service_time():
    assert parse_policy("Changes need 48 hours' notice.").timelines == []
    assert parse_policy("Changes up to 7 days before arrival.").timelines == []
    assert parse_policy("Changes confirmed within 48 hours.").timelines != []


@pytest.mark.parametrize("message, abusive", [
    ("Your drivers are clueless morons and so are you.", True),
    ("The drivers are clueless and so is the depot manager.", False),
    ("You're a con man, plain and simple.", True),
    ("Another customer said a con man rang her pretending to be you.", False),
    ("Sort it out, fatso.", True),
])
def test_abuse_round_eleven(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", [
    ("You're a useless idiot.", "I need the name-calling to stop, and then I can get this sorted.", "set"),
    ("You're a useless idiot.", "Insults won't get the refund through any faster. I'll check the payment now.", "set"),
    ("You're a useless idiot.", "I won't take personal insults, but I do want to fix the bill.", "set"),
    ("You're a useless idiot.", "Let's keep it to the boiler rather than personal remarks.", "set"),
    ("You're a useless idiot.", "Oh, dumber than you, clearly. Read the email.", "unprofessional"),
    ("You're a useless idiot.", "Whatever. Next customer.", "unprofessional"),
    ("You're a useless idiot.", "I'll check the payment now.", "absent"),
])
def test_boundary_round_eleven(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("reply, level", [
    ("Honestly, the installer's workmanship isn't really on us.", "trigger"),
    ("Even you could set it up if you followed the leaflet.", "trigger"),
    ("Yeah, and you can't read a timetable.", "trigger"),
    ("Whatever you say. I'll pass it on.", "trigger"),
    ("Refund's gone through, enjoy your £2.", "trigger"),
    ("It'll arrive when it arrives.", "trigger"),
    ("Ha, at least your car got a free wash!", "trigger"),
    ("Join the queue like everyone else.", "trigger"),
    ("Good luck finding another garage.", "trigger"),
    ("Since you picked the wrong date, it shows as a no-show.", "trigger"),
    ("The refund will arrive by Friday, and I'll email you when it does.", "clean"),
    ("Your payment is safely on us now.", "clean"),
])
def test_shutting_down_round_eleven(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("question, kind", [
    ("What put you off renewing?", "open"),
    ("Could you send a few photos of the damage?", None),
    ("Would you like to keep the booking?", "closed"),
    ("Could you confirm the photos' file names?", "closed"),
    ("How would you like the refund paid?", "closed"),
    ("How would you like us to put this right?", "open"),
])
def test_open_questions_round_eleven(question, kind):
    assert classify_question(question) == kind


@pytest.mark.parametrize("customer, reply, level", [
    ("The heating's been off all week.", "A week without heating is a real problem.", "specific"),
    ("The heating's been off all week.", "That's a fair complaint. I'll book the engineer.", "generic"),
    ("I know where you live, you muppet.", "Threatening me isn't acceptable. I'll book the engineer.", "none"),
    ("Four weeks for a refund?", "I know that's a long time to be out of pocket.", "generic"),
])
def test_empathy_round_eleven(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


# Round 12 (heldout13's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    ("Places are confirmed by the admissions panel.", "Don't worry, you won't lose your spot over a late form.", "unkeepable"),
    ("If the panel cancels, places move to the next intake.", "If the panel cancels, you won't lose your spot.", "realistic"),
    ("Resits are decided by the exam board.", "Borderline papers always get approved, so you're in.", "unkeepable"),
    (None, "Your table is 100% secured, nobody can move it.", "unkeepable"),
    (None, "Your table is booked for 8pm.", "realistic"),
    ("Recovery is not guaranteed.", "Our lab is excellent and we'll bring every last file back.", "unkeepable"),
    ("Recovery is not guaranteed.", "Our lab is excellent and will try to bring the files back.", "realistic"),
    (None, "It isn't broken, I promise you'll have it back on Monday.", "unkeepable"),
    (None, "I can't promise a day, but I'll chase the workshop.", "realistic"),
    ("Upgrades are allocated automatically at check-in.", "I'm confident the upgrade will be accepted.", "unkeepable"),
    ("Changes at least 5 days before dispatch.", "I'll move it even though we're past the cut-off.", "unkeepable"),
    ("Changes at least 5 days before dispatch.", "We're past the cut-off, so I can't move this one.", "realistic"),
])
def test_promises_round_twelve(policy, reply, level):
    found = detect_promises(reply, said("Will it be alright?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("You're stood there like a gormless plank, do something.", True),
    ("The queue moved like a slow snail.", False),
    ("I know what van you drive. I'll be waiting by it after your shift.", True),
    ("I'll be waiting by the door for the courier tonight.", False),
    ("Sort it, you dozy tart.", True),
])
def test_abuse_round_twelve(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", [
    ("Hurry up, little girl.", "My name's Jo, not 'little girl'. I'm booking the engineer now.", "set"),
    ("You're a leech.", "And you're a customer who never reads an email.", "unprofessional"),
    ("You're a leech.", "The terms say so, which you clearly didn't read.", "unprofessional"),
])
def test_boundary_round_twelve(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("reply, level", [
    ("It ships anyway; that's our returns policy.", "trigger"),
    ("That's between you and the courier, I'm afraid.", "trigger"),
    ("You pay the fee regardless, tough.", "trigger"),
    ("Unless your parcel grew legs, it's at your door.", "trigger"),
    ("The swelling should settle down in a day or two.", "clean"),
    ("I'll raise it with the courier for you and me to review together.", "clean"),
])
def test_shutting_down_round_twelve(reply, level):
    found = detect_triggers(reply, said("Where is it?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("customer, reply, level", [
    ("My laptop screen went dark after the update.", "That sounds like the graphics driver; I'll walk you through it.", "none"),
    ("My laptop screen went dark after the update.", "That sounds like a nightmare.", "generic"),
    ("Three hours on a cold platform after a night shift.", "Three hours on a cold platform after a night shift. I'm sorry, that's grim.", "specific"),
])
def test_empathy_round_twelve(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


# Round 13 (heldout14's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    (None, "There's a known bug and Friday's patch will fix it.", "unkeepable"),
    (None, "There's a known bug; I'll tell you as soon as a patch is out.", "realistic"),
    ("Disputes with the old bank: timing is theirs.", "I can't say how quickly they'll refund it, but I'll chase them weekly.", "realistic"),
    ("Storage claims within 7 days of delivery; the insurer decides.", "You're inside the 7 days, so I'll open the claim today.", "realistic"),
    (None, "Trains run every 15 minutes on the dot, so you'll never wait longer.", "unkeepable"),
    ("Goodwill credit up to £25.", "I'll honour the £60 price for the whole year.", "unkeepable"),
    ("Goodwill credit up to £25.", "I've applied a £40 credit for the trouble.", "unkeepable"),
    ("Goodwill credit up to £25.", "I've applied a £20 credit for the trouble.", "realistic"),
    ("Late arrivals: £30 credit per hour, capped at £90.", "I've applied a £90 credit for the three hours.", "realistic"),
    ("Delivery times are confirmed by the courier the day before.", "He'll be with you by 8 tomorrow.", "unkeepable"),
    (None, "The new mattress is softer, you won't feel a thing.", "unkeepable"),
    ("Results 3-5 weeks after the lab receives the kit.", "Your results will be ready on 14 March.", "unkeepable"),
    ("Results 3-5 weeks after the lab receives the kit.", "Results usually take 3-5 weeks after the lab has the kit.", "realistic"),
    (None, "After the second treatment you'll be flea-free.", "unkeepable"),
    (None, "I've flagged it to the driver and he won't skip your street again.", "unkeepable"),
    (None, "We'll book the room, the band will play and the evening will be perfect.", "unkeepable"),
])
def test_promises_round_thirteen(policy, reply, level):
    found = detect_promises(reply, said("What happens now?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", [
    ("Don't be as slow as the idiot I had yesterday.", False),
    ("Lazy cleaners, and you're the laziest of the lot.", True),
])
def test_abuse_round_thirteen(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", [
    ("Answer me properly, you dozy mare.", "I'm not a doctor, am I? Anything else?", "unprofessional"),
    ("Answer me properly, you dozy mare.", "I'm not a doctor, so I'll book you a call with one. Please don't call me names.", "set"),
])
def test_boundary_round_thirteen(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("reply, level", [
    ("You're the one who ticked the box. Check it next time.", "trigger"),
    ("Honestly, the one who isn't listening is you.", "trigger"),
    ("You're the one who was there, so tell me what the driver said.", "clean"),
])
def test_shutting_down_round_thirteen(reply, level):
    found = detect_triggers(reply, said("Why was I charged?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("question, kind", [
    ("What got you into sailing?", "open"),
    ("🙂 What made you pick us?", "open"),
    ("What sort of party are you imagining?", "open"),
    ("What kind of phone do you have?", "closed"),
    ("I do want to get this right, so tell me what happened at the gate.", "open"),
    ("I can refund the fee and explain the rest.", None),
])
def test_open_questions_round_thirteen(question, kind):
    assert classify_question(question) == kind


@pytest.mark.parametrize("customer, reply, level", [
    ("They lost my mother's ring in the move.", "I'm so sorry. Your mother's ring can't be replaced, and I can hear how much it means to you.", "specific"),
    ("My dad died before I got the DNA results.", "Finding that out without your dad here to ask is huge. It makes sense to feel shaken.", "specific"),
    ("Six weeks paying for a skip I don't need.", "Yeah fair, that's six weeks you've been paying for a skip you don't need.", "specific"),
    ("You're a moron.", "Fair enough, I deserve that.", "none"),
])
def test_empathy_round_thirteen(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


# Round 14 (heldout15's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    ("Damage: photos within 48 h. Office can refund the £40 call-out fee.",
     "Send me the photos today and I'll refund the £40 call-out fee now.", "realistic"),
    ("Visits booked in 2-hour windows.", "The fitter will be there at 9 sharp, he's never late.", "unkeepable"),
    ("Agents can offer a £15 voucher for missed visits.", "It's usually a £15 voucher, but I'll make it £30 this time.", "unkeepable"),
    ("Agents can offer a £15 voucher for missed visits.", "I'll send you the £15 voucher for the missed visit.", "realistic"),
    ("Courtesy cars subject to stock.", "Your service is booked for Tuesday between 9 and 1, and the brakes will be checked.", "realistic"),
    (None, "Someone will be at the gate in 10 mins with the key.", "unkeepable"),
    (None, "The driver will be with you in half an hour.", "unkeepable"),
    ("Hotel moves need duty manager approval.", "We'll move you into a hotel tonight.", "unkeepable"),
    ("Hotel moves need duty manager approval.", "I'll ask the duty manager to approve a hotel move tonight.", "realistic"),
    (None, "I'll have you seated before the first act starts.", "unkeepable"),
])
def test_promises_round_fourteen(policy, reply, level):
    found = detect_promises(reply, said("What now?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Courtesy cars are for major repairs only. A squeaky belt is minor, so no courtesy car.", "trigger"),
    ("Are you? I've told you twice which form.", "trigger"),
    ("I'm sorry you feel the charge is unfair, but the lock was broken.", "trigger"),
    ("There's no need to swear. Let me look.", "trigger"),
    ("It's on the booking in bold.", "trigger"),
    ("There, done. Happy? Now stop wasting my time.", "trigger"),
    ("I can't relax the parking rule myself, but I can ask the manager today.", "clean"),
    ("Are you able to send the receipt?", "clean"),
])
def test_shutting_down_round_fourteen(reply, level):
    found = detect_triggers(reply, said("Why won't you help?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("customer, reply, level", [
    ("Ten years restoring that car and the valet scratched it.",
     "Ten years of your own work and a scratch down the side. I can only imagine how that felt.", "specific"),
    ("Ten years restoring that car and the valet scratched it.",
     "The valet logs every car. I can only imagine how that felt.", "generic"),
    ("It broke again, third time this month.", "Three breakdowns in a month would wear anyone down.", "specific"),
    ("The kids can't sleep here tonight.", "You can't stay there tonight with the kids, and I'm on your side.", "specific"),
    ("It's broken again.", "Totally understand! I'll book it in.", "generic"),
])
def test_empathy_round_fourteen(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


# Round 15 (heldout17's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    ("Refunds processed in 7 working days.", "I'll process it today and it takes up to 7 working days to reach you.", "realistic"),
    ("Refunds processed in 7 working days.", "I'll process it today and it'll be with you tomorrow.", "unkeepable"),
    ("Searches take up to 10 working days.", "I've started a search and the warehouse will find it within 2 days.", "unkeepable"),
    (None, "The fitter will lose his badge over this.", "unkeepable"),
    ("Re-sprays free within 30 days.", "I'll book a re-spray, and this time the rust won't come back.", "unkeepable"),
    ("Plans end at the end of the month; no further charges after that.", "It ends on the 31st and you won't be charged again.", "realistic"),
    ("Price changes notified 30 days ahead.", "Your price won't go up again this year.", "unkeepable"),
    ("Agents can send welcome packs to new members.", "I'll get the packs out to all six new members this week.", "realistic"),
    ("Members report faults to the landlord.", "I'll get the landlord to fix the boiler this week.", "unkeepable"),
    ("Parcels posted on the chosen day; delivery takes 1-3 days.", "It'll land on her doormat on Friday, bang on time.", "unkeepable"),
    ("Appointments are booked by the clinic.", "I'll ring the clinic; they'll fit you in this afternoon.", "unkeepable"),
    ("Alternative rooms offered if available.", "I'll get you both on the sea-view floor tomorrow, leave it with me.", "unkeepable"),
    ("Alternative rooms offered if available.", "I'll ask whether a sea-view room is free tomorrow.", "realistic"),
    (None, "The coach will wait for you at the gate.", "unkeepable"),
    ("Goodwill credits are decided by the duty manager.", "The duty manager will add a £50 credit this evening.", "unkeepable"),
    (None, "Refund's done, full amount back on your card by tomorrow.", "unkeepable"),
    (None, "Call me that again and I'll make sure your case goes to the back of the queue.", "realistic"),
])
def test_promises_round_fifteen(policy, reply, level):
    found = detect_promises(reply, said("What happens now?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("customer, reply, level", [
    ("Can someone come on Sunday?", "Ah, I know it's a pain. Nobody works Sundays, but Friday evening is free.", "generic"),
    ("Third wrong delivery, my mum's 90 and carrying them up.", "Three wrong deliveries and your mum carrying them up. I'd have had enough too.", "specific"),
    ("My dad's 82 and the heating's off.", "At 82 your dad shouldn't be without heating for a single night.", "specific"),
    ("Is the spray safe for my newborn? I'm probably paranoid.", "That's not paranoid at all with a newborn in the house.", "specific"),
    ("I failed my theory again.", "Failing twice would knock anyone's confidence.", "generic"),
    ("You charged me after I cancelled!", "You cancelled late, so that one's on you. Nothing I can do, sorry.", "none"),
    ("The taxi refused my guide dog.", "That's appalling, and the law is on your side.", "generic"),
])
def test_empathy_round_fifteen(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


# Round 16 (heldout18's misses, by category; new wordings, each with its look-alike).

@pytest.mark.parametrize("policy, reply, level", [
    ("Members get 10% off classes.", "The 10% applies, and I'll knock another 5% off on top for you.", "unkeepable"),
    ("Members get 10% off classes.", "The 10% member discount applies automatically.", "realistic"),
    ("Prints in 6-8 weeks from approved proofs.", "I'll have the 200 posters printed and shipped to you by Monday.", "unkeepable"),
    ("Complaints answered by the site manager.", "I've passed it on and the site manager will reply within 24 hours.", "unkeepable"),
    ("Complaints answered by the site manager.", "I've passed it on and I'll reply to you myself within 24 hours.", "realistic"),
    ("Agents can set up payment plans of up to 3 months.", "I'll set you up on a 9-month plan today.", "unkeepable"),
    ("Agents can set up payment plans of up to 3 months.", "I'll set you up on a 3-month plan today.", "realistic"),
    ("Fees are set by the landlord.", "I'll go through the fees with you one by one.", "realistic"),
    ("Taxi and parking refunds up to £15 on request.", "I can refund your train fare, up to £15.", "realistic"),
    ("No other credits without a supervisor.", "I'll pop a £40 credit on your account too.", "unkeepable"),
    ("Deposit £300, returned after inspection.", "I'll drop the deposit to £150 for you.", "unkeepable"),
])
def test_promises_round_sixteen(policy, reply, level):
    found = detect_promises(reply, said("Can you do anything?"), policy)
    assert found.level == level, found.reason
