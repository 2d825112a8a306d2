"""How each part travels: HTML unencoded (7bit) where it can, quoted-printable where not.

An unencoded part must be ASCII, keep lines within SMTP's 998 octets, hold no CR and
nothing that could close the part early (a boundary begins with "=_"); a character
beyond ASCII becomes a character reference, except where HTML would not read one.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from html import unescape

import pytest

from reminder.mail.compose import compose
from reminder.mail.messages import Rendered
from reminder.planning.notices import Kind
from tests.mail.test_compose import SETTINGS
from tests.mail.test_render import NOW, make_notice

TEXT = "Bonjour Amina,\nplease update the tracker.\n"


def parts(html: str) -> tuple[EmailMessage, EmailMessage]:
    notice = make_notice(Kind.DIGEST)
    mail = compose(notice, Rendered("Subject", TEXT, html), settings=SETTINGS, now=NOW)
    parsed = email.message_from_bytes(mail.wire(), policy=email.policy.strict)
    assert isinstance(parsed, EmailMessage)
    plain, part = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert isinstance(plain, EmailMessage) and isinstance(part, EmailMessage)
    assert [p.defects for p in parsed.walk()] == [[], [], []]
    return plain, part


def test_ascii_html_goes_unencoded_and_the_text_stays_quoted_printable() -> None:
    html = '<p style="margin: 0;">Update the <a href="https://x.example/?a=1">tracker</a></p>\n'
    plain, part = parts(html)
    assert part["Content-Transfer-Encoding"] == "7bit"
    assert part.get_content() == html.replace("\n", "\r\n")
    # A flowed line's trailing space must survive relays that strip it.
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"


def test_characters_beyond_ascii_become_references_that_read_the_same() -> None:
    html = '<title>Café “done”</title><p title="Zoë">Réunion 👍 — à faire</p>\n'
    _, part = parts(html)
    assert part["Content-Transfer-Encoding"] == "7bit"
    sent = part.get_content()
    assert sent.isascii() and "&#8220;done&#8221;" in sent and "&#128077;" in sent
    assert unescape(sent).replace("\r\n", "\n") == html


@pytest.mark.parametrize(
    "html",
    [
        '<style>p::before { content: "→"; }</style><p>x</p>\n',  # not read inside <style>
        "<STYLE type='text/css'>/* é */</STYLE><p>x</p>\n",
        "<p>" + "x" * 999 + "</p>\n",  # longer than SMTP carries
        "<p>a\rb</p>\n",  # a lone CR
        "<p>--=_0123456789abcdef0123_alt</p>\n",  # could read as a boundary
    ],
    ids=["non-ascii-in-style", "non-ascii-in-STYLE", "long-line", "lone-cr", "boundary-like"],
)
def test_html_that_cannot_go_unencoded_is_quoted_printable_and_reads_the_same(html: str) -> None:
    _, part = parts(html)
    assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert part.get_content().replace("\r\n", "\n").replace("\r", "\n") == html.replace("\r", "\n")


def test_a_line_of_exactly_998_octets_still_goes_unencoded() -> None:
    html = "<p>" + "x" * 991 + "</p>\n"
    assert len(html) - 1 == 998
    _, part = parts(html)
    assert part["Content-Transfer-Encoding"] == "7bit"
