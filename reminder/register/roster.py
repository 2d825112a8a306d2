"""The directory as the desk lists it: organisations, contacts, groups, recent changes.

Plain frozen rows (no session needed to show them); `search` keeps the entries whose
name, acronym, alias, email or organisation contains the words given, in any case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from reminder.register.matching import normalise
from reminder.register.models import (
    Contact,
    ContactGroup,
    DirectoryChange,
    GroupMember,
    Organisation,
)


@dataclass(frozen=True)
class OrgRow:
    id: int
    name: str
    acronym: str
    aliases: tuple[str, ...]
    contacts: int


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    email: str
    organisation: str
    organisation_id: int | None
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    groups: tuple[int, ...]
    active: bool


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    aliases: tuple[str, ...]
    members: tuple[int, ...]


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    entry_id: int | None
    change: str
    author: str
    at: datetime


@dataclass(frozen=True)
class Listing:
    organisations: list[OrgRow]
    contacts: list[ContactRow]
    groups: list[GroupRow]
    changes: list[ChangeRow]


def _matches(words: list[str], *values: str) -> bool:
    text = normalise(" ".join(values))
    return all(word in text for word in words)


def directory_listing(*, session: Session, search: str = "", changes: int = 20) -> Listing:
    """The directory (entries matching `search`, all when empty) and its latest changes."""
    words = normalise(search).split()
    orgs = {o.id: o for o in session.exec(select(Organisation).order_by(Organisation.name))}
    people = list(session.exec(select(Contact).order_by(Contact.name)))
    members: dict[int, list[int]] = {}
    groups_of: dict[int, list[int]] = {}
    for m in session.exec(select(GroupMember)):
        members.setdefault(m.group_id, []).append(m.contact_id)
        groups_of.setdefault(m.contact_id, []).append(m.group_id)
    staff: dict[int, int] = {}
    for person in people:
        if person.organisation_id is not None:
            staff[person.organisation_id] = staff.get(person.organisation_id, 0) + 1
    org_rows = [
        OrgRow(o.id, o.name, o.acronym or "", tuple(o.aliases), staff.get(o.id, 0))
        for o in orgs.values()
        if o.id is not None and _matches(words, o.name, o.acronym or "", *o.aliases)
    ]
    contact_rows = []
    for p in people:
        org = orgs.get(p.organisation_id) if p.organisation_id is not None else None
        org_name = org.name if org else ""
        if p.id is None or not _matches(words, p.name, p.email, org_name, *p.aliases):
            continue
        contact_rows.append(
            ContactRow(
                p.id,
                p.name,
                p.email,
                org_name,
                p.organisation_id,
                tuple(p.roles),
                tuple(p.aliases),
                tuple(sorted(groups_of.get(p.id, ()))),
                p.active,
            )
        )
    group_rows = [
        GroupRow(g.id, g.name, tuple(g.aliases), tuple(sorted(members.get(g.id, ()))))
        for g in session.exec(select(ContactGroup).order_by(ContactGroup.name))
        if g.id is not None and _matches(words, g.name, *g.aliases)
    ]
    latest = session.exec(
        select(DirectoryChange).order_by(col(DirectoryChange.id).desc()).limit(changes)
    )
    change_rows = [ChangeRow(c.kind, c.entry_id, c.change, c.author, c.changed_at) for c in latest]
    return Listing(org_rows, contact_rows, group_rows, change_rows)
