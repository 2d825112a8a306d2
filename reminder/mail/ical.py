"""iCalendar (RFC 5545) for people's calendars: deadlines and meetings as all-day events.

Used by the calendar feed behind a contact's signed link and for the `.ics` attached
to a pre-meeting reminder. Each event's UID is derived from what it stands for, so a
calendar that reads the feed again updates its events instead of adding copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class Entry:
    uid: str  # stable: "action-12", "meeting-CXB CPSS-2023-07-17"
    day: date
    summary: str
    description: str = ""


def calendar(entries: Iterable[Entry], *, name: str, domain: str, now: datetime) -> bytes:
    """A VCALENDAR of all-day events, stamped `now`."""
    # Imported here: icalendar costs 30-70 ms to import, and a digest run (its render
    # worker too) never attaches an invitation.
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//actionpoint-reminder//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid.replace(' ', '-')}@{domain}")
        event.add("dtstamp", now)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary[:200])
        if entry.description:
            event.add("description", entry.description[:2000])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
