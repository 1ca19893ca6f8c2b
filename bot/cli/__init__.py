"""The `bot` console command. Each sub-module registers its own commands on the shared app."""

from bot.cli.main import app

__all__ = ["app"]
