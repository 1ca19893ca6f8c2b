"""Latency budget of one turn: does the customer's next message wait on anything but the model?

    .venv/bin/python -m bench.latency [--turns 60] [--latency 0.3] [--judge-latency 1.5] [--rate 40]

The fake endpoint (bench/fake_llm.py, its own process) waits L = --latency before its first token and
streams --rate tokens/s; the judge answers after --judge-latency (slower than the customer on purpose).
The session core runs with the app's wiring on a temporary SQLite store, once with the offline grader only
(judge off) and once with the hybrid engine refining grades (judge on).

overhead = time from the agent's reply to the first customer text shown
           - L - the time the fake needs to stream that first text: the guard releases whole sentences,
             each once the next token shows it has ended (k tokens: k / rate)
Targets: p95 overhead < 20 ms; mean turn latency judge on / judge off <= 1.05.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from langchain_core.messages import HumanMessage

from bench.fake_llm import spawn_fake_llm, tokens
from bench.practice_driver import (AGENT_REPLIES, new_session, percentile, practice_runtime, settings_for,
                                   timed_reply)
from bot.llm import ChatModels, remote_endpoint, stream_text

PERSONA = "isp-dana"


async def run(base_url: str, engine: str, turns: int, latency: float, rate: float) -> dict:
    overheads, totals = [], []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        async with practice_runtime(base_url, url, engine) as runtime:
            session = await new_session(runtime, PERSONA)
            sessions = [session]
            while len(totals) < turns:
                timing = await timed_reply(session, AGENT_REPLIES[(len(session.turns) - 1) % len(AGENT_REPLIES)])
                if timing.error or timing.first_text_s is None:
                    raise RuntimeError(f"a turn failed on a fault-free endpoint: {timing.error}")
                # the guard releases a sentence when the token after it (or the stream's end) arrives
                streaming = len(tokens(timing.first_draft)) / rate if rate else 0.0
                overheads.append((timing.first_text_s - latency - streaming) * 1000)
                totals.append(timing.total_s * 1000)
                if timing.ended:
                    session = await new_session(runtime, PERSONA)
                    sessions.append(session)
            for each in sessions:
                await each.settle()  # the judge's refinements finish inside the measured runtime
    return {"engine": engine, "turns": len(totals), "sessions": len(sessions),
            "overhead_p50": percentile(overheads, 0.5), "overhead_p95": percentile(overheads, 0.95),
            "overhead_max": max(overheads), "turn_mean": statistics.fmean(totals)}


async def client_baseline(base_url: str, calls: int, latency: float) -> list[float]:
    """First token - L for the bare LLM client (LangChain's ChatOpenAI): what no session code can remove."""
    settings = settings_for(base_url, "sqlite+aiosqlite://", "offline")
    models = ChatModels.create(settings, remote_endpoint(settings))
    overheads = []
    try:
        for _ in range(calls):
            started = time.perf_counter()
            async for _piece in stream_text(models.customer, [HumanMessage("Hello?")]):
                overheads.append((time.perf_counter() - started - latency) * 1000)
                break
    finally:
        await models.aclose()
    return overheads


async def measure(turns: int, latency: float, judge_latency: float, rate: float) -> tuple[dict, dict, list]:
    args = ("--latency", str(latency), "--judge-latency", str(judge_latency), "--rate", str(rate))
    with spawn_fake_llm(*args) as base_url:
        await run(base_url, "offline", 3, latency, rate)  # warm-up: imports, connections, first queries
        baseline = await client_baseline(base_url, turns, latency)
        off = await run(base_url, "offline", turns, latency, rate)
        on = await run(base_url, "hybrid", turns, latency, rate)
    return off, on, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description="Turn latency of the session core with the judge on and off.")
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--latency", type=float, default=0.3, help="L: seconds before the first token")
    parser.add_argument("--judge-latency", type=float, default=1.5, help="seconds the judge takes to answer")
    parser.add_argument("--rate", type=float, default=40.0, help="streamed tokens per second")
    args = parser.parse_args()
    off, on, baseline = asyncio.run(measure(args.turns, args.latency, args.judge_latency, args.rate))
    print(f"L = {args.latency * 1000:.0f} ms, judge {args.judge_latency * 1000:.0f} ms, {args.rate:g} tokens/s")
    print(f"LLM client alone (first token - L): p50 {percentile(baseline, 0.5):.1f} ms, "
          f"p95 {percentile(baseline, 0.95):.1f} ms")
    print(f"{'judge':<8}{'engine':<9}{'turns':>6}{'overhead p50':>14}{'p95':>9}{'max':>9}{'turn mean':>11}")
    for label, row in (("off", off), ("on", on)):
        print(f"{label:<8}{row['engine']:<9}{row['turns']:>6}{row['overhead_p50']:>11.1f} ms"
              f"{row['overhead_p95']:>6.1f} ms{row['overhead_max']:>6.1f} ms{row['turn_mean']:>8.0f} ms")
    ratio = on["turn_mean"] / off["turn_mean"]
    worst_p95 = max(off["overhead_p95"], on["overhead_p95"])
    print(f"turn latency ratio judge on/off: {ratio:.3f} (target <= 1.05: {'met' if ratio <= 1.05 else 'MISSED'})")
    print(f"p95 overhead: {worst_p95:.1f} ms (target < 20 ms: {'met' if worst_p95 < 20 else 'MISSED'})")


if __name__ == "__main__":
    main()
