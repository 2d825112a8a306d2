"""What planning hands on: `Notice`s (who gets which items, and why).

The register gives `Person`s and `Item`s (`register.snapshot`); rendering turns each
notice into a `Rendered` (`mail.messages`), `mail.compose` wraps that into an
`OutgoingMail` with every header, and a mailer returns a `Delivery` (`delivery.base`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from reminder.register.snapshot import Item, Person


class Kind(enum.StrEnum):
    DIGEST = "digest"
    ESCALATION = "escalation"
    PRE_MEETING = "pre_meeting"
    REPORT = "report"


@dataclass(frozen=True)
class Section:
    """A titled list of items inside a notice ("Overdue", "Due soon", an organisation...)."""

    key: str  # stable identifier for templates: overdue, due_soon, undated, ...
    title: str
    items: tuple[Item, ...]
    note: str = ""


@dataclass(frozen=True)
class CountRow:
    """Report counts for one owner: an organisation, a group, or one of the placeholders
    `report.UNRESOLVED` (owners not in the directory) and `report.NO_ORGANISATION`."""

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
    # Whom replies reach, per forum: (forum name, coordinator). Mails name them (with
    # no web links, replying is how an item is answered) and Reply-To goes to the first
    # when the notice is of one forum.
    coordinators: tuple[tuple[str, Person], ...] = ()
