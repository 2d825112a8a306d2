"""The next meeting's "Review of previous action points": which items, and what is new.

The items are a forum's actions from before the meeting that are still open, and those
whose closing speaks for a day after the last meeting (so that the meeting sees them
closed; those closed at the last meeting were reviewed then). Each carries its
latest status and the updates received since the last meeting (answers by mail link,
coordinators' notes), oldest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlmodel import Session, col, select

from reminder.register.models import (
    ActionOwner,
    ActionPoint,
    Contact,
    Meeting,
    Organisation,
    StatusChange,
)
from reminder.register.snapshot import OPEN

STATUS_WORDS = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "cancelled": "Cancelled",
}
ANSWER_WORDS = ("done", "in_progress", "new_date", "comment")  # notes that say nothing more


@dataclass(frozen=True)
class ReviewItem:
    id: int
    number: str  # the tracker's own id, else the register's
    agenda: str  # the agenda item (section) it was agreed under
    organisations: tuple[str, ...]
    text: str
    responsible: str
    deadline: str
    status: str
    update: str


def last_meeting(*, session: Session, forum: str, before: date) -> date | None:
    """The forum's last meeting held before `before`, if the register knows one."""
    query = select(Meeting).where(
        Meeting.forum == forum, col(Meeting.date) < before, col(Meeting.cancelled).is_(False)
    )
    return max((m.date for m in session.exec(query) if m.date is not None), default=None)


def review_items(*, session: Session, forum: str, meeting: date) -> list[ReviewItem]:
    """The items to review at `forum`'s meeting of `meeting`, by agenda item then id."""
    since = last_meeting(session=session, forum=forum, before=meeting)
    start = datetime.combine(since, time(), tzinfo=UTC) if since else None
    held = {m.id: m.date for m in session.exec(select(Meeting).where(Meeting.forum == forum))}
    actions = [
        a
        for a in session.exec(
            select(ActionPoint).where(
                ActionPoint.forum == forum, col(ActionPoint.merged_into).is_(None)
            )
        )
        if (held.get(a.meeting_id) or date.min) < meeting
    ]
    ids = [a.id for a in actions if a.id is not None]
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    # What came after the minutes: answers by mail link, coordinators' commands.
    query = select(StatusChange).where(
        col(StatusChange.action_id).in_(ids), col(StatusChange.author) != "import"
    )
    if start is not None:
        query = query.where(col(StatusChange.changed_at) >= start)
    for change in session.exec(query.order_by(col(StatusChange.changed_at))):
        changes[change.action_id].append(change)
    organisations = _organisations(session, ids)
    out = []
    for a in actions:
        assert a.id is not None
        recent = changes.get(a.id, [])
        closed_since = since is not None and a.status_as_of is not None and (
            a.status_as_of.date() > since
        )
        if a.status not in OPEN and not closed_since:
            continue  # closed at or before the last meeting: reviewed then
        out.append(
            ReviewItem(
                id=a.id,
                number=a.ref or str(a.id),
                agenda=a.section or "",
                organisations=organisations.get(a.id, ()),
                text=a.text,
                responsible=a.owners_raw or ", ".join(a.owners),
                deadline=a.due_date.isoformat() if a.due_date else (a.due_phrase or ""),
                status=STATUS_WORDS.get(a.status, a.status),
                update=_updates(a, recent),
            )
        )
    return sorted(out, key=lambda i: (i.agenda.lower(), i.id))


def _organisations(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Each action's organisations: those that own it, and those of its named people."""
    names = {o.id: o.acronym or o.name for o in session.exec(select(Organisation))}
    staff = {c.id: c.organisation_id for c in session.exec(select(Contact))}
    found: dict[int, list[str]] = defaultdict(list)
    for owner in session.exec(select(ActionOwner).where(col(ActionOwner.action_id).in_(ids))):
        org = owner.organisation_id or staff.get(owner.contact_id)
        name = names.get(org) if org is not None else None
        if name and name not in found[owner.action_id]:
            found[owner.action_id].append(name)
    return {a: tuple(n) for a, n in found.items()}


def _updates(action: ActionPoint, changes: list[StatusChange]) -> str:
    lines = [f"{action.remarks}"] if action.remarks else []
    for c in changes:
        note = "" if c.note in ANSWER_WORDS else c.note
        what = STATUS_WORDS.get(c.new_status, c.new_status)
        who = c.author.removeprefix("focal point ").removeprefix("coordinator ")
        lines.append(f"{c.changed_at:%d %b}: {what}{f' – {note}' if note else ''} ({who})")
    return "\n".join(lines)
