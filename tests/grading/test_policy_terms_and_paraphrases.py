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
