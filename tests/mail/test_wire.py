"""mail.wire writes every composed mail byte for byte as email's generator does.

compose describes a mail as `Part`s and never builds the message tree: the tests build
it from those parts (`tree_of`) and let the generator write it."""

from __future__ import annotations

import dataclasses
from email.message import EmailMessage
from email.policy import compat32

import pytest
from jinja2 import Environment

from reminder.mail import compose as compose_module
from reminder.mail.compose import compose
from reminder.mail.links import Links
from reminder.mail.render import make_environment, render
from reminder.mail.wire import Part, part_bytes, wire_bytes
from reminder.planning.notices import Kind, Notice
from reminder.register.snapshot import Person
from tests.mail.test_browser import _hostile, digest_of
from tests.mail.test_compose import SETTINGS
from tests.mail.test_render import KINDS, LANGUAGES, NOW, make_notice

LINKS = Links(base_url="https://desk.example.org", secret="s" * 40, days=45)
ICS = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
LONG_NAME = "Ms " + "Very Long Name " * 8
PEOPLE = (
    Person("Amina Rahman", "amina.rahman@example.org", "UNICEF"),
    Person("Zoë Müller-Lüdenscheidt", "zoe@example.org", "ACF"),
    Person(LONG_NAME, "long@example.org", None),
    Person('Quote "Me", please', "q@example.org", None),
)


def _notices() -> list[tuple[str, Notice]]:
    cases = [
        (f"{k.value}-{lang}", make_notice(k, language=lang)) for k in KINDS for lang in LANGUAGES
    ]
    cases += [(f"{k.value}-hostile", _hostile(k, "en")) for k in KINDS]
    cases += [(f"to-{i}", make_notice(Kind.DIGEST, to=(p,))) for i, p in enumerate(PEOPLE)]
    cases += [("cc-all", dataclasses.replace(make_notice(Kind.ESCALATION), cc=PEOPLE))]
    return [*cases, ("digest-30", digest_of(30)), ("digest-30-fr", digest_of(30, language="fr"))]


@pytest.fixture(scope="module")
def env() -> Environment:
    return make_environment()


def generated(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def tree_of(part: Part) -> EmailMessage:
    """The message tree `part` describes, as compose used to build it."""
    message = EmailMessage(policy=compat32)
    for name, value in part.headers:
        message[name] = value
    if isinstance(part.body, tuple):
        for sub in part.body:
            message.attach(tree_of(sub))
    else:
        message.set_payload(part.body)
    return message


@pytest.mark.parametrize("linked", [False, True], ids=["plain", "links"])
@pytest.mark.parametrize(("name", "notice"), _notices(), ids=[n for n, _ in _notices()])
def test_a_composed_mail_is_written_as_the_generator_writes_it(
    env: Environment, name: str, notice: Notice, linked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts: list[Part] = []

    def spy(part: Part) -> bytes:
        parts.append(part)
        return part_bytes(part)

    monkeypatch.setattr(compose_module, "part_bytes", spy)
    links = LINKS if linked else None
    unsubscribe = LINKS.url("unsubscribe", contact="a@example.org", now=NOW) if linked else None
    invitation = ICS if notice.kind is Kind.PRE_MEETING else None
    mail = compose(
        notice,
        render(notice, env=env, links=links),
        settings=SETTINGS,
        now=NOW,
        unsubscribe_url=unsubscribe,
        invitation=invitation,
    )
    [part] = parts
    assert mail.wire() == generated(tree_of(part))
    # Read back by `email` and written again, the mail is the same bytes.
    assert wire_bytes(mail.message) == generated(mail.message) == mail.wire()


def test_what_it_does_not_know_goes_to_the_generator() -> None:
    message = EmailMessage(policy=compat32)
    message["Subject"] = "a subject  with two spaces and a tail " * 4
    message["Content-Type"] = "multipart/alternative"  # no boundary: the generator picks one
    message.preamble = "This is a multipart message."
    part = EmailMessage(policy=compat32)
    part["Content-Type"] = "text/plain"
    part.set_payload("plain text\r\nend")
    message.attach(part)
    written = wire_bytes(message)
    assert written == generated(message)  # the boundary the generator chose is now set
    assert b"This is a multipart message." in written


def test_a_boundary_never_occurs_in_the_parts(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST, text="a line with =_ and ==_ and =5F inside")
    mail = compose(notice, render(notice, env=env), settings=SETTINGS, now=NOW)
    boundary = mail.message.get_boundary()
    assert boundary is not None and boundary.startswith("=_")
    # In its Content-Type header, then the two parts' openings and the close.
    assert mail.wire().count(boundary.encode()) == 4
