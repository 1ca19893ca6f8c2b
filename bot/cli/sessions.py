"""`bot sessions list|show`: browse stored practice sessions from the terminal."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.db import run_with_store
from bot.cli.main import app, reports_errors
from bot.domain import Turn
from bot.ports import SessionRecord
from bot.store import SessionFilter

sessions_app = typer.Typer(help="Browse stored practice sessions.", no_args_is_help=True)
app.add_typer(sessions_app, name="sessions")


@sessions_app.command("list")
@reports_errors
def list_sessions(
    agent: str = typer.Option(None, "--agent", help="user name"),
    persona: str = typer.Option(None, "--persona", help="persona id"),
    page: int = typer.Option(1, "--page", min=1),
    per_page: int = typer.Option(50, "--per-page", min=1, max=200),
    as_json: bool = typer.Option(False, "--json", help="one JSON object with items and total"),
) -> None:
    """Sessions, newest first."""
    where = SessionFilter(agent=agent, persona_id=persona)
    found = run_with_store(lambda store: store.list_sessions(where, page=page, per_page=per_page))
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    table = Table("id", "agent", "persona", "mode", "started (UTC)", "turns", "end", "score",
                  title=f"{found.total} session(s), page {found.page}/{found.pages}")
    for s in found.items:
        table.add_row(s.id, s.agent, s.persona_id, s.mode, f"{s.started_at:%Y-%m-%d %H:%M}", str(s.turn_count),
                      s.end_reason or "-", "-" if s.overall is None else f"{s.overall:.0f}")
    Console().print(table)


def _grade_text(turn: Turn) -> str:
    if turn.grade is None:
        return "-"
    parts = []
    for cid, grade in turn.grade.criteria.items():
        shown = grade.level if grade.status == "graded" else grade.status.replace("_", " ")
        parts.append(f"{cid}: {shown}")
    return "\n".join(parts)


def transcript_table(record: SessionRecord) -> Table:
    table = Table("#", "agent", "customer", "anger/trust", "grades", show_lines=True,
                  title=f"session {record.id}: {record.persona_id}, {record.mode} mode, "
                        f"ended: {record.end_reason or 'not yet'}")
    for turn in record.turns:
        customer = (turn.customer_text or "-") + (" [fallback line]" if turn.customer_fallback else "")
        table.add_row(str(turn.index), turn.agent_text or "(opening)", customer,
                      f"{turn.mood.anger}/{turn.mood.trust}", _grade_text(turn))
    return table


@sessions_app.command("show")
@reports_errors
def show(
    session_id: str = typer.Argument(...),
    as_json: bool = typer.Option(False, "--json", help="the whole record as JSON"),
) -> None:
    """One session's transcript with the mood and grades of every turn."""
    record = run_with_store(lambda store: store.load_session(session_id))
    if as_json:
        typer.echo(record.model_dump_json(indent=2))
        return
    Console().print(transcript_table(record))
    if record.debrief:
        debrief = record.debrief
        overall = "not graded" if debrief.overall is None else f"{debrief.overall:.0f}/100"
        per_criterion = ", ".join(f"{cid} {'n/a' if score is None else f'{score:.0f}'}"
                                  for cid, score in debrief.per_criterion.items())
        Console().print(f"overall: {overall} ({per_criterion})\n{debrief.summary}")
