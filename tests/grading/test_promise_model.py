"""The learned reading of promises: its arithmetic (checked by hand on a two-feature model), how the detector
uses it (only to add an 'unkeepable' the rules missed, quoting the likeliest sentence, never over a hedge or a
condition), and that the shipped model was not trained on the sets kept unread to measure the grader."""

import json
import math

import pytest

from bot.grading.detectors import promise_model as learned
from bot.grading.detectors.promise_model import MODEL_PATH, PromiseModel, normalise
from bot.grading.detectors.promises import detect_promises


def test_amounts_and_numbers_are_folded():
    assert normalise("I'll refund £45.50 in 3 days") == "i'll refund  money  in  num  days"


def test_probability_is_the_logistic_of_the_l2_normalised_tfidf_dot_product():
    model = PromiseModel({"guarantee": (2.0, 3.0), "sorted tomorrow": (1.5, 2.0)}, intercept=-1.0, threshold=0.9)
    # "guarantee" twice (sublinear tf 1 + ln 2), "sorted tomorrow" once; other n-grams are not in the model
    g, s = (1 + math.log(2)) * 2.0, 1.0 * 1.5
    norm = math.sqrt(g * g + s * s)
    expected = 1 / (1 + math.exp(-(-1.0 + g / norm * 3.0 + s / norm * 2.0)))
    assert model.probability("Guarantee, guarantee: sorted tomorrow!") == pytest.approx(expected)
    assert model.probability("Nothing known here") == pytest.approx(1 / (1 + math.exp(1.0)))


@pytest.fixture
def overconfident(monkeypatch):
    model = PromiseModel({"sorted by": (1.0, 8.0)}, intercept=-2.0, threshold=0.9)
    monkeypatch.setattr("bot.grading.detectors.promises.promise_model", lambda: model)
    return model


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


def test_without_the_model_file_the_rules_decide_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(learned, "MODEL_PATH", tmp_path / "absent.json")
    learned.promise_model.cache_clear()
    try:
        assert learned.promise_model() is None
    finally:
        monkeypatch.undo()
        learned.promise_model.cache_clear()


def test_the_shipped_model_was_not_trained_on_the_measurement_sets():
    data = json.loads(MODEL_PATH.read_text())
    unread = {"heldout16", "heldout31", "heldout32"}  # the sets kept unread to measure the grader (tests/data/README.md)
    assert unread <= set(data["held_out"])
    assert not unread & set(data["trained_on"])
    assert 0.5 <= data["threshold"] < 1 and len(data["features"]) > 1000
