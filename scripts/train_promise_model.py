"""Train the learned reading of promises (bot/grading/detectors/promise_model.py) from the labelled sets.

    python -m venv /tmp/train && /tmp/train/bin/pip install -e '.[train]'
    /tmp/train/bin/python scripts/train_promise_model.py --hold-out heldout16 heldout20 heldout21 heldout22

Reads the dev set (../shared/grading/dev_set.jsonl or BOT_DEV_SET), tests/data/heldout*.jsonl and
tests/grading/data/challenge*.jsonl, leaving out the sets named by --hold-out (the ones kept unread to measure
the grader: a model trained on them would make their figures worthless). Fits a TF-IDF (1-3 word n-grams)
logistic regression on the reply alone, chooses the probability above which it may overrule a 'realistic' from
the rules by leave-one-set-out over the training sets, and writes bot/grading/data/promise_model.json.
scikit-learn is needed only here (the `train` extra); the app reads the JSON in plain Python.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.files import load_rubric  # noqa: E402
from bot.grading.batch import read_items  # noqa: E402
from bot.grading.detectors.promise_model import MODEL_PATH, NGRAMS, normalise  # noqa: E402
from bot.grading.offline import grade_offline  # noqa: E402

THRESHOLDS = [t / 100 for t in range(50, 100, 5)]


def labelled_sets(hold_out: set[str]) -> dict[str, list[dict]]:
    dev = Path(os.environ.get("BOT_DEV_SET") or ROOT.parent / "shared" / "grading" / "dev_set.jsonl")
    paths = [dev, *sorted((ROOT / "tests" / "data").glob("heldout*.jsonl")),
             *sorted((ROOT / "tests" / "grading" / "data").glob("challenge*.jsonl"))]
    rubric = load_rubric(ROOT / "rubrics" / "deescalation.yaml")
    sets = {}
    for path in paths:
        if not path.exists() or path.stem in hold_out:
            continue
        items = [item for _, item in read_items(path)[0] if (item.labels or {}).get("promises")]
        sets[path.stem] = [{"reply": item.reply, "gold": item.labels["promises"],
                            "rules": grade_offline(item, rubric).criteria["promises"].level} for item in items]
    return sets


def fit(rows: list[dict]) -> tuple[TfidfVectorizer, LogisticRegression]:
    vectoriser = TfidfVectorizer(ngram_range=(1, NGRAMS), min_df=2, sublinear_tf=True, preprocessor=normalise)
    features = vectoriser.fit_transform([row["reply"] for row in rows])
    model = LogisticRegression(C=4.0, max_iter=4000, class_weight="balanced")
    return vectoriser, model.fit(features, [row["gold"] == "unkeepable" for row in rows])


def choose_threshold(sets: dict[str, list[dict]]) -> tuple[float, float, float]:
    """(threshold, pooled kappa of the rules alone, pooled kappa of rules-or-model) by leave-one-set-out."""
    pooled = []
    for name, rows in sets.items():
        vectoriser, model = fit([row for other, rest in sets.items() if other != name for row in rest])
        probabilities = model.predict_proba(vectoriser.transform([row["reply"] for row in rows]))[:, 1]
        pooled += [(row, p) for row, p in zip(rows, probabilities)]
    gold = [row["gold"] for row, _ in pooled]
    rules = cohen_kappa_score(gold, [row["rules"] for row, _ in pooled])
    scored = [(cohen_kappa_score(gold, ["unkeepable" if row["rules"] == "unkeepable" or p > t else "realistic"
                                        for row, p in pooled]), t) for t in THRESHOLDS]
    best, threshold = max(scored)
    return threshold, rules, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold-out", nargs="*", default=[], help="set names (file stems) not to train on")
    args = parser.parse_args()
    sets = labelled_sets(set(args.hold_out))
    threshold, rules_kappa, combined_kappa = choose_threshold(sets)
    rows = [row for rest in sets.values() for row in rest]
    vectoriser, model = fit(rows)
    coefficients = model.coef_[0]
    features = {term: [round(float(vectoriser.idf_[index]), 5), round(float(coefficients[index]), 5)]
                for term, index in vectoriser.vocabulary_.items()}
    MODEL_PATH.write_text(json.dumps({
        "what": "P(unkeepable) from the reply's words: TF-IDF (sublinear tf, l2) 1-3-grams, logistic regression",
        "trained_on": {name: len(rest) for name, rest in sets.items()},
        "held_out": sorted(args.hold_out),
        "threshold": threshold,
        "intercept": round(float(model.intercept_[0]), 5),
        "features": dict(sorted(features.items())),
    }, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"trained on {len(rows)} replies from {len(sets)} sets (held out: {', '.join(args.hold_out) or 'none'})")
    print(f"leave-one-set-out kappa: rules alone {rules_kappa:.3f}, rules or model > {threshold:.2f} {combined_kappa:.3f}")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB, {len(features)} features)")


if __name__ == "__main__":
    main()
