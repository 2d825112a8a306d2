"""The directory of organisations, contacts and groups that owners resolve to.

`import_directory` reads a CSV/XLSX of contacts (columns: name, email, organisation,
role, aliases, and optionally groups, organisation_acronym) and then re-resolves the
owners of every action in the register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from reminder.errors import InputError
from reminder.reading.plain_rows import Row, read_rows
from reminder.register.matching import Directory, Entry, normalise
from reminder.register.models import ActionPoint, Contact, ContactGroup, GroupMember, Organisation
from reminder.register.owners import set_owners

REQUIRED = ("name", "email")
KNOWN = (*REQUIRED, "organisation", "role", "aliases", "groups", "organisation_acronym")
_HEADER_SYNONYMS = {
    "organization": "organisation",
    "agency": "organisation",
    "org": "organisation",
    "roles": "role",
    "alias": "aliases",
    "group": "groups",
    "e mail": "email",
    "email address": "email",
    "full name": "name",
    "acronym": "organisation_acronym",
}
_ROLE_SYNONYMS = {
    "fp": "focal_point",
    "focal point": "focal_point",
    "focal person": "focal_point",
    "co lead": "lead",
    "co chair": "lead",
    "chair": "lead",
    "coordinator": "coordinator",
}


@dataclass
class DirectorySummary:
    contacts_new: int = 0
    contacts_updated: int = 0
    organisations: int = 0
    groups: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    owners_resolved: int = 0
    owners_unresolved: int = 0


def load_directory(session: Session) -> Directory:
    """A snapshot of the directory for owner matching (inactive contacts left out)."""
    entries: list[Entry] = []
    for org in session.exec(select(Organisation)):
        assert org.id is not None
        entries.append(
            Entry(
                "organisation",
                org.id,
                org.name,
                acronyms=(org.acronym,) if org.acronym else (),
                aliases=tuple(org.aliases),
            )
        )
    for person in session.exec(select(Contact).where(col(Contact.active))):
        assert person.id is not None
        entries.append(Entry("contact", person.id, person.name, aliases=tuple(person.aliases)))
    for group in session.exec(select(ContactGroup)):
        assert group.id is not None
        entries.append(Entry("group", group.id, group.name, aliases=tuple(group.aliases)))
    return Directory(entries)


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n|]", value) if part.strip()]


def _org_name(value: str) -> tuple[str, str | None]:
    """'Save the Children International (SCI)' -> ('Save the Children International', 'SCI')."""
    match = re.fullmatch(r"\s*(.+?)\s*\(\s*([^()]+?)\s*\)\s*", value)
    if match:
        return match.group(1), match.group(2)
    name = value.strip()
    return name, name if re.fullmatch(r"[A-Z0-9&\-]{2,10}", name) else None


def _roles(value: str) -> list[str]:
    out = []
    for role in _split(value.replace(",", ";")):
        key = normalise(role)
        out.append(_ROLE_SYNONYMS.get(key, key.replace(" ", "_")))
    return out


def import_directory(*, session: Session, path: Path) -> DirectorySummary:
    """Add or update the contacts in `path`, then re-resolve every action's owners."""
    summary = DirectorySummary()
    rows = read_rows(path, header_synonyms=_HEADER_SYNONYMS)
    if not rows:
        raise InputError(f"{path}: no contact rows found")
    header = rows[0].cells.keys()
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{path}, sheet {rows[0].sheet!r}: missing column(s) "
            f"{', '.join(missing)}; expected the columns {', '.join(KNOWN)}"
        )
    unknown = sorted({k for r in rows for k in r.cells} - set(KNOWN))
    if unknown:
        summary.notes.append(f"{path}: column(s) not used: {', '.join(unknown)}")
    for row in rows:
        _import_row(session, row=row, summary=summary)
    session.flush()
    reresolve(session=session, summary=summary)
    return summary


def _import_row(session: Session, *, row: Row, summary: DirectorySummary) -> None:
    cell = row.cells.get
    name, email = (cell("name") or "").strip(), (cell("email") or "").strip()
    if not email:
        summary.skipped.append(f"{row.where}: no email for {name or 'this contact'!r}")
        return
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        summary.skipped.append(f"{row.where}: email {email!r} is not valid ({exc})")
        return
    if not name:
        summary.skipped.append(f"{row.where}: no name for {email}")
        return
    org_id = _organisation(
        session, cell("organisation") or "", cell("organisation_acronym"), summary
    )
    person = session.exec(select(Contact).where(Contact.email == email)).first()
    if person is None:
        person = Contact(name=name, email=email)
        summary.contacts_new += 1
    else:
        summary.contacts_updated += 1
    person.name, person.organisation_id = name, org_id or person.organisation_id
    person.roles = _roles(cell("role") or "")
    person.aliases = _split(cell("aliases") or "")
    session.add(person)
    session.flush()
    for group_name in _split(cell("groups") or ""):
        _join(session, group_name=group_name, contact=person, summary=summary)


def _organisation(
    session: Session, value: str, acronym: str | None, summary: DirectorySummary
) -> int | None:
    if not value.strip():
        return None
    name, guessed = _org_name(value)
    # "IOM" on one row and "International Organization for Migration (IOM)" on another
    # are one organisation: look for the name, then for the acronym.
    org = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if org is None:
        org = session.exec(
            select(Organisation).where(col(Organisation.acronym) == (acronym or guessed or name))
        ).first()
        if org is not None and org.name == org.acronym and name != org.acronym:
            org.name = name  # first seen as a bare acronym; now we know its full name
    if org is None:
        org = Organisation(name=name)
        summary.organisations += 1
    org.acronym = (acronym or "").strip() or guessed or org.acronym
    session.add(org)
    session.flush()
    return org.id


def _join(
    session: Session, *, group_name: str, contact: Contact, summary: DirectorySummary
) -> None:
    group = session.exec(select(ContactGroup).where(ContactGroup.name == group_name)).first()
    if group is None:
        group = ContactGroup(name=group_name)
        session.add(group)
        session.flush()
        summary.groups += 1
    assert group.id is not None and contact.id is not None
    if session.get(GroupMember, (group.id, contact.id)) is None:
        session.add(GroupMember(group_id=group.id, contact_id=contact.id))


def reresolve(*, session: Session, summary: DirectorySummary) -> None:
    """Resolve the owners of every action in the register against the current directory."""
    directory = load_directory(session)
    for action in session.exec(select(ActionPoint).order_by(col(ActionPoint.id))):
        set_owners(session=session, action=action, directory=directory)
        for name in action.owners:
            if directory.resolve(name).resolved:
                summary.owners_resolved += 1
            else:
                summary.owners_unresolved += 1
