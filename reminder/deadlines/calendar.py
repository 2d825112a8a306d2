"""Calendar arithmetic for reading deadlines: working weeks, quarters, years that roll over.

Part of reminder.deadlines, which re-exports WorkWeek, MON_FRI and SUN_THU.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from reminder.deadlines.words import MONTH_NAMES

DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkWeek:
    """The working weekdays of a duty station, Monday=0 .. Sunday=6.

    A week starts on the day after the last weekend day: Monday for MON_FRI, Sunday for SUN_THU.
    """

    days: frozenset[int]

    def __post_init__(self) -> None:
        if not self.days or not self.days <= frozenset(range(7)):
            raise ValueError(f"working days must be a non-empty subset of 0..6: {self.days!r}")

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.days

    def week_start(self, day: date) -> date:
        """The first day of the week that contains day."""
        days = self.days
        first = next((d for d in range(7) if d in days and (d - 1) % 7 not in days), 0)
        return day - timedelta(days=(day.weekday() - first) % 7)

    def latest_working_day(self, first: date, last: date) -> date:
        """The latest working day in first..last (last itself if none of them is worked)."""
        day = last
        while day >= first:
            if self.is_working(day):
                return day
            day -= DAY
        return last

    def last_working_day_of_week(self, day: date) -> date:
        """The latest working day of the week containing day; it may fall before day."""
        start = self.week_start(day)
        return self.latest_working_day(start, start + 6 * DAY)

    def add_working_days(self, day: date, count: int) -> date:
        """The day count working days after day (the next working day for count=1)."""
        while count > 0:
            day += DAY
            if self.is_working(day):
                count -= 1
        return day


MON_FRI = WorkWeek(frozenset({0, 1, 2, 3, 4}))
SUN_THU = WorkWeek(frozenset({6, 0, 1, 2, 3}))


def in_year(
    make: Callable[[int], date],
    year: int | None,
    meeting: date,
    *,
    carried_over: bool,
    by_month: bool,
) -> tuple[date, tuple[str, ...]]:
    """The date in the given year, else the meeting's, else (already past) the next year's.

    Items carried over from an earlier meeting never roll: their date was set in the past.
    by_month: whether "past" means an earlier month (July at a mid-July meeting is not past).
    The flags are ("rolled_to_next_year",) when the date rolled, else ().
    """
    if year is not None:
        return make(year), ()
    try:
        due: date | None = make(meeting.year)
    except ValueError:  # 29 February outside a leap year
        if carried_over:
            raise
        due = None
    if due is not None:
        past = (due.year, due.month) < (meeting.year, meeting.month) if by_month else due < meeting
        if carried_over or not past:
            return due, ()
    return make(meeting.year + 1), ("rolled_to_next_year",)


def quarter_end(year: int, quarter: int) -> date:
    """The last day of quarter 1-4 of year."""
    return date(year, 3 * quarter, 1) + relativedelta(day=31)


def working_week_day(
    workweek: WorkWeek, meeting: date, weeks_ahead: int, weekday: int | None = None
) -> date:
    """A day of the meeting's week (+weeks_ahead): weekday if worked, else the last working day.

    In the meeting's own week (weeks_ahead=0) a day already past moves to the following week,
    and so does a named weekday that is the meeting day itself ("by Friday" said on a Friday).
    """
    start = workweek.week_start(meeting) + 7 * weeks_ahead * DAY
    for week_start in (start, start + 7 * DAY):
        if weekday is not None and weekday in workweek.days:
            due = week_start + ((weekday - week_start.weekday()) % 7) * DAY
        else:
            due = workweek.latest_working_day(week_start, week_start + 6 * DAY)
        if due > meeting or (due == meeting and weekday is None) or weeks_ahead:
            break
    return due


def next_after(meeting: date, occurrence: Callable[[date], date]) -> date:
    """The first occurrence strictly after the meeting; occurrence(d) is the one in d's month."""
    due = occurrence(meeting)
    return due if due > meeting else occurrence(meeting + relativedelta(months=1))


def show(day: date) -> str:
    """A date as notes show it: "9 Sep 2019"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"
