"""The Jinja2 environment of the review pages and the HTML report: autoescape on for every template."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.config import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "bot" / "web" / "templates"


def when(value: datetime | None) -> str:
    return "-" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


def score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(when=when, score=score)
    return env
