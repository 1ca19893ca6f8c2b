"""N simulated trainees at once against ONE app process, over Chainlit's socket.io (no browser).

    .venv/bin/python -m bench.load [--sessions 200] [--turns 4] [--think 20] [--latency 0.3] [--rate 40]
                                   [--database-url postgresql+asyncpg://...]   (default: a temporary SQLite)

Starts the fake LLM (bench/fake_llm.py) and `bot serve` (hybrid grading, LLM debrief) as processes of
their own. Each trainee logs in, connects and chooses coach mode (arrivals spread over --ramp); once all
are in, each sends --turns replies, thinking --think seconds (±50%) before each; every connection stays
open until all trainees are done, so all sessions are held at once. Then the app is stopped and the store
is audited against what was sent. The two phases are apart so that the app's CPU time per session start
and per turn are measured each on its own (CPU seconds are a fairer figure than latency on a shared machine).

overhead = time from sending a reply to the customer's first streamed text - L - the time the fake
           needs to stream that text (k tokens: k / rate; see bench/latency.py)
Target: 200 sessions on one process, p95 overhead < 100 ms, no errors, no lost turns.

The think time sets the load as much as the number of sessions does: the turn rate is about
sessions / (think + the customer's answer). 20 s is already faster than a trainee works (reading a 20-word
customer message and typing a 30-60-word reply at 40 words a minute takes 45-90 s); --think 5 is a stress
run at about 30 turns a second, which one core cannot serve at ~30 ms of CPU a turn. The turn rate reached is
printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.app_process import AppProcess
from bench.chainlit_client import ChatClient
from bench.fake_llm import spawn_fake_llm, tokens
from bench.practice_driver import AGENT_REPLIES, percentile
from bot.config import PROJECT_ROOT
from bot.files import load_persona
from bot.store import opened_store

PERSONA = load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")
SETTLE_S = 2.0


@dataclass
class LoadRun:
    overheads_ms: list[float] = field(default_factory=list)
    connect_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)  # thread id -> replies
    connected: int = 0
    peak_connected: int = 0
    finished: int = 0
    turns_done: int = 0
    start_cpu_s: float = 0.0  # the app's CPU while trainees connected and got their opening line
    turn_cpu_s: float = 0.0  # the app's CPU while trainees replied (and the judge refined their grades)
    turn_phase_s: float = 0.0
    wall_s: float = 0.0
    peak_rss_mb: float = 0.0


async def trainee(app_url: str, number: int, run: LoadRun, args, all_in: asyncio.Event, all_done: asyncio.Event,
                  rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(0, args.ramp))  # arrivals spread over the ramp, as a shift starts
    client = ChatClient(app_url, PERSONA.id, PERSONA.name)
    started = time.perf_counter()
    try:
        await client.open()
    except Exception as error:  # noqa: BLE001 - every failure is a figure of the benchmark
        run.errors.append(f"trainee {number}: could not start: {type(error).__name__}: {error}")
        run.finished += 1
        await client.close()
        return
    run.connect_s.append(time.perf_counter() - started)
    run.connected += 1
    run.peak_connected = max(run.peak_connected, run.connected)
    await all_in.wait()  # replies start once every trainee is in: session starts and turns measured apart
    sent: list[str] = []
    try:
        for turn in range(args.turns):
            await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
            text = AGENT_REPLIES[turn % len(AGENT_REPLIES)]
            sent.append(text)
            timing = await client.say(text)
            if timing.first_text_s is None:
                run.errors.append(f"trainee {number}: no customer text for turn {turn + 1}")
                continue
            streaming = len(tokens(timing.first_text)) / args.rate if args.rate else 0.0
            run.overheads_ms.append((timing.first_text_s - args.latency - streaming) * 1000)
            run.turns_done += 1
    except Exception as error:  # noqa: BLE001
        run.errors.append(f"trainee {number}: {type(error).__name__}: {error}")
    run.errors.extend(f"trainee {number}: the app said: {notice}" for notice in client.notices
                      if notice.startswith("⚠"))
    run.sent[client.thread_id or f"unknown-{number}"] = sent
    run.finished += 1
    await all_done.wait()  # every session stays open until all trainees are done
    run.connected -= 1
    await client.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def drive(app: AppProcess, args) -> LoadRun:
    run, all_in, all_done, rng = LoadRun(), asyncio.Event(), asyncio.Event(), random.Random(args.seed)
    pid = app.process.pid
    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    tasks = [asyncio.create_task(trainee(app.url, n, run, args, all_in, all_done, rng))
             for n in range(args.sessions)]

    async def wait_until(condition) -> None:  # bounded: every wait of a trainee has a timeout
        while not condition():
            await asyncio.sleep(0.2)
            run.peak_rss_mb = max(run.peak_rss_mb, rss_mb(pid))

    await wait_until(lambda: len(run.connect_s) + run.finished >= len(tasks))
    cpu_started = cpu_seconds(pid)
    run.start_cpu_s = cpu_started - cpu_before
    all_in.set()
    turns_started = time.perf_counter()
    await wait_until(lambda: run.finished >= len(tasks))
    await asyncio.sleep(SETTLE_S)  # the last turns' grades are refined by the judge in the background
    run.turn_cpu_s, run.wall_s = cpu_seconds(pid) - cpu_started, time.perf_counter() - started
    run.turn_phase_s = time.perf_counter() - turns_started
    all_done.set()
    await asyncio.gather(*tasks)
    return run


async def audit(database_url: str, run: LoadRun) -> tuple[int, int]:
    """(turns stored, turns lost): every reply sent must be a stored turn, in order, with its answer."""
    stored = lost = 0
    async with opened_store(database_url) as store:
        for thread_id, sent in run.sent.items():
            record = await store.load_session(thread_id)
            kept = [turn.agent_text for turn in record.turns if turn.agent_text and turn.customer_text]
            stored += len(kept)
            lost += sum(1 for index, text in enumerate(sent) if index >= len(kept) or kept[index] != text)
    return stored, lost


def main() -> None:
    parser = argparse.ArgumentParser(description="Concurrent trainees against one app process.")
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--think", type=float, default=20.0, help="seconds a trainee thinks before each reply")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which trainees arrive")
    parser.add_argument("--latency", type=float, default=0.3, help="L: the fake LLM's seconds to first token")
    parser.add_argument("--rate", type=float, default=40.0, help="the fake LLM's tokens per second")
    parser.add_argument("--engine", default="hybrid", help="grading engine of the app (offline | hybrid | llm)")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'load.db'}"
        log = Path(folder) / "app.log"
        with spawn_fake_llm("--latency", str(args.latency), "--rate", str(args.rate)) as llm_url:
            with AppProcess(llm_url, database_url, engine=args.engine, log_path=log) as app:
                run = asyncio.run(drive(app, args))
        stored, lost = asyncio.run(audit(database_url, run))
        tracebacks = log.read_text(errors="replace").count("Traceback")
    overheads = run.overheads_ms or [float("nan")]
    print(f"{args.sessions} trainees, {args.turns} replies each, think {args.think:g} s, "
          f"L {args.latency * 1000:.0f} ms, "
          f"{args.rate:g} tokens/s, engine {args.engine}, store {database_url.split(':')[0]}")
    app_cpu_s = run.start_cpu_s + run.turn_cpu_s
    print(f"sessions held at once: {run.peak_connected}; app memory peak {run.peak_rss_mb:.0f} MB; app CPU "
          f"{app_cpu_s:.1f} s in {run.wall_s:.0f} s ({app_cpu_s / max(run.wall_s, 1e-9):.0%} of one core)")
    print(f"app CPU per session start {run.start_cpu_s / max(len(run.connect_s), 1) * 1000:.0f} ms, "
          f"per turn {run.turn_cpu_s / max(run.turns_done, 1) * 1000:.1f} ms "
          f"(the judge's background grading included); {run.turns_done / max(run.turn_phase_s, 1e-9):.1f} turns a second on average")
    print(f"connect + opening line: p50 {percentile(run.connect_s or [0], 0.5):.2f} s, "
          f"p95 {percentile(run.connect_s or [0], 0.95):.2f} s")
    print(f"overhead to the customer's first text: p50 {percentile(overheads, 0.5):.0f} ms, "
          f"p95 {percentile(overheads, 0.95):.0f} ms, max {max(overheads):.0f} ms over {len(run.overheads_ms)} turns")
    print(f"errors: {len(run.errors)}; tracebacks in the app log: {tracebacks}")
    for error in run.errors[:5]:
        print(f"  {error}")
    print(f"turns sent {sum(map(len, run.sent.values()))}, stored with their answer {stored}, lost {lost}")


if __name__ == "__main__":
    main()
