"""The pages behind mail links, served by uvicorn on loopback, on SQLite and PostgreSQL.

A GET never changes anything; a POST needs the page's CSRF token (except RFC 8058's
one-click unsubscribe, which the link's signature authorises); a link is signed for
one person and one item, expires, and works once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.config.web import WebSettings
from reminder.mail.links import Links
from reminder.register.answers import ContactPreference
from reminder.register.models import ActionPoint, StatusChange
from reminder.web.app import create_app
from tests.registers import seed
from tests.web.server import running

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)
SECRET = "k" * 40
BASE = "https://reminders.example.org"
ANA = "ana@example.org"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def settings() -> Settings:
    base = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    return replace(base, web=WebSettings(base_url=BASE, secret_key=SECRET))


World = tuple["Browser", Clock, int]


class Browser(httpx.Client):
    """A client that keeps its cookies, as a browser does; `fresh` is another browser."""

    def fresh(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url)


@pytest.fixture
def world(engine: Engine, settings: Settings) -> Iterator[World]:
    seed(engine, settings, now=NOW)
    with Session(engine) as session:
        action = session.exec(select(ActionPoint).where(ActionPoint.status == "open")).first()
        assert action is not None and action.id is not None
        action_id = action.id
    clock = Clock()
    app = create_app(engine=engine, settings=settings, clock=clock)
    with running(app) as url, Browser(base_url=url) as client:
        yield client, clock, action_id


LINKS = Links(base_url=BASE, secret=SECRET)


def path(url: str) -> str:
    return url.removeprefix(BASE)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def action(engine: Engine, action_id: int) -> ActionPoint:
    with Session(engine) as session:
        found = session.get(ActionPoint, action_id)
        assert found is not None
        session.expunge(found)
        return found


def test_done_needs_a_confirmation_and_is_recorded_with_its_author(
    engine: Engine, world: World
) -> None:
    client, _, item = world
    url = path(LINKS.url("item", contact=ANA, item=item, answer="done", now=NOW))
    shown = client.get(url)
    assert shown.status_code == 200 and "Mark as done" in shown.text
    assert action(engine, item).status == "open"  # a GET (a mail scanner) changes nothing
    assert client.post(url, data={"csrf": "forged"}).status_code == 403
    with client.fresh() as stranger:  # another browser: no cookie
        assert stranger.post(url, data={"csrf": csrf(shown.text)}).status_code == 403
    done = client.post(url, data={"csrf": csrf(shown.text), "comment": "Shared on 18 July"})
    assert done.status_code == 200 and "Thank you" in done.text
    assert action(engine, item).status == "done"
    with Session(engine) as session:
        change = session.exec(
            select(StatusChange).where(
                StatusChange.action_id == item, StatusChange.new_status == "done"
            )
        ).one()
    assert (change.source, change.author) == ("mail link", f"focal point {ANA}")
    again = client.post(url, data={"csrf": csrf(shown.text)})
    assert "Already recorded" in again.text  # a link works once
    assert "already used" in client.get(url).text


def test_a_new_date_and_a_comment_restart_the_ladder(engine: Engine, world: World) -> None:
    client, _, item = world
    url = path(LINKS.url("item", contact=ANA, item=item, answer="new_date", now=NOW))
    form = csrf(client.get(url).text)
    assert client.post(url, data={"csrf": form, "due": "someday"}).status_code == 422
    assert client.post(url, data={"csrf": form, "due": "2023-09-30"}).status_code == 200
    assert action(engine, item).due_date == date(2023, 9, 30)
    url = path(LINKS.url("item", contact=ANA, item=item, answer="comment", now=NOW))
    form = csrf(client.get(url).text)
    assert client.post(url, data={"csrf": form, "comment": ""}).status_code == 422
    assert client.post(url, data={"csrf": form, "comment": "<b>waiting</b>"}).status_code == 200
    with Session(engine) as session:
        notes = [
            c.note for c in session.exec(select(StatusChange).where(StatusChange.action_id == item))
        ]
    assert "<b>waiting</b>" in notes


def test_tampered_expired_and_foreign_links_are_refused(engine: Engine, world: World) -> None:
    client, clock, item = world
    url = path(LINKS.url("item", contact=ANA, item=item, answer="done", now=NOW))
    _, stamp, signature = url.removeprefix("/a/").split(".")
    other = LINKS.url("item", contact=ANA, item=item + 1, answer="done", now=NOW)
    forged = f"/a/{path(other).removeprefix('/a/').split('.')[0]}.{stamp}.{signature}"
    assert client.get(forged).status_code == 400
    assert client.get(url[:-3]).status_code == 400
    unsubscribe = path(LINKS.url("unsubscribe", contact=ANA, now=NOW))
    assert client.get(f"/a/{unsubscribe.removeprefix('/u/')}").status_code == 400
    clock.now = NOW + timedelta(days=46)
    expired = client.get(url)
    assert expired.status_code == 410 and "expired" in expired.text
    assert action(engine, item).status == "open"
    assert "<script" not in client.get("/a/<script>alert(1)</script>").text


def test_one_click_unsubscribe_and_the_settings_page(engine: Engine, world: World) -> None:
    client, _, _ = world
    url = path(LINKS.url("unsubscribe", contact=ANA, now=NOW))
    assert "Unsubscribe" in client.get(url).text
    with client.fresh() as provider:  # RFC 8058: no cookie, no form token
        gone = provider.post(url, data={"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200
    with Session(engine) as session:
        pref = session.get(ContactPreference, ANA)
        assert pref is not None and pref.unsubscribed_at is not None
    settings_url = path(LINKS.url("settings", contact=ANA, now=NOW))
    form = csrf(client.get(settings_url).text)
    saved = client.post(
        settings_url, data={"csrf": form, "kind": ["digest"], "paused_until": "2023-08-31"}
    )
    assert saved.status_code == 200 and "Saved" in saved.text
    with Session(engine) as session:
        pref = session.get(ContactPreference, ANA)
        assert pref is not None
        assert (pref.kinds_off, pref.paused_until, pref.unsubscribed_at) == (
            ["escalation", "pre_meeting", "report"],
            date(2023, 8, 31),
            None,
        )


def test_the_calendar_feed_is_valid_icalendar(world: World) -> None:
    client, _, _ = world
    feed = client.get(path(LINKS.url("calendar", contact="tarek.akkad@cpss.example.org", now=NOW)))
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(feed.content)
    events = list(cal.walk("VEVENT"))
    assert events and all(e["UID"].endswith("@reminders.example.org") for e in events)
    assert any(str(e["SUMMARY"]).startswith("Meeting: ") for e in events)
