"""Choose how sure the promises reading must be to overrule the rules' weaker findings, on the rules' first runs.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/simulate_rule_vetoes.py [--hold-out heldout101 ...]

Some rules flag replies less reliably than others on sets they have never seen (what the policy rules out, an
unoffered concession, an outcome timed where the policy names no time), so the reading may overrule those below a
higher probability (promises.WEAKER_VETO) than the rest (its veto). For every set whose first run in
scripts/data/first_runs.json keeps the rules' reasons, this fits the reading on every other labelled set, and prints
each kind of finding's precision and, per candidate veto for the weaker ones, the pooled and per-set kappa with what it
clears rightly and wrongly. An amount over a cap is never overruled (the reading folds figures).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from simulate_reading import FIRST_RUNS, scored  # noqa: E402
from train_reading import DEFAULT_THRESHOLD, DEFAULT_VETO  # noqa: E402

from bot.grading.batch import read_items  # noqa: E402
from bot.grading.detectors.promises import OVER_CAP, WEAKER_FINDINGS  # noqa: E402

CANDIDATES = [DEFAULT_VETO["promises"], 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]


def decided(row: tuple, reason: str | None, weaker_veto: float) -> str:
    human, rules, p, protected, quoted_p = row
    if rules == "unkeepable":
        veto = 0.0 if OVER_CAP.search(reason or "") else weaker_veto if WEAKER_FINDINGS.search(reason or "") else DEFAULT_VETO["promises"]
        return "realistic" if p < veto else "unkeepable"
    threshold = DEFAULT_THRESHOLD["promises"]
    return "unkeepable" if p > threshold and quoted_p > threshold and not protected else rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold-out", nargs="*", default=[], help="sets never trained on (the unread measurement sets)")
    args = parser.parse_args()
    runs = {name: run for name, run in json.loads(FIRST_RUNS.read_text())["criteria"]["promises"].items() if "reasons" in run}
    per_set = {}
    for name, run in runs.items():
        ids = [item.id for _, item in read_items(ROOT / "tests" / "data" / f"{name}.jsonl")[0]]
        per_set[name] = list(zip(scored("promises", name, run["levels"], set(args.hold_out)), (run["reasons"].get(i) for i in ids)))
    pooled = [pair for pairs in per_set.values() for pair in pairs]
    flagged = [(row, reason) for row, reason in pooled if row[1] == "unkeepable"]
    weaker = [(row, reason) for row, reason in flagged if WEAKER_FINDINGS.search(reason)]
    others = [(row, reason) for row, reason in flagged if not WEAKER_FINDINGS.search(reason)]
    for name, group in (("weaker findings", weaker), ("the other findings", others)):
        right = sum(row[0] == "unkeepable" for row, _ in group)
        print(f"{name}: {len(group)}, precision {right / max(len(group), 1):.2f}")
    print("weaker veto  " + "  ".join(f"{'h' + name.removeprefix('heldout'):>6}" for name in per_set) + "  pooled  cleared rightly  wrongly")
    for veto in CANDIDATES:
        kappas = [cohen_kappa_score([row[0] for row, _ in pairs], [decided(row, reason, veto) for row, reason in pairs])
                  for pairs in per_set.values()]
        now = [decided(row, reason, veto) for row, reason in pooled]
        base = [decided(row, reason, DEFAULT_VETO["promises"]) for row, reason in pooled]
        changed = [row[0] for (row, _), before, after in zip(pooled, base, now) if before != after]
        print(f"{veto:11.2f}  " + "  ".join(f"{k:6.2f}" for k in kappas)
              + f"  {cohen_kappa_score([row[0] for row, _ in pooled], now):6.3f}  {changed.count('realistic'):15d}  {changed.count('unkeepable'):7d}")


if __name__ == "__main__":
    main()
