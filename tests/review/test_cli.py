"""`bot export` and `bot report` against a real SQLite store."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.config import get_settings
from bot.grading.batch import read_items
from bot.store import opened_store
from tests.review.conftest import graded_session

runner = CliRunner()


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    get_settings.cache_clear()

    async def seed() -> str:
        async with opened_store(url) as store:
            ana = await store.add_user("ana<script>", "agent", team="blue")
            lead = await store.add_user("lead", "reviewer", team="blue")
            session_id = await graded_session(store, ana.id)
            await store.add_grade_edit(session_id, 2, "empathy", "generic", comment="sorry counts a bit",
                                       reviewer_id=lead.id)
            return session_id

    session_id = asyncio.run(seed())
    yield session_id
    get_settings.cache_clear()


def test_export_csv_and_jsonl(database):
    result = runner.invoke(app, ["export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["turn"], r["empathy"], r["empathy_original"]) for r in rows] == [("1", "specific", "specific"),
                                                                                ("2", "generic", "none")]
    assert "sorry counts a bit" in rows[1]["overrides"]

    result = runner.invoke(app, ["export", "--format", "jsonl", "--team", "red"])
    assert result.exit_code == 0 and result.stdout == ""
    assert runner.invoke(app, ["export", "--format", "xlsx"]).exit_code == 1


def test_labelled_export_feeds_calibrate(database, tmp_path):
    out = tmp_path / "labelled.jsonl"
    result = runner.invoke(app, ["export", "--labelled", "--out", str(out)])
    assert result.exit_code == 0, result.output
    items, bad = read_items(out)
    assert bad == [] and [(i.id, i.labels) for _, i in items] == [(f"{database}-t2", {"empathy": "generic"})]
    assert json.loads(out.read_text().splitlines()[0])["context"]["policy"]


def test_report_is_one_self_contained_escaped_file(database, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert html.count("<svg") == 4 and "<style>" in html
    assert "ana&lt;script&gt;" in html and "<script" not in html
    fetchable = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not any(needle in fetchable for needle in ("http://", "https://", "src=", "<link", "url("))
    assert runner.invoke(app, ["report", "--out", str(tmp_path / "missing" / "r.html")]).exit_code == 1
