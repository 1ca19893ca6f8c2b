"""The review pages in Debian's chromium against the real `bot serve`: log in through Chainlit's login page,
filter the list, open a session, override a grade with a comment, read the dashboard. Screenshots go to
artifacts/review-*.png for a person to look at."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot import accounts
from bot.domain import utcnow
from bot.store import opened_store
from bot.store.models import SessionRow
from tests.review.conftest import graded_session, session_turns
from tests.web.test_browser import ARTIFACTS, BOT, CHROMIUM_ARGS, UI_TIMEOUT_MS, free_port, wait_until_healthy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed"),
]

PASSWORD = "review-carefully-1"
EMPATHY_BY_SESSION = ["specific", "generic", "none", "generic", "specific", "none", "specific", "generic"]


async def seed(database_url: str) -> None:
    async with opened_store(database_url) as store:
        await accounts.add_user(store, "boss", "trainer", password=PASSWORD)
        agents = [await accounts.add_user(store, name, "agent", team="blue") for name in ("ana", "bob", "cleo")]
        for n, level in enumerate(EMPATHY_BY_SESSION):
            turns = session_turns(reply_2="I'm sorry, <b>that</b> must be hard. Calm down though.")
            turns[2].grade.criteria["empathy"].level = level
            session_id = await graded_session(store, agents[n % 3].id, overall=30.0 + 8 * n,
                                              persona_id=["isp-dana", "bank-eleanor", "airline-brett"][n % 3],
                                              turns=turns)
            async with store.transaction() as db:
                await db.execute(update(SessionRow).where(SessionRow.id == session_id)
                                 .values(started_at=utcnow() - timedelta(days=6 * n)))


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("review-serve")
    env = {**os.environ, "BOT_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
           "BOT_LLM_BASE_URL": "http://127.0.0.1:9/v1",  # never called: no practice chat in this test
           "BOT_LLM_MODEL": "fake-model", "BOT_GRADING_ENGINE": "offline",
           "BOT_AUTH_SECRET": "review-browser-secret-0123456789abcdef-0123456789"}
    asyncio.run(seed(env["BOT_DATABASE_URL"]))
    port = free_port()
    log = (workdir / "serve.log").open("w")
    server = subprocess.Popen([BOT, "serve", "--port", str(port)], env=env, cwd=workdir, stdout=log,
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server, workdir / "serve.log")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(UI_TIMEOUT_MS)
        yield context.new_page()
        browser.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"review-{name}.png"), full_page=True)


def test_a_trainer_reviews_overrides_and_reads_the_dashboard(app_url, page):
    from playwright.sync_api import expect

    expect.set_options(timeout=UI_TIMEOUT_MS)
    page.goto(f"{app_url}/review/sessions")
    expect(page.locator("#email")).to_be_visible()  # sent to Chainlit's login page
    page.fill("#email", "boss")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/login" not in url)

    page.goto(f"{app_url}/review/sessions")
    expect(page.locator("tbody tr")).to_have_count(8)
    page.select_option("select[name=agent]", "bob")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tbody tr")).to_have_count(3)
    page.select_option("select[name=agent]", "")
    page.select_option("select[name=sort]", "lowest_score")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tbody tr").first).to_contain_text("30")
    shot(page, "1-list")

    page.locator("tbody tr a").first.click()
    expect(page.locator("mark").first).to_be_visible()
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator(".guard")).to_contain_text("not the trainee's fault")
    expect(page.locator("#turn-2 .agent")).to_contain_text("<b>that</b>")  # shown as text, not markup

    turn = page.locator("#turn-1")
    turn.locator("summary").click()
    turn.locator("select[name=criterion]").select_option("empathy")
    turn.locator("select[name=level]").select_option("generic")
    turn.locator("input[name=comment]").fill("Formulaic: no detail of her situation.")
    turn.get_by_role("button", name="Override").click()
    expect(page.locator("#turn-1 .chip.overridden")).to_contain_text("generic")
    expect(page.locator("#turn-1 .history")).to_contain_text("specific → generic")
    page.locator("#turn-1 input[name=text]").fill("Good question though.")
    page.locator("#turn-1").get_by_role("button", name="Comment").click()
    expect(page.locator("#turn-1 .comments")).to_contain_text("Good question though.")
    page.locator("#turn-1").scroll_into_view_if_needed()
    shot(page, "2-session")

    page.goto(f"{app_url}/review/dashboard")
    expect(page.locator("svg.chart")).to_have_count(4)
    expect(page.locator("table").first).to_contain_text("cleo")
    shot(page, "3-dashboard")
