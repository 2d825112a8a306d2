"""A coordinator imports minutes from a phone: signs in by the mailed link, uploads a
Word document, corrects an owner and a date in the review, confirms, sees the items."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.register.models import ActionPoint
from tests.browser import PHONE, chromium_page, scroll_width, sign_in
from tests.uploads import ROWS, minutes_docx
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_minutes_are_reviewed_corrected_and_imported_on_a_phone(
    engine: Engine, tmp_path: Path
) -> None:
    minutes = minutes_docx(tmp_path / "July minutes.docx")
    with desk_site(engine) as site, chromium_page() as page:
        sign_in(page, site.sign_in_link(TAREK), base=site.base)
        page.get_by_role("link", name="Import").click()
        assert scroll_width(page) <= PHONE
        shoot(page, "desk-import-upload")
        page.set_input_files("input[type=file]", str(minutes))
        page.get_by_role("button", name="Read the file").click()
        page.wait_for_url("**/desk/import/*")
        assert "20 July 2023" in page.inner_text("main")
        assert scroll_width(page) <= PHONE
        shoot(page, "desk-import-review")
        page.fill("#owners-1", "UNICEF")
        page.fill("#due-1", "2023-08-31")
        page.check("input[name=drop-2]")
        page.get_by_role("button", name="Import with these corrections").click()
        page.wait_for_selector("text=Imported items")
        text = page.inner_text("main")
        assert "2 new" in text and "2 correction(s)" in text and "1 row(s) dropped" in text
        links = page.locator("a[href^='/desk/register/item/']")
        assert links.count() == 2
        assert scroll_width(page) <= PHONE
        shoot(page, "desk-import-done")
    with Session(engine) as session:
        action = session.exec(select(ActionPoint).where(ActionPoint.text == ROWS[1][0])).one()
        assert action.owners == ["UNICEF"] and str(action.due_date) == "2023-08-31"
        assert action.source_file == "July minutes.docx"
