"""Plain data handed from planning to rendering to delivery.

Planning produces `Notice`s (who gets which items, and why); rendering turns each
into a `Rendered` (subject, text, HTML); `mail.compose` wraps that into an
`OutgoingMail` with every header; a mailer delivers it and returns a `Delivery`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage


class Kind(enum.StrEnum):
    DIGEST = "digest"
    ESCALATION = "escalation"
    PRE_MEETING = "pre_meeting"
    REPORT = "report"


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    organisation: str | None = None


@dataclass(frozen=True)
class Item:
    """One action point as a notice shows it."""

    id: int
    forum: str
    text: str
    owners: tuple[str, ...]
    organisations: tuple[str, ...]
    due_phrase: str | None
    due_date: date | None
    status: str
    days_overdue: int | None
    meeting_title: str | None
    meeting_date: date | None
    source: str


@dataclass(frozen=True)
class Section:
    """A titled list of items inside a notice ("Overdue", "Due soon", an organisation...)."""

    key: str  # stable identifier for templates: overdue, due_soon, undated, ...
    title: str
    items: tuple[Item, ...]
    note: str = ""


@dataclass(frozen=True)
class CountRow:
    """Report counts for one organisation ("(unresolved)" for owners not in the directory)."""

    organisation: str
    open: int
    in_progress: int
    overdue: int
    done_since_last: int


@dataclass(frozen=True)
class Notice:
    """One mail to send: its ledger key, recipients, and the sections it shows.

    `key` identifies the notice in the ledger (kind, recipient, period or item, step):
    a key that was sent once is never sent again.
    """

    kind: Kind
    key: str
    forum: str
    to: tuple[Person, ...]
    sections: tuple[Section, ...]
    cc: tuple[Person, ...] = ()
    step: int | None = None  # escalation ladder step (days overdue)
    next_meeting: date | None = None
    counts: tuple[CountRow, ...] = ()  # coordinator reports only
    language: str = "en"
    timezone: str = "UTC"
    now: datetime | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class OutgoingMail:
    key: str
    kind: Kind
    sender: str
    recipients: tuple[str, ...]  # envelope recipients: to and cc
    message: EmailMessage
    message_id: str
    subject: str = ""  # decoded, for the ledger and progress lines


@dataclass(frozen=True)
class Delivery:
    """The outcome of delivering one mail; `refused` maps recipients to SMTP replies."""

    key: str
    ok: bool
    attempts: int
    permanent: bool = False
    error: str = ""
    refused: tuple[tuple[str, str], ...] = ()
