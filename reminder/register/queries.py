"""Reading the register back: action points with their owners, filtered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, select

from reminder.register.matching import normalise
from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    Contact,
    ContactGroup,
    Meeting,
    Organisation,
)
from reminder.register.snapshot import OPEN

OPEN_STATUSES = OPEN  # the statuses still to chase, as the snapshot reads them


@dataclass(frozen=True)
class OwnerView:
    name: str  # as written
    kind: str  # contact, organisation, group, unresolved
    resolved_to: str | None
    organisation: str | None


@dataclass(frozen=True)
class ActionView:
    id: int
    forum: str
    meeting_date: date | None
    text: str
    owners: tuple[OwnerView, ...]
    due_phrase: str | None
    due_date: date | None
    due_method: str
    due_flags: tuple[str, ...]
    status: str
    source: str

    def days_overdue(self, today: date) -> int | None:
        """Days past the due date for an open item; None when not overdue."""
        if self.due_date is None or self.status not in OPEN_STATUSES or self.due_date >= today:
            return None
        return (today - self.due_date).days


@dataclass(frozen=True)
class ActionFilter:
    owner: str | None = None
    organisation: str | None = None
    statuses: tuple[str, ...] = ()
    overdue_on: date | None = None
    due_before: date | None = None
    forum: str | None = None


def list_actions(*, session: Session, filters: ActionFilter) -> list[ActionView]:
    """Action points matching every given filter, ordered by due date (undated last)."""
    # A merged action only forwards to the one it joined: it is listed there.
    query = (
        select(ActionPoint, Meeting)
        .join(Meeting, isouter=True)
        .where(col(ActionPoint.merged_into).is_(None))
    )
    if filters.forum:
        query = query.where(ActionPoint.forum == filters.forum)
    if filters.statuses:
        query = query.where(col(ActionPoint.status).in_(filters.statuses))
    if filters.overdue_on:
        query = query.where(
            col(ActionPoint.due_date) < filters.overdue_on,
            col(ActionPoint.status).in_(OPEN_STATUSES),
        )
    if filters.due_before:
        query = query.where(col(ActionPoint.due_date) < filters.due_before)
    query = query.order_by(
        col(ActionPoint.due_date).is_(None), col(ActionPoint.due_date), col(ActionPoint.id)
    )
    rows = list(session.exec(query))
    owners = _owners(session, [a.id for a, _ in rows if a.id is not None])
    views = [_view(a, m, owners.get(a.id or 0, ())) for a, m in rows]
    if filters.owner:
        views = [v for v in views if _matches_owner(v, filters.owner)]
    if filters.organisation:
        wanted = normalise(filters.organisation)
        views = [
            v
            for v in views
            if any(
                normalise(o.organisation or "") == wanted or normalise(o.name) == wanted
                for o in v.owners
            )
        ]
    return views


def views_of(*, session: Session, ids: Sequence[int]) -> list[ActionView]:
    """The actions `ids` as `list_actions` gives them, in the order of `ids`."""
    query = (
        select(ActionPoint, Meeting).join(Meeting, isouter=True).where(col(ActionPoint.id).in_(ids))
    )
    rows = {a.id: (a, m) for a, m in session.exec(query) if a.id is not None}
    owners = _owners(session, list(rows))
    return [_view(*rows[i], owners.get(i, ())) for i in ids if i in rows]


def _matches_owner(view: ActionView, wanted: str) -> bool:
    key = normalise(wanted)
    return any(key in {normalise(o.name), normalise(o.resolved_to or "")} for o in view.owners)


def _owners(session: Session, ids: list[int]) -> dict[int, tuple[OwnerView, ...]]:
    out: dict[int, list[OwnerView]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(ActionOwner, Contact, Organisation, ContactGroup)
            .join(Contact, col(ActionOwner.contact_id) == Contact.id, isouter=True)
            .join(
                Organisation,
                or_(
                    col(ActionOwner.organisation_id) == Organisation.id,
                    col(Contact.organisation_id) == Organisation.id,
                ),
                isouter=True,
            )
            .join(ContactGroup, col(ActionOwner.group_id) == ContactGroup.id, isouter=True)
            .where(col(ActionOwner.action_id).in_(chunk))
            .order_by(col(ActionOwner.action_id), col(ActionOwner.position))
        )
        for owner, person, org, group in session.exec(query):
            target = (
                person.name
                if person
                else org.name
                if org and owner.organisation_id
                else (group.name if group else None)
            )
            out[owner.action_id].append(
                OwnerView(owner.name, owner.kind, target, org.name if org else None)
            )
    return {k: tuple(v) for k, v in out.items()}


def _view(
    action: ActionPoint, meeting: Meeting | None, owners: tuple[OwnerView, ...]
) -> ActionView:
    where = [action.source_file]
    if action.source_sheet:
        where.append(f"sheet {action.source_sheet!r}")
    if action.source_row:
        where.append(f"row {action.source_row}")
    if action.source_line:
        where.append(f"line {action.source_line}")
    assert action.id is not None
    return ActionView(
        id=action.id,
        forum=action.forum,
        meeting_date=meeting.date if meeting else None,
        text=action.text,
        owners=owners,
        due_phrase=action.due_phrase,
        due_date=action.due_date,
        due_method=action.due_method,
        due_flags=tuple(action.due_flags),
        status=action.status,
        source=", ".join(where),
    )
