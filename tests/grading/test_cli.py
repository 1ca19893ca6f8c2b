import json

from typer.testing import CliRunner

from bot.cli import app
from tests.grading.conftest import ROOT

runner = CliRunner()
ITEM = {"id": "a-1", "context": {"persona": "Dana", "policy": "Credits up to $20."},
        "history": [{"role": "customer", "text": "Down three days!"}],
        "reply": "I'm sorry. I guarantee it'll be fixed today. Tell me what happened."}


def test_grade_batch_writes_one_line_per_good_item_and_reports_bad_lines(tmp_path):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps(ITEM) + "\n{oops\n" + json.dumps(ITEM | {"id": "a-2"}) + "\n")
    result = runner.invoke(app, ["grade-batch", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert "line 2" in result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a-1", "a-2"]
    criteria = lines[0]["criteria"]
    assert criteria["promises"]["level"] == "unkeepable" and criteria["promises"]["score"] == 0
    assert criteria["open_questions"] == {"level": "open", "score": 2, "evidence": "Tell me what happened.",
                                          "engine": "offline", "status": "graded"}
    assert criteria["boundary_setting"]["level"] is None and criteria["boundary_setting"]["score"] is None


def test_grade_batch_with_an_unknown_engine_fails_cleanly(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ITEM) + "\n")
    result = runner.invoke(app, ["grade-batch", str(source), "--out", str(tmp_path / "o"), "--engine", "magic"])
    assert result.exit_code == 1 and "Unknown grading engine" in result.output


def test_calibrate_prints_kappas_and_fails_below_the_floor():
    labelled = ROOT / "tests" / "data" / "heldout.jsonl"  # in the repository: the dev set may not be beside it
    ok = runner.invoke(app, ["calibrate", str(labelled), "--min-kappa", "0.8"])
    assert ok.exit_code == 0, ok.output
    assert "kappa" in ok.output and "trigger_phrases" in ok.output and "weakest" in ok.output
    strict = runner.invoke(app, ["calibrate", str(labelled), "--min-kappa", "1.01"])
    assert strict.exit_code == 1 and "below --min-kappa" in strict.output


def test_calibrate_skips_lines_whose_labels_are_not_the_rubrics_levels_and_says_how_to_fix_them(tmp_path):
    """A quoted "null" would count as a disagreement on every such line (a kappa of 0.54 where 0.96 was right)."""
    labels = {"empathy": "generic", "open_questions": "open", "promises": "unkeepable", "boundary_setting": None,
              "trigger_phrases": "clean"}
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("\n".join(json.dumps(ITEM | {"id": f"a-{n}", "labels": labels | change}) for n, change in enumerate(
        [{}, {"boundary_setting": "null"}, {"promises": "kept"}, {"politeness": "high"}], start=1)) + "\n")
    result = runner.invoke(app, ["calibrate", str(labelled)])
    output = " ".join(result.output.split())  # as printed, less the terminal's line wrapping
    assert result.exit_code == 1
    assert "line 2: labels.boundary_setting: 'null' is not a level of boundary_setting (set, absent, unprofessional or null)" \
        " (write null without quotes)" in output
    assert "line 3: labels.promises: 'kept' is not a level of promises" in output
    assert "line 4: labels.politeness: no such criterion in rubric 'deescalation'" in output
    assert "(n=1)" in output  # the one good line is still measured


def test_model_engines_get_an_open_endpoint_for_the_run(tmp_path, monkeypatch):
    """llm/hybrid need ChatModels: the CLI opens the endpoint around the whole batch."""
    from contextlib import asynccontextmanager

    import bot.llm
    from bot.grading import ENGINES, OfflineGrader

    opened = []

    @asynccontextmanager
    async def fake_endpoint(settings):
        opened.append("open")
        yield "endpoint"
        opened.append("closed")

    class ModelGrader(OfflineGrader):
        def __init__(self, models):
            self.models = models

    monkeypatch.setattr(bot.llm, "open_endpoint", fake_endpoint)
    monkeypatch.setattr(bot.llm.ChatModels, "create", classmethod(lambda cls, settings, endpoint: f"models of {endpoint}"))
    made = []
    monkeypatch.setitem(ENGINES, "fake", lambda settings, models: made.append(models) or ModelGrader(models))
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps(ITEM) + "\n")
    result = runner.invoke(app, ["grade-batch", str(source), "--out", str(out), "--engine", "fake"])
    assert result.exit_code == 0, result.output
    assert made == ["models of endpoint"] and opened == ["open", "closed"]
    assert json.loads(out.read_text())["id"] == "a-1"
