"""The desk's register lists: a forum's, an organisation's or an owner's items, filtered,
counted and paged in the database (a register of 100,000 items loads one page).

Every list stays within the forums its viewer keeps (`Scope.forums`); merged items only
forward to the one they joined and are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from reminder.register.models import ActionOwner, ActionPoint, Contact, ContactGroup, Organisation
from reminder.register.queries import ActionView, views_of
from reminder.register.snapshot import OPEN

# What the status filter may ask for: "active" is what reminders still chase.
STATUS_CHOICES: dict[str, tuple[str, ...]] = {
    "active": OPEN,
    "open": ("open",),
    "in_progress": ("in_progress",),
    "done": ("done",),
    "cancelled": ("cancelled",),
    "all": (),
}


@dataclass(frozen=True)
class Scope:
    """Whose items: always of `forums` (those the viewer keeps); of one forum, one
    organisation (its own items and its people's), one contact or one group when given."""

    forums: tuple[str, ...]
    forum: str | None = None
    organisation_id: int | None = None
    contact_id: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class Criteria:
    """The filters of a list; `text` is searched in the wording, the owners as written
    and the reference, case-insensitively."""

    status: str = "active"
    overdue: bool = False
    due_before: date | None = None
    undated: bool = False
    unresolved: bool = False  # an owner the directory does not know, or no owner at all
    text: str = ""


@dataclass(frozen=True)
class Counts:
    """A scope's items by status, and how many of the active ones are overdue, have no
    date or an unresolved owner (the filters ignored)."""

    open: int
    in_progress: int
    done: int
    cancelled: int
    overdue: int
    undated: int
    unresolved: int


@dataclass(frozen=True)
class Listing:
    items: list[ActionView]  # this page
    total: int  # every item of the scope the criteria match
    counts: Counts


def _scoped(scope: Scope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        col(ActionPoint.merged_into).is_(None),
        col(ActionPoint.forum).in_(scope.forums),
    ]
    if scope.forum is not None:
        conditions.append(col(ActionPoint.forum) == scope.forum)
    owned = col(ActionOwner.action_id) == col(ActionPoint.id)
    if scope.organisation_id is not None:
        people = select(Contact.id).where(Contact.organisation_id == scope.organisation_id)
        by_org = or_(
            col(ActionOwner.organisation_id) == scope.organisation_id,
            col(ActionOwner.contact_id).in_(people),
        )
        conditions.append(exists().where(owned, by_org))
    if scope.contact_id is not None:
        conditions.append(exists().where(owned, col(ActionOwner.contact_id) == scope.contact_id))
    if scope.group_id is not None:
        conditions.append(exists().where(owned, col(ActionOwner.group_id) == scope.group_id))
    return conditions


def _unresolved() -> ColumnElement[bool]:
    owned = col(ActionOwner.action_id) == col(ActionPoint.id)
    return or_(
        exists().where(owned, col(ActionOwner.kind) == "unresolved"),
        ~exists().where(owned),
    )


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(criteria: Criteria, *, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    statuses = STATUS_CHOICES.get(criteria.status, OPEN)
    if statuses:
        conditions.append(col(ActionPoint.status).in_(statuses))
    if criteria.overdue:
        conditions += [col(ActionPoint.due_date) < today, col(ActionPoint.status).in_(OPEN)]
    if criteria.due_before is not None:
        conditions.append(col(ActionPoint.due_date) < criteria.due_before)
    if criteria.undated:
        conditions.append(col(ActionPoint.due_date).is_(None))
    if criteria.unresolved:
        conditions.append(_unresolved())
    words = " ".join(criteria.text.split())
    if words:
        pattern = _like(words)
        conditions.append(
            or_(
                *(
                    func.lower(func.coalesce(column, "")).like(pattern, escape="\\")
                    for column in (
                        col(ActionPoint.text),
                        col(ActionPoint.owners_raw),
                        col(ActionPoint.ref),
                    )
                )
            )
        )
    return conditions


def find_items(
    *, session: Session, scope: Scope, criteria: Criteria, today: date, offset: int, limit: int
) -> Listing:
    """The items of `scope` matching `criteria`, by due date (undated last) then id:
    `limit` of them from `offset`, the total they come from, and the scope's counts."""
    where = and_(*_scoped(scope), *_filtered(criteria, today=today))
    total = session.exec(select(func.count()).select_from(ActionPoint).where(where)).one()
    query = (
        select(ActionPoint.id)
        .where(where)
        .order_by(
            col(ActionPoint.due_date).is_(None), col(ActionPoint.due_date), col(ActionPoint.id)
        )
        .offset(max(offset, 0))
        .limit(max(limit, 1))
    )
    ids = [i for i in session.exec(query) if i is not None]
    return Listing(views_of(session=session, ids=ids), int(total), _counts(session, scope, today))


def _counts(session: Session, scope: Scope, today: date) -> Counts:
    active = col(ActionPoint.status).in_(OPEN)

    def tally(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    # Seven columns: more than sqlmodel's typed `select` takes, so SQLAlchemy's own.
    row = session.execute(
        sql_select(
            tally(col(ActionPoint.status) == "open"),
            tally(col(ActionPoint.status) == "in_progress"),
            tally(col(ActionPoint.status) == "done"),
            tally(col(ActionPoint.status) == "cancelled"),
            tally(and_(active, col(ActionPoint.due_date) < today)),
            tally(and_(active, col(ActionPoint.due_date).is_(None))),
            tally(and_(active, _unresolved())),
        ).where(*_scoped(scope))
    ).one()
    return Counts(*(int(n) for n in row))


@dataclass(frozen=True)
class Tally:
    """An owner (organisation, contact or group) and its active items in the scope."""

    id: int
    name: str
    active: int
    overdue: int


def owner_tallies(
    *, session: Session, forums: tuple[str, ...], today: date
) -> dict[str, list[Tally]]:
    """By kind ("organisation", "contact", "group"), who owns active items of `forums`,
    by name; an organisation counts its people's items too."""
    scoped = and_(*_scoped(Scope(forums=forums)), col(ActionPoint.status).in_(OPEN))
    late = case((col(ActionPoint.due_date) < today, col(ActionPoint.id)))
    pairs = (
        select(col(ActionOwner.action_id).label("a"), col(ActionOwner.organisation_id).label("o"))
        .where(col(ActionOwner.organisation_id).is_not(None))
        .union(
            select(col(ActionOwner.action_id), col(Contact.organisation_id))
            .join(Contact, col(Contact.id) == col(ActionOwner.contact_id))
            .where(col(Contact.organisation_id).is_not(None))
        )
        .subquery()
    )
    found: dict[str, list[Tally]] = {}
    keys = (
        ("organisation", Organisation, pairs.c.o, pairs.c.a),
        ("contact", Contact, col(ActionOwner.contact_id), col(ActionOwner.action_id)),
        ("group", ContactGroup, col(ActionOwner.group_id), col(ActionOwner.action_id)),
    )
    for kind, table, key, action in keys:
        ident, name = col(table.id), col(table.name)
        query = (
            select(ident, name, func.count(func.distinct(action)), func.count(func.distinct(late)))
            .select_from(table)
            .join(pairs if kind == "organisation" else ActionOwner, key == ident)
            .join(ActionPoint, col(ActionPoint.id) == action)
            .where(scoped)
            .group_by(ident, name)
            .order_by(name)
        )
        found[kind] = [Tally(i or 0, n, int(a), int(o)) for i, n, a, o in session.exec(query)]
    return found
