"""`bot simulate`: play a persona against a scripted agent and show how the customer behaves."""

from __future__ import annotations

import asyncio
import json

import typer
from rich.console import Console

from bot.cli.main import app, reports_errors
from bot.cli.sessions import transcript_table
from bot.config import get_settings
from bot.errors import NotFound
from bot.files import Catalog, load_catalog
from bot.ports import SessionRecord
from bot.selfplay import AgentScript, SelfPlayResult, find_script, play, self_play_sessions


@app.command()
@reports_errors
def simulate(
    persona: str = typer.Option(..., "--persona", help="persona id, e.g. isp-dana"),
    agent: str = typer.Option(
        "good", "--agent", help="agent script: an id in scripts/agents/ (good, mediocre, abusive_handling) or a path"
    ),
    turns: int = typer.Option(None, "--turns", min=1, help="stop after this many agent replies"),
    rubric: str = typer.Option(None, "--rubric", help="rubric id (default: BOT_DEFAULT_RUBRIC)"),
    seed: int = typer.Option(0, "--seed", help="picks the opening line"),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
) -> None:
    """Play PERSONA against a scripted agent: transcript with mood and grades per turn, and the ending."""
    settings = get_settings()
    catalog = load_catalog(settings)
    script = find_script(agent)
    result, record = asyncio.run(_run(catalog, persona, rubric or settings.default_rubric, script, turns, seed))
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(transcript_table(record))
    for index, reasons in enumerate(result.reasons, start=1):
        if reasons:
            console.print(f"[bold]turn {index}[/bold] mood: " + "; ".join(reasons), highlight=False)
    fallbacks = sum(turn.customer_fallback for turn in record.turns)
    events = sum(len(turn.guard_events) for turn in record.turns)
    console.print(f"ended: [bold]{result.end_reason}[/bold] ({result.why}); guard events: {events}, "
                  f"fallback lines: {fallbacks}", highlight=False)
    if record.debrief and record.debrief.overall is not None:
        console.print(f"overall score: {record.debrief.overall:.0f}/100", highlight=False)


async def _run(catalog: Catalog, persona_id: str, rubric_id: str, script: AgentScript, turns: int | None,
               seed: int) -> tuple[SelfPlayResult, SessionRecord]:
    persona = _pick(catalog.personas, persona_id, "persona")
    rubric = _pick(catalog.rubrics, rubric_id, "rubric")
    async with self_play_sessions(get_settings(), catalog) as new_session:
        session = new_session(script.persona_for(persona), rubric, seed)
        result = await play(session, script, turns)
        return result, await session.store.load_session(session.session_id)


def _pick(loaded: dict, wanted: str, kind: str):
    if wanted not in loaded:
        raise NotFound(f"No valid {kind} '{wanted}'.",
                       hint=f"available: {', '.join(sorted(loaded)) or 'none'}; `bot check` shows invalid files")
    return loaded[wanted]
