"""What the browser tests share: Debian's chromium driven by Playwright, and screenshots for a person."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.config import PROJECT_ROOT

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install -y chromium; .ci/run does it)"),
]
ARTIFACTS = PROJECT_ROOT / "artifacts"  # git-ignored
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
UI_TIMEOUT_MS = 20_000


@contextmanager
def chromium() -> Iterator:
    """A headless chromium (Playwright's sync API), closed on the way out."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, width: int, height: int):
    """A page in a context of its own, where every wait gives up after UI_TIMEOUT_MS."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(UI_TIMEOUT_MS)
    return context.new_page()


def screenshot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
