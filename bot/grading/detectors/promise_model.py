"""A learned reading of promises, for the wordings no rule has met yet.

A logistic regression over the reply's words (TF-IDF of 1-3-grams, numbers and amounts folded), trained by
``scripts/train_promise_model.py`` on the labelled sets and shipped as ``bot/grading/data/promise_model.json``.
It only ever adds an 'unkeepable' the rules missed, above a threshold chosen by leave-one-set-out; its evidence
is the sentence it is most sure of. Plain Python at run time (no numpy): a dot product over the reply's n-grams.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "promise_model.json"
NGRAMS = 3
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern: what the model was trained on


def normalise(text: str) -> str:
    """Lower case, amounts and numbers folded: "£45" and "£300" are the same kind of commitment."""
    text = re.sub(r"[£$€]\s?\d[\d,.]*", " money ", text.lower())
    return re.sub(r"\d+", " num ", text)


@dataclass(frozen=True)
class PromiseModel:
    features: dict[str, tuple[float, float]]  # n-gram -> (idf, coefficient)
    intercept: float
    threshold: float

    def probability(self, text: str) -> float:
        tokens = _TOKEN.findall(normalise(text))
        counts = Counter(" ".join(tokens[i: i + n]) for n in range(1, NGRAMS + 1) for i in range(len(tokens) - n + 1))
        weights = {gram: (1 + math.log(count)) * self.features[gram][0]
                   for gram, count in counts.items() if gram in self.features}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        score = self.intercept + sum(w / norm * self.features[gram][1] for gram, w in weights.items())
        return 1 / (1 + math.exp(-score))


@lru_cache(maxsize=1)
def promise_model() -> PromiseModel | None:
    """The shipped model, or None when the file is absent (the rules then decide alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text())
    return PromiseModel({gram: (idf, coef) for gram, (idf, coef) in data["features"].items()},
                        data["intercept"], data["threshold"])
