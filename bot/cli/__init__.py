"""The `bot` console command. Each sub-module registers its own commands on the shared app."""

from bot.cli.main import app
from bot.cli import check as _check  # noqa: F401  registers `bot check`
from bot.cli import users as _users  # noqa: F401  registers `bot users`
from bot.cli import sessions as _sessions  # noqa: F401  registers `bot sessions`
from bot.cli import simulate as _simulate  # noqa: F401  registers `bot simulate`
from bot.cli import serve as _serve  # noqa: F401  registers `bot serve`
from bot.cli import grading as _grading  # noqa: F401  registers `bot grade-batch`, `bot calibrate`
from bot.cli import review as _review  # noqa: F401  registers `bot export`, `bot report`

__all__ = ["app"]
