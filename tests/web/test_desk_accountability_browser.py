"""A coordinator opens a forum's accountability page from the desk's home in Chromium: at
375 px nothing is wider than the screen (the charts scale down), at 1280 px each chart
sits beside its table; screenshots at both widths (tests/web/screens.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.browser import PHONE, chromium_page, scroll_width
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot
from tests.web.test_desk_accountability import answered
from tests.web.test_desk_register import AUGUST


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_accountability_page_fits_a_phone_and_a_desktop(engine: Engine) -> None:
    with desk_site(engine, now=AUGUST) as site, chromium_page(width=PHONE) as page:
        answered(site, engine)
        page.goto(site.sign_in_link(TAREK))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{site.base}/desk")
        page.get_by_role("link", name="Accountability").last.click()
        assert page.locator("h1").inner_text() == "Accountability: CXB CPSS"
        charts = page.get_by_role("img")
        assert charts.count() == 6
        assert charts.first.get_attribute("aria-label") == (
            "Share of each organisation's items that are done"
        )
        assert scroll_width(page) <= PHONE
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
        shoot(page, "accountability")
        page.set_viewport_size({"width": 1280, "height": 800})
        chart = page.locator("svg.chart").first.bounding_box()
        table = page.locator("section table.list").first.bounding_box()
        assert chart is not None and table is not None
        assert table["x"] >= chart["x"] + chart["width"]  # side by side
        assert scroll_width(page) <= 1280
        page.locator("a[href^='/desk/register/item/']").first.click()
        assert page.locator("h1").inner_text().startswith("#")
