"""Reading what planning needs from the register, as plain frozen data.

Planning is a pure function of a `Snapshot`, the forum's rules and `now`; this
module is the only part of notice sending that queries the register for it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from reminder.register.models import ActionOwner, ActionPoint, Meeting, StatusChange
from reminder.register.reach import actions_reaching, load_reach
from reminder.register.snapshot import OPEN, Item, PlanItem, Reach, Snapshot, coordinators_of

log = logging.getLogger("reminder.snapshot")


def forums_in_register(session: Session) -> list[str]:
    return sorted(set(session.exec(select(ActionPoint.forum).distinct())))


_COLUMNS: tuple[Any, ...] = (
    ActionPoint.id,
    ActionPoint.forum,
    ActionPoint.text,
    ActionPoint.owners,
    ActionPoint.due_phrase,
    ActionPoint.due_date,
    ActionPoint.status,
    ActionPoint.meeting_id,
    ActionPoint.source_file,
    ActionPoint.ref,
    ActionPoint.updated_at,
)


def load_snapshot(
    *,
    session: Session,
    forum: str | None,
    coordinators: Iterable[str],
    now: datetime,
    timezone: str,
    last_report_at: datetime | None = None,
    contacts: Collection[int] | None = None,
    reach: Reach | None = None,
    next_meetings: Mapping[str, date] | None = None,
) -> Snapshot:
    """Open items of `forum` (every forum when None), and items done since
    `last_report_at` (or in the last 30 days).

    With `contacts`, only the items whose owners reach one of those contacts: planning
    digests chunk by chunk of contacts keeps memory flat however large the register.
    `reach` (from `load_reach`) saves reading the directory again for every chunk.
    `next_meetings` are each forum's next meeting, as the caller reads them from the
    register and the forum's rule (see service.plan).
    """
    tz = ZoneInfo(timezone)
    today = now.astimezone(tz).date()
    done_since = last_report_at or now - timedelta(days=30)
    query = sa_select(*_COLUMNS).where(
        or_(
            col(ActionPoint.status).in_(OPEN),
            (col(ActionPoint.status) == "done") & (col(ActionPoint.updated_at) >= done_since),
        )
    )
    if forum is not None:
        query = query.where(col(ActionPoint.forum) == forum)
    directory = reach or load_reach(session)
    if contacts is not None:
        query = query.where(
            col(ActionPoint.id).in_(actions_reaching(contacts=set(contacts), d=directory))
        )
    rows = list(session.execute(query.order_by(col(ActionPoint.id))))
    ids = [row.id for row in rows]
    owners = _owners(session, ids)
    updates = _last_updates(session, ids)
    answered = _last_answers(session, ids)
    meeting_query = select(Meeting)
    if forum is not None:
        meeting_query = meeting_query.where(Meeting.forum == forum)
    meetings = {m.id: m for m in session.exec(meeting_query)}
    items = tuple(
        _plan_item(
            row,
            owners.get(row.id, ()),
            directory,
            meetings.get(row.meeting_id),
            updates.get(row.id),
            tz=tz,
            today=today,
            answered=answered.get(row.id),
        )
        for row in rows
    )
    nexts = dict(next_meetings or {})
    return Snapshot(
        forum=forum or "",
        items=items,
        people=directory.people,
        coordinators=coordinators_of(wanted=coordinators, people=directory.people),
        next_meeting=nexts.get(forum) if forum else None,
        last_report_at=last_report_at,
        next_meetings=nexts,
    )


def _plan_item(
    row: Any,
    owners: Iterable[ActionOwner],
    d: Reach,
    meeting: Meeting | None,
    updated: datetime | None,
    *,
    tz: ZoneInfo,
    today: date,
    answered: datetime | None = None,
) -> PlanItem:
    reach: set[int] = set()
    orgs: set[int] = set()
    unresolved = []
    groups = []
    for owner in owners:
        if owner.contact_id is not None:
            reach.add(owner.contact_id)
            orgs.update(o for o in [d.orgs_of.get(owner.contact_id)] if o is not None)
        elif owner.group_id is not None:
            reach.update(d.members.get(owner.group_id, ()))
            groups.append(owner.name)
        elif owner.organisation_id is not None:
            reach.update(d.focal.get(owner.organisation_id, ()))
            orgs.add(owner.organisation_id)
        else:
            unresolved.append(owner.name)
    start = row.due_date
    if start and updated and updated.astimezone(tz).date() > start:
        start = updated.astimezone(tz).date()
    late = (today - row.due_date).days if row.due_date else None
    item = Item(
        id=row.id,
        forum=row.forum,
        text=row.text,
        owners=tuple(row.owners),
        organisations=tuple(sorted(d.org_names[o] for o in orgs)),
        due_phrase=row.due_phrase,
        due_date=row.due_date,
        status=row.status,
        days_overdue=late if late and late > 0 and row.status in OPEN else None,
        meeting_title=meeting.title if meeting else None,
        meeting_date=meeting.date if meeting else None,
        source=row.source_file,
        ref=row.ref,
        groups=tuple(groups),
    )
    return PlanItem(
        item=item,
        reach=frozenset(reach),
        leads=frozenset(c for o in orgs for c in d.leads.get(o, ())),
        unresolved=tuple(unresolved),
        ladder_start=start,
        # When it was marked done: its last status change (an edit of its text is not).
        done_at=updated if row.status == "done" else None,
        answered_at=answered,
    )


def _owners(session: Session, ids: list[int]) -> dict[int, list[ActionOwner]]:
    out: dict[int, list[ActionOwner]] = defaultdict(list)
    for start in range(0, len(ids), 1000):
        query = select(ActionOwner).where(col(ActionOwner.action_id).in_(ids[start : start + 1000]))
        for owner in session.exec(query.order_by(col(ActionOwner.position))):
            out[owner.action_id].append(owner)
    return out


def _last_answers(session: Session, ids: list[int]) -> dict[int, datetime]:
    """When a focal point last answered each action by mail link."""
    out: dict[int, datetime] = {}
    for start in range(0, len(ids), 1000):
        query = (
            select(StatusChange.action_id, func.max(StatusChange.changed_at))
            .where(
                col(StatusChange.action_id).in_(ids[start : start + 1000]),
                col(StatusChange.source) == "mail link",
            )
            .group_by(col(StatusChange.action_id))
        )
        out.update(dict(session.exec(query).all()))
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
