"""Reading what planning needs from the register, as plain frozen data.

Planning is a pure function of a `Snapshot`, the forum's rules and `now`; this
module is the only part of notice sending that queries the register for it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from sys import intern
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, or_, type_coerce
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
    # As its text: each distinct list of owner names is decoded once (see `_plan_items`).
    cast(ActionPoint.owners, String),
    ActionPoint.due_phrase,
    ActionPoint.due_date,
    ActionPoint.status,
    ActionPoint.meeting_id,
    ActionPoint.source_file,
    ActionPoint.ref,
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
    meeting_query = sa_select(col(Meeting.id), col(Meeting.title), col(Meeting.date))
    if forum is not None:
        meeting_query = meeting_query.where(col(Meeting.forum) == forum)
    meetings = {m.id: (m.title, m.date) for m in session.execute(meeting_query)}
    # Core rows from the session's connection: no ORM loading, and nothing buffered.
    rows = session.connection().execute(_items_query(conditions))
    items = tuple(_plan_items(rows, directory, meetings, tz=tz, today=today))
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


def _items_query(conditions: list[Any]) -> Any:
    """One statement for the wanted actions: a row per owner (in position order; one row
    with no owner when it has none), with when its status last changed after it was first
    recorded (`old_status` set) and when a focal point last answered it by mail link.

    One statement, so that the filter (which may search the owners of a chunk of
    contacts) runs once, and the rows stream: nothing is held but the items built."""
    changes = col(StatusChange.changed_at)
    of_action = col(StatusChange.action_id) == col(ActionPoint.id)

    def last(when: Any) -> Any:
        # Typed again: SQLite's aggregate would come back as text.
        query = sa_select(func.max(changes)).where(of_action, when).scalar_subquery()
        return type_coerce(query, UTCDateTime())

    return (
        sa_select(
            *_COLUMNS,
            col(ActionOwner.name),
            col(ActionOwner.contact_id),
            col(ActionOwner.group_id),
            col(ActionOwner.organisation_id),
            last(col(StatusChange.old_status).is_not(None)),
            last(col(StatusChange.source) == "mail link"),
        )
        .select_from(ActionPoint)
        .outerjoin(ActionOwner, col(ActionOwner.action_id) == col(ActionPoint.id))
        .where(*conditions)
        .order_by(col(ActionPoint.id), col(ActionOwner.position))
    )


def _plan_items(
    rows: Iterable[Any],
    d: Reach,
    meetings: Mapping[int, tuple[str, date]],
    *,
    tz: ZoneInfo,
    today: date,
) -> Iterator[PlanItem]:
    """The rows of `_items_query`, an action's owners after one another, as items."""
    owners: list[Any] = []  # the rows of one action
    names: dict[str, tuple[str, ...]] = {}  # owner lists repeat: a chunk is colleagues
    for row in rows:
        if owners and row[0] != owners[0][0]:
            yield _plan_item(owners, names, d, meetings, tz=tz, today=today)
            owners = []
        owners.append(row)
    if owners:
        yield _plan_item(owners, names, d, meetings, tz=tz, today=today)


_NONE: frozenset[int] = frozenset()


def _plan_item(
    owners: list[Any],
    decoded: dict[str, tuple[str, ...]],
    d: Reach,
    meetings: Mapping[int, tuple[str, date]],
    *,
    tz: ZoneInfo,
    today: date,
) -> PlanItem:
    """The item of one action's rows of `_items_query` (one per owner, in order)."""
    (id_, forum, text, raw, due_phrase, due_date, status, meeting_id, source, ref) = owners[0][:10]
    updated, answered = owners[0][14], owners[0][15]
    names = decoded.get(raw)
    if names is None:
        names = decoded[raw] = tuple(json.loads(raw))
    reach: set[int] = set()
    orgs: set[int] = set()
    unresolved = []
    groups = []
    for row in owners:
        name, contact, group, organisation = row[10], row[11], row[12], row[13]
        if name is None:  # the one row of an action with no owner
            break
        if contact is not None:
            reach.add(contact)
            org = d.orgs_of.get(contact)
            if org is not None:
                orgs.add(org)
        elif group is not None:
            reach.update(d.members.get(group, ()))
            groups.append(name)
        elif organisation is not None:
            reach.update(d.focal.get(organisation, ()))
            orgs.add(organisation)
        else:
            unresolved.append(name)
    start = due_date
    if start and updated:
        changed = updated.astimezone(tz).date()
        if changed > start:
            start = changed
    late = (today - due_date).days if due_date else None
    meeting = meetings.get(meeting_id)
    # Forums, statuses and sources are few values over many items: one string each
    # (interned), not one per row, in the planner's memory and in what goes to a worker.
    item = Item(
        id=id_,
        forum=intern(forum),
        text=text,
        owners=names,
        organisations=tuple(sorted([d.org_names[o] for o in orgs])) if orgs else (),
        due_phrase=due_phrase,
        due_date=due_date,
        status=intern(status),
        days_overdue=late if late and late > 0 and status in OPEN else None,
        meeting_title=meeting[0] if meeting else None,
        meeting_date=meeting[1] if meeting else None,
        source=intern(source) if source else source,
        ref=ref,
        groups=tuple(groups),
    )
    return PlanItem(
        item=item,
        reach=frozenset(reach),
        leads=frozenset([c for o in orgs for c in d.leads.get(o, ())]) if orgs else _NONE,
        unresolved=tuple(unresolved),
        ladder_start=start,
        # When it was marked done: its last status change (an edit of its text is not).
        done_at=updated if status == "done" else None,
        answered_at=answered,
    )
