"""The review pages and API through the real app (Chainlit's login included): every endpoint as the owner,
another agent, a reviewer of the team, a reviewer of another team, a trainer, and nobody."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from bot import accounts
from bot.config import Settings
from bot.grading.batch import read_items
from bot.store import opened_store
from bot.web.app import create_app
from tests.review.conftest import graded_session, session_turns

PASSWORD = "correct horse battery"
SCRIPT = "<script>alert('x')</script>"


def settings_for(folder) -> Settings:
    # The LLM endpoint is never called here: a remote URL is not contacted at start-up.
    return Settings(database_url=f"sqlite+aiosqlite:///{folder / 'bot.db'}", llm_base_url="http://127.0.0.1:9/v1",
                    llm_model="fake", grading_engine="offline", auth_secret="test-secret-0123456789abcdef-0123456789")


def prepare(settings: Settings) -> dict[str, str]:
    async def run() -> dict[str, str]:
        async with opened_store(settings.database_url) as store:
            users = {}
            for name, role, team in [("ana", "agent", "blue"), ("bob", "agent", "red"), ("lead", "reviewer", "blue"),
                                     ("redlead", "reviewer", "red"), ("boss", "trainer", None)]:
                users[name] = await accounts.add_user(store, name, role, team=team, password=PASSWORD)
            turns = session_turns(reply_2=f"Calm down. {SCRIPT}")
            return {"ana": await graded_session(store, users["ana"].id, turns=turns),
                    "bob": await graded_session(store, users["bob"].id, persona_id="bank-eleanor", overall=80.0)}

    return asyncio.run(run())


class Visitor:
    """One TestClient; `as_(name)` switches to that user's Chainlit login cookie (None = anonymous)."""

    def __init__(self, client: TestClient):
        self.client, self.tokens = client, {}

    def as_(self, name: str | None) -> TestClient:
        self.client.cookies.clear()
        if name is None:
            return self.client
        if name not in self.tokens:
            response = self.client.post("/login", data={"username": name, "password": PASSWORD})
            assert response.status_code == 200, response.text
            self.tokens[name] = self.client.cookies.get("access_token")
            self.client.cookies.clear()
        self.client.cookies.set("access_token", self.tokens[name])
        return self.client


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    settings = settings_for(tmp_path_factory.mktemp("review-http"))
    sessions = prepare(settings)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield Visitor(client), sessions


def test_anonymous_is_sent_to_login_or_refused(site):
    visitor, sessions = site
    client = visitor.as_(None)
    for path in ["/review/sessions", f"/review/sessions/{sessions['ana']}", "/review/dashboard", "/review/export.csv",
                 "/review/labelled.jsonl"]:
        response = client.get(path)
        assert (response.status_code, response.headers["location"]) == (303, "/login"), path
    assert client.post(f"/review/sessions/{sessions['ana']}/turns/1/override",
                       data={"criterion": "empathy", "level": "none", "comment": "x"}).status_code == 303
    for path in ["/review/api/sessions", f"/review/api/sessions/{sessions['ana']}", "/review/api/dashboard"]:
        assert client.get(path).status_code == 401, path
    comment = client.post(f"/review/api/sessions/{sessions['ana']}/comments", json={"turn": 1, "text": "x"})
    assert comment.status_code == 401


def test_a_forged_or_foreign_token_is_anonymous(site):
    visitor, sessions = site
    client = visitor.as_(None)
    client.cookies.set("access_token", "eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGlmaWVyIjoiYm9zcyJ9.c2lnbmF0dXJl")
    assert client.get("/review/api/sessions").status_code == 401


def test_the_owner_reads_but_cannot_review(site):
    visitor, sessions = site
    client = visitor.as_("ana")
    listed = client.get("/review/api/sessions").json()
    assert [s["id"] for s in listed["items"]] == [sessions["ana"]]
    page = client.get(f"/review/sessions/{sessions['ana']}")
    assert page.status_code == 200 and "Specific empathy" in page.text and "Override a grade" not in page.text
    assert client.post(f"/review/api/sessions/{sessions['ana']}/overrides",
                       json={"turn": 1, "criterion": "empathy", "level": "none", "comment": "x"}).status_code == 403
    assert client.post(f"/review/sessions/{sessions['ana']}/turns/1/comments", data={"text": "me"}).status_code == 403
    assert client.get("/review/dashboard").status_code == 403
    assert client.get("/review/api/dashboard").status_code == 403
    assert client.get("/review/export.csv").status_code == 403


def test_another_agent_cannot_see_it(site):
    visitor, sessions = site
    client = visitor.as_("bob")
    assert client.get(f"/review/sessions/{sessions['ana']}").status_code == 404
    assert client.get(f"/review/api/sessions/{sessions['ana']}").status_code == 404
    assert [s["id"] for s in client.get("/review/api/sessions").json()["items"]] == [sessions["bob"]]
    assert client.get("/review/api/sessions?agent=ana").json()["total"] == 0  # a filter never widens the scope


def test_a_reviewer_of_another_team_is_refused(site):
    visitor, sessions = site
    client = visitor.as_("redlead")
    assert client.get(f"/review/sessions/{sessions['ana']}").status_code == 403
    assert client.post(f"/review/api/sessions/{sessions['ana']}/overrides",
                       json={"turn": 1, "criterion": "empathy", "level": "none", "comment": "x"}).status_code == 403
    assert [s["id"] for s in client.get("/review/api/sessions").json()["items"]] == [sessions["bob"]]


def test_the_team_reviewer_overrides_with_a_comment_and_history_stays(site):
    visitor, sessions = site
    client = visitor.as_("lead")
    session = sessions["ana"]
    no_comment = client.post(f"/review/api/sessions/{session}/overrides",
                             json={"turn": 1, "criterion": "empathy", "level": "generic", "comment": "  "})
    assert no_comment.status_code == 400 and "required" in no_comment.json()["error"]
    wrong_level = client.post(f"/review/api/sessions/{session}/overrides",
                              json={"turn": 1, "criterion": "empathy", "level": "open", "comment": "x"})
    assert wrong_level.status_code == 400
    form = client.post(f"/review/sessions/{session}/turns/1/override",
                       data={"criterion": "empathy", "level": "generic", "comment": "only a formula"})
    assert form.status_code == 303 and form.headers["location"].endswith("#turn-1")
    api = client.post(f"/review/api/sessions/{session}/overrides",
                      json={"turn": 1, "criterion": "empathy", "level": "none", "comment": SCRIPT})
    assert api.status_code == 201 and (api.json()["from_level"], api.json()["to_level"]) == ("generic", "none")

    detail = client.get(f"/review/api/sessions/{session}").json()
    assert [(e["from_level"], e["to_level"], e["reviewer"]) for e in detail["edits"]] == [
        ("specific", "generic", "lead"), ("generic", "none", "lead")]
    assert detail["session"]["turns"][1]["grade"]["criteria"]["empathy"]["level"] == "specific"  # original kept
    page = client.get(f"/review/sessions/{session}").text
    assert "(overridden)" in page and "only a formula" in page and "grader said specific" in page


def test_comments_and_user_text_are_escaped_everywhere(site):
    visitor, sessions = site
    client = visitor.as_("lead")
    session = sessions["ana"]
    assert client.post(f"/review/sessions/{session}/turns/2/comments", data={"text": SCRIPT}).status_code == 303
    assert client.post(f"/review/sessions/{session}/turns/2/comments", data={"text": "  "}).status_code == 400
    api = client.post(f"/review/api/sessions/{session}/comments", json={"turn": 2, "text": "second look"})
    assert api.status_code == 201 and api.json()["author"] == "lead"
    page = client.get(f"/review/sessions/{session}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert '<mark title="trigger_phrases">Calm down</mark>' in page
    assert "Model fallback — not the trainee&#39;s fault" in page or "Model fallback — not the trainee's fault" in page


def test_list_filters_sort_and_pages(site):
    visitor, sessions = site
    client = visitor.as_("boss")
    everything = client.get("/review/api/sessions?sort=highest_score").json()
    assert [s["id"] for s in everything["items"]] == [sessions["bob"], sessions["ana"]]
    assert [s["id"] for s in client.get("/review/api/sessions?score=high").json()["items"]] == [sessions["bob"]]
    assert client.get("/review/api/sessions?persona=isp-dana").json()["total"] == 1
    assert client.get("/review/api/sessions?date_from=2000-01-01&date_to=2000-01-02").json()["total"] == 0
    assert client.get("/review/api/sessions?score=best").status_code == 400
    html = client.get("/review/sessions?agent=ana")
    assert html.status_code == 200 and sessions["ana"] in html.text and sessions["bob"] not in html.text
    assert client.get("/review/sessions?sort=nonsense").status_code == 400


def test_dashboard_for_the_trainer(site):
    visitor, _ = site
    client = visitor.as_("boss")
    page = client.get("/review/dashboard")
    assert page.status_code == 200 and page.text.count("<svg") == 4 and "bank-eleanor" in page.text
    figures = client.get("/review/api/dashboard").json()
    assert {a["agent"] for a in figures["agents"]} == {"ana", "bob"}
    assert all(a["weakest"] for a in figures["agents"]) and len(figures["weeks"]) >= 1
    team_only = visitor.as_("lead").get("/review/api/dashboard").json()
    assert [a["agent"] for a in team_only["agents"]] == ["ana"]
    one_agent = visitor.as_("boss").get("/review/dashboard?agent=bob")
    assert one_agent.status_code == 200 and "<td>ana</td>" not in one_agent.text and "<td>bob</td>" in one_agent.text


def test_override_then_labelled_export_reads_back_for_calibrate(site, tmp_path):
    visitor, sessions = site
    client = visitor.as_("boss")
    session = sessions["bob"]
    assert client.post(f"/review/api/sessions/{session}/overrides",
                       json={"turn": 2, "criterion": "trigger_phrases", "level": "clean",
                             "comment": "said with warmth"}).status_code == 201
    labelled = client.get("/review/labelled.jsonl")
    assert labelled.status_code == 200
    path = tmp_path / "labelled.jsonl"
    path.write_text(labelled.text)
    items, bad = read_items(path)
    assert bad == []
    by_id = {item.id: item for _, item in items}
    assert by_id[f"{session}-t2"].labels == {"trigger_phrases": "clean"}
    assert by_id[f"{session}-t2"].history[-1].role == "customer"

    rows = [json.loads(line) for line in client.get("/review/export.jsonl").text.splitlines()]
    reviewed = next(r for r in rows if r["session_id"] == session and r["turn"] == 2)
    assert reviewed["criteria"]["trigger_phrases"]["level"] == "clean"
    assert reviewed["criteria"]["trigger_phrases"]["original"] == "trigger"
    exported_csv = client.get("/review/export.csv")
    assert exported_csv.headers["content-type"].startswith("text/csv")
    assert "trigger_phrases_original" in exported_csv.text
    assert client.get("/review/export.xml").status_code == 400
    assert {json.loads(line)["session_id"] for line in client.get("/review/export.jsonl?agent=ana").text.splitlines()} \
        == {sessions["ana"]}
    assert client.get("/review/labelled.jsonl?agent=ana").text.count(f"{session}-t2") == 0


def test_without_passwords_the_local_user_reviews(tmp_path):
    settings = settings_for(tmp_path)

    async def one_session() -> str:
        async with opened_store(settings.database_url) as store:
            return await graded_session(store, (await accounts.local_user(store)).id)

    session_id = asyncio.run(one_session())
    with TestClient(create_app(settings), follow_redirects=False) as client:
        assert client.get("/review/sessions").status_code == 200
        assert client.get(f"/review/sessions/{session_id}").status_code == 200
        assert client.post(f"/review/api/sessions/{session_id}/overrides",
                           json={"turn": 1, "criterion": "promises", "level": "unkeepable",
                                 "comment": "promised a time"}).json()["reviewer"] == "local"
        assert client.get("/review/dashboard").status_code == 200
        # no cookie protects the local user: another site's form post is refused by its Origin
        forged = client.post(f"/review/sessions/{session_id}/turns/1/comments", data={"text": "spam"},
                             headers={"origin": "https://evil.example"})
        assert forged.status_code == 403
        same_site = client.post(f"/review/sessions/{session_id}/turns/1/comments", data={"text": "fine"},
                                headers={"origin": "http://testserver"})
        assert same_site.status_code == 303
