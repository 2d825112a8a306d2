"""A coordinator moves a meeting and reads the ledger in Chromium at 375 px (and looks
at 1280 px): signs in by the mailed link, opens the forum's meetings from the nav,
moves the August meeting by a week with the row's form, sees it moved and the change
with their name; then, after a real digest run, filters the ledger to what was refused.
Nothing is wider than the screen. Screenshots desk-meetings-* and desk-ledger-*."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.service.forums import forum_meetings
from tests.browser import PHONE, chromium_page, scroll_width
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot
from tests.web.test_desk_ledger import REFUSED, send_digests


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_coordinator_moves_a_meeting_and_reads_the_ledger(engine: Engine) -> None:
    with desk_site(engine) as site:
        send_digests(site)  # before Playwright runs its event loop in this thread
        with chromium_page(width=PHONE) as page:
            page.goto(site.sign_in_link(TAREK))
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{site.base}/desk")
            page.get_by_role("link", name="Meetings", exact=True).click()
            page.get_by_role("link", name="CXB CPSS").click()
            assert page.locator("h1").inner_text() == "Meetings of CXB CPSS"
            assert scroll_width(page) <= PHONE
            august = page.locator("#upcoming tbody tr").first
            assert "Mon 21 Aug 2023" in august.inner_text()
            august.locator("input[type=date]").fill("2023-08-28")
            august.get_by_role("button", name="Move").click()
            assert page.locator("[role=status]").inner_text() == "The meeting was moved."
            rows = page.locator("#upcoming tbody tr")
            assert "moved to 28 Aug 2023" in rows.nth(0).inner_text()
            assert "Mon 28 Aug 2023" in rows.nth(1).inner_text()
            assert f"coordinator {TAREK}" in page.locator("#changes").inner_text()
            assert scroll_width(page) <= PHONE
            shoot(page, "desk-meetings")
            page.set_viewport_size({"width": 1280, "height": 800})
            assert scroll_width(page) <= 1280
            page.set_viewport_size({"width": PHONE, "height": 800})
            page.get_by_role("link", name="Ledger", exact=True).click()
            assert page.locator("h1").inner_text() == "Ledger"
            page.locator("select#outcome").select_option("refused")
            page.get_by_role("button", name="Filter").click()
            assert "outcome=refused" in page.url
            found = page.locator("#ledger tbody tr")
            assert found.count() == 1 and REFUSED in found.first.inner_text()
            assert scroll_width(page) <= PHONE
            page.get_by_role("link", name="Clear").click()
            assert page.locator("#ledger tbody tr").count() > 3
            assert scroll_width(page) <= PHONE
            shoot(page, "desk-ledger")
            page.set_viewport_size({"width": 1280, "height": 800})
            assert scroll_width(page) <= 1280
    with Session(engine) as session:
        rules = site.settings.forum("CXB CPSS")
        days = forum_meetings(session=session, rules=rules, start=date(2023, 7, 20))
    assert days[0] == date(2023, 8, 28)
