"""Meetings a coordinator sets, moves or cancels (on the desk), each change kept.

Nothing is deleted: a cancelled meeting stays in the register as cancelled (so the
forum's rule no longer produces it and no pre-meeting reminder is timed on it), a
moved one is cancelled with `moved_to` naming the date it is held on instead. Every
change is a `MeetingChange` row naming who made it ("coordinator <address>") and when.
The caller owns the transaction and has checked that the coordinator keeps the forum.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, Session, SQLModel, col, select

from reminder.errors import InputError
from reminder.register.models import Meeting, timestamp

SOURCE = "desk"


class MeetingChange(SQLModel, table=True):
    """One change of one meeting: set (with its time and place), moved, or cancelled."""

    __tablename__ = "meeting_change"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    forum: str = Field(index=True)
    what: str  # set, move, cancel
    day: dt.date  # the meeting's date when the change was made
    moved_to: dt.date | None = None
    starts: str = ""
    place: str = ""
    author: str
    note: str = ""
    changed_at: dt.datetime = timestamp()


def _row(session: Session, *, forum: str, day: dt.date, now: dt.datetime) -> Meeting:
    """The register's meeting of `forum` on `day` (the first recorded), or a new one."""
    query = select(Meeting).where(Meeting.forum == forum, Meeting.date == day)
    found = session.exec(query.order_by(col(Meeting.id))).first()
    if found is not None:
        return found
    made = Meeting(forum=forum, date=day, source_file=SOURCE, created_at=now, updated_at=now)
    session.add(made)
    session.flush()
    return made


def _record(session: Session, meeting: Meeting, change: MeetingChange) -> None:
    """Keep `change` of `meeting` (flushed by _row, so it has its id)."""
    assert meeting.id is not None
    change.meeting_id, change.forum = meeting.id, meeting.forum
    session.add(change)


def _time(starts: str | None) -> str | None:
    """The time of day a form gave (H:MM or HH:MM) as HH:MM; InputError when it is none."""
    if not starts or not starts.strip():
        return None
    try:
        return dt.datetime.strptime(starts.strip(), "%H:%M").strftime("%H:%M")
    except ValueError:
        raise InputError(f"the time {starts[:40]!r} cannot be read (HH:MM)") from None


def schedule_meeting(
    *,
    session: Session,
    forum: str,
    day: dt.date,
    author: str,
    now: dt.datetime,
    starts: str | None = None,
    place: str | None = None,
    note: str = "",
) -> Meeting:
    """The meeting of `forum` on `day` is held (a cancelled one is restored), at `starts`
    ("HH:MM") and `place` when given; InputError for a time that cannot be read."""
    at, where = _time(starts), (place or "").strip()[:300] or None
    meeting = _row(session, forum=forum, day=day, now=now)
    meeting.cancelled, meeting.moved_to, meeting.updated_at = False, None, now
    meeting.starts = at or meeting.starts
    meeting.place = where or meeting.place
    session.add(meeting)
    change = MeetingChange(
        meeting_id=0, forum=forum, what="set", day=day, author=author, note=note, changed_at=now
    )
    change.starts, change.place = at or "", where or ""
    _record(session, meeting, change)
    return meeting


def move_meeting(
    *,
    session: Session,
    forum: str,
    day: dt.date,
    to: dt.date,
    author: str,
    now: dt.datetime,
    note: str = "",
) -> Meeting:
    """The meeting of `forum` on `day` is held on `to` instead: the one on `day` is kept
    as cancelled and moved, the one on `to` takes its title, time and place. Returns the
    meeting on `to`; InputError when `to` is `day`."""
    if to == day:
        raise InputError(f"the meeting is already on {day:%d %b %Y}: give another date")
    old = _row(session, forum=forum, day=day, now=now)
    new = _row(session, forum=forum, day=to, now=now)
    new.cancelled, new.moved_to, new.updated_at = False, None, now
    new.title = new.title or old.title
    new.starts, new.place = new.starts or old.starts, new.place or old.place
    old.cancelled, old.moved_to, old.updated_at = True, to, now
    session.add_all([old, new])
    change = MeetingChange(
        meeting_id=0, forum=forum, what="move", day=day, author=author, note=note, changed_at=now
    )
    change.moved_to = to
    _record(session, old, change)
    return new


def cancel_meeting(
    *, session: Session, forum: str, day: dt.date, author: str, now: dt.datetime, note: str = ""
) -> Meeting:
    """The meeting of `forum` on `day` is not held (kept, marked cancelled)."""
    meeting = _row(session, forum=forum, day=day, now=now)
    meeting.cancelled, meeting.moved_to, meeting.updated_at = True, None, now
    session.add(meeting)
    change = MeetingChange(
        meeting_id=0, forum=forum, what="cancel", day=day, author=author, note=note, changed_at=now
    )
    _record(session, meeting, change)
    return meeting


def meeting_rows(*, session: Session, forum: str) -> list[Meeting]:
    """The register's dated meetings of `forum`, by date (one per date: the first), as
    copies (read-only)."""
    query = select(Meeting).where(Meeting.forum == forum, col(Meeting.date).is_not(None))
    by_day: dict[dt.date, Meeting] = {}
    for meeting in session.exec(query.order_by(col(Meeting.date), col(Meeting.id))):
        assert meeting.date is not None
        kept = by_day.setdefault(meeting.date, meeting.model_copy())
        if meeting.cancelled and kept.id != meeting.id:
            # meeting_entries counts a date cancelled when any of its rows is: show it so
            kept.cancelled, kept.moved_to = True, kept.moved_to or meeting.moved_to
    return list(by_day.values())


def changes_of(*, session: Session, forum: str, limit: int = 50) -> list[MeetingChange]:
    """The latest changes of `forum`'s meetings, newest first."""
    query = (
        select(MeetingChange)
        .where(MeetingChange.forum == forum)
        .order_by(col(MeetingChange.changed_at).desc(), col(MeetingChange.id).desc())
    )
    return list(session.exec(query.limit(limit)))
