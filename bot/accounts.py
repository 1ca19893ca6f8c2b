"""Users, roles, passwords and who may read what.

Roles: an *agent* practises and sees only their own sessions; a *reviewer* reads and (later) re-grades the
sessions of their team; a *trainer* does what a reviewer does and also owns personas and rubrics. A
reviewer or trainer with no team sees every session.

With no user that has a password, the app needs no login: everyone is the single local user "local"
(a trainer, so one person on a laptop sees everything). Creating the first user with a password
(`bot users add NAME --role ...`) turns password login on.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.config import Settings
from bot.errors import AccessDenied, InputError
from bot.ports import SessionRecord
from bot.store import SqlStore
from bot.store.records import USER_ROLES, SessionFilter, User, UserRole

LOCAL_USER_NAME = "local"
AUTH_SECRET_FILE = Path(".chainlit_secret")
MIN_PASSWORD_CHARS = 8

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(f"The password is too short: use at least {MIN_PASSWORD_CHARS} characters.")
    return _hasher.hash(password)


def check_role(role: str) -> UserRole:
    if role not in USER_ROLES:
        raise InputError(f"Unknown role '{role}'.", hint=f"use one of: {', '.join(USER_ROLES)}")
    return role  # type: ignore[return-value]


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise InputError(f"'{name}' is not a usable user name.", hint="1-100 characters, no spaces")
    return name


async def add_user(
    store: SqlStore, name: str, role: str, *, team: str | None = None, password: str | None = None
) -> User:
    name, checked_role = check_name(name), check_role(role)
    password_hash = await asyncio.to_thread(hash_password, password) if password is not None else None
    return await store.add_user(name, checked_role, team=team or None, password_hash=password_hash)


async def verify_password(store: SqlStore, name: str, password: str) -> User | None:
    """The user if the password is theirs, else None; the same work whether or not the name exists."""
    found = await store.user_with_password_hash(name)
    user, stored_hash = found if found else (None, None)
    try:  # argon2 takes ~0.1 s of CPU on purpose: keep it off the event loop
        await asyncio.to_thread(_hasher.verify, stored_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or stored_hash is None:
        return None
    if _hasher.check_needs_rehash(stored_hash):
        await store.set_password_hash(user.id, await asyncio.to_thread(_hasher.hash, password))
    return user


async def login_required(store: SqlStore) -> bool:
    """True once any user has a password; until then the app runs as the local user."""
    return await store.count_users_with_password() > 0


async def local_user(store: SqlStore) -> User:
    """The single user of a no-login install, created on first use."""
    existing = await store.find_user(LOCAL_USER_NAME)
    if existing:
        return existing
    try:
        return await store.add_user(LOCAL_USER_NAME, "trainer")
    except InputError:  # another coroutine created it first
        return await store.find_user(LOCAL_USER_NAME)  # type: ignore[return-value]


def ensure_auth_secret(settings: Settings, secret_file: Path = AUTH_SECRET_FILE) -> str:
    """Chainlit signs its login tokens with CHAINLIT_AUTH_SECRET. Use the configured one (BOT_AUTH_SECRET or
    CHAINLIT_AUTH_SECRET), else the one kept in `secret_file`, else make one and keep it there (mode 0600),
    so logins survive restarts. The result is also put in the environment for Chainlit to read."""
    secret = settings.auth_secret or os.environ.get("CHAINLIT_AUTH_SECRET")
    if not secret:
        secret = _read_or_create_secret(secret_file)
    os.environ["CHAINLIT_AUTH_SECRET"] = secret
    return secret


def _read_or_create_secret(secret_file: Path) -> str:
    try:
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        secret = secret_file.read_text().strip()
        if not secret:
            raise InputError(f"{secret_file} is empty.", hint="delete it and a new secret is made") from None
        return secret
    secret = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as out:
        out.write(secret + "\n")
    return secret


# --------------------------------------------------------------------------- access rules


def visible_sessions(user: User) -> SessionFilter:
    """The sessions a user may list, as a filter for SqlStore.list_sessions (narrow it further as needed)."""
    if user.role == "agent":
        return SessionFilter(user_id=user.id)
    return SessionFilter(team=user.team)  # team None = every session


def can_read_session(user: User, record: SessionRecord, owner: User) -> bool:
    """`owner` is the user the session belongs to (store.get_user(record.user_id))."""
    if owner.id != record.user_id:
        raise ValueError("owner must be the user the session belongs to")
    if record.user_id == user.id:
        return True
    if user.role == "agent":
        return False
    return user.team is None or user.team == owner.team


async def readable_session(store: SqlStore, user: User, session_id: str) -> SessionRecord:
    """Load a session for `user`, or raise AccessDenied (NotFound when it does not exist)."""
    record = await store.load_session(session_id)
    if not can_read_session(user, record, await store.get_user(record.user_id)):
        raise AccessDenied(f"{user.name} may not read session {session_id}.",
                           hint="agents see their own sessions; reviewers and trainers those of their team")
    return record
