"""A focal point answers from a phone: the link opens in Chromium at 375 px, the page
asks to confirm, the register changes only when they press the button."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.load import load_settings
from reminder.config.web import WebSettings
from reminder.mail.links import Links
from reminder.register.models import ActionPoint
from reminder.web.app import create_app
from tests.browser import PHONE, chromium_page, scroll_width
from tests.registers import seed
from tests.web.server import free_port, running

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)
SECRET = "b" * 40


@pytest.fixture
def site(engine: Engine) -> Iterator[tuple[Links, int]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = replace(
        load_settings(config_path=ROOT / "config" / "reminder.toml", environ={}),
        web=WebSettings(base_url=base, secret_key=SECRET),
    )
    seed(engine, settings, now=NOW)
    with Session(engine) as session:
        first = session.exec(select(ActionPoint).where(ActionPoint.status == "open")).first()
        assert first is not None and first.id is not None
        item = first.id
    with running(create_app(engine=engine, settings=settings, clock=lambda: NOW), port=port):
        yield Links(base_url=base, secret=SECRET), item


def status(engine: Engine, item: int) -> str:
    with Session(engine) as session:
        action = session.get(ActionPoint, item)
        assert action is not None
        return action.status


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_done_link_asks_first_then_records(engine: Engine, site: tuple[Links, int]) -> None:
    links, item = site
    url = links.url("item", contact="ana@example.org", item=item, answer="done", now=NOW)
    with chromium_page() as page:
        page.goto(url)
        assert page.locator("h1").inner_text() == "Mark as done"
        assert scroll_width(page) <= PHONE
        assert status(engine, item) == "open"  # opening the link changed nothing
        page.get_by_role("button", name="Mark as done").click()
        page.wait_for_selector("text=Your answer is in the register")
        assert status(engine, item) == "done"
        page.go_back()
        page.reload()
        assert "already used" in page.content()
        page.goto(url[:-4] + "AAAA")
        assert page.locator("h1").inner_text() == "This link does not work"
        assert scroll_width(page) <= PHONE


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_new_date_from_the_date_field(engine: Engine, site: tuple[Links, int]) -> None:
    links, item = site
    url = links.url("item", contact="ana@example.org", item=item, answer="new_date", now=NOW)
    with chromium_page() as page:
        page.goto(url)
        page.fill("input[name=due]", "2023-09-30")
        page.fill("textarea[name=comment]", "Waiting for the partner's data")
        page.get_by_role("button", name="Give a new date").click()
        page.wait_for_selector("text=Thank you")
        assert "2023-09-30" in page.content()
        assert scroll_width(page) <= PHONE
