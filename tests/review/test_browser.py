"""The review pages in Debian's chromium against the real `bot serve`: log in through Chainlit's login page,
filter the list, open a session, override a grade with a comment, read the dashboard. Screenshots go to
artifacts/review-*.png for a person to look at."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot import accounts
from bot.domain import utcnow
from bot.store import opened_store
from bot.store.models import SessionRow
from bench.app_process import AppProcess
from tests.browser_helpers import BROWSER_TEST, UI_TIMEOUT_MS, chromium, new_page, screenshot
from tests.review.conftest import graded_session, session_turns

pytestmark = BROWSER_TEST

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
    database_url = f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
    asyncio.run(seed(database_url))
    # the LLM address is never called: no practice chat in this test
    with AppProcess("http://127.0.0.1:9/v1", database_url, engine="offline", log_path=workdir / "serve.log") as app:
        yield app.url


@pytest.fixture(scope="module")
def page(app_url):
    with chromium() as browser:
        yield new_page(browser, 1280, 900)


def shot(page, name: str) -> None:
    screenshot(page, f"review-{name}", full_page=True)


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
