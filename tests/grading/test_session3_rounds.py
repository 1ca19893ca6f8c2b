"""Table tests for the rules generalised in session 3 (rounds 11-17), one table per detector. Each round read one
held-out set after its honest first run; every row is a new wording of a miss (not the set's own text), most with
the look-alike on the other side."""

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

PROMISES = [
    # round 11 (heldout12)
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
    # round 12 (heldout13)
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
    # round 13 (heldout14)
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
    # round 14 (heldout15)
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
    # round 15 (heldout17)
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
    # round 16 (heldout18)
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
    # round 17 (heldout19)
    ("Progress photos every Monday.", "You'll get photos every Monday.", "realistic"),
    (None, "The van will be covered once it's had its first inspection with us.", "realistic"),
    ("Parking fees are not refundable.",
     "I'll refund the ticket, the booking fee and the £8 parking, and I'll put the taxi through too.", "unkeepable"),
    ("Vulnerable customers: engineer within 24h. Agents cannot guarantee time windows.",
     "The engineer's booked for tomorrow 8-12, and he'll have it working before lunch.", "unkeepable"),
    ("Claims usually take 8 weeks.", "We win these every time, so that refund's as good as yours.", "unkeepable"),
    ("Claims usually take 8 weeks.", "We win most of these, but the airline decides.", "realistic"),
    ("Loop cars can be requested.", "Every car we send you from now on will have a working loop.", "unkeepable"),
    ("Loop cars can be requested.", "I've asked for a loop car on every booking from now on.", "realistic"),
    ("Repairs guaranteed for 90 days.", "We'll cover it for the rest of the year as well.", "unkeepable"),
    (None, "The battery was sitting at 100% all week, which isn't right.", "realistic"),
    (None, "Our restorer will get that stain out completely.", "unkeepable"),
]

ABUSE = [
    # round 11 (heldout12)
    ("Your drivers are clueless morons and so are you.", True),
    ("The drivers are clueless and so is the depot manager.", False),
    ("You're a con man, plain and simple.", True),
    ("Another customer said a con man rang her pretending to be you.", False),
    ("Sort it out, fatso.", True),
    # round 12 (heldout13)
    ("You're stood there like a gormless plank, do something.", True),
    ("The queue moved like a slow snail.", False),
    ("I know what van you drive. I'll be waiting by it after your shift.", True),
    ("I'll be waiting by the door for the courier tonight.", False),
    ("Sort it, you dozy tart.", True),
    # round 13 (heldout14)
    ("Don't be as slow as the idiot I had yesterday.", False),
    ("Lazy cleaners, and you're the laziest of the lot.", True),
]

BOUNDARIES = [
    # round 11 (heldout12)
    ("You're a useless idiot.", "I need the name-calling to stop, and then I can get this sorted.", "set"),
    ("You're a useless idiot.", "Insults won't get the refund through any faster. I'll check the payment now.", "set"),
    ("You're a useless idiot.", "I won't take personal insults, but I do want to fix the bill.", "set"),
    ("You're a useless idiot.", "Let's keep it to the boiler rather than personal remarks.", "set"),
    ("You're a useless idiot.", "Oh, dumber than you, clearly. Read the email.", "unprofessional"),
    ("You're a useless idiot.", "Whatever. Next customer.", "unprofessional"),
    ("You're a useless idiot.", "I'll check the payment now.", "absent"),
    # round 12 (heldout13)
    ("Hurry up, little girl.", "My name's Jo, not 'little girl'. I'm booking the engineer now.", "set"),
    ("You're a leech.", "And you're a customer who never reads an email.", "unprofessional"),
    ("You're a leech.", "The terms say so, which you clearly didn't read.", "unprofessional"),
    # round 13 (heldout14)
    ("Answer me properly, you dozy mare.", "I'm not a doctor, am I? Anything else?", "unprofessional"),
    ("Answer me properly, you dozy mare.", "I'm not a doctor, so I'll book you a call with one. Please don't call me names.", "set"),
]

SHUT_DOWNS = [
    # round 11 (heldout12)
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
    # round 12 (heldout13)
    ("It ships anyway; that's our returns policy.", "trigger"),
    ("That's between you and the courier, I'm afraid.", "trigger"),
    ("You pay the fee regardless, tough.", "trigger"),
    ("Unless your parcel grew legs, it's at your door.", "trigger"),
    ("The swelling should settle down in a day or two.", "clean"),
    ("I'll raise it with the courier for you and me to review together.", "clean"),
    # round 13 (heldout14)
    ("You're the one who ticked the box. Check it next time.", "trigger"),
    ("Honestly, the one who isn't listening is you.", "trigger"),
    ("You're the one who was there, so tell me what the driver said.", "clean"),
    # round 14 (heldout15)
    ("Courtesy cars are for major repairs only. A squeaky belt is minor, so no courtesy car.", "trigger"),
    ("Are you? I've told you twice which form.", "trigger"),
    ("I'm sorry you feel the charge is unfair, but the lock was broken.", "trigger"),
    ("There's no need to swear. Let me look.", "trigger"),
    ("It's on the booking in bold.", "trigger"),
    ("There, done. Happy? Now stop wasting my time.", "trigger"),
    ("I can't relax the parking rule myself, but I can ask the manager today.", "clean"),
    ("Are you able to send the receipt?", "clean"),
]

QUESTIONS = [
    # round 11 (heldout12)
    ("What put you off renewing?", "open"),
    ("Could you send a few photos of the damage?", None),
    ("Would you like to keep the booking?", "closed"),
    ("Could you confirm the photos' file names?", "closed"),
    ("How would you like the refund paid?", "closed"),
    ("How would you like us to put this right?", "open"),
    # round 13 (heldout14)
    ("What got you into sailing?", "open"),
    ("🙂 What made you pick us?", "open"),
    ("What sort of party are you imagining?", "open"),
    ("What kind of phone do you have?", "closed"),
    ("I do want to get this right, so tell me what happened at the gate.", "open"),
    ("I can refund the fee and explain the rest.", None),
]

EMPATHY = [
    # round 11 (heldout12)
    ("The heating's been off all week.", "A week without heating is a real problem.", "specific"),
    ("The heating's been off all week.", "That's a fair complaint. I'll book the engineer.", "generic"),
    ("I know where you live, you muppet.", "Threatening me isn't acceptable. I'll book the engineer.", "none"),
    ("Four weeks for a refund?", "I know that's a long time to be out of pocket.", "generic"),
    # round 12 (heldout13)
    ("My laptop screen went dark after the update.", "That sounds like the graphics driver; I'll walk you through it.", "none"),
    ("My laptop screen went dark after the update.", "That sounds like a nightmare.", "generic"),
    ("Three hours on a cold platform after a night shift.", "Three hours on a cold platform after a night shift. I'm sorry, that's grim.", "specific"),
    # round 13 (heldout14)
    ("They lost my mother's ring in the move.", "I'm so sorry. Your mother's ring can't be replaced, and I can hear how much it means to you.", "specific"),
    ("My dad died before I got the DNA results.", "Finding that out without your dad here to ask is huge. It makes sense to feel shaken.", "specific"),
    ("Six weeks paying for a skip I don't need.", "Yeah fair, that's six weeks you've been paying for a skip you don't need.", "specific"),
    ("You're a moron.", "Fair enough, I deserve that.", "none"),
    # round 14 (heldout15)
    ("Ten years restoring that car and the valet scratched it.",
     "Ten years of your own work and a scratch down the side. I can only imagine how that felt.", "specific"),
    ("Ten years restoring that car and the valet scratched it.",
     "The valet logs every car. I can only imagine how that felt.", "generic"),
    ("It broke again, third time this month.", "Three breakdowns in a month would wear anyone down.", "specific"),
    ("The kids can't sleep here tonight.", "You can't stay there tonight with the kids, and I'm on your side.", "specific"),
    ("It's broken again.", "Totally understand! I'll book it in.", "generic"),
    # round 15 (heldout17)
    ("Can someone come on Sunday?", "Ah, I know it's a pain. Nobody works Sundays, but Friday evening is free.", "generic"),
    ("Third wrong delivery, my mum's 90 and carrying them up.", "Three wrong deliveries and your mum carrying them up. I'd have had enough too.", "specific"),
    ("My dad's 82 and the heating's off.", "At 82 your dad shouldn't be without heating for a single night.", "specific"),
    ("Is the spray safe for my newborn? I'm probably paranoid.", "That's not paranoid at all with a newborn in the house.", "specific"),
    ("I failed my theory again.", "Failing twice would knock anyone's confidence.", "generic"),
    ("You charged me after I cancelled!", "You cancelled late, so that one's on you. Nothing I can do, sorry.", "none"),
    ("The taxi refused my guide dog.", "That's appalling, and the law is on your side.", "generic"),
]


@pytest.mark.parametrize("policy, reply, level", PROMISES)
def test_promises(policy, reply, level):
    found = detect_promises(reply, said("What happens now?"), policy)
    assert found.level == level, found.reason


@pytest.mark.parametrize("message, abusive", ABUSE)
def test_abuse(message, abusive):
    assert (abusive_span(message) is not None) == abusive


@pytest.mark.parametrize("customer, reply, level", BOUNDARIES)
def test_boundary(customer, reply, level):
    assert detect_boundary(reply, said(customer), None).level == level


@pytest.mark.parametrize("reply, level", SHUT_DOWNS)
def test_shutting_down(reply, level):
    found = detect_triggers(reply, said("Why is this still broken?"), None)
    assert found.level == level, found.reason


@pytest.mark.parametrize("question, kind", QUESTIONS)
def test_open_questions(question, kind):
    assert classify_question(question) == kind


@pytest.mark.parametrize("customer, reply, level", EMPATHY)
def test_empathy(customer, reply, level):
    assert detect_empathy(reply, said(customer), None).level == level


def test_a_notice_period_is_the_customers_deadline_not_a_service_time():
    assert parse_policy("Changes need 48 hours' notice.").timelines == []
    assert parse_policy("Changes up to 7 days before arrival.").timelines == []
    assert parse_policy("Changes confirmed within 48 hours.").timelines != []
