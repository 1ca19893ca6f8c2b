"""`bot check [PATH...]`: validate the trainer's files and print every problem as `file: field: problem (hint)`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import typer

from bot.cli.main import app, reports_errors
from bot.config import Settings, get_settings
from bot.domain import Persona, Rubric
from bot.errors import LoadError
from bot.file_errors import display_path
from bot.files import YAML_SUFFIXES, load_folder, read_yaml_mapping, validate_file
from bot.prompts import PromptLibrary, parse_prompt

_MODELS = {"persona": Persona, "rubric": Rubric}


@dataclass
class CheckReport:
    loaded: Counter = field(default_factory=Counter)  # kind -> number of valid files
    problems: list[LoadError] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{self.loaded[kind]} {kind}{'' if self.loaded[kind] == 1 else 's'}"
                           for kind in ("persona", "rubric", "prompt"))
        if not self.problems:
            return f"ok: {counts} valid"
        files = len({problem.file for problem in self.problems})
        return (f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} "
                f"in {files} file{'s' if files != 1 else ''}; valid: {counts}")


def _check_folder(folder: Path, kind: str, report: CheckReport) -> None:
    if kind == "prompt":
        library = PromptLibrary.load(folder)
        report.loaded["prompt"] += len(library.prompts)
        report.problems.extend(library.problems)
        return
    loaded, problems = load_folder(folder, _MODELS[kind])
    report.loaded[kind] += len(loaded)
    report.problems.extend(problems)


def _yaml_kind(path: Path) -> str:
    """Which kind of YAML file this is: by its folder's name, else a rubric is what has criteria."""
    if path.parent.name in ("rubrics", "personas"):
        return path.parent.name.removesuffix("s")
    try:
        return "rubric" if "criteria" in read_yaml_mapping(path) else "persona"
    except LoadError:
        return "persona"  # validating it as a persona reports what is wrong with it


def _check_file(path: Path, report: CheckReport) -> None:
    if path.suffix == ".md":
        loaded, problems = parse_prompt(path)
        kind = "prompt"
    elif path.suffix in YAML_SUFFIXES:
        kind = _yaml_kind(path)
        loaded, problems = validate_file(path, _MODELS[kind])
    else:
        report.problems.append(LoadError(display_path(path), "file", "not a persona, rubric or prompt",
                                         "personas and rubrics end in .yaml, prompts in .md"))
        return
    report.loaded[kind] += loaded is not None
    report.problems.extend(problems)


def _folder_kind(folder: Path, settings: Settings) -> str | None:
    configured = {Path(settings.personas_dir).resolve(): "persona", Path(settings.rubrics_dir).resolve(): "rubric",
                  Path(settings.prompts_dir).resolve(): "prompt"}
    by_name = {"personas": "persona", "rubrics": "rubric", "prompts": "prompt"}
    return configured.get(folder.resolve()) or by_name.get(folder.name)


def check_paths(paths: list[Path], settings: Settings) -> CheckReport:
    """Check the given files and folders; none given = the three configured folders."""
    report = CheckReport()
    if not paths:
        for folder, kind in ((settings.personas_dir, "persona"), (settings.rubrics_dir, "rubric"),
                             (settings.prompts_dir, "prompt")):
            _check_folder(Path(folder), kind, report)
        return report
    for path in paths:
        if not path.exists():
            report.problems.append(LoadError(display_path(path), "file", "does not exist"))
        elif path.is_file():
            _check_file(path, report)
        elif kind := _folder_kind(path, settings):
            _check_folder(path, kind, report)
        else:
            for child in sorted(path.iterdir()):
                if child.suffix in (*YAML_SUFFIXES, ".md"):
                    _check_file(child, report)
    return report


@app.command()
@reports_errors
def check(
    paths: list[Path] = typer.Argument(
        None, help="Files or folders to check. Default: the personas, rubrics and prompts folders.", show_default=False
    ),
) -> None:
    """Validate personas, rubrics and prompts; print every problem with its file and field."""
    report = check_paths(paths or [], get_settings())
    for problem in report.problems:
        typer.echo(str(problem))
    typer.echo(report.summary())
    if report.problems:
        raise typer.Exit(1)
