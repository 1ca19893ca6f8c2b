"""Offline grading speed: median and p95 milliseconds per reply on one core (all five criteria).

    .venv/bin/python bench/grading_speed.py [ROUNDS]

Grades every item of the dev and held-out sets ROUNDS times (default 5), after one warm-up pass, with the
per-text caches cleared before each reply.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bot.files import load_rubric
from bot.grading.batch import read_items
from bot.grading.detectors.learned import ngram_counts
from bot.grading.detectors.policy import parse_policy
from bot.grading.detectors.text import fold, quoted_regions, sentences
from bot.grading.offline import grade_offline

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "data" / "heldout.jsonl", ROOT / "tests" / "data" / "heldout2.jsonl"]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rubric = load_rubric(ROOT / "rubrics" / "deescalation.yaml")
    items = [item for path in SETS if path.exists() for _, item in read_items(path)[0]]
    for item in items:
        grade_offline(item, rubric)  # warm-up: regex compilation and caches
    timings = []
    for _ in range(rounds):
        for item in items:
            for cache in (fold, quoted_regions, sentences, parse_policy, ngram_counts):
                cache.cache_clear()  # every reply is new text: no help from having seen it before
            start = time.perf_counter()
            grade_offline(item, rubric)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{len(items)} replies x {rounds} rounds: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms per reply")


if __name__ == "__main__":
    main()
