"""Composing MIME messages: well-formed, well-behaved headers, no header injection."""

from __future__ import annotations

import dataclasses
import email
import email.policy
from dataclasses import replace
from datetime import datetime
from email.message import EmailMessage
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from jinja2 import Environment

from reminder.config.mail import MailSettings
from reminder.mail.compose import compose
from reminder.mail.messages import OutgoingMail
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind, Notice
from reminder.register.snapshot import Person
from tests.mail.test_render import FORUM, KINDS, LANGUAGES, NOW, make_notice

SETTINGS = MailSettings(
    sender="CXB CPSS action points <reminders@cpss.example.org>",
    reply_to="CPSS coordination <coordination@cpss.example.org>",
    list_id="cxb-cpss.action-points.example.org",
)
INJECTION = "\r\nBcc: evil@example.com"


@pytest.fixture(scope="module")
def env() -> Environment:
    return make_environment()


def compose_notice(
    notice: Notice, env: Environment, settings: MailSettings = SETTINGS, **kwargs: str
) -> OutgoingMail:
    return compose(notice, render(notice, env=env), settings=settings, now=NOW, **kwargs)


def parse_back(mail: OutgoingMail) -> EmailMessage:
    """The message as a receiver reads it, parsed strictly: any defect raises."""
    parsed = email.message_from_bytes(mail.message.as_bytes(), policy=email.policy.strict)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_parses_back_without_defects(
    env: Environment, kind: Kind, language: str
) -> None:
    notice = make_notice(kind, language=language)
    mail = compose_notice(notice, env)
    parsed = parse_back(mail)
    assert [part.defects for part in parsed.walk()] == [[], [], []]
    assert [part.get_content_type() for part in parsed.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]
    rendered = render(notice, env=env)
    plain, html = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert plain.get_content().replace("\r\n", "\n") == rendered.text
    # The HTML travels as ASCII, with references for the rest: the same page once read.
    assert html["Content-Transfer-Encoding"] == "7bit"
    sent = html.get_content().replace("\r\n", "\n")
    assert sent.isascii()
    assert unescape(sent) == unescape(rendered.html.replace("\r\n", "\n"))
    # A subject that fits on a line of its own is folded as "Subject:\r\n <subject>";
    # unfolding gives the original back, but Python's parser keeps the fold's space.
    assert parsed["Subject"].strip() == rendered.subject


def test_it_sets_the_headers_of_well_behaved_automated_mail(env: Environment) -> None:
    mail = compose_notice(make_notice(Kind.DIGEST), env)
    parsed = parse_back(mail)
    assert parsed["From"] == SETTINGS.sender
    assert parsed["To"] == "Amina Rahman <amina.rahman@example.org>"
    assert parsed["Message-ID"] == mail.message_id
    assert mail.message_id.endswith("@cpss.example.org>")
    assert parsed["Date"] == "Wed, 23 Aug 2023 03:30:00 +0000"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "OOF, AutoReply"
    assert parsed["List-Id"] == f"{FORUM} <{SETTINGS.list_id}>"
    assert parsed["Reply-To"] == SETTINGS.reply_to
    assert (
        parsed["List-Unsubscribe"] == "<mailto:coordination@cpss.example.org?subject=unsubscribe>"
    )
    assert parsed["Precedence"] is None
    assert parsed["MIME-Version"] == "1.0"
    assert [part.get_content_type() for part in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert mail.sender == "reminders@cpss.example.org"
    assert mail.key == "digest:test" and mail.kind is Kind.DIGEST


def test_the_reply_to_argument_wins_over_the_settings(env: Environment) -> None:
    mail = compose_notice(make_notice(Kind.DIGEST), env, reply_to="Hasan <hasan@example.org>")
    assert parse_back(mail)["Reply-To"] == "Hasan <hasan@example.org>"


def test_without_a_configured_reply_to_replies_go_to_the_forums_coordinator(
    env: Environment,
) -> None:
    settings = dataclasses.replace(SETTINGS, reply_to=None)
    parsed = parse_back(compose_notice(make_notice(Kind.DIGEST), env, settings))
    assert parsed["Reply-To"] == "Tarek Akkad <tarek.akkad@cpss.example.org>"
    assert parsed["List-Unsubscribe"] == "<mailto:tarek.akkad@cpss.example.org?subject=unsubscribe>"


def test_a_digest_over_several_forums_replies_to_the_sender_and_names_each_coordinator(
    env: Environment,
) -> None:
    notice = make_notice(Kind.DIGEST)
    other = Person("Léa Martin", "lea.martin@edu.example.org")
    moved = dataclasses.replace(notice.sections[1].items[0], forum="Éducation GT")
    sections = (notice.sections[0], dataclasses.replace(notice.sections[1], items=(moved,)))
    notice = dataclasses.replace(
        notice,
        forum=f"{FORUM}, Éducation GT",
        sections=sections,
        coordinators=((FORUM, notice.coordinators[0][1]), ("Éducation GT", other)),
    )
    settings = dataclasses.replace(SETTINGS, reply_to=None)
    mail = compose_notice(notice, env, settings)
    parsed = parse_back(mail)
    assert parsed["Reply-To"] == SETTINGS.sender
    assert parsed["List-Unsubscribe"] is None  # nobody reads the sender's mailbox
    assert parsed["List-Id"] == f"CXB CPSS Éducation GT <{SETTINGS.list_id}>"
    assert parsed["X-Reminder-Forum"] == "CXB CPSS, Éducation GT"
    text = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "CXB CPSS: Tarek Akkad <tarek.akkad@cpss.example.org>" in text
    assert "Éducation GT: Léa Martin <lea.martin@edu.example.org>" in text


def test_a_non_ascii_forum_encodes_the_list_id_phrase_only(env: Environment) -> None:
    notice = dataclasses.replace(make_notice(Kind.REPORT), forum="Éducation – Cox's Bazar")
    raw = compose_notice(notice, env).message.as_bytes().decode("ascii")
    unfolded = raw.replace("\r\n ", " ").split("\r\n")
    header = next(line for line in unfolded if line.startswith("List-Id:"))
    assert header.startswith("List-Id: =?utf-8?")
    assert header.endswith(" <cxb-cpss.action-points.example.org>")  # the items' forum
    parsed = parse_back(compose_notice(notice, env))
    assert str(parsed["List-Id"]).startswith("Éducation – Cox's Bazar <")
    assert str(parsed["X-Reminder-Forum"]) == "CXB CPSS"


def test_an_items_escalations_thread_together(env: Environment) -> None:
    first = compose_notice(make_notice(Kind.ESCALATION), env)
    later = dataclasses.replace(make_notice(Kind.ESCALATION, audience="coordinator"), key="x:2")
    second = compose_notice(later, env)
    a, b = parse_back(first), parse_back(second)
    assert a["Message-ID"] != b["Message-ID"]
    assert a["In-Reply-To"] == b["In-Reply-To"] == a["References"]
    assert parse_back(compose_notice(make_notice(Kind.DIGEST), env))["References"] is None


def test_a_grouped_escalation_refers_to_each_items_thread(env: Environment) -> None:
    notice = make_notice(Kind.ESCALATION)
    items = tuple(dataclasses.replace(notice.sections[0].items[0], id=n) for n in range(1, 31))
    notice = dataclasses.replace(
        notice, sections=(dataclasses.replace(notice.sections[0], items=items),)
    )
    parsed = parse_back(compose_notice(notice, env))
    assert len(str(parsed["References"]).split()) == 30


def test_the_text_part_is_flowed_and_space_stuffed(env: Environment) -> None:
    parsed = parse_back(compose_notice(make_notice(Kind.DIGEST), env))
    part = parsed.get_body(("plain",))
    assert part is not None and part.get_param("format") == "flowed"
    lines = part.get_content().splitlines()
    soft = [line for line in lines if line.endswith(" ") and line != "-- "]
    assert soft, "long lines are broken softly"
    assert all(len(line) <= 78 for line in lines)
    assert not [line for line in lines if line.startswith((">", "From "))]
    # A paragraph joined back (RFC 3676 reading) gives the item's whole text.
    joined = "".join(line if line.endswith(" ") else line + "\n" for line in lines)
    assert "- #1 CPSS to develop a child protection situation monitoring tool and guideline" in (
        joined
    )


def test_a_name_with_a_line_break_cannot_add_a_header(env: Environment) -> None:
    people = (Person(f"Amina{INJECTION}", "amina@example.org"),)
    notice = dataclasses.replace(make_notice(Kind.ESCALATION, to=people), forum=f"CXB{INJECTION}")
    notice = dataclasses.replace(notice, cc=(Person(f"Lead{INJECTION}", "lead@example.org"),))
    mail = compose_notice(notice, env)
    parsed = parse_back(mail)
    assert parsed["Bcc"] is None
    assert parsed["To"].addresses[0].display_name == "Amina Bcc: evil@example.com"
    assert parsed["Cc"].addresses[0].addr_spec == "lead@example.org"
    assert mail.recipients == ("amina@example.org", "lead@example.org")
    head = mail.message.as_bytes().split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in head and b"\rBcc:" not in head


def test_an_action_text_with_a_line_break_cannot_add_a_header(env: Environment) -> None:
    mail = compose_notice(make_notice(Kind.ESCALATION, text=f"Fix it{INJECTION}"), env)
    parsed = parse_back(mail)
    assert parsed["Bcc"] is None
    assert "\n" not in parsed["Subject"] and "Bcc: evil@example.com" in parsed["Subject"]


def test_an_address_with_a_line_break_is_refused(env: Environment) -> None:
    people = (Person("Amina", f"amina@example.org{INJECTION}"),)
    with pytest.raises(ValueError, match="invalid recipient address"):
        compose_notice(make_notice(Kind.DIGEST, to=people), env)


@pytest.mark.parametrize(
    "reply_to",
    [f"Coordinator{INJECTION} <c@example.org>", "a@example.org, b@example.org", "nobody"],
)
def test_a_reply_to_that_is_not_exactly_one_address_is_refused(
    env: Environment, reply_to: str
) -> None:
    with pytest.raises(ValueError, match="invalid reply-to address"):
        compose_notice(make_notice(Kind.DIGEST), env, reply_to=reply_to)


def test_non_ascii_names_and_subjects_are_encoded_and_round_trip(env: Environment) -> None:
    people = (Person("Ünïcødé Nàme, Jr.", "name@bücher.example"),)
    notice = dataclasses.replace(
        make_notice(Kind.DIGEST, language="fr", to=people), forum="Groupe de travail Éducation"
    )
    mail = compose_notice(notice, env)
    raw = mail.message.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # every header is 7-bit
    assert b"=?utf-8?" in head
    parsed = parse_back(mail)
    assert parsed["To"].addresses[0].display_name == "Ünïcødé Nàme, Jr."
    assert parsed["To"].addresses[0].addr_spec == "name@xn--bcher-kva.example"
    assert parsed["Subject"].strip() == render(notice, env=env).subject
    assert "Éducation" in parsed["Subject"] and "échéance" in parsed["Subject"]
    assert parsed["List-Id"] == "Groupe de travail Éducation <cxb-cpss.action-points.example.org>"


def test_envelope_recipients_are_to_and_cc_without_duplicates(env: Environment) -> None:
    to = (Person("Amina", "amina@example.org"), Person("Amina again", "AMINA@example.org"))
    cc = (Person("Lead", "lead@example.org"), Person("Amina", "Amina@Example.org"))
    notice = dataclasses.replace(make_notice(Kind.ESCALATION, to=to), cc=cc)
    mail = compose_notice(notice, env)
    parsed = parse_back(mail)
    assert mail.recipients == ("amina@example.org", "lead@example.org")
    assert [a.addr_spec for a in parsed["To"].addresses] == ["amina@example.org"]
    assert [a.addr_spec for a in parsed["Cc"].addresses] == ["lead@example.org"]


def test_the_list_id_phrase_is_sanitised(env: Environment) -> None:
    notice = dataclasses.replace(make_notice(Kind.REPORT), forum='CXB <CPSS> "WG", (Ukhia)')
    parsed = parse_back(compose_notice(notice, env))
    assert parsed["List-Id"] == "CXB CPSS WG Ukhia <cxb-cpss.action-points.example.org>"


def test_a_notice_without_recipients_or_a_naive_date_is_refused(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST)
    rendered = render(notice, env=env)
    with pytest.raises(ValueError, match="no recipient"):
        compose(dataclasses.replace(notice, to=()), rendered, settings=SETTINGS, now=NOW)
    with pytest.raises(ValueError, match="timezone-aware"):
        compose(notice, rendered, settings=SETTINGS, now=datetime(2023, 8, 23, 3, 30))


def test_the_date_header_keeps_the_offset_it_is_given(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST)
    now = datetime(2023, 8, 23, 9, 30, tzinfo=ZoneInfo("Asia/Dhaka"))
    parsed = parse_back(compose(notice, render(notice, env=env), settings=SETTINGS, now=now))
    assert parsed["Date"] == "Wed, 23 Aug 2023 09:30:00 +0600"
    assert parsed["Date"].datetime == now


def test_the_message_id_comes_from_the_notice_key_and_is_the_same_every_attempt(
    env: Environment,
) -> None:
    notice = make_notice(Kind.DIGEST)
    first, again = compose_notice(notice, env), compose_notice(notice, env)
    assert first.message_id == again.message_id
    assert first.message_id.endswith("@cpss.example.org>")
    other = compose_notice(replace(notice, key=notice.key + ":other"), env)
    assert other.message_id != first.message_id
    assert parse_back(first)["Message-ID"] == first.message_id
