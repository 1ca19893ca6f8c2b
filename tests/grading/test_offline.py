from bot.domain import Criterion, GradingItem, ItemContext, Level
from bot.grading import OfflineGrader, get_grader, grade_offline
from bot.grading.batch import levels, read_items
from bot.grading.calibration import calibrate
from bot.errors import BotError
from tests.grading.conftest import DEV_SET, ROOT, said

import pytest

ITEM = GradingItem(id="t", context=ItemContext(persona="Dana", policy=None),
                   history=said("My internet has been down three days."),
                   reply="Sorry for the trouble. Calm down, please. What's your account number?")


async def test_offline_grader_maps_detectors_onto_the_rubric(rubric):
    grade = await OfflineGrader().grade(ITEM, rubric)
    assert grade.engine == "offline" and grade.rubric_id == rubric.id and grade.rubric_version == rubric.version
    assert grade.criteria["trigger_phrases"].level == "trigger" and grade.criteria["trigger_phrases"].score == 0
    assert grade.criteria["trigger_phrases"].evidence == "Calm down"
    assert grade.criteria["open_questions"].level == "closed"
    boundary = grade.criteria["boundary_setting"]
    assert boundary.status == "not_applicable" and boundary.level is None and boundary.score is None
    for criterion in grade.criteria.values():
        assert criterion.evidence is None or criterion.evidence in ITEM.reply


def test_a_criterion_without_a_detector_is_ungraded(rubric):
    extra = Criterion(id="thanks", name="Thanks", description="thanks the customer",
                      levels=[Level(id="yes", points=1, description="y"), Level(id="no", points=0, description="n")])
    grade = grade_offline(ITEM, rubric.model_copy(update={"criteria": [*rubric.criteria, extra]}))
    assert grade.criteria["thanks"].status == "ungraded"
    assert grade.criteria["thanks"].reason == "no offline detector for this criterion"


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(BotError, match="Unknown grading engine 'magic'"):
        get_grader("magic")
    assert isinstance(get_grader("offline"), OfflineGrader)


# The dev set lives outside the repository (shared/ beside the checkout); the held-out sets read for tuning are
# regression guards too (the unread ones, heldout109-124, are a measurement, not a floor).
LABELLED_SETS = [
    pytest.param(DEV_SET, marks=pytest.mark.skipif(not DEV_SET.exists(), reason=f"dev set not found at {DEV_SET} (BOT_DEV_SET)")),
    *(ROOT / "tests" / "data" / f"heldout{n}.jsonl" for n in ["", *range(2, 109)]),
    *sorted((ROOT / "tests" / "grading" / "data").glob("challenge*.jsonl")),
]


@pytest.mark.parametrize("labelled", LABELLED_SETS, ids=lambda p: p.stem)
def test_offline_engine_keeps_a_kappa_floor_on_labelled_data(rubric, labelled):
    """Regression guard on real labelled data: every criterion at kappa >= 0.8."""
    numbered, bad = read_items(labelled)
    assert not bad and len(numbered) >= 20
    results = calibrate((item.labels, levels(grade_offline(item, rubric))) for _, item in numbered)
    assert len(results) == 5
    assert {r.criterion: round(r.kappa, 2) for r in results if r.kappa < 0.8} == {}
