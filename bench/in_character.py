"""How often does the simulated customer stay in character on the embedded model?

    .venv/bin/python bench/in_character.py [--turns 4] [--persona ID ...] [--script ID ...] [--json]

Plays every persona against every shipped agent script (scripts/agents/) through the real session core
(customer guard included), on the configured endpoint: the embedded model unless BOT_LLM_BASE_URL is set.
For the customer messages after the opening it reports:
- generated: share that needed no fallback line (the model produced something the guard let through);
- clean first try: share whose first generation passed the guard untouched (no guard event at all);
- in character as shown: share of what the trainee saw that passes a guard pass over the finished text.
Target: in character as shown >= 95%.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

from bot.config import get_settings
from bot.customer import guard_context
from bot.domain import Message, Persona, Turn
from bot.files import load_catalog
from bot.guard import first_problem
from bot.selfplay import play, self_play_sessions, shipped_scripts


def shown_problems(persona: Persona, turns: list[Turn]) -> list[str]:
    """A guard pass over what was shown: one problem (or '') per customer message after the opening."""
    problems = []
    for index, turn in enumerate(turns[1:], start=1):
        if turn.customer_text is None:
            continue
        earlier = [Message(role="customer", text=t.customer_text) for t in turns[:index] if t.customer_text]
        problem = first_problem(turn.customer_text, guard_context(persona, earlier))
        problems.append(f"{problem.kind}: {problem.detail}" if problem else "")
    return problems


def rates(persona: Persona, turns: list[Turn]) -> dict[str, int]:
    answered = [turn for turn in turns[1:] if turn.customer_text is not None]
    return {
        "messages": len(answered),
        "generated": sum(not turn.customer_fallback for turn in answered),
        "clean_first_try": sum(not turn.guard_events for turn in answered),
        "in_character_shown": sum(not problem for problem in shown_problems(persona, turns)),
    }


async def run(turns: int, persona_ids: list[str] | None, script_ids: list[str] | None) -> list[dict]:
    settings = get_settings()
    catalog = load_catalog(settings)
    rubric = catalog.rubrics[settings.default_rubric]
    scripts = shipped_scripts()
    rows = []
    async with self_play_sessions(settings, catalog) as new_session:
        for persona_id in persona_ids or sorted(catalog.personas):
            for script_id in script_ids or sorted(scripts):
                started = time.perf_counter()
                persona = scripts[script_id].persona_for(catalog.personas[persona_id])
                result = await play(new_session(persona, rubric, 0), scripts[script_id], turns)
                rows.append({"persona": persona_id, "script": script_id, **rates(persona, result.turns),
                             "ended": result.end_reason, "seconds": round(time.perf_counter() - started, 1),
                             "shown_problems": [p for p in shown_problems(persona, result.turns) if p],
                             "guard_events": [[e.kind, e.rejected_text] for t in result.turns for e in t.guard_events],
                             "customer_messages": [t.customer_text for t in result.turns]})
                print(f"{persona_id} / {script_id}: {rows[-1]['seconds']}s", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=4, help="agent replies per conversation")
    parser.add_argument("--persona", action="append", help="only this persona (repeatable)")
    parser.add_argument("--script", action="append", help="only this agent script (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = asyncio.run(run(args.turns, args.persona, args.script))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    total = {key: sum(row[key] for row in rows) for key in ("messages", "generated", "clean_first_try",
                                                             "in_character_shown")}
    print(f"{'persona':<18}{'script':<18}{'msgs':>5}{'generated':>11}{'clean 1st':>11}{'shown ok':>10}  ended")
    for row in rows:
        print(f"{row['persona']:<18}{row['script']:<18}{row['messages']:>5}{row['generated']:>11}"
              f"{row['clean_first_try']:>11}{row['in_character_shown']:>10}  {row['ended']} ({row['seconds']}s)")
        for problem in row["shown_problems"]:
            print(f"    shown with a problem: {problem}")
    n = total["messages"] or 1
    print(f"\n{total['messages']} customer messages: generated (no fallback) {total['generated'] / n:.0%}, "
          f"clean on the first try {total['clean_first_try'] / n:.0%}, "
          f"in character as shown {total['in_character_shown'] / n:.0%} (target >= 95%)")


if __name__ == "__main__":
    main()
