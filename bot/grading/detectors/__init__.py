"""Deterministic detectors, one per criterion of the default rubric. Each is a pure function of the reply,
the conversation so far and the policy text, returning a level id (None: not applicable), the span of the
reply that decided it, and the rule that fired."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain import GradingItem
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.empathy import detect_empathy
from bot.grading.detectors.open_questions import detect_open_questions
from bot.grading.detectors.promises import detect_promises
from bot.grading.detectors.result import Detection
from bot.grading.detectors.triggers import detect_triggers

DETECTORS: dict[str, Callable[[GradingItem], Detection]] = {
    "empathy": lambda item: detect_empathy(item.reply, item.history, item.context.policy, item.context.persona),
    "open_questions": lambda item: detect_open_questions(item.reply, item.history, item.context.policy),
    "promises": lambda item: detect_promises(item.reply, item.history, item.context.policy),
    "boundary_setting": lambda item: detect_boundary(item.reply, item.history, item.context.policy),
    "trigger_phrases": lambda item: detect_triggers(item.reply, item.history, item.context.policy),
}

__all__ = ["DETECTORS", "Detection"]
