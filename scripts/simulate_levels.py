"""Choose the thresholds of the readings that read a whole criterion again (boundary_setting, empathy) as they are
used: beside rules that have never seen the replies.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/simulate_levels.py boundary_setting|empathy [--hold-out heldout51 ...]

- boundary_setting has two readings (scripts/train_reading.py abuse|retort): `abuse` reads the customer's latest
  message (does the criterion apply?), `retort` reads the reply to an abusive customer (is it unprofessional?).
- empathy has two: `empathy` (does the reply acknowledge at all?) and `specific_empathy` (is it specific?).
For each set with the rules' first run in scripts/data/first_runs.json, this fits both readings on every other
labelled set (never on the held-out ones), applies them to those first-run levels as the detector does, and prints
Cohen's kappa per set and pooled for each setting. One simplification for boundary_setting: where the abuse reading
finds abuse the rules missed, the rules never read that reply as one to an abusive customer, so it is counted
'absent' (then 'unprofessional' if the retort reading says so); the detector reads it with its rules for a boundary.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_reading import READINGS, fit_without  # noqa: E402

from bot.grading.batch import read_items  # noqa: E402

FIRST_RUNS = ROOT / "scripts" / "data" / "first_runs.json"
Level = str | None


def boundary(rules: Level, p: dict[str, float], abuse: float, veto: float, retort: float) -> Level:
    level = rules
    if rules is None and p["abuse"] > abuse:
        level = "absent"
    elif rules is not None and p["abuse"] < veto:
        level = None
    return "unprofessional" if level == "absent" and p["retort"] > retort else level


def empathy(rules: Level, p: dict[str, float], found: float, veto: float, specific: float, generic: float) -> Level:
    if rules == "none":
        return ("specific" if p["specific_empathy"] > 0.5 else "generic") if p["empathy"] > found else rules
    if p["empathy"] < veto:
        return "none"
    if rules == "generic" and p["specific_empathy"] > specific:
        return "specific"
    return "generic" if rules == "specific" and p["specific_empathy"] < generic else rules


@dataclass(frozen=True)
class ReadAgain:
    readings: tuple[str, ...]
    settings: dict[str, list[float]]  # each parameter of `said`, the values tried (1.1: never, 0: never for a veto)
    said: Callable[..., Level]


CRITERIA = {
    "boundary_setting": ReadAgain(("abuse", "retort"), {"abuse": [0.6, 0.7, 0.8, 0.9, 1.1], "veto": [0.0, 0.05, 0.1, 0.15],
                                                        "retort": [0.5, 0.6, 0.7, 0.8, 1.1]}, boundary),
    "empathy": ReadAgain(("empathy", "specific_empathy"), {"found": [0.7, 0.8, 0.9, 1.1], "veto": [0.0, 0.05, 0.1],
                                                          "specific": [0.7, 0.8, 0.9, 1.1], "generic": [0.0, 0.1, 0.2, 0.3]}, empathy),
}


def scored(criterion: str, set_name: str, first_run: dict[str, Level], hold_out: set[str]) -> list[tuple]:
    """(human, rules' first run, each reading's probability) for each reply of the set."""
    models = {}
    for name in CRITERIA[criterion].readings:
        models[name] = fit_without(name, hold_out | {set_name})
    found = []
    for _, item in read_items(ROOT / "tests" / "data" / f"{set_name}.jsonl")[0]:
        p = {name: float(model.predict_proba(vectoriser.transform([READINGS[name].reads(item)]))[0, 1])
             for name, (vectoriser, model) in models.items()}
        found.append((item.labels[criterion], first_run[item.id], p))
    return found


def kappa(rows: list[tuple], said: Callable[..., Level], setting: tuple[float, ...]) -> float:
    return cohen_kappa_score([str(human) for human, _, _ in rows], [str(said(rules, p, *setting)) for _, rules, p in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("criterion", choices=sorted(CRITERIA))
    parser.add_argument("--hold-out", nargs="*", default=[], help="sets never trained on (the unread measurement sets)")
    args = parser.parse_args()
    spec = CRITERIA[args.criterion]
    runs = json.loads(FIRST_RUNS.read_text())["criteria"][args.criterion]
    per_set = {name: scored(args.criterion, name, run["levels"], set(args.hold_out)) for name, run in runs.items()}
    pooled = [row for rows in per_set.values() for row in rows]
    print("  ".join(f"{name:>8}" for name in spec.settings) + "  "
          + "  ".join(f"{'h' + name.removeprefix('heldout'):>5}" for name in per_set) + "  pooled")
    for setting in itertools.product(*spec.settings.values()):
        print("  ".join(f"{value:8.2f}" for value in setting) + "  "
              + "  ".join(f"{kappa(rows, spec.said, setting):5.2f}" for rows in per_set.values())
              + f"  {kappa(pooled, spec.said, setting):6.3f}")


if __name__ == "__main__":
    main()
