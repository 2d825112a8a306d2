"""Who is who, and whom each owner of an action reaches (read from the directory tables).

An organisation reaches its focal points (all its contacts when none is marked), a group
its members, a contact themself. Planning reads this through `Snapshot`; digest runs
also use it to plan contact by contact.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import false, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from reminder.register.models import ActionOwner, Contact, GroupMember, Organisation
from reminder.register.snapshot import Person, Reach

log = logging.getLogger("reminder.reach")


def actions_reaching(*, contacts: set[int], d: Reach) -> Any:
    """A subquery of the ids of actions whose owners reach any of `contacts`, for an
    `IN`: an id may come more than once (sorting them out would cost, and `IN` need not)."""
    groups = [g for g, members in d.members.items() if members & contacts]
    orgs = [o for o, reached in d.focal.items() if reached & contacts]
    # Only the non-empty lists: an OR with an empty IN makes SQLite scan the whole table
    # instead of searching each index.
    reaches = [
        column.in_(values)
        for column, values in (
            (col(ActionOwner.contact_id), sorted(contacts)),
            (col(ActionOwner.group_id), groups),
            (col(ActionOwner.organisation_id), orgs),
        )
        if values
    ]
    return sa_select(col(ActionOwner.action_id)).where(or_(false(), *reaches))


def load_reach(session: Session) -> Reach:
    people, orgs_of, org_names, roles = _people(session)
    focal, leads = _org_staff(orgs_of, roles)
    return Reach(people, orgs_of, org_names, focal, leads, _members(session))


def _people(
    session: Session,
) -> tuple[dict[int, Person], dict[int, int], dict[int, str], dict[int, list[str]]]:
    # Plain rows, not ORM objects: the directory is read whole once a run, and its objects
    # would outlive the read as memory the process keeps.
    names = sa_select(col(Organisation.id), col(Organisation.name))
    org_names: dict[int, str] = dict(session.execute(names).all())
    people: dict[int, Person] = {}
    orgs_of: dict[int, int] = {}
    roles: dict[int, list[str]] = {}
    contacts = sa_select(
        col(Contact.id),
        col(Contact.name),
        col(Contact.email),
        col(Contact.organisation_id),
        col(Contact.roles),
    ).where(col(Contact.active))
    for c_id, name, email, organisation_id, c_roles in session.execute(contacts):
        people[c_id] = Person(name, email, org_names.get(organisation_id or -1))
        roles[c_id] = list(c_roles)
        if organisation_id is not None:
            orgs_of[c_id] = organisation_id
    return people, orgs_of, org_names, roles


def _org_staff(
    orgs_of: Mapping[int, int], roles: Mapping[int, list[str]]
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per organisation: who an owner naming it reaches, and its leads.

    An organisation reaches its focal points, or all its contacts when none is marked.
    """
    staff: dict[int, set[int]] = defaultdict(set)
    focal: dict[int, set[int]] = defaultdict(set)
    leads: dict[int, set[int]] = defaultdict(set)
    for contact, org in orgs_of.items():
        staff[org].add(contact)
        if "focal_point" in roles.get(contact, ()):
            focal[org].add(contact)
        if "lead" in roles.get(contact, ()):
            leads[org].add(contact)
    return {org: focal.get(org) or members for org, members in staff.items()}, leads


def _members(session: Session) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    members = sa_select(col(GroupMember.group_id), col(GroupMember.contact_id)).join(
        Contact, col(Contact.id) == col(GroupMember.contact_id)
    )
    for group_id, contact_id in session.execute(members.where(col(Contact.active))):
        out[group_id].add(contact_id)
    return out
