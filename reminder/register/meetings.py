"""Meetings as the register knows them: held, announced, moved or cancelled.

The service asks for each forum's meeting dates; coordinators set or cancel one
with `reminder meeting`. What the register says wins over a forum's recurrence rule.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from reminder.register.models import Meeting
from reminder.register.snapshot import MeetingEntry

if TYPE_CHECKING:  # the reader is for imports; a send run that reads meetings skips it
    from reminder.reading.resolve import ResolvedExtraction


def meeting_entries(*, session: Session, forum: str) -> list[MeetingEntry]:
    """Every meeting date the register holds for `forum`, held or announced."""
    entries: dict[date, bool] = {}
    for m in session.exec(select(Meeting).where(Meeting.forum == forum)):
        if m.date is not None:
            entries[m.date] = entries.get(m.date, False) or m.cancelled
        if m.next_meeting_date is not None:
            entries.setdefault(m.next_meeting_date, False)
    return [MeetingEntry(day, cancelled) for day, cancelled in sorted(entries.items())]


def set_meeting(
    *,
    session: Session,
    forum: str,
    day: date,
    cancelled: bool = False,
    title: str | None = None,
    now: datetime,
) -> Meeting:
    """Record (or cancel) the meeting of `forum` on `day`; returns the row."""
    stamp = now
    meeting = session.exec(
        select(Meeting).where(Meeting.forum == forum, Meeting.date == day).order_by(col(Meeting.id))
    ).first()
    if meeting is None:
        meeting = Meeting(
            forum=forum,
            date=day,
            source_file="reminder meeting",
            created_at=stamp,
            updated_at=stamp,
        )
    meeting.cancelled = cancelled
    meeting.title = title or meeting.title
    meeting.updated_at = stamp
    session.add(meeting)
    return meeting


def record_meeting(
    *, session: Session, resolved: ResolvedExtraction, forum: str, now: datetime
) -> Meeting | None:
    """The meeting an imported document records (added or updated), None when it names none."""
    info, source = resolved.meeting, resolved.extraction.source
    if info.date is None and info.title is None:
        return None
    meeting = session.exec(
        select(Meeting).where(Meeting.forum == forum, Meeting.date == info.date)
    ).first()
    if meeting is None:
        meeting = Meeting(
            forum=forum, date=info.date, source_file=source, created_at=now, updated_at=now
        )
    meeting.title = info.title or meeting.title
    meeting.next_meeting_date = info.next_meeting or meeting.next_meeting_date
    meeting.next_meeting_phrase = info.next_meeting_phrase or meeting.next_meeting_phrase
    meeting.source_file, meeting.updated_at = source, now
    session.add(meeting)
    session.flush()
    return meeting
