"""Reading an action's story back: its owners, the sources it came from, every fact and
status change, and the meetings the register holds. Read-only; `reminder action show`,
`reminder meeting list` and the export use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    Contact,
    ContactGroup,
    Fact,
    Meeting,
    Organisation,
    StatusChange,
)

# The sources of facts that are not places an import read: coordinators' commands and
# desk edits, focal points' answers by mail link.
NOT_PLACES = ("command", "desk", "mail link")


@dataclass(frozen=True)
class Owner:
    """An owner as written, and whom the directory resolved it to (None: unresolved)."""

    name: str
    kind: str
    resolved_to: str | None


@dataclass(frozen=True)
class Entry:
    """One line of an action's history: a weighed fact or a change of status.

    `at` is when the register recorded it; `as_of` the date its evidence speaks for
    (None for a status change); `outcome` applied, same, older or conflict.
    """

    at: datetime
    field: str
    value: Any
    as_of: datetime | None
    source: str
    author: str
    outcome: str
    note: str


@dataclass(frozen=True)
class Source:
    """A place the action was read from, and the evidence label of its first reading."""

    where: str
    label: str
    as_of: datetime


def find_action(*, session: Session, action_id: int) -> ActionPoint | None:
    """The action `action_id`, merged or not; None when the register has none."""
    return session.get(ActionPoint, action_id)


def owners_of(*, session: Session, action_id: int) -> list[Owner]:
    """The owners of an action in the order written, each with what it resolved to."""
    query = (
        select(ActionOwner)
        .where(ActionOwner.action_id == action_id)
        .order_by(col(ActionOwner.position))
    )
    found = []
    for owner in session.exec(query):
        target: Contact | Organisation | ContactGroup | None = None
        if owner.contact_id is not None:
            target = session.get(Contact, owner.contact_id)
        elif owner.organisation_id is not None:
            target = session.get(Organisation, owner.organisation_id)
        elif owner.group_id is not None:
            target = session.get(ContactGroup, owner.group_id)
        found.append(Owner(owner.name, owner.kind, target.name if target else None))
    return found


def sources_of(*, session: Session, action_id: int) -> list[Source]:
    """Every place (file, sheet, row or line) an import read the action from, first first."""
    query = (
        select(Fact)
        .where(Fact.action_id == action_id, col(Fact.source).not_in(NOT_PLACES))
        .order_by(col(Fact.as_of), col(Fact.id))
    )
    seen: dict[str, Source] = {}
    for fact in session.exec(query):
        seen.setdefault(fact.source, Source(fact.source, fact.note, fact.as_of))
    return list(seen.values())


def history_of(*, session: Session, action_id: int) -> list[Entry]:
    """Every fact weighed for the action and every status change, oldest first
    (those of actions merged into it included)."""
    entries = [
        Entry(f.recorded_at, f.field, f.value, f.as_of, f.source, f.author, f.outcome, f.note)
        for f in session.exec(select(Fact).where(Fact.action_id == action_id))
    ]
    entries += [
        Entry(
            s.changed_at,
            "status change",
            f"{s.old_status or '-'} -> {s.new_status}",
            None,
            s.source,
            s.author,
            "applied",
            s.note,
        )
        for s in session.exec(select(StatusChange).where(StatusChange.action_id == action_id))
    ]
    # A fact and the status change it made share an instant: the fact comes first.
    return sorted(entries, key=lambda e: (e.at, e.field == "status change"))


def meetings_of(*, session: Session, forum: str | None = None) -> list[Meeting]:
    """The meetings the register holds (of `forum` when given), by forum and date."""
    query = select(Meeting)
    if forum is not None:
        query = query.where(Meeting.forum == forum)
    rows = list(session.exec(query.order_by(col(Meeting.forum), col(Meeting.id))))
    return sorted(rows, key=lambda m: (m.forum, m.date is None, m.date or datetime.min.date()))


def actions_by_id(*, session: Session, ids: Sequence[int]) -> dict[int, ActionPoint]:
    """The register rows of `ids` (for the columns a listing does not carry)."""
    found: dict[int, ActionPoint] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for action in session.exec(select(ActionPoint).where(col(ActionPoint.id).in_(chunk))):
            assert action.id is not None
            found[action.id] = action
    return found
