"""The pure renderers: grades → coaching markdown, debrief → table, mood → props and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest

from bot.domain import CriterionGrade, Debrief, Improvement, Mood, ReplyGrade, Strength
from bot.web import render


def grade_of(**criteria: CriterionGrade) -> ReplyGrade:
    return ReplyGrade(criteria=criteria, engine="offline", rubric_id="deescalation", rubric_version="1")


def graded(criterion: str, level: str, evidence: str | None = None, reason: str | None = None) -> CriterionGrade:
    return CriterionGrade(criterion=criterion, status="graded", level=level, evidence=evidence, engine="offline",
                          reason=reason)


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (graded("empathy", "specific", "three days offline"), "✔ **Specific empathy**: specific"),
        (graded("empathy", "generic", "sorry for the trouble"), "◑ **Specific empathy**: generic"),
        (graded("empathy", "none"), "✘ **Specific empathy**: none"),
        (CriterionGrade(criterion="empathy", status="ungraded", engine="llm", reason="judge timed out"),
         "○ **Specific empathy**: not graded yet (judge timed out)"),
        (CriterionGrade(criterion="empathy", status="not_applicable", engine="offline"),
         "· **Specific empathy**: does not apply"),
        (None, "○ **Specific empathy**: not graded yet"),
    ],
)
def test_criterion_line_shows_level_mark_or_not_graded(rubric, grade, expected):
    line = render.criterion_line(grade, "empathy", rubric)
    assert line.startswith(f"- {expected}")


def test_criterion_line_quotes_evidence_on_one_line(rubric):
    line = render.criterion_line(graded("empathy", "specific", "three days\noffline, `really`"), "empathy", rubric)
    assert "evidence: “three days offline, 'really'”" in line


def test_coaching_lists_every_rubric_criterion_in_order(rubric):
    grade = grade_of(trigger_phrases=graded("trigger_phrases", "trigger", "calm down"),
                     empathy=graded("empathy", "generic"))
    text = render.coaching_markdown(grade, rubric)
    names = [c.name for c in rubric.criteria]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    # criteria the grade does not mention are shown as pending, never dropped
    assert text.count(render.NOT_GRADED) == len(rubric.criteria) - 2


def test_coaching_without_grade_is_all_not_graded(rubric):
    text = render.coaching_markdown(None, rubric)
    assert text.count(render.NOT_GRADED) == len(rubric.criteria)
    assert render.coaching_title(None) == "coaching - not graded yet"


def test_coaching_title_counts_graded_of_applicable_criteria():
    grade = grade_of(empathy=graded("empathy", "generic"),
                     promises=CriterionGrade(criterion="promises", status="ungraded", engine="llm"),
                     boundary_setting=CriterionGrade(criterion="boundary_setting", status="not_applicable",
                                                     engine="offline"))
    assert render.coaching_title(grade) == "coaching - 1 of 2 criteria graded"


def make_debrief(**overrides) -> Debrief:
    values = dict(
        overall=62.4,
        per_criterion={"empathy": 75.0, "open_questions": None, "promises": 50.0},
        mood_curve=[Mood(anger=8, trust=2), Mood(anger=6, trust=3), Mood(anger=3, trust=6)],
        strengths=[Strength(criterion="empathy", turn=2, quote="Three days offline is awful", why="specific")],
        improvements=[Improvement(criterion="promises", turn=1, quote="It will be fixed today",
                                  better="The earliest visit I can book is Thursday", why="keepable")],
        summary="Good recovery after a rough start.",
        engine="offline",
    )
    values.update(overrides)
    return Debrief(**values)


def test_debrief_table_has_a_row_per_criterion_with_na(rubric):
    text = render.debrief_markdown(make_debrief(), rubric)
    assert "## Debrief: 62 / 100" in text
    assert "| Specific empathy | 75 |" in text
    assert "| Open questions | n/a |" in text
    assert "Good recovery after a rough start." in text


def test_debrief_quotes_strengths_and_better_wording(rubric):
    text = render.debrief_markdown(make_debrief(), rubric)
    assert "(turn 2): you said “Three days offline is awful”\n  - why: specific" in text
    assert "you said “It will be fixed today”" in text
    assert "better: “The earliest visit I can book is Thursday”" in text


def test_debrief_without_strengths_or_score(rubric):
    text = render.debrief_markdown(make_debrief(overall=None, strengths=[], improvements=[]), rubric)
    assert "## Debrief: n/a / 100" in text
    assert "What went well" not in text and "What to try next time" not in text


def test_debrief_keeps_criteria_the_rubric_no_longer_has(rubric):
    text = render.debrief_markdown(make_debrief(per_criterion={"empathy": 10.0, "retired": 40.0}), rubric)
    assert "| retired | 40 |" in text


def test_mood_meter_props_carry_band_and_deltas(persona):
    props = render.mood_meter_props(persona, [Mood(anger=7, trust=2), Mood(anger=9, trust=1)])
    assert props["anger"] == 9 and props["trust"] == 1
    assert props["angerDelta"] == 2 and props["trustDelta"] == -1
    assert props["band"] == "abusive"  # persona.temperament.abusive_at = 9
    assert props["history"] == [{"anger": 7, "trust": 2}, {"anger": 9, "trust": 1}]


def test_mood_meter_props_at_the_opening_have_no_delta(persona):
    props = render.mood_meter_props(persona, [Mood(anger=5, trust=4)])
    assert (props["angerDelta"], props["trustDelta"], props["band"]) == (0, 0, "annoyed")


def test_mood_curve_svg_is_valid_and_plots_each_point():
    curve = [Mood(anger=10, trust=0), Mood(anger=5, trust=5), Mood(anger=0, trust=10)]
    svg = render.mood_curve_svg(curve, width=236, height=144)
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    anger = root.find("s:g[@class='anger']/s:polyline", ns).get("points").split()
    trust = root.find("s:g[@class='trust']/s:polyline", ns).get("points").split()
    # plot area: x 36..224, y 14..114 (10 at the top)
    assert anger == ["36.0,14.0", "130.0,64.0", "224.0,114.0"]
    assert trust == ["36.0,114.0", "130.0,64.0", "224.0,14.0"]


def test_mood_curve_svg_with_a_single_point_does_not_divide_by_zero():
    root = ET.fromstring(render.mood_curve_svg([Mood(anger=4, trust=4)]))
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == 2


def test_profile_and_welcome_text(persona):
    profile = render.persona_profile_markdown(persona)
    assert persona.scenario in profile and "●●● hard" in profile
    welcome = render.welcome_markdown(persona, local_mode=True)
    assert "- Credits up to $20 without a supervisor." in welcome
    assert "single local user" in welcome
    assert "single local user" not in render.welcome_markdown(persona, local_mode=False)


def test_session_title():
    started = datetime(2026, 11, 22, 9, 5, tzinfo=timezone.utc)
    assert render.session_title("Dana Reyes", started) == "Dana Reyes · 2026-11-22 09:05"
