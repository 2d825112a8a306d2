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

from sqlalchemy import case, or_, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from reminder.register.models import ActionOwner, ActionPoint, Meeting, StatusChange, UTCDateTime
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
    open_due_by: date | None = None,
) -> Snapshot:
    """Open items of `forum` (every forum when None), and items done since
    `last_report_at` (or in the last 30 days).

    With `contacts`, only the items whose owners reach one of those contacts: planning
    digests chunk by chunk of contacts keeps memory flat however large the register.
    `reach` (from `load_reach`) saves reading the directory again for every chunk.
    `next_meetings` are each forum's next meeting, as the caller reads them from the
    register and the forum's rule (see service.plan). With `open_due_by`, only the open
    items due by that day or undated: what digests show (`planning.digest_horizon`).
    """
    tz = ZoneInfo(timezone)
    today = now.astimezone(tz).date()
    done_since = last_report_at or now - timedelta(days=30)
    if open_due_by is None:
        wanted: Any = or_(
            col(ActionPoint.status).in_(OPEN),
            (col(ActionPoint.status) == "done") & (col(ActionPoint.updated_at) >= done_since),
        )
    else:
        wanted = col(ActionPoint.status).in_(OPEN) & or_(
            col(ActionPoint.due_date).is_(None), col(ActionPoint.due_date) <= open_due_by
        )
    conditions = [wanted]
    if forum is not None:
        conditions.append(col(ActionPoint.forum) == forum)
    directory = reach or load_reach(session)
    if contacts is not None:
        reaching = actions_reaching(contacts=set(contacts), d=directory)
        conditions.append(col(ActionPoint.id).in_(reaching))
    # Plain rows (Core selects), and the related tables read with the same filter as a
    # subquery: no ORM objects, and no statement with thousands of bound ids.
    rows = list(
        session.execute(sa_select(*_COLUMNS).where(*conditions).order_by(col(ActionPoint.id)))
    )
    ids = sa_select(col(ActionPoint.id)).where(*conditions)
    owners = _owners(session, ids)
    updates, answered = _last_changes(session, ids)
    meeting_query = sa_select(col(Meeting.id), col(Meeting.title), col(Meeting.date))
    if forum is not None:
        meeting_query = meeting_query.where(col(Meeting.forum) == forum)
    meetings = {m.id: m for m in session.execute(meeting_query)}
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
    owners: Iterable[Any],
    d: Reach,
    meeting: Any,
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


def _owners(session: Session, ids: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    query = sa_select(
        col(ActionOwner.action_id),
        col(ActionOwner.name),
        col(ActionOwner.contact_id),
        col(ActionOwner.group_id),
        col(ActionOwner.organisation_id),
    ).where(col(ActionOwner.action_id).in_(ids))
    for owner in session.execute(
        query.order_by(col(ActionOwner.action_id), col(ActionOwner.position))
    ):
        out[owner.action_id].append(owner)
    return out


def _last_changes(session: Session, ids: Any) -> tuple[dict[int, datetime], dict[int, datetime]]:
    """When each action's status last changed after it was first recorded (`old_status`
    set), and when a focal point last answered it by mail link, in one statement."""
    changed = col(StatusChange.changed_at)
    query = (
        sa_select(
            col(StatusChange.action_id),
            # Typed again: SQLite's aggregate of a CASE would come back as text.
            type_coerce(
                func.max(case((col(StatusChange.old_status).is_not(None), changed))), UTCDateTime()
            ),
            type_coerce(
                func.max(case((col(StatusChange.source) == "mail link", changed))), UTCDateTime()
            ),
        )
        .where(col(StatusChange.action_id).in_(ids))
        .group_by(col(StatusChange.action_id))
    )
    updates: dict[int, datetime] = {}
    answers: dict[int, datetime] = {}
    for action, updated, answered in session.execute(query):
        if updated is not None:
            updates[action] = updated
        if answered is not None:
            answers[action] = answered
    return updates, answers
