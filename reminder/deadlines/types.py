"""What reading a deadline gives (Method, Deadline) and what it reads against (Context).

Part of reminder.deadlines, which re-exports Method and Deadline.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from reminder.deadlines.calendar import WorkWeek


class Method(enum.StrEnum):
    """How a due date was read from its phrase."""

    EXPLICIT_DATE = "explicit_date"
    MONTH_END = "month_end"
    MID_MONTH = "mid_month"
    EARLY_MONTH = "early_month"
    WEEK = "week"
    QUARTER = "quarter"
    RELATIVE = "relative"
    WEEKDAY = "weekday"
    NEXT_MEETING = "next_meeting"
    EVENT = "event"
    RECURRING = "recurring"
    OPEN_ENDED = "open_ended"
    NO_ANCHOR = "no_anchor"  # needs the meeting date, and the document gives none
    UNPARSED = "unparsed"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written (phrase, trimmed) and as read (due, method, flags, note)."""

    phrase: str | None
    due: date | None
    method: Method
    flags: tuple[str, ...] = ()
    note: str = ""


class NeedsAnchor(Exception):
    """Raised by a reader that needs the meeting date when there is none."""


@dataclass(frozen=True)
class Context:
    """The meeting a phrase was written at, and how to read it there.

    `anchor` is the meeting date, or None when the document gives none: then `meeting`
    raises NeedsAnchor, so that only phrases that do not need it ("12 Sept 2019") are read.
    """

    anchor: date | None
    next_meeting: date | None
    workweek: WorkWeek
    month_first: bool
    carried_over: bool

    @property
    def meeting(self) -> date:
        if self.anchor is None:
            raise NeedsAnchor
        return self.anchor


Reading = tuple[date | None, Method, tuple[str, ...], str]  # due, method, flags, label for note
