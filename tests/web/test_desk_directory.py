"""The desk's directory: list and search, add and edit organisations, contacts and groups,
deactivate (administrators only), import a contacts file; and what the pages refuse (no
session, a forged form, a bad address, a file that cannot be read), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from reminder.register.directory import load_directory
from reminder.register.edits import change_owners
from reminder.register.engine import transaction
from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    Contact,
    DirectoryChange,
    Organisation,
)
from reminder.web.session import COOKIE
from tests.web.desk_site import ADMIN, NOW, TAREK, DeskSite, desk_site, form_token

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
NEWCOMER = "Blue Sky Relief"


def give_owner(engine: Engine, owner: str = NEWCOMER) -> int:
    """Make the first CPSS item owned by `owner` (unresolved until the directory knows it)."""
    with transaction(engine) as session:
        found = select(ActionPoint).where(ActionPoint.forum == "CXB CPSS")
        action = session.exec(found.order_by(col(ActionPoint.id))).first()
        assert action is not None and action.id is not None
        change_owners(
            session=session,
            action_id=action.id,
            owners=[owner],
            directory=load_directory(session),
            author="test",
            now=NOW,
        )
        return action.id


def owner_kind(engine: Engine, action_id: int) -> str:
    with Session(engine) as session:
        return session.exec(
            select(ActionOwner.kind).where(ActionOwner.action_id == action_id)
        ).one()


def count(engine: Engine, model: type[DirectoryChange] | type[Contact]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def post(site: DeskSite, path: str, **data: object) -> httpx.Response:
    """Post the form of `path` (of the contact's page for its /active switch)."""
    token = form_token(site.client.get(path.removesuffix("/active")).text)
    return site.client.post(path, data={"csrf": token, **data})


def test_an_alias_added_resolves_the_registers_owner(engine: Engine) -> None:
    with desk_site(engine) as site:
        number = give_owner(engine)
        assert owner_kind(engine, number) == "unresolved"
        site.sign_in(TAREK)
        listing = site.client.get("/desk/directory").text
        assert "Directory" in listing and "CPSS" in listing
        added = post(
            site, "/desk/directory/organisation/new", name="Blue Sky Relief Intl", acronym="BSRI"
        )
        assert added.status_code == 303, added.text
        with Session(engine) as session:
            org = session.exec(select(Organisation).where(Organisation.acronym == "BSRI")).one()
        assert owner_kind(engine, number) == "unresolved"  # not by name, acronym, nor fuzzily
        edited = post(
            site,
            f"/desk/directory/organisation/{org.id}",
            name="Blue Sky Relief Intl",
            acronym="BSRI",
            aliases="Blue Sky Relief\nBlue Sky",
        )
        assert edited.status_code == 303 and "resolved=" in edited.headers["location"]
        assert owner_kind(engine, number) == "organisation"
        page = site.client.get(edited.headers["location"]).text
        assert "Saved." in page and f"coordinator {TAREK}" in page
        found = site.client.get("/desk/directory", params={"q": "blue sky"}).text
        assert "Blue Sky Relief Intl" in found and "Contacts (0)" in found


def test_contacts_and_groups_are_added_and_edited(engine: Engine) -> None:
    with desk_site(engine) as site:
        number = give_owner(engine, "Ines Okafor")
        site.sign_in(TAREK)
        added = post(
            site,
            "/desk/directory/contact/new",
            name="Ines Okafor",
            email="ines@bsr.example.org",
            roles=["focal_point"],
        )
        assert added.status_code == 303, added.text
        assert owner_kind(engine, number) == "contact"
        with Session(engine) as session:
            ines = session.exec(
                select(Contact).where(Contact.email == "ines@bsr.example.org")
            ).one()
        group = post(
            site,
            "/desk/directory/group/new",
            name="Rapid task team",
            aliases="RTT",
            members=[str(ines.id)],
        )
        assert group.status_code == 303, group.text
        page = site.client.get(f"/desk/directory/contact/{ines.id}").text
        assert re.search(r'name="groups" value="\d+" checked> Rapid task team', page)
        assert "Only an administrator may deactivate" in page
        refused = post(site, f"/desk/directory/contact/{ines.id}/active", active="0")
        assert refused.status_code == 403
        site.client.cookies.clear()
        site.sign_in(ADMIN)
        done = post(site, f"/desk/directory/contact/{ines.id}", active="0")
        assert done.status_code == 400  # a save with no email: the contact form, not the switch
        token = form_token(site.client.get(f"/desk/directory/contact/{ines.id}").text)
        off = site.client.post(
            f"/desk/directory/contact/{ines.id}/active", data={"csrf": token, "active": "0"}
        )
        assert off.status_code == 303
        assert owner_kind(engine, number) == "unresolved"
        assert "(inactive)" in site.client.get("/desk/directory").text
        with Session(engine) as session:
            kinds = [
                c.change
                for c in session.exec(select(DirectoryChange).order_by(col(DirectoryChange.id)))
            ]
            assert session.get(Contact, ines.id) is not None
        assert kinds == ["added", "added", "deactivated"]


def test_a_bad_email_is_refused_clearly_and_nothing_written(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        people, changes = count(engine, Contact), count(engine, DirectoryChange)
        bad = post(site, "/desk/directory/contact/new", name="Ines", email="ines at example")
        assert bad.status_code == 400
        assert "the email &#39;ines at example&#39; is not valid" in bad.text
        assert 'value="Ines"' in bad.text  # the form keeps what was typed
        taken = post(site, "/desk/directory/contact/new", name="Other", email=TAREK.upper())
        assert taken.status_code == 400 and "is already the address of" in taken.text
        assert (count(engine, Contact), count(engine, DirectoryChange)) == (people, changes)


def test_pages_refuse_no_session_and_forged_forms(engine: Engine) -> None:
    with desk_site(engine) as site:
        gets = ["/desk/directory", "/desk/directory/organisation/new", "/desk/directory/import"]
        posts = ["/desk/directory/organisation/new", "/desk/directory/contact/1/active"]
        for cookies in ({}, {COOKIE: "forged.value.x"}):
            with httpx.Client(base_url=site.base, cookies=cookies) as other:
                for path in gets + posts:
                    answer = (
                        other.get(path) if path in gets else other.post(path, data={"name": "X"})
                    )
                    assert (
                        answer.status_code == 303 and "/desk/sign-in" in answer.headers["location"]
                    )
        site.sign_in(ADMIN)
        token = form_token(site.client.get("/desk/directory").text)
        changes = count(engine, DirectoryChange)
        for csrf in ("", "wrong", token[:-2] + "xx"):
            form = {"csrf": csrf, "name": "Forged Org", "active": "0"}
            assert (
                site.client.post("/desk/directory/organisation/new", data=form).status_code == 403
            )
            assert (
                site.client.post("/desk/directory/contact/1/active", data=form).status_code == 403
            )
            files = {"file": ("c.csv", b"name,email\nA,a@example.org\n")}
            answer = site.client.post("/desk/directory/import", data={"csrf": csrf}, files=files)
            assert answer.status_code == 403
        assert count(engine, DirectoryChange) == changes
        assert site.client.get("/desk/directory/organisation/99999").status_code == 404
        assert site.client.get("/desk/directory/person/1").status_code == 404
        assert site.client.get("/desk/directory/group/x1").status_code == 404


def test_user_text_is_shown_escaped(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        evil = "<script>alert(1)</script>"
        assert (
            post(site, "/desk/directory/organisation/new", name=evil, aliases=evil).status_code
            == 303
        )
        for page in (
            site.client.get("/desk/directory").text,
            site.client.get("/desk/directory", params={"q": evil}).text,
        ):
            assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def upload(site: DeskSite, name: str, content: bytes) -> httpx.Response:
    token = form_token(site.client.get("/desk/directory/import").text)
    return site.client.post(
        "/desk/directory/import", data={"csrf": token}, files={"file": (name, content)}
    )


def test_a_contacts_file_is_imported_with_bad_rows_named(engine: Engine, tmp_path: Path) -> None:
    with desk_site(engine) as site:
        number = give_owner(engine, "Ola Nordmann")
        site.sign_in(TAREK)
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Name", "Email", "Organisation"])
        sheet.append(["Ola Nordmann", "ola@nrc.example.org", "Relief Lane Partners (RLP)"])
        sheet.append(["No Address", "", ""])
        sheet.append(["Bad Address", "bad@", ""])
        book.save(tmp_path / "contacts.xlsx")
        done = upload(site, "contacts.xlsx", (tmp_path / "contacts.xlsx").read_bytes())
        assert done.status_code == 200, done.text
        assert "1 new contact(s)" in done.text and "1 new organisation(s)" in done.text
        assert "Rows not imported (2)" in done.text
        assert "contacts.xlsx, sheet &#39;Sheet&#39;, row 3: no email" in done.text
        assert "row 4: email &#39;bad@&#39; is not valid" in done.text
        assert str(tmp_path) not in done.text and "/tmp" not in done.text
        assert owner_kind(engine, number) == "contact"
        with Session(engine) as session:
            last = session.exec(
                select(DirectoryChange).order_by(col(DirectoryChange.id).desc())
            ).first()
        assert last is not None and (last.kind, last.author) == ("import", f"coordinator {TAREK}")
        assert last.detail["file"] == "contacts.xlsx" and last.detail["contacts_new"] == 1


def test_a_file_that_cannot_be_read_changes_nothing(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        people, changes = count(engine, Contact), count(engine, DirectoryChange)
        wrong = upload(site, "people.csv", b"Full name,Phone\nA,123\n")
        assert wrong.status_code == 400 and "Nothing was imported" in wrong.text
        assert "missing column(s) email" in wrong.text and "/tmp" not in wrong.text
        broken = upload(site, "people.xlsx", b"not a workbook")
        assert broken.status_code == 400 and "not a readable .xlsx workbook" in broken.text
        other = upload(site, "people.docx", b"x")
        assert other.status_code == 400 and "give a .csv or .xlsx file" in other.text
        assert (count(engine, Contact), count(engine, DirectoryChange)) == (people, changes)
