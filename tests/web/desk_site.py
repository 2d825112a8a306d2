"""A running desk for tests: the example register, a real SMTP test server for the
sign-in mails, the app on loopback, and `sign_in` that follows the mailed link.

    with desk_site(engine) as site:
        cookies = site.sign_in("tarek.akkad@cpss.example.org")   # an httpx client's
        site.client.get("/desk")                                  # signed in

Coordinators come from config/reminder.toml (Tarek keeps "CXB CPSS", Jennifer
"CM Standards WG"); ADMIN is configured as the administrator.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.config.mail import SmtpSettings
from reminder.config.settings import Settings
from reminder.config.web import WebSettings
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.web.app import create_app
from tests.registers import all_minutes, seed
from tests.smtp_server import SmtpTestServer, serving
from tests.web.server import free_port, running

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 9, 0, tzinfo=UTC)
SECRET = "d" * 40
TAREK = "tarek.akkad@cpss.example.org"  # coordinator of CXB CPSS
JENNIFER = "jennifer@iom.example.org"  # coordinator of CM Standards WG
ADMIN = "admin@example.org"


@dataclass
class DeskSite:
    base: str
    engine: Engine
    settings: Settings
    smtp: SmtpTestServer
    client: httpx.Client

    def sign_in_link(self, email: str) -> str:
        """Ask for a sign-in link for `email`; the link from the mail the server got."""
        before = len(self.smtp.received)
        page = self.client.get("/desk/sign-in")
        token = form_token(page.text)
        self.client.post("/desk/sign-in", data={"email": email, "csrf": token})
        assert len(self.smtp.received) == before + 1, "no sign-in mail arrived"
        body = self.smtp.received[-1].message().get_body(("plain",))
        assert body is not None
        found = re.search(r"(https?://\S+/desk/enter/\S+)", str(body.get_content()))
        assert found, "no link in the sign-in mail"
        return found.group(1)

    def sign_in(self, email: str) -> None:
        """Sign `self.client` in as `email` through the mailed link."""
        link = self.sign_in_link(email)
        page = self.client.get(link)
        done = self.client.post(link, data={"csrf": form_token(page.text)})
        assert done.status_code == 303, done.text


def form_token(html: str) -> str:
    """The first form's CSRF token on a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@contextlib.contextmanager
def desk_site(engine: Engine, *, now: datetime = NOW) -> Iterator[DeskSite]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    settings = replace(settings, web=WebSettings(base_url=base, secret_key=SECRET, admins=(ADMIN,)))
    seed(engine, settings, now=now, minutes=all_minutes())
    with serving() as smtp:
        mailer = SmtpMailer(SmtpSettings(host=smtp.host, port=smtp.port, security="none"))
        app = create_app(engine=engine, settings=settings, clock=lambda: now, mailer=mailer)
        with running(app, port=port), httpx.Client(base_url=base) as client:
            yield DeskSite(base, engine, settings, smtp, client)
