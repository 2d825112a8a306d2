"""A coordinator keeps the register from a phone, in Chromium at 375 px: signs in by
the mailed link, opens the forum's list, filters what is overdue, opens an item and
marks it done with the form; nothing is wider than the screen. Screenshots of the list
and the item page (tests/web/screens.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.register.models import ActionPoint
from tests.browser import PHONE, chromium_page, scroll_width, sign_in
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot
from tests.web.test_desk_register import AUGUST


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_coordinator_marks_an_overdue_item_done_from_a_phone(engine: Engine) -> None:
    with desk_site(engine, now=AUGUST) as site, chromium_page(width=PHONE) as page:
        sign_in(page, site.sign_in_link(TAREK), base=site.base)
        page.get_by_role("link", name="Register", exact=True).click()
        page.get_by_role("link", name="CXB CPSS").first.click()
        assert page.locator("h1").inner_text() == "CXB CPSS"
        assert scroll_width(page) <= PHONE
        page.get_by_label("Overdue").check()
        page.get_by_role("button", name="Filter").click()
        assert "overdue=1" in page.url
        rows = page.locator("table.list tbody tr")
        assert rows.count() == 4 and "4 items match" in page.content()
        assert scroll_width(page) <= PHONE
        shoot(page, "register-forum")
        first = rows.first.locator("td[data-label='#'] a")
        number = int(first.inner_text().lstrip("#"))
        first.click()
        assert page.locator("h1").inner_text().startswith(f"#{number}")
        assert scroll_width(page) <= PHONE
        page.locator("select#status").select_option("done")
        page.get_by_role("button", name="Save the status").click()
        assert "The status was changed" in page.locator("[role=status]").inner_text()
        assert page.locator("dl.facts dd").nth(2).inner_text() == "done"
        assert "desk" in page.locator("table.list").last.inner_text()
        assert scroll_width(page) <= PHONE
        shoot(page, "register-item")
        page.go_back()
        page.go_back()
        page.reload()
        assert page.locator("table.list tbody tr").count() == 3  # it left the overdue list
    with Session(engine) as session:
        action = session.get(ActionPoint, number)
        assert action is not None and action.status == "done"
