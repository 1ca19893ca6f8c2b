"""How fast the store takes turns when many practice sessions write at once.

    .venv/bin/python bench/store_writes.py [DATABASE_URL] [--sessions 50] [--turns 10]

Default URL: a temporary SQLite file. Each session writes its turns one by one (each a committed
transaction with three criterion grades), as the session core does; prints turns/s and latency.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.domain import CriterionGrade, Mood, ReplyGrade, Turn
from bot.store import open_store


def graded_turn(index: int) -> Turn:
    criteria = {cid: CriterionGrade(criterion=cid, status="graded", level="generic", score=1.0, engine="detectors")
                for cid in ("empathy", "open_questions", "promises")}
    grade = ReplyGrade(criteria=criteria, engine="offline", rubric_id="deescalation", rubric_version="1")
    return Turn(index=index, agent_text="I hear you, that sounds awful.", grade=grade, mood=Mood(anger=5, trust=4),
                customer_text="It is awful!")


async def main(url: str, sessions: int, turns: int) -> None:
    store = await open_store(url)
    user = await store.add_user(f"bench-{time.time_ns()}", "agent")
    latencies: list[float] = []

    async def practise() -> None:
        session_id = await store.start_session(user_id=user.id, persona_id="bench", rubric_id="r", mode="coach")
        for index in range(turns):
            started = time.perf_counter()
            await store.save_turn(session_id, graded_turn(index))
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(practise() for _ in range(sessions)))
    elapsed = time.perf_counter() - started
    await store.remove_user(user.name, delete_sessions=True)
    await store.close()
    latencies.sort()
    print(f"{url.split(':')[0]}: {sessions} concurrent sessions x {turns} turns = {len(latencies)} turns in "
          f"{elapsed:.2f}s -> {len(latencies) / elapsed:.0f} turns/s; save_turn median "
          f"{statistics.median(latencies) * 1000:.1f} ms, p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(main(url, args.sessions, args.turns))
