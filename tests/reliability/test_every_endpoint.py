"""Every route of the app, found in its OpenAPI schema (so a route added later is checked too), refuses
anonymous callers and never shows one agent another agent's session; Chainlit's own thread routes too.
Passwords are stored as argon2 hashes only. (tests/review/test_http.py checks each review route by role;
tests/web/test_login_limit.py the login rate limit.)"""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.review.test_http import PASSWORD, Visitor, prepare, settings_for

PUBLIC = {"/healthz", "/review", "/review/"}  # /review only redirects to /review/sessions
BODIES = {"override": {"turn": 1, "criterion": "empathy", "level": "none", "comment": "x"},
          "comments": {"turn": 1, "text": "x"}}
ANA_REPLY = "What happened when the technician didn't show?"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("every-endpoint")
    settings = settings_for(folder)
    sessions = prepare(settings)
    app = create_app(settings)
    with TestClient(app, follow_redirects=False) as client:
        yield app, Visitor(client), sessions, folder / "bot.db"


def our_routes(app) -> list[tuple[str, str]]:
    """(method, path template) of every route the project adds, from its OpenAPI schema (Chainlit's own
    routes are mounted, not listed there: they are tested below)."""
    return sorted((method.upper(), path) for path, methods in app.openapi()["paths"].items()
                  if path not in PUBLIC for method in methods)


def call(client: TestClient, method: str, template: str, session_id: str):
    path = template.format(session_id=session_id, turn=1, fmt="csv")
    kind = "override" if "override" in path else "comments"
    if method == "GET":
        return client.get(path)
    if "/api/" in path:
        return client.post(path, json=BODIES[kind])
    return client.post(path, data={key: str(value) for key, value in BODIES[kind].items() if key != "turn"})


def test_the_walk_finds_the_review_routes(site):
    app, _, _, _ = site
    paths = {path for _, path in our_routes(app)}
    assert {"/review/sessions/{session_id}", "/review/api/sessions/{session_id}/overrides"} <= paths
    assert len(paths) >= 10


def test_every_route_refuses_anonymous_callers(site):
    app, visitor, sessions, _ = site
    client = visitor.as_(None)
    for method, template in our_routes(app):
        response = call(client, method, template, sessions["ana"])
        if "/api/" in template:
            assert response.status_code == 401, (method, template)
        else:
            assert (response.status_code, response.headers.get("location")) == (303, "/login"), (method, template)
        assert ANA_REPLY not in response.text


def test_no_route_shows_an_agent_another_agents_session(site):
    app, visitor, sessions, _ = site
    client = visitor.as_("bob")
    for method, template in our_routes(app):
        response = call(client, method, template, sessions["ana"])
        assert response.status_code in (200, 403, 404), (method, template, response.status_code)
        assert ANA_REPLY not in response.text, (method, template)
        if response.status_code == 200:  # a refusal may repeat the id asked for; a listing must not have it
            assert sessions["ana"] not in response.text, (method, template)


def test_chainlit_thread_routes_check_the_owner(site):
    _, visitor, sessions, _ = site
    for name in (None, "bob"):
        client = visitor.as_(name)
        response = client.get(f"/project/thread/{sessions['ana']}")
        assert response.status_code in (401, 403, 404), name
        assert ANA_REPLY not in response.text
        listed = client.post("/project/threads", json={"pagination": {"first": 20}, "filter": {}})
        assert sessions["ana"] not in listed.text
        deleted = client.request("DELETE", "/project/thread", json={"threadId": sessions["ana"]})
        assert deleted.status_code in (400, 401, 403, 404), name
    owner = visitor.as_("ana").get(f"/project/thread/{sessions['ana']}")
    assert owner.status_code == 200 and ANA_REPLY in owner.text  # the check is not "refuse everyone"


def test_passwords_are_stored_as_argon2_hashes_only(site):
    _, _, _, database = site
    with sqlite3.connect(database) as db:
        hashes = [row[0] for row in db.execute("SELECT password_hash FROM users WHERE password_hash IS NOT NULL")]
    assert len(hashes) == 5 and all(re.match(r"^\$argon2id\$", h) for h in hashes)
    assert PASSWORD.encode() not in database.read_bytes()

