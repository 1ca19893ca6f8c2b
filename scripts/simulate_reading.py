"""Choose a learned reading's threshold as it is used: beside rules that have never seen the replies.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/simulate_reading.py promises [--hold-out heldout33 ...]
    .venv/bin/python scripts/simulate_reading.py trigger_phrases [--hold-out heldout33 ...]

The rules are tuned on every set they have read, so measuring rules + reading on those sets says little: the
rules are already right there. scripts/data/first_runs.json carries, per criterion, what the rules alone said
on each set's first run, before it was read. For each such set this fits the reading on every other labelled set
(not on the held-out ones), adds it to those first-run levels exactly as the detector does (the flagged level
above the threshold; for promises, unless the likeliest sentence is hedged or conditional), and prints Cohen's
kappa per set and pooled for each threshold and veto (below the veto the reading overrules the rules' flagged level),
with what the reading found and its false alarms. To add a set:
grade it with the rules alone (the model file removed) at a commit from before it was read, and add its levels
to the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_reading import CLEARED, FLAGGED, fit_without  # noqa: E402

from bot.grading.batch import read_items  # noqa: E402
from bot.grading.detectors.promises import closed_to_the_reading, model_candidates, statements  # noqa: E402
from bot.grading.detectors.text import sentences  # noqa: E402

FIRST_RUNS = ROOT / "scripts" / "data" / "first_runs.json"
THRESHOLDS = [0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95]
VETOES = [0.0, 0.03, 0.05, 0.08, 0.1, 0.15]
# The replies the reading may not overrule however sure it is (the detectors' own gates), given the reply's
# sentences, the one the reading is most sure of among its statements, the one it would quote, and the policy
PROTECTED: dict[str, Callable[[tuple, object, object, str | None], bool]] = {
    "promises": lambda spans, likeliest, quoted, policy: closed_to_the_reading(likeliest, quoted, policy),
    "trigger_phrases": lambda spans, likeliest, quoted, policy: likeliest is None,
}


def scored(criterion: str, set_name: str, first_run: dict[str, str],
           hold_out: set[str]) -> list[tuple[str, str, float, bool, float]]:
    """(human, rules' first run, reading's probability, its likeliest sentence protected, the probability of the
    sentence it would quote) for each reply of the set."""
    vectoriser, model = fit_without(criterion, hold_out | {set_name})
    found = []
    for _, item in read_items(ROOT / "tests" / "data" / f"{set_name}.jsonl")[0]:
        spans = sentences(item.reply)
        said = statements(spans) if criterion == "promises" else list(spans)
        likeliest = _likeliest(vectoriser, model, said)
        quoted = _likeliest(vectoriser, model, model_candidates(spans) if criterion == "promises" else said)
        found.append((item.labels[criterion], first_run[item.id],
                      float(model.predict_proba(vectoriser.transform([item.reply]))[0, 1]),
                      PROTECTED[criterion](spans, likeliest, quoted, item.context.policy),
                      float(model.predict_proba(vectoriser.transform([quoted.text]))[0, 1]) if quoted else 0.0))
    return found


def _likeliest(vectoriser, model, spans: list) -> object | None:
    if not spans:
        return None
    by_sentence = model.predict_proba(vectoriser.transform([span.text for span in spans]))[:, 1]
    return spans[max(range(len(spans)), key=lambda i: by_sentence[i])]


def said(criterion: str, rows: list[tuple[str, str, float, bool, float]], threshold: float | None, veto: float = 0.0) -> list[str]:
    """What the detector says: the rules' level, the flagged one added above the threshold (for promises, when the
    sentence it quotes reads above it too), cleared below the veto."""
    flagged, cleared = FLAGGED[criterion], CLEARED[criterion]
    return [(cleared if p < veto else rules) if rules == flagged
            else (flagged if threshold is not None and p > threshold and not protected
                  and (criterion != "promises" or quoted_p > threshold) else rules)
            for _, rules, p, protected, quoted_p in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("criterion", choices=sorted(FLAGGED))
    parser.add_argument("--hold-out", nargs="*", default=[], help="sets never trained on (the unread measurement sets)")
    args = parser.parse_args()
    criterion = args.criterion
    runs = json.loads(FIRST_RUNS.read_text())["criteria"][criterion]
    per_set = {name: scored(criterion, name, run["levels"], set(args.hold_out)) for name, run in runs.items()}
    pooled = [row for rows in per_set.values() for row in rows]
    for veto in VETOES:
        print(f"veto {veto:.2f}")
        print("threshold  " + "  ".join(f"{'h' + name.removeprefix('heldout'):>6}" for name in per_set)
              + "  pooled  found  false alarms  cleared  wrongly cleared")
        for threshold in [None, *THRESHOLDS]:
            _print_row(criterion, per_set, pooled, threshold, veto)


def _print_row(criterion: str, per_set: dict, pooled: list, threshold: float | None, veto: float) -> None:
    flagged = FLAGGED[criterion]
    rules, now = said(criterion, pooled, None), said(criterion, pooled, threshold, veto)
    added = [human for (human, *_), before, after in zip(pooled, rules, now) if before != after and after == flagged]
    cleared = [human for (human, *_), before, after in zip(pooled, rules, now) if before != after and before == flagged]
    label = "rules" if threshold is None else f"{threshold:.2f}"
    print(f"{label:>9}  " + "  ".join(f"{cohen_kappa_score([r[0] for r in rows], said(criterion, rows, threshold, veto)):6.2f}"
                                     for rows in per_set.values())
          + f"  {cohen_kappa_score([r[0] for r in pooled], now):6.3f}  {added.count(flagged):5d}"
          + f"  {len(added) - added.count(flagged):12d}  {len(cleared) - cleared.count(flagged):7d}  {cleared.count(flagged):15d}")


if __name__ == "__main__":
    main()
