"""`bot users add|list|remove`: accounts for agents, reviewers and trainers."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.table import Table

from bot import accounts
from bot.cli.db import run_with_store
from bot.cli.main import app, reports_errors
from bot.errors import InputError

users_app = typer.Typer(help="Manage who can log in, and their roles.", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError("No password on standard input.", hint="pipe it in: echo \"$PW\" | bot users add ...")
        return line
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
@reports_errors
def add(
    name: str = typer.Argument(..., help="login name, no spaces"),
    role: str = typer.Option(..., "--role", help="agent | reviewer | trainer"),
    team: str = typer.Option(None, "--team", help="reviewers and trainers see their team's sessions"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin"),
) -> None:
    """Add a user. The first user with a password turns login on."""
    accounts.check_role(role)  # fail before asking for a password
    password = _read_password(password_stdin)
    user = run_with_store(lambda store: accounts.add_user(store, name, role, team=team, password=password))
    Console().print(f"added {user.name} ({user.role}{', team ' + user.team if user.team else ''})")


@users_app.command("list")
@reports_errors
def list_users() -> None:
    """Show every user with role and team."""
    users = run_with_store(lambda store: store.list_users())
    if not users:
        Console().print("no users yet: the app runs as the single local user (no login)")
        return
    table = Table("name", "role", "team", "password", "created")
    for user in users:
        table.add_row(user.name, user.role, user.team or "-", "yes" if user.has_password else "no",
                      f"{user.created_at:%Y-%m-%d}")
    Console().print(table)


@users_app.command("remove")
@reports_errors
def remove(
    name: str = typer.Argument(...),
    delete_sessions: bool = typer.Option(False, "--delete-sessions", help="also delete their practice sessions"),
) -> None:
    """Remove a user (refused while they have sessions, unless --delete-sessions)."""
    removed_sessions = run_with_store(lambda store: store.remove_user(name, delete_sessions=delete_sessions))
    Console().print(f"removed {name}" + (f" and {removed_sessions} session(s)" if removed_sessions else ""))
