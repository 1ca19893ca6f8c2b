"""Table tests for the rules generalised from heldout3's misses (round 2): each row is a new wording of a
category, paired with a look-alike that must stay on the other side."""

import pytest

from bot.grading.detectors.abuse import abusive_span
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.open_questions import classify_question
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

pytestmark = pytest.mark.usefixtures("rules_alone")  # the rules' tables (tests/grading/conftest.py)

WAITED = said("I took a day off work and waited in for the plumber, and nobody came. My kids had cold baths again.")


@pytest.mark.parametrize("reply, level", [
    # what it means to them, without "sorry": "I know…", "I'd be…", "… is a long time"
    ("I know you took a day off work for this and the kids had cold baths again.", "specific"),
    ("I know your account number is on file.", "none"),
    ("A day off work and cold baths for the kids again - I'd be livid.", "specific"),
    ("I'd be happy to rebook the plumber.", "none"),
    ("A whole day off work waiting in is a long time to lose.", "specific"),
    ("The next slot is a long way off, Thursday.", "none"),
    ("A day off work for nothing and cold baths for the kids would drive me up the wall.", "specific"),
    ("Booking the Thursday slot would leave me time to call the plumber first.", "none"),
    # an apology followed by a refusal or a fact about us: only the apology acknowledges
    ("Sorry, plumber no-shows aren't something I can refund from here.", "generic"),
    ("Sorry you took a day off work and the kids had cold baths again.", "specific"),
    # the agent's own plan after ", and I won't / I'm happy to" is no reflection
    ("I hear you, and I won't keep you off work another day waiting.", "generic"),
    ("I hear you, and I know you took a day off work for this.", "specific"),
    # an insult echoed back is no detail of theirs
    ("You're right, I'm a useless clown, sorry.", "generic"),
    # "sorry if you feel" puts the feeling on them
    ("I'm sorry if you feel the plumber let you down.", "none"),
    # a feeling word inside a compound noun acknowledges nothing
    ("I've cancelled the false-alarm callout fee.", "none"),
])
def test_empathy_reads_acknowledgements_by_their_shape(reply, level):
    insulted = [*WAITED, *said("You useless clown.")] if "clown" in reply else WAITED
    found = detect_empathy(reply, insulted, None, "Ama, angry: plumber no-show")
    assert found.level == level, found.reason
    if found.evidence is not None:
        assert found.evidence in reply


@pytest.mark.parametrize("policy, reply, level", [
    # open-ended guarantees
    (None, "I've logged it, and it won't happen to your dad a second time.", "unkeepable"),
    (None, "I've logged it, and I'll tell you if it happens again.", "realistic"),
    (None, "The part will be fitted on Monday, no matter what.", "unkeepable"),
    (None, "Whatever the vet bill comes to, we'll cover it.", "unkeepable"),
    # a third party's result by a date; a date inside a condition is not a promise
    ("Claims are decided by the insurer.", "The insurer will pay out by the 14th.", "unkeepable"),
    ("Claims are decided by the insurer.", "If you haven't heard by the 14th, I'll chase the insurer myself.", "realistic"),
    # money over the cap, whatever the verb
    ("Goodwill credits up to £20.", "I'll stretch the credit to £35 for you.", "unkeepable"),
    ("Goodwill credits up to £20.", "I'll put the £20 credit on now; the £35 bill stays as it is.", "realistic"),
    # the agent's refund faster than the policy's own timeline
    ("Refunds are paid within 10 days.", "We can give you the refund in 2 days.", "unkeepable"),
    ("Refunds are paid within 10 days.", "I've started the refund; the policy says within 10 days.", "realistic"),
    # a second past-tense verb sharing the agent as subject
    ("Suspensions can only be lifted by the risk team.", "I've reviewed your account and lifted the suspension.", "unkeepable"),
    ("Suspensions can only be lifted by the risk team.", "I've reviewed your account and passed it to the risk team.", "realistic"),
    # doing without what the policy requires
    ("Name changes need a marriage certificate.", "I'll make the name change today without the certificate.", "unkeepable"),
    ("Name changes need a marriage certificate.", "Once the certificate is uploaded I can make the name change.", "realistic"),
    # a free extra the policy never offers; a result the policy makes conditional
    ("Late trains: 25% refund.", "I've refunded 25% and booked you a seat with free wifi.", "unkeepable"),
    ("Fines can only be cancelled by the parking office.", "Send me the photo and the fine will be cancelled.", "unkeepable"),
    ("Fines can only be cancelled by the parking office.", "There's nothing I can do about the fine myself, but the parking office reviews appeals.", "realistic"),
])
def test_promises_generalised(policy, reply, level):
    found = detect_promises(reply, said("When is this getting sorted?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Like I mentioned, the delivery is booked for Thursday.", "trigger"),
    ("As stated in our last letter, the fee applies.", "trigger"),
    ("As you mentioned, the delivery is booked for Thursday.", "clean"),
    ("Screaming at me isn't going to speed up the courier.", "trigger"),
    ("Language, please. What's the order number?", "trigger"),
    ("Mind the step when you collect it from the depot.", "clean"),
    ("Had you read the confirmation, you wouldn't have missed the slot.", "trigger"),
    ("If you'd like, we could have it delivered to a locker instead.", "clean"),
    ("Ordering earlier generally helps with the Christmas rush.", "trigger"),
    ("Three working days isn't exactly forever.", "trigger"),
    ("The rules on returns are quite clear.", "trigger"),
    ("The rules are clear that you get a full refund, so I've issued it.", "clean"),
    ("It's in the rental terms you agreed to, clause 9.", "trigger"),
    ("Worth reading the small print more carefully.", "trigger"),
    ("Lost property isn't something the ticket office deals with. Contact the station team.", "trigger"),
    ("I've emailed the station team and copied you in.", "clean"),
    ("The hold is there to protect your account.", "trigger"),
    ("I'm sorry if you felt rushed.", "trigger"),
])
def test_shutting_down_generalised(reply, level):
    found = detect_triggers(reply, said("Where is my parcel?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("reply, level", [
    ("Insult me again and you can chase your refund yourself.", "unprofessional"),
    ("Keep it up and see what happens to your claim.", "unprofessional"),
    ("I won't be spoken to like that. This call has now ended.", "unprofessional"),
    ("This chat is over.", "unprofessional"),
    ("Says the woman shouting down the phone.", "unprofessional"),
    ("I want to help, and I need you to stop the insults; if they continue I'll end the chat.", "set"),
    ("I'm glad to help, but I need you to drop the name-calling.", "set"),
    ("I need you to drop the parcel at the depot.", "absent"),
])
def test_boundary_generalised(reply, level):
    assert detect_boundary(reply, said("Do your job, you lazy muppet."), None).level == level


@pytest.mark.parametrize("message, abusive", [
    ("I know which gym you go to, mate.", True),
    ("I know which gym you mean, the one on Park Road.", False),
    ("Is that too hard for your little brain?", True),
    ("Is that too hard for the system?", False),
    ("Are all of you as stupid as you?", True),
    ("You'd better watch yourself.", True),
])
def test_abuse_threats_and_slights_on_the_mind(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("question, kind", [
    ("Would you like to tell me what the fitter said?", "open"),
    ("Would you like a refund?", "closed"),
    ("What's riding on the car being back by Friday?", "open"),
    ("Please provide your booking reference.", "closed"),
    ("Please send me a photo of the label.", None),
    ("Well, what did you expect?", "closed"),
])
def test_open_questions_generalised(question, kind):
    assert classify_question(question) == kind
