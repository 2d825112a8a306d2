"""What planning reads from the register, as plain frozen data (no database here).

`load.load_snapshot` and `reach.load_reach` fill these from the tables; planning is a
pure function of a `Snapshot`, the forum's rules and `now`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

log = logging.getLogger("reminder.reach")


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
    ref: str | None = None  # the tracker's own id ("AP-12") when the item came from one
    groups: tuple[str, ...] = ()  # owner groups (a working group, a team), by name

    @property
    def number(self) -> str:
        """The item's number as mails show it: the tracker's id, else "#<register id>"."""
        return self.ref or f"#{self.id}"


@dataclass(frozen=True)
class PlanItem:
    """An action point with the people its owners reach.

    `reach`: contact ids of everyone the owners reach (focal points of an organisation,
    members of a group, a named person). `leads`: contact ids of the leads of the owners'
    organisations. `ladder_start`: the day escalation counts from (the due date, or the
    last status update when later). `done_at`: when a done item was marked done.
    `answered_at`: when a focal point last answered it by mail link.
    """

    item: Item
    reach: frozenset[int]
    leads: frozenset[int]
    unresolved: tuple[str, ...]
    ladder_start: date | None
    done_at: datetime | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True)
class Snapshot:
    """The register as planning sees it: one forum's items, or every forum's (`forum` "").

    `next_meeting` is the snapshot forum's next meeting; `next_meetings` has it per forum.
    """

    forum: str
    items: tuple[PlanItem, ...]
    people: Mapping[int, Person]
    coordinators: tuple[Person, ...]
    next_meeting: date | None
    last_report_at: datetime | None = None
    next_meetings: Mapping[str, date] = field(default_factory=dict)
    opted_out: tuple[str, ...] = ()  # people reached who asked for fewer mails, said how


@dataclass(frozen=True)
class Reach:
    """Who is who and whom each owner reaches: people, organisations, focal points, groups."""

    people: dict[int, Person]
    orgs_of: dict[int, int]
    org_names: dict[int, str]
    focal: dict[int, set[int]]
    leads: dict[int, set[int]]
    members: dict[int, set[int]]


def contact_chunks(*, directory: Reach, size: int) -> list[list[int]]:
    """Every contact id, in chunks of `size`, colleagues together: an item owned by an
    organisation reaches all its people, so it is then read and rendered for one chunk."""
    ids = sorted(directory.people, key=lambda c: (directory.orgs_of.get(c, 0), c))
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def coordinators_of(*, wanted: Iterable[str], people: Mapping[int, Person]) -> tuple[Person, ...]:
    """The configured coordinators as people: a directory contact by email or name, or a
    bare email address; names the directory does not know are left out (and logged),
    each person once."""
    wanted = list(wanted)
    if not wanted:
        return ()  # without reading the whole directory: digests plan with none, chunk by chunk
    by_key = {p.email.lower(): p for p in people.values()}
    by_key.update({p.name.lower(): p for p in people.values()})
    out: dict[str, Person] = {}
    for who in wanted:
        person = by_key.get(who.strip().lower())
        if person is None and "@" in who:
            person = Person(name="", email=who.strip())
        if person is None:
            log.warning(
                "coordinator not in the directory and not an email address",
                extra={"coordinator": who},
            )
            continue
        out.setdefault(person.email.lower(), person)
    return tuple(out.values())


@dataclass(frozen=True)
class MeetingEntry:
    """A meeting date the register knows: held, announced, moved there, or cancelled."""

    date: date
    cancelled: bool = False


OPEN = ("open", "in_progress")
