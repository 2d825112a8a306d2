"""The desk's review table: picked on /desk/review, downloaded as Word or Excel with each
item's latest status and the updates since the last meeting, and imported back through
the desk's upload as updates of the same items; what it refuses, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.register.answers import answer
from reminder.register.engine import transaction
from reminder.register.models import ActionPoint
from reminder.web.meeting_review import disposition, filename
from reminder.web.session import COOKIE
from tests.web.desk_site import JENNIFER, TAREK, desk_site, form_token

both = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
FORUM = "CXB CPSS"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def open_ids(engine: Engine) -> list[int]:
    with Session(engine) as session:
        query = select(ActionPoint.id).where(
            ActionPoint.forum == FORUM, col(ActionPoint.status).in_(("open", "in_progress"))
        )
        return sorted(i for i in session.exec(query) if i is not None)


@both
def test_the_review_table_downloads_with_status_and_updates(engine: Engine) -> None:
    with desk_site(engine) as site:
        ids = open_ids(engine)
        with transaction(engine) as session:
            answer(
                session=session,
                token="t1",
                contact="ana@example.org",
                action_id=ids[0],
                what="comment",
                now=datetime(2023, 7, 19, 8, 0, tzinfo=UTC),
                comment="Draft shared with the sub-sector",
            )
        site.sign_in(TAREK)
        assert 'href="/desk/review?forum=CXB%20CPSS"' in site.client.get("/desk").text
        form = site.client.get("/desk/review", params={"forum": FORUM}).text
        assert "CM Standards WG" not in form and "next meeting 2023-08-21" in form
        got = site.client.get("/desk/review/file", params={"forum": FORUM, "format": "docx"})
        assert got.status_code == 200 and got.headers["content-type"] == DOCX
        assert 'filename="review-CXB_CPSS-2023-08-21.docx"' in got.headers["content-disposition"]
        document = Document(io.BytesIO(got.content))
        assert "meeting of 21 August 2023" in document.paragraphs[0].text
        rows = [r for t in document.tables for r in t.rows if r.cells[0].text.isdigit()]
        body = {int(r.cells[0].text): r for r in rows}
        assert sorted(body) == ids
        assert "Draft shared with the sub-sector" in body[ids[0]].cells[5].text
        assert all(body[i].cells[4].text for i in ids)  # each item's latest status
        sheet = site.client.get(
            "/desk/review/file",
            params={
                "forum": FORUM,
                "format": "xlsx",
                "by": "organisation",
                "meeting": "2023-09-18",
            },
        )
        assert sheet.headers["content-type"] == XLSX
        assert "2023-09-18.xlsx" in sheet.headers["content-disposition"]
        book = load_workbook(io.BytesIO(sheet.content))["Review"]
        assert sorted(int(r[0].value) for r in book.iter_rows(min_row=3) if r[0].value) == ids


@both
def test_the_table_imported_back_through_the_desk_updates_the_same_ids(engine: Engine) -> None:
    with desk_site(engine) as site:
        ids = open_ids(engine)
        site.sign_in(TAREK)
        got = site.client.get("/desk/review/file", params={"forum": FORUM, "format": "xlsx"})
        token = form_token(site.client.get("/desk/import").text)
        sent = site.client.post(
            "/desk/import",
            data={"csrf": token, "forum": FORUM},
            files={"file": ("review.xlsx", got.content, XLSX)},
        )
        assert sent.status_code == 303, sent.text
        preview = site.client.get(sent.headers["location"]).text
        for number in ids:
            assert f"updates #{number}" in preview
        assert "probably" not in preview.lower()  # no row taken for a duplicate


@both
def test_the_download_refuses_strangers_and_other_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        asked = {"forum": FORUM, "format": "docx"}
        for path in ("/desk/review", "/desk/review/file"):
            away = site.client.get(path, params=asked)
            assert away.status_code == 303 and "/desk/sign-in" in away.headers["location"]
        site.client.cookies.set(COOKIE, "forged.value")
        forged = site.client.get("/desk/review/file", params=asked)
        assert forged.status_code == 303 and "/desk/sign-in" in forged.headers["location"]
        site.client.cookies.clear()
        site.sign_in(JENNIFER)
        assert site.client.get("/desk/review/file", params=asked).status_code == 404
        assert site.client.get("/desk/review", params=asked).status_code == 404
        bad = site.client.get(
            "/desk/review/file", params={**asked, "forum": "CM Standards WG", "meeting": "<script>"}
        )
        assert bad.status_code == 400 and "<script>" not in bad.text
        evil = {"forum": 'CM Standards WG"\r\nSet-Cookie: x=1', "format": "docx"}
        assert site.client.get("/desk/review/file", params=evil).status_code == 404


def test_a_forum_name_cannot_break_the_header() -> None:
    name = filename(
        forum='A "B"\r\nSet-Cookie: x=1; ../é', meeting=datetime(2023, 8, 21).date(), fmt="docx"
    )
    assert name == "review-A_B_Set-Cookie_x_1-2023-08-21.docx"
    header = disposition(name)
    assert "\r" not in header and "\n" not in header and header.count('"') == 2
