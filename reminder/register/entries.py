"""Changes to the directory made by a coordinator: organisations, contacts, groups.

Each function validates what it is given (InputError naming what is wrong, nothing
written), records a `DirectoryChange` with its author and the values before and after,
and re-resolves every action's owners as `reminder directory import` does, so an owner
written as a new alias resolves at once. Nothing is deleted: a contact is deactivated.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, func, select

from reminder.errors import InputError
from reminder.register.directory import DirectorySummary, reresolve
from reminder.register.models import (
    Contact,
    ContactGroup,
    DirectoryChange,
    GroupMember,
    Organisation,
)

_T = TypeVar("_T", Organisation, Contact, ContactGroup)
_LONGEST = 300  # characters of one name, alias or role


def _short(value: str, what: str) -> str:
    if len(value) > _LONGEST:  # a paste gone wrong, not a name
        raise InputError(f"{what} is longer than {_LONGEST} characters: {value[:40]!r}…")
    return value


def _required(value: str, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise InputError(f"{what} is empty; give one")
    return _short(text, what)


def record(
    *,
    session: Session,
    kind: str,
    entry_id: int | None,
    change: str,
    detail: dict[str, Any],
    author: str,
    now: datetime,
) -> DirectorySummary:
    """Record one change, then re-resolve the register's owners (the summary counts them)."""
    values: dict[str, Any] = {"kind": kind, "entry_id": entry_id, "change": change}
    session.add(DirectoryChange(**values, detail=detail, author=author, changed_at=now))
    session.flush()
    summary = DirectorySummary()
    reresolve(session=session, summary=summary)
    return summary


def note_import(
    *, session: Session, name: str, summary: DirectorySummary, author: str, now: datetime
) -> None:
    """Record an import of the contacts file `name` (its counts) as one change."""
    counts = {k: getattr(summary, k) for k in ("contacts_new", "contacts_updated", "groups")}
    detail = {"file": name, **counts, "organisations": summary.organisations}
    session.add(
        DirectoryChange(
            kind="import", change="imported", detail=detail, author=author, changed_at=now
        )
    )


def save_organisation(
    *,
    session: Session,
    organisation_id: int | None,
    name: str,
    acronym: str,
    aliases: list[str],
    author: str,
    now: datetime,
) -> tuple[int, DirectorySummary]:
    """Add an organisation (`organisation_id` None) or change one; its id and the summary."""
    name = _required(name, "the organisation's name")
    found = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if found is not None and found.id != organisation_id:
        raise InputError(f"an organisation named {name!r} is already in the directory")
    org = _get(session, Organisation, organisation_id, "organisation")
    fields = ("name", "acronym", "aliases")
    before = _values(org, fields) if organisation_id is not None else None
    org.name, org.acronym = name, _short(" ".join(acronym.split()), "the acronym") or None
    org.aliases = aliases
    session.add(org)
    session.flush()
    assert org.id is not None
    return org.id, record(
        session=session,
        kind="organisation",
        entry_id=org.id,
        change="added" if organisation_id is None else "edited",
        detail={"before": before, "after": _values(org, fields)},
        author=author,
        now=now,
    )


def save_contact(
    *,
    session: Session,
    contact_id: int | None,
    name: str,
    email: str,
    organisation_id: int | None,
    roles: list[str],
    aliases: list[str],
    groups: list[int],
    author: str,
    now: datetime,
) -> tuple[int, DirectorySummary]:
    """Add a contact or change one (name, email, organisation, roles, aliases, groups)."""
    name = _required(name, "the contact's name")
    try:
        address = validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InputError(f"the email {email.strip()[:80]!r} is not valid: {exc}") from None
    # Addresses are told apart without case, as mail servers do in practice.
    same = func.lower(col(Contact.email)) == address.lower()
    taken = session.exec(select(Contact).where(same)).first()
    if taken is not None and taken.id != contact_id:
        raise InputError(f"{address} is already the address of {taken.name!r}")
    if organisation_id is not None and session.get(Organisation, organisation_id) is None:
        raise InputError(f"there is no organisation #{organisation_id}")
    person = _get(session, Contact, contact_id, "contact")
    fields = ("name", "email", "organisation_id", "roles", "aliases")
    was = _groups_of(session, contact_id)
    before = _values(person, fields, groups=was) if contact_id is not None else None
    person.name, person.email, person.organisation_id = name, address, organisation_id
    person.roles = [role.lower().replace(" ", "_") for role in roles]
    person.aliases = aliases
    session.add(person)
    session.flush()
    assert person.id is not None
    unknown = sorted(set(groups) - set(session.exec(select(ContactGroup.id)).all()))
    if unknown:
        raise InputError(f"there is no group #{unknown[0]}")
    _relink(session, [(g, person.id) for g in was], [(g, person.id) for g in groups])
    after = _values(person, fields, groups=sorted(set(groups)))
    return person.id, record(
        session=session,
        kind="contact",
        entry_id=person.id,
        change="added" if contact_id is None else "edited",
        detail={"before": before, "after": after},
        author=author,
        now=now,
    )


def set_active(
    *, session: Session, contact_id: int, active: bool, author: str, now: datetime
) -> DirectorySummary:
    """Deactivate a contact (kept, but resolving no owner and reaching no one) or again."""
    person = _get(session, Contact, contact_id, "contact")
    person.active = active
    session.add(person)
    session.flush()
    return record(
        session=session,
        kind="contact",
        entry_id=contact_id,
        change="reactivated" if active else "deactivated",
        detail={"name": person.name, "email": person.email},
        author=author,
        now=now,
    )


def save_group(
    *,
    session: Session,
    group_id: int | None,
    name: str,
    aliases: list[str],
    members: list[int],
    author: str,
    now: datetime,
) -> tuple[int, DirectorySummary]:
    """Add a group (a task team, a working group) or change one, with its members."""
    name = _required(name, "the group's name")
    found = session.exec(select(ContactGroup).where(ContactGroup.name == name)).first()
    if found is not None and found.id != group_id:
        raise InputError(f"a group named {name!r} is already in the directory")
    unknown = sorted(set(members) - set(session.exec(select(Contact.id)).all()))
    if unknown:
        raise InputError(f"there is no contact #{unknown[0]}")
    group = _get(session, ContactGroup, group_id, "group")
    was = _members_of(session, group_id)
    before = _values(group, ("name", "aliases"), members=was) if group_id is not None else None
    group.name, group.aliases = name, aliases
    session.add(group)
    session.flush()
    assert group.id is not None
    _relink(session, [(group.id, c) for c in was], [(group.id, c) for c in members])
    after = _values(group, ("name", "aliases"), members=sorted(set(members)))
    return group.id, record(
        session=session,
        kind="group",
        entry_id=group.id,
        change="added" if group_id is None else "edited",
        detail={"before": before, "after": after},
        author=author,
        now=now,
    )


def _get(session: Session, model: type[_T], number: int | None, what: str) -> _T:
    if number is None:
        return model.model_validate({"name": "", "email": ""})
    found = session.get(model, number)
    if found is None:
        raise InputError(f"there is no {what} #{number}")
    return found


def _values(entry: Any, fields: tuple[str, ...], **more: list[int]) -> dict[str, Any]:
    return {**{name: getattr(entry, name) for name in fields}, **more}


def _members_of(session: Session, group_id: int | None) -> list[int]:
    rows = select(GroupMember.contact_id).where(GroupMember.group_id == group_id)
    return sorted(session.exec(rows).all())


def _groups_of(session: Session, contact_id: int | None) -> list[int]:
    rows = select(GroupMember.group_id).where(GroupMember.contact_id == contact_id)
    return sorted(session.exec(rows).all())


def _relink(session: Session, was: list[tuple[int, int]], wanted: list[tuple[int, int]]) -> None:
    """Make the (group, contact) memberships `wanted` of those that `was`."""
    for group, contact in set(wanted) - set(was):
        session.add(GroupMember(group_id=group, contact_id=contact))
    for pair in set(was) - set(wanted):
        # A link, not a record: the change recorded keeps who was a member.
        session.delete(session.get(GroupMember, pair))
    session.flush()
