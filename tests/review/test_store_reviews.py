"""Grade edits, comments, counts and export reads on the real store (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from bot.errors import InputError, NotFound
from bot.store import SessionFilter, open_store
from bot.store.db import create_engine
from bot.store.migrations import migrate
from tests.review.conftest import graded_session


@pytest.fixture
async def people(store):
    return {
        "ana": await store.add_user("ana", "agent", team="blue"),
        "bob": await store.add_user("bob", "agent", team="red"),
        "lead": await store.add_user("lead", "reviewer", team="blue"),
    }


async def test_edits_chain_from_the_grader_level_and_keep_every_step(store, people):
    session_id = await graded_session(store, people["ana"].id)
    first = await store.add_grade_edit(session_id, 1, "empathy", "generic", comment="too formulaic",
                                       reviewer_id=people["lead"].id)
    second = await store.add_grade_edit(session_id, 1, "empathy", "none", comment="actually dismissive",
                                        reviewer_id=people["lead"].id)

    assert (first.from_level, first.to_level, first.reviewer) == ("specific", "generic", "lead")
    assert (second.from_level, second.to_level) == ("generic", "none")
    edits = await store.grade_edits([session_id])
    assert [(e.turn_index, e.criterion, e.from_level, e.to_level, e.comment) for e in edits] == [
        (1, "empathy", "specific", "generic", "too formulaic"),
        (1, "empathy", "generic", "none", "actually dismissive"),
    ]
    # the grader's own grade is untouched
    record = await store.load_session(session_id)
    assert record.turns[1].grade.criteria["empathy"].level == "specific"


async def test_edits_to_not_applicable_and_on_the_opening_are_told_apart(store, people):
    session_id = await graded_session(store, people["ana"].id)
    edit = await store.add_grade_edit(session_id, 1, "open_questions", None, comment="no real question",
                                      reviewer_id=people["lead"].id)
    assert (edit.from_level, edit.to_level) == ("open", None)
    with pytest.raises(InputError, match="no graded agent reply"):
        await store.add_grade_edit(session_id, 0, "empathy", "none", comment="x", reviewer_id=people["lead"].id)
    with pytest.raises(NotFound):
        await store.add_grade_edit(session_id, 9, "empathy", "none", comment="x", reviewer_id=people["lead"].id)


async def test_comments_append_in_order(store, people):
    session_id = await graded_session(store, people["ana"].id)
    await store.add_turn_comment(session_id, 2, author_id=people["lead"].id, text="never say calm down")
    await store.add_turn_comment(session_id, 0, author_id=people["lead"].id, text="<script>alert(1)</script>")
    comments = await store.turn_comments(session_id)
    assert [(c.turn_index, c.author, c.text) for c in comments] == [
        (2, "lead", "never say calm down"), (0, "lead", "<script>alert(1)</script>")]
    assert await store.turn_comments(await graded_session(store, people["bob"].id)) == []


async def test_level_counts_apply_the_newest_edit(store, people):
    ana_session = await graded_session(store, people["ana"].id)
    await graded_session(store, people["bob"].id, persona_id="bank-eleanor")

    def counts(found, group):
        return {(c.criterion, c.level): c.count for c in found if c.group == group}

    before = counts(await store.level_counts(SessionFilter(), "agent"), "ana")
    assert before[("empathy", "specific")] == 1 and before[("empathy", "none")] == 1
    assert ("boundary_setting", None) not in before  # not applicable is not counted

    await store.add_grade_edit(ana_session, 1, "empathy", "generic", comment="c", reviewer_id=people["lead"].id)
    await store.add_grade_edit(ana_session, 1, "open_questions", None, comment="c", reviewer_id=people["lead"].id)
    after = counts(await store.level_counts(SessionFilter(), "agent"), "ana")
    assert after[("empathy", "generic")] == 1 and ("empathy", "specific") not in after
    assert ("open_questions", "open") not in after
    by_persona = await store.level_counts(SessionFilter(team="red"), "persona")
    assert {c.group for c in by_persona} == {"bank-eleanor"}
    by_day = await store.level_counts(SessionFilter(), "day")
    assert all(len(c.group) == 10 and c.group[4] == "-" for c in by_day)


async def test_graded_replies_and_edited_sessions(store, people):
    ana_session = await graded_session(store, people["ana"].id)
    bob_session = await graded_session(store, people["bob"].id)
    await store.add_grade_edit(bob_session, 2, "trigger_phrases", "clean", comment="c", reviewer_id=people["lead"].id)

    replies = await store.graded_replies(SessionFilter())
    assert [(r.session_id, r.turn_index) for r in replies] == [(ana_session, 1), (ana_session, 2), (bob_session, 1),
                                                               (bob_session, 2)]
    assert list(replies[0].grades) == ["empathy", "open_questions", "promises", "boundary_setting", "trigger_phrases"]
    assert replies[1].grades["trigger_phrases"].level == "trigger"
    assert await store.edited_session_ids(SessionFilter()) == [bob_session]
    assert await store.edited_session_ids(SessionFilter(team="blue")) == []


async def test_score_band_filter_and_sort(store, people):
    low = await graded_session(store, people["ana"].id, overall=20.0)
    high = await graded_session(store, people["ana"].id, overall=90.0)
    unscored = await store.start_session(user_id=people["ana"].id, persona_id="isp-dana", rubric_id="deescalation",
                                         mode="exam")
    assert [s.id for s in (await store.list_sessions(SessionFilter(score_from=0, score_below=50))).items] == [low]
    assert [s.id for s in (await store.list_sessions(sort="lowest_score")).items] == [low, high, unscored]
    assert [s.id for s in (await store.list_sessions(sort="highest_score")).items] == [high, low, unscored]


async def test_upgrading_adds_the_overall_column_filled_from_stored_debriefs(store_url, people, store):
    session_id = await graded_session(store, people["ana"].id, overall=42.0)
    await store.close()
    engine = create_engine(store_url)
    try:
        async with engine.begin() as conn:  # back to the schema before m002
            for statement in ("DROP INDEX ix_sessions_overall", "DROP INDEX ix_grades_current",
                              "ALTER TABLE sessions DROP COLUMN overall",
                              "DELETE FROM _migrations WHERE name LIKE 'm002%' OR name LIKE 'm003%'"):
                await conn.exec_driver_sql(statement)
        assert await migrate(engine) == ["m002_review_indexes", "m003_grades_index_order"]
    finally:
        await engine.dispose()
    reopened = await open_store(store_url)
    try:
        assert (await reopened.list_sessions()).items[0].overall == 42.0
        assert [s.id for s in (await reopened.list_sessions(SessionFilter(score_below=50))).items] == [session_id]
    finally:
        await reopened.close()


async def test_the_first_dashboard_index_is_rebuilt_in_the_right_order(store_url, store):
    await store.close()
    engine = create_engine(store_url)
    try:
        async with engine.begin() as conn:  # as the first m002 left it
            for statement in ("DROP INDEX ix_grades_current",
                              "CREATE INDEX ix_grades_current ON grades "
                              "(superseded, status, turn_id, criterion, level)",
                              "DELETE FROM _migrations WHERE name = 'm003_grades_index_order'"):
                await conn.exec_driver_sql(statement)
        assert await migrate(engine) == ["m003_grades_index_order"]
        async with engine.connect() as conn:
            indexes = await conn.run_sync(lambda sync: inspect(sync).get_indexes("grades"))
        assert next(i["column_names"] for i in indexes if i["name"] == "ix_grades_current") == [
            "turn_id", "criterion", "superseded", "status", "level"]
    finally:
        await engine.dispose()
