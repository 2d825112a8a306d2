"""A forum's meetings as the desk shows them: the upcoming ones (the register's and its
rule's, as planning sees them), those cancelled or moved, the past ones the register
holds, and the latest changes. Read-only; `register.meeting_changes` writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from reminder.config.settings import ForumSettings
from reminder.register.meeting_changes import MeetingChange, changes_of, meeting_rows
from reminder.register.models import Meeting
from reminder.service.forums import forum_meetings

UPCOMING = 6  # meetings shown ahead (a weekly forum has some 57 within the horizon)
PAST = 20


@dataclass(frozen=True)
class MeetingRow:
    """One meeting on the page. `state`: upcoming, cancelled, moved or held (past);
    `from_rule` when only the forum's rule says it (the register holds no row)."""

    day: date
    state: str
    from_rule: bool = False
    title: str = ""
    starts: str = ""
    place: str = ""
    moved_to: date | None = None
    source: str = ""


@dataclass(frozen=True)
class ForumCalendar:
    forum: str
    rule: str | None
    upcoming: tuple[MeetingRow, ...]
    past: tuple[MeetingRow, ...]
    changes: tuple[MeetingChange, ...]

    @property
    def next_meeting(self) -> MeetingRow | None:
        return next((m for m in self.upcoming if m.state == "upcoming"), None)

    def holds(self, day: date) -> bool:
        """Is a meeting held on `day` (an upcoming one, not cancelled)?"""
        return any(m.day == day and m.state == "upcoming" for m in self.upcoming)


def _row(meeting: Meeting, state: str) -> MeetingRow:
    assert meeting.date is not None
    return MeetingRow(
        day=meeting.date,
        state=state,
        title=meeting.title or "",
        starts=meeting.starts or "",
        place=meeting.place or "",
        moved_to=meeting.moved_to,
        source=meeting.source_file,
    )


def _state(meeting: Meeting, *, past: bool) -> str:
    if meeting.cancelled:
        return "moved" if meeting.moved_to else "cancelled"
    return "held" if past else "upcoming"


def forum_calendar(*, session: Session, rules: ForumSettings, today: date) -> ForumCalendar:
    """`rules.name`'s meetings around `today` (see the module docstring)."""
    held = {m.date: m for m in meeting_rows(session=session, forum=rules.name)}
    planned = forum_meetings(session=session, rules=rules, start=today)[:UPCOMING]
    ahead = [
        _row(held[day], "upcoming") if day in held else MeetingRow(day, "upcoming", from_rule=True)
        for day in planned
    ]
    last = planned[-1] if len(planned) == UPCOMING else None
    ahead += [
        _row(m, _state(m, past=False))
        for day, m in held.items()
        if day is not None and day >= today and m.cancelled and (last is None or day <= last)
    ]
    behind = [
        _row(m, _state(m, past=True)) for day, m in held.items() if day is not None and day < today
    ]
    return ForumCalendar(
        forum=rules.name,
        rule=rules.schedule.meeting_rule,
        upcoming=tuple(sorted(ahead, key=lambda m: m.day)),
        past=tuple(sorted(behind, key=lambda m: m.day, reverse=True)[:PAST]),
        changes=tuple(c.model_copy() for c in changes_of(session=session, forum=rules.name)),
    )
