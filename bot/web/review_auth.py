"""Who is asking, for the review pages: the same login as the practice app.

With no user that has a password, everyone is the single local user (a trainer). Otherwise the request
must carry Chainlit's `access_token` cookie (or an `Authorization: Bearer` header): a JWT that Chainlit
signs with CHAINLIT_AUTH_SECRET at its /login, whose `identifier` is our user name. Chainlit's login page
is the one place where passwords are checked (and its rate limits apply); this module only reads tokens.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jwt
from chainlit.auth.cookie import get_token_from_cookies
from chainlit.auth.jwt import decode_jwt
from fastapi import HTTPException, Request

from bot import accounts
from bot.errors import AccessDenied
from bot.store import SqlStore, User

LOGIN_PAGE = "/login"


def _token(request: Request) -> str | None:
    token = get_token_from_cookies(request.cookies)
    if token:
        return token
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value if scheme.lower() == "bearer" and value else None


async def signed_in_user(request: Request) -> User | None:
    """The user behind the request, or None when a login is needed and missing, expired or forged."""
    store: SqlStore = request.app.state.store
    if not await accounts.login_required(store):
        return await accounts.local_user(store)
    token = _token(request)
    if token is None:
        return None
    accounts.ensure_auth_secret(request.app.state.settings)
    try:
        identifier = decode_jwt(token).identifier
    except (jwt.InvalidTokenError, KeyError, TypeError):  # forged, expired, or not one of Chainlit's tokens
        return None
    user = await store.find_user(identifier)
    return user if user is not None and user.has_password else None


async def page_user(request: Request) -> User:
    """For HTML pages: anonymous visitors are sent to the login page."""
    user = await signed_in_user(request)
    if user is None:
        raise HTTPException(status_code=303, headers={"Location": LOGIN_PAGE}, detail="log in first")
    return user


async def api_user(request: Request) -> User:
    """For the JSON API: anonymous callers get 401."""
    user = await signed_in_user(request)
    if user is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"}, detail="log in first")
    return user


def same_origin(request: Request) -> None:
    """Writes come from these pages only. A browser adds Origin to a cross-site POST, and with no login
    (the local user) there is no SameSite cookie to stop another site's form, so compare it to Host."""
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise AccessDenied("This change was sent from another site.", hint="use the review pages themselves")


def require_reviewer(user: User) -> User:
    if user.role == "agent":
        raise AccessDenied("Only reviewers and trainers can do this.",
                           hint="agents can read their own sessions and debriefs")
    return user
