"""Mails with a public base URL: each item answerable by its own signed links, the foot
of the mail linking to the contact's settings, calendar and one-click unsubscribe, and
the pre-meeting reminder carrying the meeting as an `.ics`."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from html import unescape

import pytest
from icalendar import Calendar

from reminder.config.settings import ForumSettings, Settings
from reminder.config.web import WebSettings
from reminder.mail.links import Links, serializer
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.service.render_pool import mail_for
from tests.mail.test_compose import SETTINGS
from tests.mail.test_render import NOW, make_notice

BASE = "https://reminders.example.org"
SECRET = "m" * 40
WEB = Settings(mail=SETTINGS, web=WebSettings(base_url=BASE, secret_key=SECRET))
LINKS = Links(base_url=BASE, secret=SECRET)


def mailed(kind: Kind, settings: Settings = WEB, language: str = "en") -> EmailMessage:
    notice = make_notice(kind, language=language)
    rules = ForumSettings(name=notice.forum, language=language)
    mail = mail_for(rules=rules, notice=notice, env=make_environment(), settings=settings, now=NOW)
    parsed = message_from_bytes(mail.message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def html_of(message: EmailMessage) -> str:
    """The HTML part with its character references read, as a browser reads them."""
    part = message.get_body(("html",))
    assert part is not None
    return unescape(str(part.get_content()))


@pytest.mark.parametrize("kind", [Kind.DIGEST, Kind.ESCALATION, Kind.PRE_MEETING])
def test_every_item_has_its_four_answer_links_for_this_recipient(kind: Kind) -> None:
    message = mailed(kind)
    urls = re.findall(rf'href="({BASE}/a/[^"]+)"', html_of(message))
    read = [LINKS.read("item", u.rsplit("/", 1)[1], now=NOW) for u in urls]
    items = {r.item for r in read}
    assert items and len(urls) == 4 * len(items)
    assert {r.contact for r in read} == {"amina.rahman@example.org"}
    assert {r.answer for r in read} == {"done", "in_progress", "new_date", "comment"}
    text = message.get_body(("plain",))
    assert text is not None and f"{BASE}/a/" in str(text.get_content())


def test_the_foot_links_and_one_click_unsubscribe() -> None:
    message = mailed(Kind.DIGEST, language="fr")
    html = html_of(message)
    assert "Vos préférences de messages" in html and "Se désabonner" in html
    header = str(message["List-Unsubscribe"]).strip()
    assert header.startswith(f"<{BASE}/u/") and header.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = LINKS.read("unsubscribe", header[1:-1].rsplit("/", 1)[1], now=NOW)
    assert link.contact == "amina.rahman@example.org"


def test_the_report_carries_no_answer_links() -> None:
    assert f"{BASE}/a/" not in html_of(mailed(Kind.REPORT))


def test_without_a_base_url_there_are_no_links() -> None:
    message = mailed(Kind.DIGEST, settings=Settings(mail=SETTINGS))
    assert "/a/" not in html_of(message)
    assert "List-Unsubscribe-Post" not in message


def test_the_pre_meeting_reminder_attaches_the_meeting_as_ics() -> None:
    message = mailed(Kind.PRE_MEETING, settings=Settings(mail=SETTINGS))
    [ics] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert ics.get_filename() == "meeting.ics"
    calendar = Calendar.from_ical(ics.get_content())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Meeting: ")


@pytest.mark.parametrize(
    "contact",
    ["amina@example.org", "zoë.müller@example.org", "a" * 60 + "@example.org", "x@y.z"],
)
@pytest.mark.parametrize("purpose", ["item", "unsubscribe", "settings", "calendar"])
def test_a_link_is_the_token_itsdangerous_signs_and_reads_back(purpose: str, contact: str) -> None:
    links = Links(base_url="https://desk.example.org", secret="k" * 40, days=45)
    extra = {"item": 7, "answer": "done"} if purpose == "item" else {}
    url = links.url(purpose, contact=contact, now=NOW, **extra)  # type: ignore[arg-type]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    payload: dict[str, object] = {"c": contact.lower()}
    if purpose == "item":
        payload.update(i=7, a="done")
    reference = serializer("k" * 40, purpose, NOW).dumps(payload)
    compressed = reference.startswith(".")  # zlib shortened it: the fast path does not
    assert token == reference or compressed
    read = links.read(purpose, token, now=NOW)
    assert (read.contact, read.item, read.answer) == (
        contact.lower(),
        7 if purpose == "item" else None,
        "done" if purpose == "item" else None,
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_mail_full_of_signed_links_still_travels_unencoded(language: str) -> None:
    # Each link on a line of its own: the four answer links of an item (or the three at
    # the foot) on one line passed 998 octets, and the whole HTML went quoted-printable.
    part = mailed(Kind.DIGEST, language=language).get_body(("html",))
    assert part is not None and part["Content-Transfer-Encoding"] == "7bit"
