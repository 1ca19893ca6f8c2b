"""Learned readings, for the wordings no rule has met yet: promises, trigger_phrases, abuse (the customer's message),
retort (a reply to abuse), empathy and specific_empathy.

Each is a logistic regression over one text's words (TF-IDF of 1-3-grams, numbers and amounts folded), trained by
``scripts/train_reading.py`` on the labelled sets and shipped as ``bot/grading/data/<name>_model.json``. A detector
uses it at probabilities chosen by ``scripts/simulate_reading.py`` and ``scripts/simulate_levels.py`` on the rules'
first runs: above its threshold it adds what the rules missed, quoting a sentence it is sure of; below its veto it
overrules a rule that flagged a text reading like none of the flagged ones (the rules' false alarms are look-alikes:
a limit about something else, a listed phrase in an innocent sentence). Plain Python at run time (no numpy): a dot
product over the text's n-grams.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.grading.detectors.result import Detection
from bot.grading.detectors.text import Span, sentences

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHIPPED = ("promises", "trigger_phrases", "abuse", "retort", "empathy", "specific_empathy")
NGRAMS = 3
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern: what the models were trained on


def model_path(criterion: str) -> Path:
    return DATA_DIR / f"{criterion}_model.json"


def normalise(text: str) -> str:
    """Lower case, amounts and numbers folded: "£45" and "£300" are the same kind of commitment."""
    text = re.sub(r"[£$€]\s?\d[\d,.]*", " money ", text.lower())
    return re.sub(r"\d+", " num ", text)


@dataclass(frozen=True)
class LearnedReading:
    features: dict[str, tuple[float, float]]  # n-gram -> (idf, coefficient)
    intercept: float
    threshold: float
    veto: float = 0.0  # below this it overrules the rules' flagged level; 0: never

    def probability(self, text: str) -> float:
        squares = dot = 0.0
        for gram, count in ngram_counts(text):
            feature = self.features.get(gram)
            if feature is not None:
                weight = (1 + math.log(count)) * feature[0]  # sublinear tf x idf
                squares += weight * weight
                dot += weight * feature[1]
        return 1 / (1 + math.exp(-(self.intercept + dot / (math.sqrt(squares) or 1.0))))  # l2-normalised

    def sure_of(self, text: str) -> tuple[float, Span] | None:
        """Above its threshold: its probability and the sentence of the text it is surest of (its evidence)."""
        p = self.probability(text)
        quoted = self.likeliest(sentences(text)) if p > self.threshold else None
        return (p, quoted) if quoted is not None else None

    def likeliest(self, spans: list[Span] | tuple[Span, ...]) -> Span | None:
        """The sentence the reading is most sure of (its evidence), None for an empty reply."""
        return max(spans, key=lambda span: self.probability(span.text)) if spans else None


@lru_cache(maxsize=512)
def ngram_counts(text: str) -> tuple[tuple[str, int], ...]:
    """The text's 1-3-grams with their counts: several readings read the same reply, so it is split once."""
    tokens = _TOKEN.findall(normalise(text))
    return tuple(Counter(" ".join(tokens[i: i + n]) for n in range(1, NGRAMS + 1) for i in range(len(tokens) - n + 1)).items())


def vetoed(criterion: str, reply: str, found: Detection, cleared: str, veto: float | None = None) -> Detection:
    """The rules' finding, or the cleared level when the criterion's reading is sure the reply is unlike every flagged
    one (below its veto, or the one given for a weaker rule; a reading with no veto never overrules); the rule's own
    reason is kept so that a reviewer sees what was overruled."""
    model = learned_reading(criterion)
    if model is None or (p := model.probability(reply)) >= (veto if veto is not None and model.veto else model.veto):
        return found
    return Detection(cleared, None, f"a rule read it as {found.level} ({found.reason}: '{found.evidence}'), but it reads "
                                    f"unlike every {found.level} reply of the labelled sets (learned model, p={p:.2f})")


@lru_cache(maxsize=None)
def learned_reading(criterion: str) -> LearnedReading | None:
    """The shipped reading for the criterion, or None when its file is absent (the rules then decide alone)."""
    path = model_path(criterion)
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return LearnedReading({gram: (idf, coef) for gram, (idf, coef) in data["features"].items()},
                          data["intercept"], data["threshold"], data.get("veto", 0.0))


def load_readings() -> None:
    """Read every shipped reading now (~1 s, ~85 MB), so that a serving process pays it at start-up, before its
    long-lived objects are frozen out of the garbage collector, not during a trainee's first graded reply."""
    for name in SHIPPED:
        learned_reading(name)
