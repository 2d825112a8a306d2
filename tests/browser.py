"""Debian's Chromium, driven by Playwright, for tests of what people see.

Never downloads a browser: it launches /usr/bin/chromium (`apt-get install chromium`,
which .ci/run does). Without it the test is skipped, except under CI=true, where a
missing browser fails the run.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PHONE = 375


@contextlib.contextmanager
def chromium_page(*, width: int = PHONE, height: int = 800) -> Iterator[Any]:
    """A fresh page in headless Chromium at `width` CSS pixels."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI but /usr/bin/chromium is missing")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


def scroll_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def sign_in(page: Any, link: str, *, base: str) -> None:
    """Open the mailed sign-in `link` in `page` and confirm it; the desk's home is shown."""
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/desk")
