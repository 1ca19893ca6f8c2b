"""Grading engines behind one port (bot.ports.Grader), picked by name.

`offline` (deterministic detectors) is always available. Engines that need a model (`llm`, `hybrid`) are
registered in ENGINES by their modules with a factory taking (settings, models).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from bot.config import Settings, get_settings
from bot.errors import BotError
from bot.grading.offline import OfflineGrader, grade_offline
from bot.ports import Grader

EngineFactory = Callable[[Settings, Any], Grader]
ENGINES: dict[str, EngineFactory] = {
    "offline": lambda settings, models: OfflineGrader(),
    # imported on use: they pull in the LLM client stack (seconds), which the offline engine never needs
    "llm": lambda settings, models: import_module("bot.grading.judge").llm_engine(settings, models),
    "hybrid": lambda settings, models: import_module("bot.grading.hybrid").hybrid_engine(settings, models),
}


def default_engine(settings: Settings) -> str:
    """The configured engine; unset: offline on the embedded model, hybrid on a real endpoint."""
    if settings.grading_engine:
        return settings.grading_engine
    return "offline" if settings.uses_embedded_model else "hybrid"


def get_grader(engine: str | Settings | None = None, models: Any = None) -> Grader:
    """A grader by engine name, or the one the Settings ask for when given Settings (or nothing)."""
    settings = engine if isinstance(engine, Settings) else get_settings()
    name = engine if isinstance(engine, str) else default_engine(settings)
    factory = ENGINES.get(name)
    if factory is None:
        known = ", ".join(sorted(ENGINES))
        raise BotError(f"Unknown grading engine '{name}'.", hint=f"choose one of: {known}")
    return factory(settings, models)


__all__ = ["ENGINES", "OfflineGrader", "default_engine", "get_grader", "grade_offline"]
