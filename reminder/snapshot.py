"""Reading what planning needs from the register, as plain frozen data.

Planning is a pure function of a `Snapshot`, the forum's rules and `now`; this
module is the only part of notice sending that queries the register for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from reminder.models import (
    ActionOwner,
    ActionPoint,
    Contact,
    GroupMember,
    Meeting,
    Organisation,
    StatusChange,
)
from reminder.notices import Item, Person

OPEN = ("open", "in_progress")


@dataclass(frozen=True)
class PlanItem:
    """An action point with the people its owners reach.

    `reach`: contact ids of everyone the owners reach (focal points of an organisation,
    members of a group, a named person). `leads`: contact ids of the leads of the owners'
    organisations. `ladder_start`: the day escalation counts from (the due date, or the
    last status update when later). `done_at`: when a done item was marked done.
    """

    item: Item
    reach: frozenset[int]
    leads: frozenset[int]
    unresolved: tuple[str, ...]
    ladder_start: date | None
    done_at: datetime | None = None


@dataclass(frozen=True)
class Snapshot:
    forum: str
    items: tuple[PlanItem, ...]
    people: Mapping[int, Person]
    coordinators: tuple[Person, ...]
    next_meeting: date | None
    last_report_at: datetime | None = None


def forums_in_register(session: Session) -> list[str]:
    return sorted(set(session.exec(select(ActionPoint.forum).distinct())))


def load_snapshot(
    session: Session,
    *,
    forum: str,
    coordinators: Iterable[str],
    now: datetime,
    timezone: str,
    last_report_at: datetime | None = None,
) -> Snapshot:
    """Open items of `forum`, and items done since `last_report_at` (or the last 30 days)."""
    tz = ZoneInfo(timezone)
    today = now.astimezone(tz).date()
    done_since = last_report_at or now - timedelta(days=30)
    actions = list(
        session.exec(
            select(ActionPoint)
            .where(
                ActionPoint.forum == forum,
                or_(
                    col(ActionPoint.status).in_(OPEN),
                    (col(ActionPoint.status) == "done")
                    & (col(ActionPoint.updated_at) >= done_since),
                ),
            )
            .order_by(col(ActionPoint.id))
        )
    )
    ids = [a.id for a in actions if a.id is not None]
    people, orgs_of, org_names, roles = _people(session)
    focal, leads = _org_staff(orgs_of, roles)
    members = _members(session)
    owners = _owners(session, ids)
    updates = _last_updates(session, ids)
    meetings = {m.id: m for m in session.exec(select(Meeting).where(Meeting.forum == forum))}
    items = []
    for action in actions:
        assert action.id is not None
        reach: set[int] = set()
        orgs: set[int] = set()
        unresolved = []
        for owner in owners.get(action.id, ()):
            if owner.contact_id is not None:
                reach.add(owner.contact_id)
                orgs.update(o for o in [orgs_of.get(owner.contact_id)] if o is not None)
            elif owner.group_id is not None:
                reach.update(members.get(owner.group_id, ()))
            elif owner.organisation_id is not None:
                reach.update(focal.get(owner.organisation_id, ()))
                orgs.add(owner.organisation_id)
            else:
                unresolved.append(owner.name)
        meeting = meetings.get(action.meeting_id)
        updated = updates.get(action.id)
        start = action.due_date
        if start and updated and updated.astimezone(tz).date() > start:
            start = updated.astimezone(tz).date()
        late = (today - action.due_date).days if action.due_date else None
        items.append(
            PlanItem(
                item=Item(
                    id=action.id,
                    forum=forum,
                    text=action.text,
                    owners=tuple(action.owners),
                    organisations=tuple(sorted(org_names[o] for o in orgs)),
                    due_phrase=action.due_phrase,
                    due_date=action.due_date,
                    status=action.status,
                    days_overdue=late if late and late > 0 and action.status in OPEN else None,
                    meeting_title=meeting.title if meeting else None,
                    meeting_date=meeting.date if meeting else None,
                    source=action.source_file,
                ),
                reach=frozenset(reach),
                leads=frozenset(c for o in orgs for c in leads.get(o, ())),
                unresolved=tuple(unresolved),
                ladder_start=start,
                done_at=action.updated_at if action.status == "done" else None,
            )
        )
    return Snapshot(
        forum=forum,
        items=tuple(items),
        people=people,
        coordinators=_coordinators(session, coordinators, people),
        next_meeting=_next_meeting(meetings.values(), today),
        last_report_at=last_report_at,
    )


def _people(
    session: Session,
) -> tuple[dict[int, Person], dict[int, int], dict[int, str], dict[int, list[str]]]:
    org_names = {o.id: o.name for o in session.exec(select(Organisation)) if o.id is not None}
    people: dict[int, Person] = {}
    orgs_of: dict[int, int] = {}
    roles: dict[int, list[str]] = {}
    for c in session.exec(select(Contact)):
        assert c.id is not None
        people[c.id] = Person(c.name, c.email, org_names.get(c.organisation_id or -1))
        roles[c.id] = list(c.roles)
        if c.organisation_id is not None:
            orgs_of[c.id] = c.organisation_id
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
    for m in session.exec(select(GroupMember)):
        out[m.group_id].add(m.contact_id)
    return out


def _owners(session: Session, ids: list[int]) -> dict[int, list[ActionOwner]]:
    out: dict[int, list[ActionOwner]] = defaultdict(list)
    for start in range(0, len(ids), 1000):
        query = select(ActionOwner).where(col(ActionOwner.action_id).in_(ids[start : start + 1000]))
        for owner in session.exec(query.order_by(col(ActionOwner.position))):
            out[owner.action_id].append(owner)
    return out


def _last_updates(session: Session, ids: list[int]) -> dict[int, datetime]:
    """When each action's status last changed after it was first recorded."""
    out: dict[int, datetime] = {}
    for start in range(0, len(ids), 1000):
        query = (
            select(StatusChange.action_id, func.max(StatusChange.changed_at))
            .where(
                col(StatusChange.action_id).in_(ids[start : start + 1000]),
                col(StatusChange.old_status).is_not(None),
            )
            .group_by(col(StatusChange.action_id))
        )
        out.update(dict(session.exec(query).all()))
    return out


def _coordinators(
    session: Session, wanted: Iterable[str], people: Mapping[int, Person]
) -> tuple[Person, ...]:
    by_key = {p.email.lower(): p for p in people.values()}
    by_key.update({p.name.lower(): p for p in people.values()})
    out = []
    for who in wanted:
        person = by_key.get(who.strip().lower())
        out.append(person or Person(name=who, email=who))
    return tuple(out)


def _next_meeting(meetings: Iterable[Meeting], today: date) -> date | None:
    """The earliest known meeting date from today on: a dated meeting, or one announced."""
    dates: list[date] = []
    for m in meetings:
        dates.extend(d for d in (m.date, m.next_meeting_date) if d is not None and d >= today)
    return min(dates, default=None)
