"""How often does the simulated customer stay in character, and in context, on the embedded model?

    .venv/bin/python -m bench.in_character [--turns 4] [--persona ID ...] [--script ID ...] [--json]
    .venv/bin/python -m bench.in_character --generate     # make the embedded model generate (the old path)
    .venv/bin/python -m bench.in_character --report run.json   # the report of a saved --json run

Plays every persona against every shipped agent script (scripts/agents/) through the real session core
(customer guard included), on the configured endpoint: the embedded model unless BOT_LLM_BASE_URL is set.
On the embedded model the customer's messages are composed from the persona's lines (bot/compose.py);
``--generate`` makes that model generate them instead, guarded, as a capable endpoint does.
For the customer messages after the opening it reports:
- generated: share the model produced and the guard let through; composed: share composed from the
  persona's lines by design (no model call); fallback: share composed after the model's output failed;
- clean first try: share whose first generation passed the guard untouched (no guard event at all);
- guard pass over what was shown: share of what the trainee saw that passes the guard again as a whole
  (a consistency check: the guard judging its own output);
- in character as shown: share of what the trainee saw that an independent, stricter check
  (bench/voice_check.py, no code shared with the guard) finds in character;
- in context: share that also fits the agent's reply it answers (voice_check.context_verdict: no thanks
  after a brush-off, earned facts told, no insult when not abusive, a last message fitting the ending).
Then a sample of shown messages (G generated, C composed, F fallback), each after the agent's reply it
answers, with both verdicts, to read by eye. Target: in character as shown >= 95%.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time

from bot.config import get_settings
from bot.customer import CustomerVoice, guard_context
from bot.domain import Message, Persona, Turn
from bot.files import load_catalog
from bot.guard import first_problem
from bot.selfplay import play, self_play_sessions, shipped_scripts
from bench.voice_check import context_verdict, verdict


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


def source(turn: Turn, composed: bool) -> str:
    """G generated, C composed by design (the embedded voice), F composed after the model's text failed."""
    if turn.customer_fallback:
        return "F"
    return "C" if composed else "G"


def verdicts(persona: Persona, turns: list[Turn], ending: str | None, composed: bool) -> list[dict]:
    """Both checks' verdicts on every customer message after the opening (the last one saw the ending)."""
    answered = [turn for turn in turns[1:] if turn.customer_text is not None]
    return [{"agent": turn.agent_text, "text": turn.customer_text, "source": source(turn, composed),
             "verdict": verdict(turn.customer_text, persona, turn.agent_text or ""),
             "context": context_verdict(turn.customer_text, persona, turn, ending if turn is turns[-1] else None)}
            for turn in answered]


def rates(persona: Persona, turns: list[Turn], ending: str | None, composed: bool) -> dict[str, int]:
    answered = [turn for turn in turns[1:] if turn.customer_text is not None]
    shown = verdicts(persona, turns, ending, composed)
    return {
        "messages": len(answered),
        "generated": sum(source(turn, composed) == "G" for turn in answered),
        "composed": sum(source(turn, composed) == "C" for turn in answered),
        "clean_first_try": sum(not turn.guard_events for turn in answered),
        "guard_pass_shown": sum(not problem for problem in shown_problems(persona, turns)),
        "in_character_shown": sum(not v["verdict"] for v in shown),
        "in_context_shown": sum(not v["verdict"] and not v["context"] for v in shown),
    }


def generating(voice: CustomerVoice) -> CustomerVoice:
    """The same endpoint, made to generate (guarded, with the off-topic check) instead of composing."""
    return CustomerVoice(voice.model, voice.prompts, voice.attempts, voice.retry, topic_check=True)


async def run(turns: int, persona_ids: list[str] | None, script_ids: list[str] | None, generate: bool) -> list[dict]:
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
                session = new_session(persona, rubric, 0)
                if generate:
                    session.customer = generating(session.customer)
                result = await play(session, scripts[script_id], turns)
                rows.append({"persona": persona_id, "script": script_id,
                             **rates(persona, result.turns, result.end_reason, session.customer.composed),
                             "ended": result.end_reason, "seconds": round(time.perf_counter() - started, 1),
                             "shown_problems": [p for p in shown_problems(persona, result.turns) if p],
                             "shown": verdicts(persona, result.turns, result.end_reason, session.customer.composed),
                             "guard_events": [[e.kind, e.rejected_text] for t in result.turns for e in t.guard_events],
                             "customer_messages": [t.customer_text for t in result.turns]})
                print(f"{persona_id} / {script_id}: {rows[-1]['seconds']}s", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=4, help="agent replies per conversation")
    parser.add_argument("--persona", action="append", help="only this persona (repeatable)")
    parser.add_argument("--script", action="append", help="only this agent script (repeatable)")
    parser.add_argument("--generate", action="store_true", help="make the embedded model generate, not compose")
    parser.add_argument("--samples", type=int, default=40, help="shown messages to print for reading")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead")
    parser.add_argument("--report", metavar="FILE", help="print the report of a saved --json run, playing nothing")
    args = parser.parse_args()
    if args.report:
        with open(args.report) as saved:
            rows = json.load(saved)
    else:
        rows = asyncio.run(run(args.turns, args.persona, args.script, args.generate))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    keys = ("messages", "generated", "composed", "clean_first_try", "guard_pass_shown", "in_character_shown",
            "in_context_shown")
    total = {key: sum(row[key] for row in rows) for key in keys}
    print(f"{'persona':<18}{'script':<18}{'msgs':>5}{'gen':>5}{'comp':>6}{'clean 1st':>11}{'guard ok':>10}"
          f"{'in char':>9}{'in ctx':>8}  ended")
    for row in rows:
        print(f"{row['persona']:<18}{row['script']:<18}{row['messages']:>5}{row['generated']:>5}"
              f"{row['composed']:>6}{row['clean_first_try']:>11}{row['guard_pass_shown']:>10}"
              f"{row['in_character_shown']:>9}{row['in_context_shown']:>8}  {row['ended']} ({row['seconds']}s)")
        for shown in row["shown"]:
            if shown["verdict"] or shown["context"]:
                print(f"    {shown['source']} {shown['verdict'] or shown['context']}: {shown['text']!r}")
    shown = [(row["persona"], s) for row in rows for s in row["shown"]]
    print(f"\nA sample of {min(args.samples, len(shown))} shown messages (G generated, C composed, F fallback), "
          "each after the agent's reply:")
    for persona_id, s in random.Random(0).sample(shown, min(args.samples, len(shown))):
        judged = "BAD" if s["verdict"] else "off" if s["context"] else "ok "
        print(f"  {persona_id:<18}agent: {s['agent']!r}\n  {s['source']} {judged}{'':<15}customer: {s['text']!r}")
    n = total["messages"] or 1
    fallback = total["messages"] - total["generated"] - total["composed"]
    print(f"\n{total['messages']} customer messages: generated by the model {total['generated'] / n:.0%}, "
          f"composed from persona lines {total['composed'] / n:.0%}, fallback after guard failures {fallback / n:.0%}, "
          f"clean on the first try {total['clean_first_try'] / n:.0%}, "
          f"guard pass over what was shown {total['guard_pass_shown'] / n:.0%}, "
          f"in character as shown (independent check) {total['in_character_shown'] / n:.0%} (target >= 95%), "
          f"in character and in context (heuristic) {total['in_context_shown'] / n:.0%}")


if __name__ == "__main__":
    main()
