import pytest

from bot.grading.calibration import agreement, calibrate, cohen_kappa


def test_kappa_matches_a_hand_computed_value():
    # 10 pairs: observed agreement 7/10. Human: a=5, b=5; grader: a=4, b=6.
    # expected = (5*4 + 5*6) / 100 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    pairs = [("a", "a")] * 3 + [("a", "b")] * 2 + [("b", "b")] * 4 + [("b", "a")]
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_not_applicable_is_a_class_of_its_own():
    # human: None x2, set x2; grader: None, set, set, set -> observed 3/4
    # expected = (2*1 + 2*3) / 16 = 0.5 -> kappa 0.5
    pairs = [(None, None), (None, "set"), ("set", "set"), ("set", "set")]
    assert cohen_kappa(pairs) == pytest.approx(0.5)
    result = agreement("boundary_setting", pairs)
    assert result.cell("n/a", "set") == 1 and result.cell("set", "set") == 2
    assert result.classes[-1] == "n/a" and result.accuracy == pytest.approx(0.75)


def test_perfect_agreement_on_one_class_is_kappa_one():
    assert cohen_kappa([("clean", "clean")] * 3) == 1.0


def test_calibrate_orders_weakest_last_and_skips_unlabelled_criteria():
    rows = [({"a": "x", "b": "x"}, {"a": "x", "b": "y"}), ({"a": "y", "b": "y"}, {"a": "y", "b": "y"}),
            ({"a": "x"}, {"a": "x", "b": "x"})]
    results = calibrate(rows)
    assert [r.criterion for r in results] == ["a", "b"]
    assert results[1].count == 2 and results[0].kappa == 1.0
