"""End to end: a digest goes through the SMTP test server, its Done link is opened in
Chromium, confirmed, and the register says done; the GET alone changed nothing."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.load import load_settings
from reminder.config.mail import SmtpSettings
from reminder.config.web import WebSettings
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.mail.links import Links
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.register.models import ActionPoint
from reminder.service.notify import send_notices
from reminder.web.app import create_app
from tests.browser import PHONE, chromium_page, scroll_width
from tests.registers import all_minutes, seed
from tests.smtp_server import serving
from tests.web.server import free_port, running

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)
SECRET = "e" * 40


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_done_link_from_a_delivered_digest(engine: Engine) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    settings = replace(settings, web=WebSettings(base_url=base, secret_key=SECRET))
    seed(engine, settings, now=NOW, minutes=all_minutes())
    with serving() as smtp:
        mailer = SmtpMailer(SmtpSettings(host=smtp.host, port=smtp.port, security="none"))
        summary = asyncio.run(
            send_notices(
                engine=engine,
                settings=settings,
                kind=Kind.DIGEST,
                now=NOW,
                env=make_environment(),
                mailer=mailer,
                run_id="e2e",
            )
        )
        assert summary.sent > 0 and summary.ok
        message = smtp.received[0].message()
    html = message.get_body(("html",))
    assert html is not None
    done = re.search(rf'href="({re.escape(base)}/a/[^"]+)"[^>]*>Done<', str(html.get_content()))
    assert done, "no Done link in the delivered digest"
    link = Links(base_url=base, secret=SECRET).read(
        "item", done.group(1).rsplit("/", 1)[1], now=NOW
    )
    assert link.item is not None

    def status() -> str:
        with Session(engine) as session:
            action = session.get(ActionPoint, link.item)
            assert action is not None
            return action.status

    before = status()
    assert before != "done"
    app = create_app(engine=engine, settings=settings, clock=lambda: NOW)
    with running(app, port=port), chromium_page() as page:
        page.goto(done.group(1))
        assert status() == before  # opening the link, as a mail scanner would, changed nothing
        assert scroll_width(page) <= PHONE
        page.get_by_role("button", name="Mark as done").click()
        page.wait_for_selector("text=Your answer is in the register")
    assert status() == "done"
