"""Failed logins are rate-limited per client: pure bookkeeping, then through the real app's /login."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.login_limit import FailedLoginLimiter
from tests.web.test_access import PASSWORD, prepare, settings_for


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_is_refused_after_the_maximum_failures_until_the_window_passes():
    clock = FakeClock()
    limiter = FailedLoginLimiter(max_failures=3, window_s=60, clock=clock)
    for _ in range(2):
        limiter.record_failure("10.0.0.1")
    assert limiter.retry_after_s("10.0.0.1") == 0
    limiter.record_failure("10.0.0.1")
    assert limiter.retry_after_s("10.0.0.1") == 61
    assert limiter.retry_after_s("10.0.0.2") == 0, "another client is not affected"
    clock.now += 30
    assert 0 < limiter.retry_after_s("10.0.0.1") <= 31
    clock.now += 31
    assert limiter.retry_after_s("10.0.0.1") == 0, "failures older than the window no longer count"


def test_the_app_answers_429_after_repeated_failed_logins(tmp_path):
    settings = settings_for(tmp_path)
    settings.login_max_failures = 3
    prepare(settings, "ana")
    with TestClient(create_app(settings)) as client:
        statuses = [client.post("/login", data={"username": "ana", "password": "nope"}).status_code
                    for _ in range(4)]
        assert statuses == [401, 401, 401, 429]
        refused = client.post("/login", data={"username": "ana", "password": PASSWORD})
        assert refused.status_code == 429, "even the right password waits once the limit is reached"
        assert "Too many failed logins" in refused.json()["detail"] and int(refused.headers["Retry-After"]) > 0


def test_clients_without_recent_failures_take_no_memory():
    clock = FakeClock()
    limiter = FailedLoginLimiter(max_failures=3, window_s=60, clock=clock)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert limiter.retry_after_s(address) == 0
    limiter.record_failure("10.0.0.4")
    assert list(limiter._failures) == ["10.0.0.4"]
    clock.now += 61
    assert limiter.retry_after_s("10.0.0.4") == 0
    assert limiter._failures == {}
