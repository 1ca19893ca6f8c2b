"""Choose the boundary readings' thresholds as they are used: beside rules that have never seen the replies.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/simulate_boundary.py [--hold-out heldout51 ...]

boundary_setting has two learned readings (scripts/train_reading.py abuse|retort): `abuse` reads the customer's
latest message (does the criterion apply?) and `retort` reads the reply to an abusive customer (is it
unprofessional?). For each set with the rules' first run in scripts/data/first_runs.json, this fits both readings
on every other labelled set (never on the held-out ones), applies them to those first-run levels as the detector
does, and prints Cohen's kappa per set and pooled for each setting. One simplification: where the abuse reading
finds abuse the rules missed, the rules never read that reply as one to an abusive customer, so it is counted
'absent' (then 'unprofessional' if the retort reading says so); the detector reads it with its rules for a boundary.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_reading import READINGS, fit, labelled_sets  # noqa: E402

from bot.grading.batch import read_items  # noqa: E402

FIRST_RUNS = ROOT / "scripts" / "data" / "first_runs.json"
ABUSE_THRESHOLDS = [0.6, 0.7, 0.8, 0.9, None]
ABUSE_VETOES = [0.0, 0.05, 0.1, 0.15]
RETORT_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, None]


def scored(set_name: str, first_run: dict[str, str | None], hold_out: set[str]) -> list[tuple]:
    """(human, rules' first run, P(abuse) of the customer's message, P(retort) of the reply) for each reply of the set."""
    models = {}
    for name in ("abuse", "retort"):
        training = labelled_sets(name, hold_out | {set_name})
        models[name] = fit([row for rows in training.values() for row in rows])
    found = []
    for _, item in read_items(ROOT / "tests" / "data" / f"{set_name}.jsonl")[0]:
        p = {name: float(model.predict_proba(vectoriser.transform([READINGS[name].reads(item)]))[0, 1])
             for name, (vectoriser, model) in models.items()}
        found.append((item.labels["boundary_setting"], first_run[item.id], p["abuse"], p["retort"]))
    return found


def said(rows: list[tuple], abuse: float | None, veto: float, retort: float | None) -> list[str]:
    levels = []
    for _, rules, p_abuse, p_retort in rows:
        level = rules
        if rules is None and abuse is not None and p_abuse > abuse:
            level = "absent"
        elif rules is not None and p_abuse < veto:
            level = None
        if level == "absent" and retort is not None and p_retort > retort:
            level = "unprofessional"
        levels.append(str(level))
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold-out", nargs="*", default=[], help="sets never trained on (the unread measurement sets)")
    args = parser.parse_args()
    runs = json.loads(FIRST_RUNS.read_text())["criteria"]["boundary_setting"]
    per_set = {name: scored(name, run["levels"], set(args.hold_out)) for name, run in runs.items()}
    pooled = [row for rows in per_set.values() for row in rows]
    print("abuse  veto  retort  " + "  ".join(f"{'h' + name.removeprefix('heldout'):>5}" for name in per_set) + "  pooled")
    for abuse, veto, retort in itertools.product(ABUSE_THRESHOLDS, ABUSE_VETOES, RETORT_THRESHOLDS):
        print(f"{abuse or '-':>5}  {veto:4.2f}  {retort or '-':>6}  "
              + "  ".join(f"{cohen_kappa_score([str(r[0]) for r in rows], said(rows, abuse, veto, retort)):5.2f}"
                          for rows in per_set.values())
              + f"  {cohen_kappa_score([str(r[0]) for r in pooled], said(pooled, abuse, veto, retort)):6.3f}")


if __name__ == "__main__":
    main()
