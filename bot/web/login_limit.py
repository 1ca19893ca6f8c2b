"""Brute-force brake for POST /login (Chainlit's login form): after too many failed attempts from one client
within a window, further attempts are refused with 429 until the window has passed.

Failures are counted from the response status, so the limiter needs nothing from Chainlit but its route.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class FailedLoginLimiter:
    """Pure bookkeeping: failed attempts per client in a sliding window."""

    def __init__(self, max_failures: int = 10, window_s: float = 300.0, clock: Callable[[], float] = time.monotonic):
        self.max_failures, self.window_s, self.clock = max_failures, window_s, clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        """The client's failures still inside the window; a client with none is forgotten, so addresses
        that only ever log in successfully (or stop trying) take no memory."""
        failures, horizon = self._failures.get(client, deque()), self.clock() - self.window_s
        while failures and failures[0] <= horizon:
            failures.popleft()
        if not failures:
            self._failures.pop(client, None)
        return failures

    def retry_after_s(self, client: str) -> int:
        """0 when the client may try; otherwise seconds until its oldest counted failure expires."""
        failures = self._recent(client)
        if len(failures) < self.max_failures:
            return 0
        return max(1, int(failures[0] + self.window_s - self.clock()) + 1)

    def record_failure(self, client: str) -> None:
        self._failures[client] = self._recent(client)
        self._failures[client].append(self.clock())


class LoginRateLimit:
    """ASGI middleware applying a FailedLoginLimiter to POST requests on ``path``."""

    def __init__(self, app: ASGIApp, limiter: FailedLoginLimiter, path: str = "/login"):
        self.app, self.limiter, self.path = app, limiter, path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait_s = self.limiter.retry_after_s(client)
        if wait_s:
            refusal = JSONResponse(
                {"detail": f"Too many failed logins from this address. Try again in {wait_s} seconds."},
                status_code=429, headers={"Retry-After": str(wait_s)},
            )
            await refusal(scope, receive, send)
            return

        async def send_and_count(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                self.limiter.record_failure(client)
            await send(message)

        await self.app(scope, receive, send_and_count)
