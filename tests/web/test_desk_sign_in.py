"""Coordinators sign in to the desk with a link mailed to them (through the SMTP test
server); sessions are signed, HTTP-only cookies; nobody else gets in."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.register.models import Contact
from reminder.web.session import COOKIE
from tests.web.desk_site import ADMIN, JENNIFER, NOW, TAREK, desk_site, form_token

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


def test_the_desk_asks_to_sign_in_first(engine: Engine) -> None:
    with desk_site(engine) as site:
        page = site.client.get("/desk")
        assert page.status_code == 303
        assert page.headers["location"] == "/desk/sign-in?next=/desk"


def test_a_coordinator_signs_in_by_the_mailed_link_and_sees_their_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        link = site.sign_in_link(TAREK)
        mail = site.smtp.received[-1].message()
        assert mail["To"].endswith(f"<{TAREK}>") or TAREK in mail["To"]
        opened = site.client.get(link)
        assert opened.status_code == 200 and "Sign in as" in opened.text
        assert COOKIE not in site.client.cookies  # opening the link (a scanner) signs nobody in
        done = site.client.post(link, data={"csrf": form_token(opened.text)})
        assert done.status_code == 303 and done.headers["location"] == "/desk"
        cookie = done.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/desk" in cookie
        home = site.client.get("/desk")
        assert home.status_code == 200
        assert "CXB CPSS" in home.text and "CM Standards WG" not in home.text


def test_an_administrator_sees_every_forum(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(ADMIN)
        home = site.client.get("/desk").text
        assert "CXB CPSS" in home and "CM Standards WG" in home and "administrator" in home


def test_a_sign_in_link_works_once(engine: Engine) -> None:
    with desk_site(engine) as site:
        link = site.sign_in_link(JENNIFER)
        token = form_token(site.client.get(link).text)
        assert site.client.post(link, data={"csrf": token}).status_code == 303
        again = site.client.post(link, data={"csrf": token})
        assert again.status_code == 400 and "already used" in again.text


def test_an_unknown_address_gets_no_mail_and_the_same_page(engine: Engine) -> None:
    with desk_site(engine) as site:
        token = form_token(site.client.get("/desk/sign-in").text)
        before = len(site.smtp.received)
        known = site.client.post("/desk/sign-in", data={"email": TAREK, "csrf": token})
        unknown = site.client.post("/desk/sign-in", data={"email": "x@evil.test", "csrf": token})
        assert len(site.smtp.received) == before + 1  # only the coordinator got a mail
        assert known.text == unknown.text


def test_forms_without_their_token_and_forged_cookies_are_refused(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.client.get("/desk/sign-in")
        refused = site.client.post("/desk/sign-in", data={"email": TAREK, "csrf": "nope"})
        assert refused.status_code == 403
        with httpx.Client(base_url=site.base, cookies={COOKIE: "forged.value.x"}) as other:
            assert other.get("/desk").status_code == 303


def test_a_tampered_or_expired_sign_in_link_is_refused(engine: Engine) -> None:
    with desk_site(engine) as site:
        link = site.sign_in_link(TAREK)
        path, _query = link.split("?", 1)
        tampered = site.client.get(path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb"))
        assert tampered.status_code == 400 and "does not work" in tampered.text
    with desk_site(engine, now=NOW + timedelta(minutes=31)) as later:
        # The same secret and a clock 31 minutes on: a link signed at NOW has expired.
        from reminder.mail.links import Links

        old = Links(base_url=later.base, secret=later.settings.web.secret_key or "")
        url = old.url("signin", contact=TAREK, now=NOW)
        assert later.client.get(url).status_code == 410


def test_next_never_leaves_the_desk(engine: Engine) -> None:
    with desk_site(engine) as site:
        page = site.client.get("/desk/sign-in", params={"next": "https://evil.test/"})
        assert 'value="/desk"' in page.text and "evil" not in page.text


def test_a_coordinator_deactivated_in_the_directory_gets_no_sign_in_link(engine: Engine) -> None:
    with desk_site(engine) as site:
        with Session(engine) as session:
            contact = session.exec(select(Contact).where(Contact.email == TAREK)).one()
            contact.active = False
            session.add(contact)
            session.commit()
        page = site.client.get("/desk/sign-in")
        before = len(site.smtp.received)
        site.client.post("/desk/sign-in", data={"email": TAREK, "csrf": form_token(page.text)})
        assert len(site.smtp.received) == before  # the same page, and no mail
