"""Choose the learned promises model's threshold as it is used: beside rules that have never seen the replies.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/simulate_promise_model.py [--hold-out heldout16 heldout31 heldout32]

The rules are tuned on every set they have read, so measuring rules + model on those sets says little: the rules
are already right there. Each set in scripts/data/promise_first_runs.json carries what the rules alone said on its
first run, before it was read. For each such set this fits the model on every other labelled set (not on the
held-out ones), adds it to those first-run levels exactly as bot/grading/detectors/promises.py does (an
'unkeepable' above the threshold unless its likeliest sentence is hedged or conditional), and prints Cohen's kappa
per set and pooled for each threshold. To add a set: grade it with the rules alone (the model file removed) at a
commit from before it was read, and add its levels to the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_promise_model import fit, labelled_sets  # noqa: E402

from bot.grading.batch import read_items  # noqa: E402
from bot.grading.detectors.promises import hedged  # noqa: E402
from bot.grading.detectors.text import fold, sentences  # noqa: E402

FIRST_RUNS = ROOT / "scripts" / "data" / "promise_first_runs.json"
THRESHOLDS = [0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95]


def scored(set_name: str, first_run: dict[str, str], hold_out: set[str]) -> list[tuple[str, str, float, bool]]:
    """(human, rules' first run, model probability, its likeliest sentence hedged) for each reply of the set."""
    training = labelled_sets(hold_out | {set_name})
    vectoriser, model = fit([row for rows in training.values() for row in rows])
    found = []
    for _, item in read_items(ROOT / "tests" / "data" / f"{set_name}.jsonl")[0]:
        spans = sentences(item.reply)
        by_sentence = model.predict_proba(vectoriser.transform([span.text for span in spans]))[:, 1] if spans else []
        likeliest = spans[max(range(len(spans)), key=lambda i: by_sentence[i])] if spans else None
        found.append((item.labels["promises"], first_run[item.id],
                      float(model.predict_proba(vectoriser.transform([item.reply]))[0, 1]),
                      likeliest is None or hedged(fold(likeliest.text))))
    return found


def kappa(rows: list[tuple[str, str, float, bool]], threshold: float | None) -> float:
    said = [rules if threshold is None or rules == "unkeepable" or p <= threshold or hedged else "unkeepable"
            for _, rules, p, hedged in rows]
    return cohen_kappa_score([human for human, *_ in rows], said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold-out", nargs="*", default=["heldout16", "heldout31", "heldout32"],
                        help="sets never trained on (the unread measurement sets)")
    args = parser.parse_args()
    runs = json.loads(FIRST_RUNS.read_text())["sets"]
    per_set = {name: scored(name, run["levels"], set(args.hold_out)) for name, run in sorted(runs.items())}
    pooled = [row for rows in per_set.values() for row in rows]
    print("threshold  " + "  ".join(f"{'h' + name.removeprefix('heldout'):>6}" for name in per_set) + "  pooled")
    for threshold in [None, *THRESHOLDS]:
        label = "rules" if threshold is None else f"{threshold:.2f}"
        print(f"{label:>9}  " + "  ".join(f"{kappa(rows, threshold):6.2f}" for rows in per_set.values())
              + f"  {kappa(pooled, threshold):6.3f}")


if __name__ == "__main__":
    main()
