"""`bot check`: every problem on its own line, a summary, and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.cli.check as check_module
from bot.cli import app

runner = CliRunner()


@pytest.fixture
def configured(settings, monkeypatch):
    monkeypatch.setattr(check_module, "get_settings", lambda: settings)
    return settings


def run(*args: str):
    return runner.invoke(app, ["check", *args])


def test_no_path_checks_the_configured_folders(configured):
    personas = len(list(configured.personas_dir.glob("*.yaml")))
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output == f"ok: {personas} personas, 1 rubric, 3 prompts valid\n"


def test_problems_are_printed_with_file_and_field_and_exit_code_is_1(configured):
    Path("personas/isp-dana.yaml").write_text(
        Path("personas/isp-dana.yaml").read_text().replace("  anger: 7\n", "  anger: 70\n"))
    Path("rubrics/extra.yaml").write_text("")
    personas = len(list(configured.personas_dir.glob("*.yaml"))) - 1
    result = run()
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "personas/isp-dana.yaml: temperament.anger: must be at most 10, got 70",
        "rubrics/extra.yaml: file: is empty (see the 'Trainer files' section of README.md for an example)",
        f"2 problems in 2 files; valid: {personas} personas, 1 rubric, 3 prompts",
    ]


def test_paths_check_only_those_files(configured):
    Path("personas/isp-dana.yaml").write_text("just text")
    result = run("personas/bank-eleanor.yaml", "rubrics/deescalation.yaml", "prompts/judge.md")
    assert result.exit_code == 0, result.output
    assert result.output == "ok: 1 persona, 1 rubric, 1 prompt valid\n"
    result = run("personas/isp-dana.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("personas/isp-dana.yaml: (top level): expected a mapping")


def test_a_folder_outside_the_project_is_checked_file_by_file(configured, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "new.yaml").write_text(Path("personas/isp-dana.yaml").read_text())
    (drafts / "rubric.yaml").write_text(Path("rubrics/deescalation.yaml").read_text())
    (drafts / "notes.txt").write_text("ignored")
    result = run("drafts")
    assert result.exit_code == 0, result.output
    assert result.output == "ok: 1 persona, 1 rubric, 0 prompts valid\n"


def test_a_path_that_does_not_exist(configured):
    result = run("personas/nobody.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "personas/nobody.yaml: file: does not exist"
