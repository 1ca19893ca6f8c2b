"""Point Chainlit at the current practice runtime: who may log in, and where threads come from.

Exactly one of Chainlit's two login callbacks is registered, so its login page shows either the password
form or nothing at all (header auth logs the local user in by itself). The data layer is rebuilt for each
runtime: Chainlit caches the first one it makes, which would outlive the store it reads.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import chainlit as cl
import chainlit.data
from chainlit.config import config

from bot import accounts
from bot.store import User
from bot.web.datalayer import StoreDataLayer
from bot.web.practice import PracticeRuntime


def chainlit_login(user: User) -> cl.User:
    return cl.User(identifier=user.name, display_name=user.name, metadata={"role": user.role, "team": user.team})


def configure_chainlit(runtime: PracticeRuntime) -> None:
    use_login_mode(runtime)
    drop_message_pauses()
    config.code.data_layer = lambda: StoreDataLayer(runtime.store, runtime.find_persona, runtime.may_log_in)
    chainlit.data._data_layer, chainlit.data._data_layer_initialized = None, False


def use_login_mode(runtime: PracticeRuntime) -> None:
    if runtime.login_required:
        config.code.header_auth_callback = None

        @cl.password_auth_callback
        async def password_login(username: str, password: str) -> cl.User | None:
            user = await accounts.verify_password(runtime.store, username.strip(), password)
            return chainlit_login(user) if user else None

    else:
        config.code.password_auth_callback = None

        @cl.header_auth_callback
        async def local_login(headers) -> cl.User:
            return chainlit_login(await accounts.local_user(runtime.store))


def drop_message_pauses() -> None:
    """Chainlit sleeps 1 ms (``time.sleep``: the whole event loop, every chat in the process) in each
    Message and Step it makes, so that a data layer sorting steps by creation time gets distinct times.
    This app stores no Chainlit steps (a transcript is rebuilt from the store, in turn order) and the page
    shows messages in the order they arrive, so the pause only stalled every chat: about 4 ms a reply, a
    sixth of the event loop at 40 replies a second."""
    for name in ("chainlit.message", "chainlit.step"):  # by name: the package's `step` is a decorator
        importlib.import_module(name).time = SimpleNamespace(sleep=lambda seconds: None)  # time's only use
