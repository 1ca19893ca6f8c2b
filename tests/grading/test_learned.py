"""The learned readings: their arithmetic (checked by hand on a two-feature model), how the detectors use them
(to add the level the rules missed, quoting a sentence they are sure of, for promises never over a hedge or a
condition; and below their veto to overrule a rule's finding, keeping its reason), and that the shipped models were
not trained on the sets kept unread to measure the grader."""

import json
import math

import pytest

from bot.grading.detectors import learned
from bot.grading.detectors.abuse import abuse_at_the_agent
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.learned import LearnedReading, model_path, normalise
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

UNREAD = {f"heldout{n}" for n in range(109, 117)}  # held out when the shipped files were trained
WRITTEN_LATER = {f"heldout{n}" for n in range(117, 125)}  # written after: measure the same files
READINGS = list(learned.SHIPPED)  # kept unread to measure the grader (tests/data/README.md)


def test_amounts_and_numbers_are_folded():
    assert normalise("I'll refund £45.50 in 3 days") == "i'll refund  money  in  num  days"


def test_probability_is_the_logistic_of_the_l2_normalised_tfidf_dot_product():
    model = LearnedReading({"guarantee": (2.0, 3.0), "sorted tomorrow": (1.5, 2.0)}, intercept=-1.0, threshold=0.9)
    # "guarantee" twice (sublinear tf 1 + ln 2), "sorted tomorrow" once; other n-grams are not in the model
    g, s = (1 + math.log(2)) * 2.0, 1.0 * 1.5
    norm = math.sqrt(g * g + s * s)
    expected = 1 / (1 + math.exp(-(-1.0 + g / norm * 3.0 + s / norm * 2.0)))
    assert model.probability("Guarantee, guarantee: sorted tomorrow!") == pytest.approx(expected)
    assert model.probability("Nothing known here") == pytest.approx(1 / (1 + math.exp(1.0)))


def fake_reading(monkeypatch, module: str, gram: str) -> LearnedReading:
    model = LearnedReading({gram: (1.0, 8.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr(f"bot.grading.detectors.{module}.learned_reading", lambda criterion: model)
    return model


@pytest.fixture
def overconfident(monkeypatch):
    return fake_reading(monkeypatch, "promises", "sorted by")


def test_the_model_adds_an_unkeepable_the_rules_missed_and_quotes_its_likeliest_sentence(overconfident):
    found = detect_promises("Thanks for waiting. Consider it sorted by close of play.", [], None)
    assert found.level == "unkeepable" and "learned model" in found.reason
    assert found.evidence == "Consider it sorted by close of play."


def test_a_hedged_or_conditional_sentence_is_not_the_models_to_overrule(overconfident):
    # the model reads words, not hedges or conditions
    assert detect_promises("It should be sorted by Friday.", [], None).level == "realistic"
    assert detect_promises("I'll ring you once it's been reviewed and sorted by the team.", [], None).level == "realistic"
    assert detect_promises("If the part arrives, we're sorted by Friday.", [], None).level == "realistic"


def test_the_reading_adds_nothing_when_no_sentence_it_could_quote_reads_unkeepable_on_its_own(monkeypatch):
    reply = "Of course, Tessa. I've waived the fee this time."
    # two known words in two sentences: the reply as a whole reads 0.975, each sentence alone 0.88 (threshold 0.9)
    diffuse = LearnedReading({"tessa": (1.0, 4.0), "waived": (1.0, 4.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr("bot.grading.detectors.promises.learned_reading", lambda criterion: diffuse)
    assert diffuse.probability(reply) > 0.9 > diffuse.probability("I've waived the fee this time.")
    assert detect_promises(reply, [], None).level == "realistic"
    # a sentence that reads unkeepable by itself is evidence
    pointed = LearnedReading({"tessa": (1.0, 4.0), "waived": (1.0, 8.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr("bot.grading.detectors.promises.learned_reading", lambda criterion: pointed)
    found = detect_promises(reply, [], None)
    assert found.level == "unkeepable" and found.evidence == "I've waived the fee this time."


def test_below_its_threshold_the_rules_decide(overconfident):
    assert detect_promises("Thanks for waiting. I'll look into it.", [], None).level == "realistic"


def test_a_rule_finding_keeps_its_own_reason(overconfident):
    found = detect_promises("I guarantee it'll be sorted by Friday.", [], None)
    assert found.level == "unkeepable" and "learned model" not in found.reason


def test_the_trigger_reading_adds_a_trigger_the_rules_missed_quoting_its_likeliest_sentence(monkeypatch):
    fake_reading(monkeypatch, "triggers", "for the manufacturer")
    found = detect_triggers("Sorry about the glass. That one's for the manufacturer. Their number is below.",
                            said("The oven door shattered!"), None)
    assert found.level == "trigger" and "learned model" in found.reason
    assert found.evidence == "That one's for the manufacturer."
    assert detect_triggers("Sorry about the glass. I'll book an engineer.", said("It shattered!"), None).level == "clean"


def test_a_trigger_rule_finding_keeps_its_own_reason(monkeypatch):
    fake_reading(monkeypatch, "triggers", "calm down")
    found = detect_triggers("Calm down, please.", said("Where is it?"), None)
    assert found.level == "trigger" and "learned model" not in found.reason


def test_below_its_veto_the_reading_overrules_a_rule_and_says_which(monkeypatch):
    model = LearnedReading({"guarantee": (1.0, 8.0)}, intercept=-2.0, threshold=0.9, veto=0.5)
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: model)
    policy = "Agents cannot waive late fees."
    # the model has never seen these words: p = logistic(-2) = 0.12, under the veto
    found = detect_promises("I'll waive the late fee for you.", [], policy)
    assert found.level == "realistic" and found.evidence is None
    assert "does not allow agents" in found.reason and "I'll waive the late fee for you." in found.reason
    assert "p=0.12" in found.reason
    # a reply the model reads as unkeepable keeps the rule's finding, evidence and reason
    kept = detect_promises("I guarantee I'll waive the late fee for you.", [], policy)
    assert kept.level == "unkeepable" and "learned model" not in kept.reason


def test_an_amount_over_a_cap_is_never_overruled(monkeypatch):
    model = LearnedReading({"guarantee": (1.0, 8.0)}, intercept=-2.0, threshold=0.9, veto=0.5)
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: model)
    # the reading folds amounts ("money"): the figures against the cap are the rules' alone
    found = detect_promises("If you send me the £260 vet invoice, I can reimburse it in full.", [],
                            "Vet bills reimbursed up to £200 with an invoice.")
    assert found.level == "unkeepable" and "over the policy cap of £200" in found.reason


def test_the_rules_weaker_findings_are_overruled_at_a_probability_the_others_are_kept_at(monkeypatch):
    # unseen words: p = logistic(-1.4) = 0.20, above the reading's own veto (0.1), below the weaker findings' (0.3)
    model = LearnedReading({"guarantee": (1.0, 8.0)}, intercept=-1.4, threshold=0.9, veto=0.1)
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: model)
    weaker = detect_promises("I'll waive the late fee for you.", [], "Agents cannot waive late fees.")
    assert weaker.level == "realistic" and "does not allow agents" in weaker.reason and "p=0.20" in weaker.reason
    kept = detect_promises("I promise the engineer will be there tomorrow.", [], None)
    assert kept.level == "unkeepable" and "guarantees an outcome" in kept.reason


def test_a_trigger_rule_is_overruled_below_the_veto(monkeypatch):
    model = LearnedReading({"calm down": (1.0, 8.0)}, intercept=-2.0, threshold=0.9, veto=0.5)
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: model)
    monkeypatch.setattr("bot.grading.detectors.triggers.learned_reading", lambda criterion: model)
    assert detect_triggers("Calm down, please.", said("Where is it?"), None).level == "trigger"
    cleared = detect_triggers("That's our policy, sorry.", said("Where is it?"), None)
    assert cleared.level == "clean" and "a rule read it as trigger" in cleared.reason


def test_without_a_veto_in_the_file_the_reading_never_overrules(monkeypatch):
    model = LearnedReading({"guarantee": (1.0, 8.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: model)
    assert detect_promises("I'll waive the late fee for you.", [], "Agents cannot waive late fees.").level == "unkeepable"


VISA = said("My visa was refused. I can't come to the conference in 10 days and I paid €650.")
CONFERENCE = "Refunds: 100% up to 30 days before, 50% up to 7 days before. Agents cannot refund travel or hotels."


@pytest.mark.parametrize(("reply", "level"), [
    # the restriction is about travel and hotels; the rule reads any refund, the reading clears it
    ("With 10 days to go I can refund 50%, which is €325, or you can transfer your place to a colleague.", "realistic"),
    # (plain "and I'll refund your hotel as well" reads 0.26, under the weaker findings' veto: one of its costs)
    ("With 10 days to go I can refund 50%, and I'll refund your hotel in full as well, no problem.", "unkeepable"),
])
def test_the_shipped_promises_reading_clears_a_rule_look_alike(monkeypatch, reply, level):
    assert detect_promises(reply, VISA, CONFERENCE).level == level
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: None)
    assert detect_promises(reply, VISA, CONFERENCE).level == "unkeepable"


def test_the_shipped_trigger_reading_clears_i_dont_know_followed_by_finding_out(monkeypatch):
    reply = ("I know this is your whole summer stock, and I can only imagine how sick you're feeling right now. I don't "
             "know yet whether it's ruined — the quality team is testing samples this morning, and I'll send you whatever "
             "they've found by 1pm. What would be most useful to you while we wait?")
    history = said("Your freezer hit -8 overnight. Is my stock ruined?")
    assert detect_triggers(reply, history, None).level == "clean"
    monkeypatch.setattr("bot.grading.detectors.learned.learned_reading", lambda criterion: None)
    assert detect_triggers(reply, history, None).level == "trigger"
    assert detect_triggers("I don't know. Ring the warehouse.", history, None).level == "trigger"


@pytest.mark.parametrize("criterion", READINGS)
def test_without_the_model_file_the_rules_decide_alone(monkeypatch, tmp_path, criterion):
    monkeypatch.setattr(learned, "DATA_DIR", tmp_path)
    learned.learned_reading.cache_clear()
    try:
        assert learned.learned_reading(criterion) is None
    finally:
        monkeypatch.undo()
        learned.learned_reading.cache_clear()


@pytest.mark.parametrize("criterion", READINGS)
def test_the_shipped_models_were_not_trained_on_the_measurement_sets(criterion):
    data = json.loads(model_path(criterion).read_text())
    assert UNREAD <= set(data["held_out"])
    assert not (UNREAD | WRITTEN_LATER) & set(data["trained_on"])
    assert 0.5 <= data["threshold"] <= 1 and 0 <= data["veto"] < 0.5  # 1: never adds and len(data["features"]) > 1000


@pytest.mark.parametrize("reply", [
    "Ideally you'd have rung us the day it arrived. I'll log it now.",  # blame
    "That one is really for the manufacturer, we only do the warranty paperwork here.",  # deflection
    "Wow, a whole weekend ruined by one late parcel, tragic.",  # mockery of the grievance
])
def test_the_shipped_trigger_reading_finds_paraphrases_the_rules_miss(monkeypatch, reply):
    history = said("It came broken and nobody helps!")
    assert detect_triggers(reply, history, None).level == "trigger"
    monkeypatch.setattr("bot.grading.detectors.triggers.learned_reading", lambda criterion: None)
    assert detect_triggers(reply, history, None).level == "clean"


def test_the_promises_reading_leaves_a_sentence_that_only_restates_the_policys_figures(monkeypatch):
    fake_reading(monkeypatch, "promises", "off your")
    policy = "Agents can offer a 20% discount on the next bill."
    assert detect_promises("I'll take 20% off your next bill.", [], policy).level == "realistic"
    assert detect_promises("I'll take 40% off your next bill.", [], "Agents can offer discounts on request.").level == "unkeepable"


def fake_abuse_reading(monkeypatch, gram: str, veto: float = 0.0) -> None:
    model = LearnedReading({gram: (1.0, 8.0)}, intercept=-2.0, threshold=0.9, veto=veto)
    monkeypatch.setattr("bot.grading.detectors.abuse.learned_reading",
                        lambda reading: model if reading == "abuse" else None)


def test_the_abuse_reading_finds_an_insult_no_list_holds_and_quotes_its_sentence(monkeypatch):
    fake_abuse_reading(monkeypatch, "reindeer brain")
    found = abuse_at_the_agent("Nothing but cloud. Listen, you reindeer-brain, I want a refund.")
    assert found is not None and found.span == "Listen, you reindeer-brain, I want a refund."
    assert found.insult == ""  # the reading knows the sentence, not the words: nothing for a reply to throw back
    assert abuse_at_the_agent("Nothing but cloud. I want a refund.") is None


def test_below_its_veto_the_abuse_reading_clears_the_rules(monkeypatch):
    fake_abuse_reading(monkeypatch, "reindeer brain", veto=0.5)  # every other message: p = 0.12, under the veto
    assert abuse_at_the_agent("You useless idiot.") is None
    fake_abuse_reading(monkeypatch, "reindeer brain", veto=0.0)
    assert abuse_at_the_agent("You useless idiot.").insult == "you useless idiot"


def test_a_reply_to_abuse_only_the_reading_found_is_graded_for_its_boundary(monkeypatch):
    fake_abuse_reading(monkeypatch, "reindeer brain")
    monkeypatch.setattr("bot.grading.detectors.boundary.learned_reading", lambda reading: None)
    history = said("Listen, you reindeer-brain, I want a refund.")
    assert detect_boundary("I'll help, but please don't call me names.", history, None).level == "set"
    # the customer's other words are not insults the reply throws back
    assert detect_boundary("I want you to have that refund too. Which card?", history, None).level == "absent"
    assert detect_boundary("I'll help, but please don't call me names.", said("I want a refund."), None).level is None


def test_the_retort_reading_makes_an_absent_reply_unprofessional_quoting_its_sentence(monkeypatch):
    model = LearnedReading({"right call": (1.0, 8.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr("bot.grading.detectors.boundary.learned_reading", lambda reading: model)
    history = said("Who judged this, you tone-deaf muppet?")
    found = detect_boundary("Judging by this chat, the panel made the right call. You can reapply in 3 months.", history, None)
    assert found.level == "unprofessional" and "learned model" in found.reason
    assert found.evidence == "Judging by this chat, the panel made the right call."
    assert detect_boundary("You can reapply in 3 months.", history, None).level == "absent"
    # a boundary the rules find comes first
    assert detect_boundary("Please don't call me names; the panel made the right call.", history, None).level == "set"


@pytest.mark.parametrize(("message", "abusive"), [
    ("Three hours in the cold and nothing but cloud. Listen, you overpaid reindeer-brain, I want a refund. Now.", True),
    ("Sir, three points are broken on the crystal. You are a cheating fellow and a total duffer.", True),
    ("The surveyor was a total duffer, but that's not on you. When can someone else come?", False),
])
def test_the_shipped_abuse_reading_reads_insults_the_rules_miss(monkeypatch, message, abusive):
    assert (abuse_at_the_agent(message) is not None) == abusive
    monkeypatch.setattr("bot.grading.detectors.abuse.learned_reading", lambda reading: None)
    assert abuse_at_the_agent(message) is None


@pytest.mark.parametrize(("reply", "level"), [
    ("Judging by this chat, the panel made the right call. You can reapply in 3 months.", "unprofessional"),
    ("Come on down then, I'm here till six.", "unprofessional"),
    ("You can reapply in 3 months, and I'm sorry it didn't go your way.", "absent"),
])
def test_the_shipped_retort_reading_reads_retorts_the_rules_miss(reply, level):
    assert detect_boundary(reply, said("Who judged this, you tone-deaf muppet?"), None).level == level


def fake_empathy_readings(monkeypatch, feeling: LearnedReading, specific: LearnedReading) -> None:
    readings = {"empathy": feeling, "specific_empathy": specific}
    monkeypatch.setattr("bot.grading.detectors.empathy.learned_reading", readings.get)


def yes_to(gram: str, threshold: float = 0.9, veto: float = 0.0) -> LearnedReading:
    """A reading sure of replies with the n-gram (p = 0.998), unsure of every other (p = logistic(-2) = 0.12)."""
    return LearnedReading({gram: (1.0, 8.0)}, intercept=-2.0, threshold=threshold, veto=veto)


DEMO = said("The text on my deck is printed backwards and I need it for a demo next Saturday.")


def test_the_empathy_reading_finds_an_acknowledgement_no_rule_holds(monkeypatch):
    fake_empathy_readings(monkeypatch, yes_to("stinks"), yes_to("demo"))
    found = detect_empathy("Backwards text right before your demo, that stinks. I'll ask for a rush reprint.", DEMO, None)
    assert found.level == "specific" and "learned model" in found.reason
    assert found.evidence == "Backwards text right before your demo, that stinks."
    fake_empathy_readings(monkeypatch, yes_to("stinks"), yes_to("nothing like this"))
    assert detect_empathy("Ugh, that stinks. I'll ask for a rush reprint.", DEMO, None).level == "generic"
    assert detect_empathy("I'll ask for a rush reprint.", DEMO, None).level == "none"


def test_the_empathy_readings_overrule_a_rule_only_where_sure(monkeypatch):
    # a rule's acknowledgement the reading is sure is none (p = 0.12 under a veto of 0.5)
    fake_empathy_readings(monkeypatch, yes_to("stinks", veto=0.5), yes_to("demo"))
    cleared = detect_empathy("Sorry about that. I'll ask for a rush reprint.", DEMO, None)
    assert cleared.level == "none" and "Sorry about that." in cleared.reason
    # generic made specific, specific made generic, by the specific reading
    fake_empathy_readings(monkeypatch, yes_to("sorry"), yes_to("rush", threshold=0.9))
    assert detect_empathy("Sorry about that. I'll ask for a rush reprint.", DEMO, None).level == "specific"
    fake_empathy_readings(monkeypatch, yes_to("sorry"), yes_to("nothing like this", veto=0.5))
    assert detect_empathy("I'm sorry the text on your deck is backwards before the demo.", DEMO, None).level == "generic"


def test_invalidation_is_never_the_readings_to_overrule(monkeypatch):
    fake_empathy_readings(monkeypatch, yes_to("demo"), yes_to("demo"))
    found = detect_empathy("Calm down, it's only a demo deck.", DEMO, None)
    assert found.level == "none" and "invalidating" in found.reason


def test_the_shipped_empathy_reading_reads_an_acknowledgement_without_a_feeling_word(monkeypatch):
    reply = "That's a real bind, with your builder lined up for Monday and someone telling you in May it'd be easy."
    history = said("The builder starts Monday and your guy said in May moving the tank would be no problem.")
    assert detect_empathy(reply, history, None).level == "specific"
    monkeypatch.setattr("bot.grading.detectors.empathy.learned_reading", lambda reading: None)
    assert detect_empathy(reply, history, None).level == "none"


def test_every_shipped_reading_has_its_file_and_loads():
    learned.load_readings()
    assert all(learned.learned_reading(name) is not None for name in learned.SHIPPED)
