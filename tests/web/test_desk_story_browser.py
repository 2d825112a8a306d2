"""The desk's whole story in Chromium: a coordinator signs in by the mailed link, uploads
Word minutes, corrects an owner and a date in the review, confirms, finds the items in
the register, marks one done, and downloads the next meeting's review table as Word and
Excel, where the corrections and the done status are found again. Screenshots at 375
and 1280 px of each page on the way (tests/web/screens.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.register.models import ActionPoint
from tests.browser import PHONE, chromium_page, scroll_width, sign_in
from tests.uploads import ROWS, minutes_docx
from tests.web.desk_site import TAREK, desk_site
from tests.web.screens import shoot
from tests.web.test_desk_register import AUGUST  # a month after the minutes' meeting

CORRECTED, DONE = ROWS[1][0], ROWS[0][0]


def download(page: Any, fmt: str, folder: Path) -> Path:
    page.select_option("#format", fmt)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the review table").click()
    got = info.value
    assert got.suggested_filename.endswith(f".{fmt}") and "CXB_CPSS" in got.suggested_filename
    path = folder / got.suggested_filename
    got.save_as(str(path))
    return path


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_minutes_to_register_to_review_table(engine: Engine, tmp_path: Path) -> None:
    minutes = minutes_docx(tmp_path / "July minutes.docx")
    with desk_site(engine, now=AUGUST) as site, chromium_page() as page:
        sign_in(page, site.sign_in_link(TAREK), base=site.base)
        shoot(page, "story-home")
        page.get_by_role("link", name="Import", exact=True).click()
        page.set_input_files("input[type=file]", str(minutes))
        page.get_by_role("button", name="Read the file").click()
        page.wait_for_url("**/desk/import/*")
        shoot(page, "story-import-review")
        page.fill("#owners-1", "UNICEF")
        page.fill("#due-1", "2023-09-15")
        page.check("input[name=drop-2]")
        page.get_by_role("button", name="Import with these corrections").click()
        page.wait_for_selector("text=Imported items")
        assert scroll_width(page) <= PHONE
        shoot(page, "story-import-done")
        page.get_by_role("link", name="Register", exact=True).click()
        page.get_by_role("link", name="CXB CPSS").first.click()
        listed = page.inner_text("main")
        assert CORRECTED in listed and DONE in listed
        shoot(page, "story-register")
        page.get_by_role("link", name=DONE).first.click()
        page.locator("select#status").select_option("done")
        page.get_by_role("button", name="Save the status").click()
        assert "The status was changed" in page.locator("[role=status]").inner_text()
        page.get_by_role("link", name="Review table").first.click()
        assert scroll_width(page) <= PHONE
        shoot(page, "story-review")
        word = download(page, "docx", tmp_path)
        excel = download(page, "xlsx", tmp_path)
    rows = {
        r.cells[1].text: [c.text for c in r.cells]
        for t in Document(str(word)).tables
        for r in t.rows
        if r.cells[0].text.isdigit()
    }
    assert "UNICEF" in rows[CORRECTED][2] and rows[CORRECTED][3] == "2023-09-15"
    assert rows[DONE][4].lower() == "done"
    sheet = load_workbook(excel)["Review"]
    cells = {str(r[2].value): [str(c.value or "") for c in r] for r in sheet.iter_rows(min_row=3)}
    assert "UNICEF" in cells[CORRECTED][3] and cells[CORRECTED][4] == "2023-09-15"
    assert cells[DONE][5].lower() == "done"
    with Session(engine) as session:
        done = session.exec(select(ActionPoint).where(ActionPoint.text == DONE)).one()
        assert done.status == "done"
