"""`bot export` and `bot report`: the review data for spreadsheets, `bot calibrate` and the team's inbox."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from bot.cli.db import run_with_store
from bot.cli.main import app, reports_errors
from bot.config import get_settings
from bot.domain import Rubric
from bot.errors import ConfigError, InputError
from bot.files import Catalog, load_catalog
from bot.review.dashboard import load_dashboard
from bot.review.export_files import export_text, labelled_text
from bot.review.filters import ListQuery, session_filter
from bot.review.report import render_report
from bot.store import SessionFilter


def _catalog_and_rubric() -> tuple[Catalog, Rubric]:
    settings = get_settings()
    catalog = load_catalog(settings)
    rubric = catalog.rubrics.get(settings.default_rubric)
    if rubric is None:
        raise ConfigError(f"The default rubric '{settings.default_rubric}' is not loaded.",
                          hint="check BOT_DEFAULT_RUBRIC and run `bot check`")
    return catalog, rubric


def _scope(team: str | None, date_from: str | None, date_to: str | None) -> SessionFilter:
    return session_filter(ListQuery(date_from=date_from or "", date_to=date_to or ""), SessionFilter(team=team))


def _write(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"Cannot write {out}: {error.strerror}.", hint="check the folder exists") from None
    typer.echo(f"wrote {out}", err=True)


TEAM = typer.Option(None, "--team", help="only this team's sessions")
FROM = typer.Option(None, "--from", help="sessions started on or after this day (YYYY-MM-DD)")
TO = typer.Option(None, "--to", help="sessions started on or before this day (YYYY-MM-DD)")


@app.command("export")
@reports_errors
def export_command(
    fmt: str = typer.Option("csv", "--format", help="csv | jsonl"),
    out: Path = typer.Option(None, "--out", help="file to write (default: standard output)"),
    labelled: bool = typer.Option(False, "--labelled",
                                  help="only overridden replies, as LABELING.md items for `bot calibrate` (JSONL)"),
    team: str = TEAM, date_from: str = FROM, date_to: str = TO,
) -> None:
    """One row per graded reply with its current levels, the grader's levels and every override."""
    catalog, rubric = _catalog_and_rubric()
    where = _scope(team, date_from, date_to)
    if labelled:
        text = run_with_store(lambda store: labelled_text(store, catalog, where))
    else:
        text = run_with_store(lambda store: export_text(store, rubric, where, fmt))
    _write(text, out)


@app.command("report")
@reports_errors
def report_command(
    out: Path = typer.Option(Path("report.html"), "--out", help="the HTML file to write"),
    team: str = TEAM, date_from: str = FROM, date_to: str = TO,
) -> None:
    """A self-contained HTML team report: per-agent and per-criterion scores, weekly trend, persona difficulty."""
    _, rubric = _catalog_and_rubric()
    where = _scope(team, date_from, date_to)
    dashboard = run_with_store(lambda store: load_dashboard(store, where, rubric))
    scope = f"team {team}" if team else "all teams"
    if date_from or date_to:
        scope += f", {date_from or 'start'} to {date_to or date.today().isoformat()}"
    _write(render_report(dashboard, scope), out)
