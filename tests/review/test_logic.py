"""Pure review logic: override rules, chips, evidence marks, filters, aggregates, export rows, charts."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest

from bot.errors import InputError
from bot.ports import SessionRecord
from bot.review import aggregates, charts
from bot.review.export import history_before, labelled_items, reply_records, to_csv, to_jsonl
from bot.review.filters import ListQuery, session_filter
from bot.review.highlight import evidence_spans, highlighted
from bot.review.overrides import check_override, chips
from bot.store import SessionFilter
from bot.store.review_records import GradedReply, GradeEdit, LevelCount, OriginalGrade
from tests.review.conftest import session_turns

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # a Monday


def edit(n: int, criterion: str, from_level: str | None, to_level: str | None, *, turn: int = 1,
         session: str = "s1") -> GradeEdit:
    return GradeEdit(id=n, session_id=session, turn_index=turn, criterion=criterion, from_level=from_level,
                     to_level=to_level, comment=f"why {n}", reviewer_id="u", reviewer="lead", created_at=T0)


# --------------------------------------------------------------------------- overrides


def test_override_needs_a_level_of_the_criterion_and_a_comment(rubric):
    checked = check_override(rubric, "empathy", "generic", "  formulaic  ", current="specific")
    assert (checked.criterion, checked.to_level, checked.comment) == ("empathy", "generic", "formulaic")
    with pytest.raises(InputError, match="required"):
        check_override(rubric, "empathy", "generic", "   ", current="specific")
    with pytest.raises(InputError, match="not a level"):
        check_override(rubric, "empathy", "open", "why", current="specific")
    with pytest.raises(InputError, match="no criterion"):
        check_override(rubric, "humour", "none", "why", current="ungraded")
    with pytest.raises(InputError, match="already"):
        check_override(rubric, "empathy", "specific", "why", current="specific")


def test_not_applicable_only_for_criteria_that_apply_sometimes(rubric):
    assert check_override(rubric, "open_questions", "n/a", "no question", current="open").to_level is None
    assert check_override(rubric, "boundary_setting", "n/a", "not abuse", current="ungraded").to_level is None
    with pytest.raises(InputError, match="already"):
        check_override(rubric, "open_questions", "n/a", "why", current="n/a")
    with pytest.raises(InputError, match="not a level"):
        check_override(rubric, "empathy", "n/a", "why", current="none")


def test_chips_show_the_newest_edit_and_keep_the_original(rubric):
    grade = session_turns()[1].grade
    shown = {c.criterion: c for c in chips(rubric, grade, [edit(2, "empathy", "generic", "none"),
                                                             edit(1, "empathy", "specific", "generic"),
                                                             edit(3, "open_questions", "open", None)])}
    assert shown["empathy"].level == "none" and shown["empathy"].overridden
    assert [e.id for e in shown["empathy"].history] == [1, 2]
    assert shown["empathy"].original.level == "specific" and shown["empathy"].name == "Specific empathy"
    assert (shown["open_questions"].status, shown["open_questions"].shown) == ("not_applicable", "n/a")
    assert not shown["promises"].overridden and shown["promises"].shown == "realistic"


# --------------------------------------------------------------------------- evidence


def test_evidence_is_marked_exactly_and_everything_is_escaped():
    text = "<b>Sorry</b> & three days offline, that's rough."
    marked = highlighted(text, {"empathy": "three days offline", "promises": None, "other": "not in the reply"})
    assert str(marked) == ('&lt;b&gt;Sorry&lt;/b&gt; &amp; <mark title="empathy">three days offline</mark>, '
                           "that&#39;s rough.")
    script = highlighted("<script>alert(1)</script> ok", {"x": "<script>"})
    assert "<script>" not in str(script) and '<mark title="x">&lt;script&gt;</mark>' in str(script)


def test_overlapping_evidence_merges_into_one_mark():
    assert evidence_spans("abcdefgh", {"a": "bcd", "b": "cdef", "c": "h"}) == [(1, 6, ["a", "b"]), (7, 8, ["c"])]


# --------------------------------------------------------------------------- filters


def test_query_narrows_the_scope_and_never_widens_it():
    scope = SessionFilter(user_id="me")
    where = session_filter(ListQuery(agent="bob", date_from="2026-03-01", date_to="2026-03-02", score="low",
                                     mode="exam"), scope)
    assert where.user_id == "me" and where.agent == "bob" and where.mode == "exam"
    assert where.started_from == datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert where.started_before == datetime(2026, 3, 3, tzinfo=timezone.utc)
    assert (where.score_from, where.score_below) == (0, 50)
    assert session_filter(ListQuery(), SessionFilter(team="blue")).team == "blue"


@pytest.mark.parametrize("query, message", [
    (ListQuery(date_from="03/01/2026"), "not a date"), (ListQuery(score="great"), "score band"),
    (ListQuery(sort="random"), "sort"), (ListQuery(mode="chat"), "mode"),
    (ListQuery(date_from="2026-03-05", date_to="2026-03-01"), "before"),
])
def test_bad_queries_are_refused(query, message):
    with pytest.raises(InputError, match=message):
        session_filter(query, SessionFilter())


def test_links_keep_the_filters():
    assert ListQuery(agent="a b", sort="oldest").link(page=3) == "?agent=a+b&sort=oldest&page=3"


# --------------------------------------------------------------------------- aggregates


def counts(group: str, *rows: tuple[str, str, int]) -> list[LevelCount]:
    return [LevelCount(group=group, criterion=c, level=lv, count=n) for c, lv, n in rows]


def test_scores_are_points_over_best_points_and_overall_is_weighted(rubric):
    found = aggregates.scores_by_group(rubric, counts("ana", ("empathy", "specific", 1), ("empathy", "none", 1),
                                                      ("trigger_phrases", "clean", 3), ("promises", "???", 5)))
    ana = found["ana"]
    assert ana.per_criterion["empathy"] == 50 and ana.per_criterion["trigger_phrases"] == 100
    assert ana.per_criterion["open_questions"] is None  # never graded, and the unknown level is left out
    weights = {c.id: c.weight for c in rubric.criteria}
    expected = (weights["empathy"] * 50 + weights["trigger_phrases"] * 100) / (weights["empathy"]
                                                                               + weights["trigger_phrases"])
    assert ana.overall == pytest.approx(expected)
    assert aggregates.weakest_criterion(rubric, ana) == "empathy"


def test_personas_hardest_first_and_weeks_in_order(rubric):
    by_persona = aggregates.scores_by_group(rubric, counts("easy", ("empathy", "specific", 2))
                                            + counts("hard", ("empathy", "none", 2)))
    assert [p.group for p in aggregates.hardest_first(by_persona)] == ["hard", "easy"]
    weeks = aggregates.trend(rubric, counts("2026-03-04", ("empathy", "none", 1)) + counts("2026-03-08", ("empathy",
                             "specific", 1)) + counts("2026-02-24", ("empathy", "generic", 1)))
    assert [(w.group, w.per_criterion["empathy"]) for w in weeks] == [("2026-02-23", 50), ("2026-03-02", 50)]


# --------------------------------------------------------------------------- export


def reply(turn: int, **levels: str | None) -> GradedReply:
    return GradedReply(session_id="s1", agent="ana", team="blue", persona_id="isp-dana", rubric_id="deescalation",
                       mode="coach", started_at=T0, turn_index=turn, reply=f"reply {turn}, with \"quotes\"",
                       grades={c: OriginalGrade(status="graded" if lv else "not_applicable", level=lv)
                               for c, lv in levels.items()})


def test_export_rows_have_current_original_and_overrides():
    records = reply_records([reply(1, empathy="specific", open_questions=None), reply(2, empathy="none")],
                            [edit(1, "empathy", "specific", "generic"), edit(2, "open_questions", None, "closed")])
    first = records[0]["criteria"]
    assert first["empathy"]["level"] == "generic" and first["empathy"]["original"] == "specific"
    assert first["open_questions"] == {"level": "closed", "original": "n/a", "overrides": [
        {"from": "n/a", "to": "closed", "by": "lead", "at": T0.isoformat(), "comment": "why 2"}]}
    assert records[1]["criteria"]["empathy"]["overrides"] == []
    assert [json.loads(line)["turn"] for line in to_jsonl(records).splitlines()] == [1, 2]

    rows = list(csv.DictReader(io.StringIO(to_csv(records, ["empathy", "open_questions"]))))
    assert rows[0]["empathy"] == "generic" and rows[0]["empathy_original"] == "specific"
    assert rows[0]["reply"] == 'reply 1, with "quotes"'
    assert "empathy: specific -> generic by lead" in rows[0]["overrides"] and rows[1]["overrides"] == ""


def test_labelled_items_carry_the_history_and_only_the_reviewed_criteria(persona):
    record = SessionRecord(id="s1", user_id="u", persona_id="isp-dana", rubric_id="deescalation", mode="coach",
                           turns=session_turns())
    items = labelled_items(record, persona, [edit(1, "trigger_phrases", "trigger", "clean", turn=2),
                                             edit(2, "trigger_phrases", "clean", "trigger", turn=2),
                                             edit(3, "open_questions", None, "closed", turn=2)])
    assert len(items) == 1
    item = items[0]
    assert item.id == "s1-t2" and item.reply == "Calm down, that's our policy."
    assert item.labels == {"trigger_phrases": "trigger", "open_questions": "closed"}
    assert [m.role for m in item.history] == ["customer", "agent", "customer"]
    assert item.history[-1].text == "The technician never came."
    assert item.context.policy == persona.policy_text and persona.name in item.context.persona
    assert history_before(record, 1)[0].text == "My internet has been down 3 days!"


# --------------------------------------------------------------------------- charts


def test_charts_escape_labels_and_break_lines_at_gaps():
    svg = str(charts.line_chart("<t>", ["w1", "w2", "w3"], [charts.Series("<script>", [10, None, 30])], 100))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<polyline") == 2  # the gap splits the line
    bars = str(charts.bar_chart("b", [("a&b", 40.0), ("none", None)]))
    assert "a&amp;b" in bars and "no data" in bars
