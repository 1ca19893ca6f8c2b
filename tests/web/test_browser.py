"""End to end in Debian's chromium: the real `bot serve` on a temp database, its LLM a scripted fake.

One trainee's path: log in, pick a customer, coach mode, replies with the mood meter moving and coaching
shown, an LLM outage with Retry, End & debrief, then the session reopened from the history. Screenshots
go to artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import subprocess

import pytest

from bench.app_process import BOT, AppProcess
from bench.fake_llm import CUSTOMER_LINES, FakeLLM
from tests.browser_helpers import BROWSER_TEST, UI_TIMEOUT_MS, chromium, new_page, screenshot

pytestmark = BROWSER_TEST

PASSWORD = "practice-makes-perfect"
EMPATHIC = ("Three days without internet when you work from home must be so stressful. "
            "What happened with the technician?")
TRIGGER = "Calm down, that's our policy."


@pytest.fixture(scope="module")
def llm():
    with FakeLLM() as fake:
        yield fake


@pytest.fixture(scope="module")
def app_url(llm, tmp_path_factory):
    """`bot serve` in a subprocess, with one agent created by `bot users add`."""
    workdir = tmp_path_factory.mktemp("serve")
    app = AppProcess(llm.base_url, f"sqlite+aiosqlite:///{workdir / 'bot.db'}", engine="offline",
                     log_path=workdir / "serve.log", llm_max_retries="0")  # an outage shows at once
    subprocess.run([str(BOT), "users", "add", "ana", "--role", "agent", "--password-stdin"], input=PASSWORD,
                   text=True, env=app.env, check=True, capture_output=True)
    with app:
        yield app.url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    page = new_page(browser, 1400, 1000)
    yield page
    page.context.close()


def shot(page, name: str) -> None:
    screenshot(page, f"practice-{name}")


def send(page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.keyboard.press("Enter")


def test_a_trainee_practises_gets_a_debrief_and_reopens_it(app_url, llm, page):
    from playwright.sync_api import expect

    expect.set_options(timeout=UI_TIMEOUT_MS)

    page.goto(app_url)
    page.fill("#email", "ana")
    page.fill("#password", PASSWORD)
    shot(page, "1-login")
    page.get_by_role("button", name="Sign In").click()

    # pick the customer: Dana, whose internet is down
    page.locator("#chat-profiles").click()
    page.get_by_role("option", name="Dana Okafor").click()
    confirm = page.get_by_role("button", name="Confirm")
    if confirm.is_visible():
        confirm.click()
    expect(page.locator("#chat-profiles")).to_contain_text("Dana Okafor")
    page.get_by_role("button", name="Coach mode").click()

    meter = page.get_by_test_id("mood-meter")
    expect(meter).to_be_visible()
    anger_at_start = int(meter.get_attribute("data-anger"))
    shot(page, "2-opening")

    # an empathic open question: the customer streams an answer, the coaching shows, the mood moves
    send(page, EMPATHIC)
    expect(page.get_by_text(CUSTOMER_LINES[0])).to_be_visible()
    coaching = page.get_by_text("Used coaching - ").last
    expect(coaching).to_be_visible()
    coaching.click()
    expect(page.get_by_text("Specific empathy").last).to_be_visible()
    expect(meter).not_to_have_attribute("data-anger", str(anger_at_start))
    assert int(meter.get_attribute("data-anger")) < anger_at_start
    shot(page, "3-coaching")

    # the LLM endpoint goes down: a clear message and Retry; the reply typed is kept
    llm.down = True
    send(page, TRIGGER)
    expect(page.get_by_text("The customer could not answer")).to_be_visible()
    shot(page, "4-llm-down")
    llm.down = False
    page.get_by_role("button", name="Retry").click()
    expect(page.get_by_text(CUSTOMER_LINES[1])).to_be_visible()
    assert int(meter.get_attribute("data-anger")) > anger_at_start - 3, "a trigger phrase inflames"

    # end: the debrief with its table and the mood curve
    page.get_by_role("button", name="End & debrief").last.click()
    expect(page.get_by_role("heading", name="Debrief:")).to_be_visible()
    expect(page.get_by_role("cell", name="Specific empathy")).to_be_visible()
    expect(page.locator("img[alt='mood-curve.svg'], img[src*='/project/file/']").first).to_be_visible()
    page.get_by_role("heading", name="Debrief:").scroll_into_view_if_needed()
    shot(page, "5-debrief")

    # the session is in the history; reopening it offers the debrief again
    page.goto(app_url)
    expect(page.get_by_role("button", name="Coach mode")).to_be_visible()  # the new chat has settled
    page.locator("[id^='thread-'] a").first.click()
    expect(page.get_by_text(EMPATHIC)).to_be_visible()
    # the reopened session's meter shows once the resume has finished; a press before that was once lost in CI
    # (the new chat left behind had no session yet), so the test waits as a trainee's eye would
    expect(page.get_by_test_id("mood-meter")).to_be_visible()
    page.get_by_role("button", name="Show debrief").click()
    expect(page.get_by_role("heading", name="Debrief:")).to_be_visible()
    shot(page, "6-reopened")
