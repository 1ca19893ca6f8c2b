"""The learned readings: their arithmetic (checked by hand on a two-feature model), how the detectors use them
(only to add the level the rules missed, quoting a sentence they are sure of; for promises never over a hedge or a
condition), and that the shipped models were not trained on the sets kept unread to measure the grader."""

import json
import math

import pytest

from bot.grading.detectors import learned
from bot.grading.detectors.learned import LearnedReading, model_path, normalise
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.triggers import detect_triggers
from tests.grading.conftest import said

UNREAD = {"heldout43", "heldout44"}  # kept unread to measure the grader (tests/data/README.md)


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


@pytest.mark.parametrize("criterion", ["promises", "trigger_phrases"])
def test_without_the_model_file_the_rules_decide_alone(monkeypatch, tmp_path, criterion):
    monkeypatch.setattr(learned, "DATA_DIR", tmp_path)
    learned.learned_reading.cache_clear()
    try:
        assert learned.learned_reading(criterion) is None
    finally:
        monkeypatch.undo()
        learned.learned_reading.cache_clear()


@pytest.mark.parametrize("criterion", ["promises", "trigger_phrases"])
def test_the_shipped_models_were_not_trained_on_the_measurement_sets(criterion):
    data = json.loads(model_path(criterion).read_text())
    assert UNREAD <= set(data["held_out"])
    assert not UNREAD & set(data["trained_on"])
    assert 0.5 <= data["threshold"] < 1 and len(data["features"]) > 1000


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
