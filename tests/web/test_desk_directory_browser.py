"""A coordinator teaches the directory a new way of writing an organisation, in Chromium
at 375 px: the register's CPSS list shows an owner unresolved; on the directory page they
add the organisation, then its alias; back on the list the owner is resolved. Nothing is
wider than the screen. Screenshots of the directory and the organisation's form."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.browser import PHONE, chromium_page, scroll_width
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot
from tests.web.test_desk_directory import NEWCOMER, give_owner, owner_kind


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_an_alias_added_on_the_desk_resolves_an_owner_on_the_list(engine: Engine) -> None:
    with desk_site(engine) as site, chromium_page(width=PHONE) as page:
        number = give_owner(engine)
        page.goto(site.sign_in_link(TAREK))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{site.base}/desk")
        unresolved = f"{site.base}/desk/register/forum/CXB%20CPSS?unresolved=1&status=all"
        page.goto(unresolved)
        assert f"{NEWCOMER} (unresolved)" in page.locator("table.list").inner_text()
        page.get_by_role("link", name="Directory", exact=True).click()
        assert page.locator("h1").inner_text() == "Directory"
        assert scroll_width(page) <= PHONE
        page.get_by_role("link", name="Add an organisation").click()
        page.get_by_label("Name").fill("Blue Sky Relief International")
        page.get_by_label("Acronym").fill("BSRI")
        page.get_by_role("button", name="Add").click()
        assert "Saved." in page.locator("[role=status]").inner_text()
        page.get_by_label("Search names, acronyms, aliases, addresses").fill("bsri")
        page.get_by_role("button", name="Search").click()
        page.get_by_role("link", name="Blue Sky Relief International").click()
        page.get_by_label("Aliases").fill(f"{NEWCOMER}\nBlue Sky")
        assert scroll_width(page) <= PHONE
        shoot(page, "directory-organisation")
        page.get_by_role("button", name="Save").click()
        assert "Saved." in page.locator("[role=status]").inner_text()
        assert "coordinator " + TAREK in page.locator("table.list").last.inner_text()
        assert scroll_width(page) <= PHONE
        shoot(page, "directory")
        page.goto(f"{site.base}/desk/register/forum/CXB%20CPSS?status=all")
        listed = page.locator("table.list").inner_text()
        assert NEWCOMER in listed and f"{NEWCOMER} (unresolved)" not in listed
        page.goto(unresolved)
        assert NEWCOMER not in page.content()
    assert owner_kind(engine, number) == "organisation"
