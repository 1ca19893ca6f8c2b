"""How fast the review pages' session list answers with 10,000 stored sessions.

    .venv/bin/python bench/review_list.py [DATABASE_URL] [--sessions 10000] [--repeat 5]

Default URL: a temporary SQLite file. Seeds the store in bulk (30 agents in 3 teams, 10 personas, 6 turns a
session with 5 graded criteria per agent reply, one debrief each, some grade edits), then prints the median
ms per page of `list_sessions` for a few filter/sort combinations, and the dashboard's aggregate queries.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from bot.domain import utcnow
from bot.store import SessionFilter, SqlStore, open_store
from bot.store.models import DebriefRow, GradeRow, ReviewRow, SessionRow, TurnRow, UserRow

LEVELS = {"empathy": ["specific", "generic", "none"], "open_questions": ["open", "closed", None],
          "promises": ["realistic", "unkeepable"], "boundary_setting": [None], "trigger_phrases": ["clean", "trigger"]}
PERSONAS = [f"persona-{n}" for n in range(10)]
TEAMS = ["blue", "red", "green"]
TURNS = 6
BATCH = 500


def grade_rows(turn_id: int, rng: random.Random) -> list[dict]:
    rows = []
    for position, (criterion, levels) in enumerate(LEVELS.items()):
        level = rng.choice(levels)
        rows.append(dict(turn_id=turn_id, criterion=criterion, position=position,
                         status="graded" if level else "not_applicable", level=level, score=None, evidence=None,
                         reason=None, engine="offline", model=None, rubric_id="deescalation", rubric_version="1",
                         prompt_version=None, superseded=False, created_at=utcnow()))
    return rows


async def seed(store: SqlStore, sessions: int, rng: random.Random) -> None:
    users = [dict(id=uuid.uuid4().hex, name=f"agent{n:02d}", role="agent", team=TEAMS[n % 3], password_hash=None,
                  created_at=utcnow()) for n in range(30)]
    reviewer = dict(id=uuid.uuid4().hex, name="lead", role="reviewer", team=None, password_hash=None,
                    created_at=utcnow())
    async with store.transaction() as db:
        await db.execute(insert(UserRow.__table__), users + [reviewer])
    start, turn_id = utcnow() - timedelta(days=180), 0
    for first in range(0, sessions, BATCH):
        session_rows, turn_rows, grades, debriefs, edits = [], [], [], [], []
        for _ in range(first, min(sessions, first + BATCH)):
            session_id = uuid.uuid4().hex
            started = start + timedelta(minutes=rng.randrange(180 * 24 * 60))
            overall = round(rng.uniform(0, 100), 1)
            session_rows.append(dict(id=session_id, user_id=rng.choice(users)["id"], persona_id=rng.choice(PERSONAS),
                                     rubric_id="deescalation", mode=rng.choice(["coach", "exam"]), started_at=started,
                                     ended_at=started + timedelta(minutes=8), end_reason="resolved", engine_info=None,
                                     overall=overall))
            for index in range(TURNS):
                turn_id += 1
                turn_rows.append(dict(id=turn_id, session_id=session_id, turn_index=index, customer_text="Fix it!",
                                      agent_text=None if index == 0 else "I hear you: three days offline is awful.",
                                      anger=rng.randrange(11), trust=rng.randrange(11), customer_fallback=False,
                                      guard_events=[], revealed_facts=[],
                                      grade_meta=None if index == 0 else {"engine": "offline",
                                                                          "rubric_id": "deescalation",
                                                                          "rubric_version": "1"},
                                      customer_ms=None, grading_ms=None, created_at=started))
                if index:
                    grades += grade_rows(turn_id, rng)
                    if rng.random() < 0.01:
                        edits.append(dict(turn_id=turn_id, criterion="empathy", from_level="generic",
                                          to_level="specific", comment="names the impact", reviewer_id=reviewer["id"],
                                          created_at=utcnow()))
            debriefs.append(dict(session_id=session_id, created_at=started,
                                 debrief={"overall": overall, "per_criterion": {}}))
        async with store.transaction() as db:
            for model, rows in ((SessionRow, session_rows), (TurnRow, turn_rows), (GradeRow, grades),
                                (DebriefRow, debriefs), (ReviewRow, edits)):
                if rows:  # Core inserts: the ORM's bulk path is several times slower
                    await db.execute(insert(model.__table__), rows)


async def median_ms(work, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        await work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


async def main(url: str, sessions: int, repeat: int) -> None:
    store = await open_store(url)
    started = time.perf_counter()
    await seed(store, sessions, random.Random(7))
    print(f"seeded {sessions} sessions ({sessions * TURNS} turns) in {time.perf_counter() - started:.1f}s")
    async with store.engine.connect() as conn:  # fresh statistics, as autovacuum / a long-lived file would have
        await conn.exec_driver_sql("ANALYZE")
    recent = utcnow() - timedelta(days=30)
    combos = {
        "newest, page 1": (SessionFilter(), "newest", 1),
        "newest, page 100": (SessionFilter(), "newest", 100),
        "one agent, oldest": (SessionFilter(agent="agent07"), "oldest", 1),
        "team blue, by agent": (SessionFilter(team="blue"), "agent", 1),
        "persona + exam mode": (SessionFilter(persona_id="persona-3", mode="exam"), "newest", 1),
        "last 30 days, by persona": (SessionFilter(started_from=recent), "persona", 1),
        "score band 0-50, lowest first": (SessionFilter(score_from=0, score_below=50), "lowest_score", 1),
        "all, highest score first": (SessionFilter(), "highest_score", 1),
    }
    for name, (where, sort, page) in combos.items():
        ms = await median_ms(lambda: store.list_sessions(where, sort=sort, page=page, per_page=50), repeat)
        print(f"list_sessions  {name:<32} {ms:7.1f} ms/page (50 rows)")
    for group in ("agent", "persona", "day"):
        ms = await median_ms(lambda: store.level_counts(SessionFilter(), group), max(1, repeat // 2))
        print(f"level_counts   per {group:<28} {ms:7.1f} ms (dashboard)")
    await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?")
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(main(args.url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", args.sessions, args.repeat))
