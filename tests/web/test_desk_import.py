"""The desk's import through the running site: upload a Word document, review what was
read, correct it, confirm; and nobody but its uploader reaches a review."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.mail.links import serializer
from reminder.register.drops import drops_of
from reminder.register.models import ActionPoint, Fact
from reminder.web.session import COOKIE, SALT
from tests.uploads import ROWS, minutes_docx
from tests.web.desk_site import JENNIFER, NOW, SECRET, TAREK, DeskSite, desk_site, form_token

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def review_form(page: str) -> dict[str, str]:
    """What a browser would post from the review page as it is."""
    values = {"csrf": form_token(page)}
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        values[name] = html.unescape(value)
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if name and "checkbox" not in tag and "file" not in tag and name.group(1) != "csrf":
            found = re.search(r'value="([^"]*)"', tag)
            values[name.group(1)] = html.unescape(found.group(1) if found else "")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]+)" selected>', options)
        values[name] = chosen.group(1) if chosen else ""
    return values


def upload(
    site: DeskSite, path: Path, *, forum: str = "CXB CPSS", name: str = "July.docx"
) -> httpx.Response:
    token = form_token(site.client.get("/desk/import").text)
    with path.open("rb") as file:
        return site.client.post(
            "/desk/import",
            data={"csrf": token, "forum": forum},
            files={"file": (name, file, DOCX)},
        )


def test_the_import_asks_to_sign_in_first(engine: Engine) -> None:
    with desk_site(engine) as site:
        assert site.client.get("/desk/import").headers["location"].startswith("/desk/sign-in")
        posted = site.client.post("/desk/import", data={"csrf": "x"})
        assert posted.status_code == 303 and "/desk/sign-in" in posted.headers["location"]


def test_a_coordinator_uploads_reviews_corrects_and_confirms(
    engine: Engine, tmp_path: Path
) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        sent = upload(site, minutes_docx(tmp_path / "m.docx"))
        assert sent.status_code == 303 and sent.headers["location"].startswith("/desk/import/")
        review = site.client.get(sent.headers["location"])
        assert review.status_code == 200
        page = review.text
        assert "20 July 2023" in page and "Date: line" in page and "17 August 2023" in page
        assert "unresolved" in page and "organisation Child Protection Sub-Sector" in page
        assert "July.docx, sheet" in page and str(tmp_path) not in page
        with Session(engine) as session:
            before = len(session.exec(select(ActionPoint.id)).all())
        form = review_form(page)
        form.update({"owners-1": "UNICEF", "due-1": "2023-08-31", "drop-2": "1"})
        done = site.client.post(sent.headers["location"], data=form)
        assert done.status_code == 200, done.text
        assert (
            "2 new" in done.text
            and "2 correction(s)" in done.text
            and "1 row(s) dropped" in done.text
        )
        ids = [int(i) for i in re.findall(r'href="/desk/register/item/(\d+)"', done.text)]
        assert len(ids) == 2
        with Session(engine) as session:
            assert len(session.exec(select(ActionPoint.id)).all()) == before + 2
            corrected = session.get(ActionPoint, ids[1])
            assert corrected is not None and corrected.owners == ["UNICEF"]
            assert str(corrected.due_date) == "2023-08-31"
            facts = session.exec(select(Fact).where(Fact.source == "desk review")).all()
            assert {(f.action_id, f.field, f.author) for f in facts} == {
                (ids[1], "owners", f"coordinator {TAREK}"),
                (ids[1], "due", f"coordinator {TAREK}"),
            }
            assert [d.text for d in drops_of(session=session, forum="CXB CPSS")] == [ROWS[2][0]]
        # The review is gone once imported: confirming twice imports nothing twice.
        assert site.client.get(sent.headers["location"]).status_code == 404


def test_forms_without_their_token_are_refused(engine: Engine, tmp_path: Path) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        path = minutes_docx(tmp_path / "m.docx")
        with path.open("rb") as file:
            refused = site.client.post(
                "/desk/import", data={"forum": "CXB CPSS"}, files={"file": ("m.docx", file, DOCX)}
            )
        assert refused.status_code == 403
        where = upload(site, path).headers["location"]
        form = review_form(site.client.get(where).text)
        form["csrf"] = "forged"
        assert site.client.post(where, data=form).status_code == 403


def test_another_coordinators_review_and_forum_are_not_found(
    engine: Engine, tmp_path: Path
) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        path = minutes_docx(tmp_path / "m.docx")
        where = upload(site, path).headers["location"]
        assert upload(site, path, forum="CM Standards WG").status_code == 404  # not Tarek's
        tarek = site.client
        with httpx.Client(base_url=site.base) as other:
            site.client = other
            site.sign_in(JENNIFER)
            assert other.get(where).status_code == 404
            token = form_token(other.get("/desk/import").text)
            assert other.post(where, data={"csrf": token}).status_code == 404
        site.client = tarek
        assert tarek.get(where).status_code == 200


def test_a_pending_review_survives_signing_in_again(engine: Engine, tmp_path: Path) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        where = upload(site, minutes_docx(tmp_path / "m.docx")).headers["location"]
        # Signed in again (on another device): a new session id. The site's clock stands
        # still, so the mailed link would be the one already used: the cookie is minted.
        fresh = serializer(SECRET, SALT, NOW).dumps({"e": TAREK, "s": "another-session"})
        with httpx.Client(base_url=site.base, cookies={COOKIE: fresh}) as again:
            assert "Signed in as" in again.get("/desk").text
            page = again.get(where)
            assert page.status_code == 200 and ROWS[0][0] in page.text
            done = again.post(where, data=review_form(page.text))
            assert done.status_code == 200 and "3 new" in done.text, done.text


def test_the_same_action_twice_in_one_file_is_said_in_the_review(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        table = site.client.get("/desk/review/file", params={"forum": "CXB CPSS", "format": "xlsx"})
        book = load_workbook(io.BytesIO(table.content))
        sheet = book["Review"]
        copied = [c.value for c in sheet[3]]
        copied[5] = "Done"  # the row copied at the meeting, its copy marked done
        sheet.append(copied)
        out = io.BytesIO()
        book.save(out)
        token = form_token(site.client.get("/desk/import").text)
        sent = site.client.post(
            "/desk/import",
            data={"csrf": token, "forum": "CXB CPSS"},
            files={"file": ("review.xlsx", out.getvalue(), "application/octet-stream")},
        )
        page = html.unescape(site.client.get(sent.headers["location"]).text)
        said = re.findall(r'<p class="meta">([^<]*)</p>', page)
        twice = [s for s in said if "the same action as row 1 of this file" in s]
        assert len(twice) == 1 and f"updates #{copied[0]}" in twice[0]


def test_an_emptied_date_clears_the_deadline(engine: Engine, tmp_path: Path) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        where = upload(site, minutes_docx(tmp_path / "m.docx")).headers["location"]
        form = review_form(site.client.get(where).text)
        assert form["due-0"] == "2023-07-31"  # "end of July", read as a date
        form["due-0"] = ""
        done = site.client.post(where, data=form)
        assert done.status_code == 200 and "1 correction(s)" in done.text, done.text
        with Session(engine) as session:
            cleared = session.exec(select(ActionPoint).where(ActionPoint.text == ROWS[0][0])).one()
            assert cleared.due_date is None and cleared.due_method == "none"
            facts = session.exec(select(Fact).where(Fact.source == "desk review")).all()
            assert [(f.action_id, f.field) for f in facts] == [(cleared.id, "due")]


def test_text_from_the_file_is_shown_escaped(engine: Engine, tmp_path: Path) -> None:
    rows = (("<script>alert(1)</script> Share the plan", "CPSS", "end of July", "Open"),)
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        where = upload(site, minutes_docx(tmp_path / "m.docx", rows=rows)).headers["location"]
        page = site.client.get(where).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        done = site.client.post(where, data=review_form(page)).text
        assert "<script>" not in done and "&lt;script&gt;" in done


def test_a_bad_file_gets_a_page_naming_it(engine: Engine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is no Word document")
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        page = upload(site, broken, name="broken.docx")
        assert page.status_code == 400
        assert "broken.docx could not be read" in page.text and "Traceback" not in page.text
        assert str(tmp_path) not in page.text
        big = tmp_path / "big.docx"
        big.write_bytes(b"0" * (21 * 1024 * 1024))
        refused = upload(site, big, name="big.docx")
        assert refused.status_code == 413 and "20 MB" in refused.text
