"""Train a learned reading (bot/grading/detectors/learned.py) from the labelled sets.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_reading.py promises [--hold-out heldout33 ...] [--threshold 0.7]
    .venv/bin/python scripts/train_reading.py trigger_phrases|abuse|retort|empathy|specific_empathy [--hold-out ...]

The readings: `promises` (is the reply unkeepable?), `trigger_phrases` (does it shut the customer down?), `abuse`
(is the customer's latest message abusive towards the agent, i.e. does boundary_setting apply?), `retort` (to an
abusive customer, is the reply unprofessional?), `empathy` (does the reply acknowledge the customer's feelings at
all?) and `specific_empathy` (is that acknowledgement specific?).

Reads the dev set (../shared/grading/dev_set.jsonl or BOT_DEV_SET), tests/data/heldout*.jsonl and
tests/grading/data/challenge*.jsonl, leaving out the sets named by --hold-out (the ones kept unread to measure
the grader: a reading trained on them would make their figures worthless). Fits a TF-IDF (1-3 word n-grams)
logistic regression on one text alone (the reply, or for `abuse` the customer's message) and writes
bot/grading/data/<reading>_model.json with the probability above which it may add the flagged level the rules
missed, and the one below which it overrules the rules' flagged level (the veto). Both are chosen by scripts/simulate_reading.py, which measures the reading as it is used: beside rules that
have never seen the replies (the rules' first runs). scikit-learn is needed only here (the `train` extra); the
app reads the JSON in plain Python.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain import GradingItem, latest_customer_text  # noqa: E402
from bot.grading.batch import read_items  # noqa: E402
from bot.grading.detectors.learned import NGRAMS, SHIPPED, model_path, normalise  # noqa: E402

# The level each reading flags, and its threshold from scripts/simulate_reading.py over the rules' first runs of
# the sets read so far (heldout16, 20-38; heldout39-40 left out of the choice):
# - promises (19 sets; the gate: the likeliest statement not hedged, a sentence that commits, and not one that only
#   restates the policy's own figures): rules alone 0.742; with the reading (C=16) 0.835 at 0.5, 0.839 at 0.55 and
#   at 0.6 (129 more of 760 unkeepable found, 38 false alarms in 2,090 realistic replies), 0.829 at 0.7 (111, 30).
#   0.6 is the end of the plateau with the fewest false alarms. C=4 (sessions 3-4) gave 0.834 at 0.6 (122, 37).
# - trigger_phrases (20 sets): rules alone 0.921; with the reading (C=16) 0.942 at 0.5, 0.945 at 0.55 and at 0.6 (42
#   found, 13 false alarms in ~2,100 clean replies), 0.944 at 0.7. C=4 gave 0.943 at 0.6 (39, 13).
# Character n-grams (3-5) were tried for promises: 0.82, worse.
# The veto (session 6), below which a reading overrules its rules' flagged level, over the first runs of 31 sets
# (heldout16, 20-50; heldout51-52 held out), threshold 0.6:
# - promises: no veto 0.846; 0.03: 0.858 (25 rule false alarms cleared, 2 wrongly); 0.05: 0.862 (36, 5); 0.08: 0.867
#   (49, 7); 0.1: 0.864 (49, 12). On 25 sets (before heldout45-50) 0.05 and 0.08 were level (0.864, 0.863).
# - trigger_phrases: no veto 0.944; 0.03: 0.953 (21, 2); 0.05: 0.954 (25, 4); 0.08: 0.954 (29, 8).
# On 35 sets (heldout53-56 added): promises 0.860 at a veto of 0.05, 0.864 at 0.08; triggers 0.951 at 0.05.
# The readings that read a criterion again (scripts/simulate_levels.py, honest first runs of heldout43-50, 53-56):
# - boundary_setting: abuse found above 0.8, the rules' abuse cleared below 0.1, retort above 0.7: rules alone 0.905,
#   with the readings 0.944 (0.8/0.1/0.7 was the best on heldout43-50 alone; 0.7/0.1/0.6 gives 0.948 on all 12).
# - empathy: an acknowledgement found above 0.8, a rule's cleared below 0.1, specific made generic below 0.2: rules
#   alone 0.878, with the readings 0.927 (lowest set 0.88). Making generic specific above 0.8 looked best on
#   heldout43-50 (0.939) but cost heldout53 0.07 (0.925 pooled, lowest 0.82): 1.0, never.
FLAGGED = {"promises": "unkeepable", "trigger_phrases": "trigger"}
CLEARED = {"promises": "realistic", "trigger_phrases": "clean"}  # the level a veto leaves
DEFAULT_THRESHOLD = {"promises": 0.6, "trigger_phrases": 0.6, "abuse": 0.8, "retort": 0.7, "empathy": 0.8, "specific_empathy": 1.0}
DEFAULT_VETO = {"promises": 0.08, "trigger_phrases": 0.05, "abuse": 0.1, "retort": 0.0, "empathy": 0.1, "specific_empathy": 0.2}
REGULARISATION = 16.0  # logistic regression's C: 4, 8, 16, 32 simulated; 16 found most for the fewest false alarms


def _latest_customer_message(item: GradingItem) -> str:
    return latest_customer_text(item.history) or ""


@dataclass(frozen=True)
class Reading:
    criterion: str  # the label it learns from
    reads: Callable[[GradingItem], str]
    learns_from: Callable[[str | None], bool]  # which labelled items, by their level
    flags: Callable[[str | None], bool]  # what it answers yes to
    answers: str  # said in the model file: P(what) from which words


READINGS = {
    "promises": Reading("promises", lambda item: item.reply, lambda level: level is not None,
                        lambda level: level == "unkeepable", "P(unkeepable) from the reply's words"),
    "trigger_phrases": Reading("trigger_phrases", lambda item: item.reply, lambda level: level is not None,
                               lambda level: level == "trigger", "P(trigger) from the reply's words"),
    "abuse": Reading("boundary_setting", _latest_customer_message, lambda level: True, lambda level: level is not None,
                     "P(the customer's latest message is abusive towards the agent) from its words"),
    "empathy": Reading("empathy", lambda item: item.reply, lambda level: level is not None, lambda level: level != "none",
                       "P(the reply acknowledges the customer's feelings) from its words"),
    "specific_empathy": Reading("empathy", lambda item: item.reply, lambda level: level in ("generic", "specific"),
                                lambda level: level == "specific",
                                "P(specific, the reply acknowledging the customer's feelings) from its words"),
    "retort": Reading("boundary_setting", lambda item: item.reply, lambda level: level is not None,
                      lambda level: level == "unprofessional", "P(unprofessional, the customer being abusive) from the reply's words"),
}


assert set(READINGS) == set(SHIPPED), "a reading trained here is one the app loads (learned.SHIPPED)"


def labelled_sets(name: str, hold_out: set[str]) -> dict[str, list[dict]]:
    """Per set, the rows the reading learns from: its text, the label's level ("gold") and its answer ("flagged")."""
    reading = READINGS[name]
    dev = Path(os.environ.get("BOT_DEV_SET") or ROOT.parent / "shared" / "grading" / "dev_set.jsonl")
    paths = [dev, *sorted((ROOT / "tests" / "data").glob("heldout*.jsonl")),
             *sorted((ROOT / "tests" / "grading" / "data").glob("challenge*.jsonl"))]
    sets = {}
    for path in paths:
        if not path.exists() or path.stem in hold_out:
            continue
        items = [item for _, item in read_items(path)[0]
                 if reading.criterion in (item.labels or {}) and reading.learns_from(item.labels[reading.criterion])]
        sets[path.stem] = [{"text": reading.reads(item), "gold": item.labels[reading.criterion],
                            "flagged": reading.flags(item.labels[reading.criterion])} for item in items]
    return sets


def fit(rows: list[dict]) -> tuple[TfidfVectorizer, LogisticRegression]:
    vectoriser = TfidfVectorizer(ngram_range=(1, NGRAMS), min_df=2, sublinear_tf=True, preprocessor=normalise)
    features = vectoriser.fit_transform([row["text"] for row in rows])
    model = LogisticRegression(C=REGULARISATION, max_iter=4000, class_weight="balanced")
    return vectoriser, model.fit(features, [row["flagged"] for row in rows])


def fit_without(name: str, left_out: set[str]) -> tuple[TfidfVectorizer, LogisticRegression]:
    """The reading fitted on every labelled set but the ones left out (the simulations leave out the set they score)."""
    return fit([row for rows in labelled_sets(name, left_out).values() for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reading", choices=sorted(READINGS))
    parser.add_argument("--hold-out", nargs="*", default=[], help="set names (file stems) not to train on")
    parser.add_argument("--threshold", type=float,
                        help="probability above which the reading overrules the rules (default: the reading's, "
                             "see DEFAULT_THRESHOLD and scripts/simulate_reading.py)")
    parser.add_argument("--veto", type=float,
                        help="probability below which the reading overrules the rules' flagged level (default: the "
                             "reading's, see DEFAULT_VETO and scripts/simulate_reading.py)")
    args = parser.parse_args()
    name = args.reading
    threshold = DEFAULT_THRESHOLD[name] if args.threshold is None else args.threshold
    veto = DEFAULT_VETO[name] if args.veto is None else args.veto
    sets = labelled_sets(name, set(args.hold_out))
    rows = [row for rest in sets.values() for row in rest]
    vectoriser, model = fit(rows)
    coefficients = model.coef_[0]
    features = {term: [round(float(vectoriser.idf_[index]), 5), round(float(coefficients[index]), 5)]
                for term, index in vectoriser.vocabulary_.items()}
    path = model_path(name)
    path.write_text(json.dumps({
        "what": f"{READINGS[name].answers}: TF-IDF (sublinear tf, l2) 1-3-grams, logistic regression",
        "trained_on": {name: len(rest) for name, rest in sets.items()},
        "held_out": sorted(args.hold_out),
        "threshold": threshold,
        "veto": veto,
        "intercept": round(float(model.intercept_[0]), 5),
        "features": dict(sorted(features.items())),
    }, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"trained on {len(rows)} texts from {len(sets)} sets (held out: {', '.join(args.hold_out) or 'none'})")
    print(f"wrote {path} ({path.stat().st_size // 1024} KB, {len(features)} features, threshold {threshold}, veto {veto})")


if __name__ == "__main__":
    main()
