"""`bot grade-batch` and `bot calibrate`: grade a JSONL file of replies, or measure a grader against labels."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from bot.cli.main import app, err_console, reports_errors
from bot.config import get_settings
from bot.domain import GradingItem, ReplyGrade, Rubric
from bot.errors import InputError, NotFound
from bot.files import load_rubric
from bot.grading import ENGINES, get_grader
from bot.grading.batch import BadLine, graded_line, levels, read_items
from bot.grading.calibration import Agreement, calibrate as measure, label_problems
from bot.ports import Grader

ENGINE_HELP = "offline (detectors), llm (judge) or hybrid"


def find_rubric(rubric_id: str | None) -> Rubric:
    """A rubric by id from the rubrics folder, or by path."""
    settings = get_settings()
    wanted = rubric_id or settings.default_rubric
    if wanted.endswith((".yaml", ".yml")):
        return load_rubric(Path(wanted))
    for suffix in (".yaml", ".yml"):
        path = Path(settings.rubrics_dir) / f"{wanted}{suffix}"
        if path.exists():
            return load_rubric(path)
    known = sorted(p.stem for p in Path(settings.rubrics_dir).glob("*.y*ml"))
    raise NotFound(f"No rubric '{wanted}' in {settings.rubrics_dir}.", hint=f"known: {', '.join(known) or 'none'}")


@asynccontextmanager
async def _engine(name: str) -> AsyncIterator[Grader]:
    """The grader for ``name``; engines that need a model get the configured endpoint, open for the block
    (the embedded llama.cpp server is started and stopped here)."""
    if name == "offline":
        yield get_grader(name)
        return
    settings = get_settings()
    from bot.llm import ChatModels, open_endpoint  # the LLM client stack loads only when a model is used

    async with open_endpoint(settings) as endpoint:
        yield ENGINES[name](settings, ChatModels.create(settings, endpoint))


async def _grade_all(engine: str, items: list[GradingItem], rubric: Rubric,
                     advance: Callable[[], None]) -> list[ReplyGrade]:
    grades = []
    async with _engine(engine) as grader:
        for item in items:
            grades.append(await grader.grade(item, rubric))
            advance()
    return grades


def _grade_with_progress(engine: str, items: list[GradingItem], rubric: Rubric) -> list[ReplyGrade]:
    """Grade in input order; a progress bar on a terminal, silence in a pipe."""
    if not err_console.is_terminal:
        return asyncio.run(_grade_all(engine, items, rubric, lambda: None))
    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("grading", total=len(items))
        return asyncio.run(_grade_all(engine, items, rubric, lambda: progress.advance(task)))


def _read_for_grading(
    source: Path, engine: str, rubric_id: str | None
) -> tuple[Rubric, list[tuple[int, GradingItem]], list[BadLine]]:
    """The rubric and the readable items of SOURCE with their line numbers; bad lines are reported (by line number) and returned.
    A wrong engine name fails before SOURCE is read."""
    loaded_rubric = find_rubric(rubric_id)
    if engine not in ENGINES:
        get_grader(engine)  # raises the error that lists the engines
    numbered, bad = read_items(source)
    for problem in bad:
        _report_skipped(source, problem)
    return loaded_rubric, numbered, bad


def _report_skipped(source: Path, problem: BadLine) -> None:
    """One skipped line, unwrapped: a narrow terminal must not fold "line 2" mid-word."""
    err_console.print(f"[red]skipped[/red] {source}:{problem}", markup=True, highlight=False, soft_wrap=True)


@app.command("grade-batch")
@reports_errors
def grade_batch(
    source: Path = typer.Argument(..., help="JSONL: one {id, context, history, reply} per line"),
    out: Path = typer.Option(..., "--out", help="where to write one graded line per item"),
    engine: str = typer.Option("offline", "--engine", help=ENGINE_HELP),
    rubric: str = typer.Option(None, "--rubric", help="rubric id or path (default: BOT_DEFAULT_RUBRIC)"),
) -> None:
    """Grade every reply of SOURCE; bad lines are reported by line number and skipped (exit 1)."""
    loaded_rubric, numbered, bad = _read_for_grading(source, engine, rubric)
    items = [item for _, item in numbered]
    grades = _grade_with_progress(engine, items, loaded_rubric)
    with out.open("w", encoding="utf-8") as handle:
        for item, grade in zip(items, grades):
            handle.write(json.dumps(graded_line(item, grade), ensure_ascii=False) + "\n")
    err_console.print(f"graded {len(items)} repl{'y' if len(items) == 1 else 'ies'} -> {out}"
                      + (f"; {len(bad)} bad line(s) skipped" if bad else ""), highlight=False)
    if bad:
        raise typer.Exit(1)


def agreement_table(agreement: Agreement) -> Table:
    table = Table(show_edge=False)
    table.add_column("human \\ grader")
    for cls in agreement.classes:
        table.add_column(cls, justify="right")
    for human in agreement.classes:
        table.add_row(human, *(str(agreement.cell(human, grader)) for grader in agreement.classes))
    return table


@app.command()
@reports_errors
def calibrate(
    labelled: Path = typer.Argument(..., help="JSONL of labelled items (each with 'labels')"),
    engine: str = typer.Option("offline", "--engine", help=ENGINE_HELP),
    rubric: str = typer.Option(None, "--rubric", help="rubric id or path (default: BOT_DEFAULT_RUBRIC)"),
    min_kappa: float = typer.Option(None, "--min-kappa", help="exit 1 if any criterion's kappa is below this"),
) -> None:
    """Per criterion: accuracy, Cohen's kappa and the confusion matrix against human labels, weakest last."""
    loaded_rubric, readable, bad = _read_for_grading(labelled, engine, rubric)
    items = []
    for line, item in readable:
        problems = label_problems(item.labels, loaded_rubric) if item.labels is not None else []
        if problems:  # a mislabelled line would count as a disagreement and lower every figure: skip it, say why
            bad.append(BadLine(line, "; ".join(problems)))
            _report_skipped(labelled, bad[-1])
        elif item.labels is not None:
            items.append(item)
    if not items:
        raise InputError(f"{labelled} has no labelled items.", hint="each line needs a 'labels' object")
    grades = _grade_with_progress(engine, items, loaded_rubric)
    results = measure((item.labels or {}, levels(grade)) for item, grade in zip(items, grades))
    console = Console()
    for result in results:
        console.print(f"\n[bold]{result.criterion}[/bold]  accuracy {result.accuracy:.2f}  kappa {result.kappa:.2f}  "
                      f"(n={result.count})", highlight=False)
        console.print(agreement_table(result))
    weakest = results[-1]
    console.print(f"weakest: {weakest.criterion} kappa {weakest.kappa:.2f}", highlight=False)
    if min_kappa is not None and weakest.kappa < min_kappa:
        err_console.print(f"[red]below --min-kappa {min_kappa:.2f}[/red]: "
                          + ", ".join(r.criterion for r in results if r.kappa < min_kappa), markup=True, highlight=False)
        raise typer.Exit(1)
    if bad:
        raise typer.Exit(1)
