"""The Typer app and the one place where product errors become terminal text and an exit code."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from bot.errors import BotError

app = typer.Typer(help="De-escalation practice bot.", no_args_is_help=True, add_completion=False)
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable)


def reports_errors(func: F) -> F:
    """Turn a BotError into one red line and exit code 1 instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except BotError as error:
            err_console.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]
