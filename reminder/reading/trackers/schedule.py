"""A tracker's meeting dates: what "next meeting" means for each row.

The dates come from three places: a schedule sheet (a sheet without an action column,
named for meetings or with a "Meeting date" column), the rows' own "Date raised"
cells, and a "Next meeting: <date>" line in the title rows. For a row raised at one
meeting, the next meeting is the first of these dates after it (`with_next_meetings`);
for a row without a date raised, the stated next meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Final

from reminder.reading.extraction import ExtractedAction
from reminder.reading.trackers.cells import SheetRow, blank
from reminder.reading.trackers.dates import to_date
from reminder.reading.trackers.headers import SCAN_ROWS, classify

_NEXT: Final = re.compile(
    r"\b(?:next|prochaine|pr[óo]xima|siguiente)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:meeting|réunion|reunion|reuni[óo]n|call|session|sesi[óo]n)\b(?P<rest>.*)",
    re.I,
)
_DATE_TEXT: Final = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}|"
    r"[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
)


def stated_next_meeting(rows: Iterable[SheetRow]) -> date | None:
    """The date of a "Next meeting: ..." line in `rows` (a sheet's title rows), if any."""
    for row in rows:
        for value in row.values:
            if isinstance(value, str) and (match := _NEXT.search(value)):
                for found in _DATE_TEXT.finditer(match["rest"]):
                    text = found.group().replace(" de ", " ").replace("st ", " ")
                    when = to_date(text) or to_date(found.group())
                    if when is not None:
                        return when
    return None


_MEETINGS: Final = re.compile(
    r"meeting|r[ée]union|reuni[óo]n|schedule|calend|sesi[óo]n|s[ée]ance|sessions?\b", re.I
)


def schedule_dates(rows: Sequence[SheetRow], name: str) -> list[date]:
    """The dates of a schedule sheet: the cells under its meeting-date header, if it has one.

    A sheet is a schedule when its name or that header says meetings ("Meetings",
    "Calendar", "Meeting date"): a bare "Date" column elsewhere may date anything.
    """
    for index, row in enumerate(rows[:SCAN_ROWS]):
        columns = [
            col
            for col, value in enumerate(row.values)
            if (match := classify(value)) is not None
            and match.field == "meeting_date"
            and (_MEETINGS.search(name) or _MEETINGS.search(str(value)))
        ]
        for col in columns:  # "Meeting" may name the meeting, "Date" its date
            cells = (r.values[col] for r in rows[index + 1 :] if col < len(r.values))
            dates = [d for value in cells if not blank(value) and (d := to_date(value))]
            if dates:
                return dates
    return []


def with_next_meetings(
    actions: Sequence[ExtractedAction], schedule: Iterable[date], stated: date | None
) -> list[ExtractedAction]:
    """The actions, each with the next meeting after the one it was raised at."""
    raised_dates = {a.meeting_date for a in actions if a.meeting_date is not None}
    known = sorted({*schedule, *raised_dates, *((stated,) if stated else ())})
    out = []
    for action in actions:
        raised = action.meeting_date
        nxt = stated if raised is None else next((d for d in known if d > raised), None)
        out.append(replace(action, next_meeting=nxt) if nxt else action)
    return out
