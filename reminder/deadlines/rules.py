"""One reader per kind of deadline phrase (Shape.kind): the due date a matched phrase means.

Part of reminder.deadlines. A reader gets the match of a
Shape's core against the whole phrase and the Context it was written in, and returns a
Reading: (due or None, method, flags, label for the note). It may raise ValueError for a
date that does not exist ("31 June").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta

from reminder.deadlines.calendar import DAY, in_year, quarter_end, show, working_week_day
from reminder.deadlines.patterns import DATE_CORES
from reminder.deadlines.repeat import (
    read_day_of_month,
    read_frequency,
    read_month_meeting,
    read_monthly_day,
    read_next_meeting,
    read_nth_weekday,
    read_open,
    read_weekly_day,
)
from reminder.deadlines.types import Context, Method, Reading
from reminder.deadlines.words import MONTH_NAMES, MONTHS, NUMBERS, ORDINALS, WEEKDAY_NAMES, WEEKDAYS

_Reader = Callable[[re.Match[str], Context], Reading]


def _year_of(match: re.Match[str]) -> int | None:
    """The year written in the phrase ("2023" or "'23"), or None."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    return 2000 + int(groups["yy"]) if groups.get("yy") else None


def _rolled(
    make: Callable[[int], date], match: re.Match[str], c: Context, *, by_month: bool
) -> tuple[date, tuple[str, ...]]:
    """The date in the phrase's year, else in the year `in_year` picks for this meeting."""
    year = _year_of(match)
    if year is not None:
        return make(year), ()
    return in_year(make, None, c.meeting, carried_over=c.carried_over, by_month=by_month)


def _day_month(match: re.Match[str], c: Context) -> tuple[int, int, tuple[str, ...]]:
    """(day, month, flags) of a date match: named month, ISO, or numeric day-first."""
    groups = match.groupdict()
    if groups.get("month"):
        return int(groups["day"]), MONTHS[groups["month"]], ()
    if groups.get("iso_month"):
        return int(groups["iso_day"]), int(groups["iso_month"]), ()
    first, second = int(groups["a"]), int(groups["b"])
    # A first number above 12 can only be a day; a second above 12 can only be a day too.
    if first <= 12 and (c.month_first or second > 12):
        return second, first, ("month_first",)
    return first, second, ()


def _explicit(match: re.Match[str], c: Context) -> tuple[date, tuple[str, ...]]:
    """The date of a date match, flagged if its weekday is wrong or its year rolled."""
    day, month, flags = _day_month(match, c)
    due, rolled = _rolled(lambda y: date(y, month, day), match, c, by_month=False)
    weekday = match.groupdict().get("wd")
    if weekday and WEEKDAYS[weekday] != due.weekday():
        flags += ("weekday_mismatch",)
    return due, flags + rolled


def _read_date(match: re.Match[str], c: Context) -> Reading:
    due, flags = _explicit(match, c)
    return due, Method.EXPLICIT_DATE, flags, "date as written"


def _read_week_of(match: re.Match[str], c: Context) -> Reading:
    inner = next((m for p in DATE_CORES if (m := p.fullmatch(match["inner"]))), None)
    if inner is None:
        raise ValueError(f"no date after 'week of': {match['inner']!r}")
    day, flags = _explicit(inner, c)
    due = c.workweek.last_working_day_of_week(day)
    return due, Method.WEEK, flags, f"last working day of the week of {show(day)}"


def _read_week_of_month(match: re.Match[str], c: Context) -> Reading:
    n, month = ORDINALS[match["ord"]], MONTHS[match["month"]]

    def make(year: int) -> date:
        first = date(year, month, 1)
        start = first + relativedelta(day=31, days=-6) if n < 0 else first + 7 * (n - 1) * DAY
        return c.workweek.latest_working_day(start, start + 6 * DAY)

    due, flags = _rolled(make, match, c, by_month=True)
    which = f"{'last' if n < 0 else match['ord']} week of {MONTH_NAMES[month - 1]}"
    return due, Method.WEEK, flags, f"last working day of the {which}"


def _read_month(match: re.Match[str], c: Context) -> Reading:
    month = MONTHS[match["month"]]
    flags: tuple[str, ...] = ()
    day, method, label = 31, Method.MONTH_END, "end of"
    if match["mid"] is not None:
        day, method, flags, label = 15, Method.MID_MONTH, ("approximate",), "mid"
    elif match["early"] is not None:
        day, method, flags, label = 10, Method.EARLY_MONTH, ("approximate",), "early"
    elif match["late"] is not None:
        flags, label = ("approximate",), "late"
    year = _year_of(match)
    due, rolled = _rolled(
        lambda y: date(y, month, 1) + relativedelta(day=day), match, c, by_month=True
    )
    label = f"{label} {MONTH_NAMES[month - 1]}" + (f" {year}" if year else "")
    return due, method, flags + rolled, label


def _read_quarter(match: re.Match[str], c: Context) -> Reading:
    quarter = int(match["q"]) if match["q"] else ORDINALS[match["ord"]] % 5
    due, flags = _rolled(lambda y: quarter_end(y, quarter), match, c, by_month=False)
    return due, Method.QUARTER, flags, f"end of Q{quarter}"


def _read_this_quarter(match: re.Match[str], c: Context, ahead: int = 0) -> Reading:
    start = c.meeting + relativedelta(months=3 * ahead)
    quarter = (start.month - 1) // 3 + 1
    which = "next" if ahead else "this"
    return quarter_end(start.year, quarter), Method.QUARTER, (), f"end of {which} quarter"


def _read_half(match: re.Match[str], c: Context) -> Reading:
    half = int(match["h"]) if match["h"] else 1 + (match["half"] in ("second", "2nd"))
    due, flags = _rolled(lambda y: quarter_end(y, 2 * half), match, c, by_month=False)
    return due, Method.QUARTER, flags, f"end of H{half}"


def _read_year_end(match: re.Match[str], c: Context, ahead: int = 0) -> Reading:
    year = _year_of(match) or c.meeting.year + ahead
    return date(year, 12, 31), Method.QUARTER, (), f"end of {year}"


def _read_month_end(match: re.Match[str], c: Context, ahead: int = 0) -> Reading:
    due = c.meeting + relativedelta(months=ahead, day=31)
    return due, Method.MONTH_END, (), f"end of {'next' if ahead else 'this'} month"


def _read_relative(match: re.Match[str], c: Context) -> Reading:
    n = int(match["d"]) if match["d"] else NUMBERS[match["n"]]
    if match["working"] and match["days"]:
        due = c.workweek.add_working_days(c.meeting, n)
        return due, Method.RELATIVE, (), f"{n} working days after the meeting"
    unit = next(u for u in ("days", "weeks", "fortnights", "months", "years", "hours") if match[u])
    if unit == "hours":  # "within 48 hours": by the end of the day those hours run into
        n, unit = -(-n // 24), "days"
    days = n * {"days": 1, "weeks": 7, "fortnights": 14}.get(unit, 0)
    months = n * {"months": 1, "years": 12}.get(unit, 0)
    due = c.meeting + relativedelta(months=months, days=days)
    return due, Method.RELATIVE, (), f"{n} {unit[:-1] if n == 1 else unit} after the meeting"


def _read_this_week(match: re.Match[str], c: Context, ahead: int = 0) -> Reading:
    which = "following" if ahead else "meeting's"
    due = working_week_day(c.workweek, c.meeting, ahead)
    return due, Method.WEEK, (), f"last working day of the {which} week"


def _read_weekday(match: re.Match[str], c: Context) -> Reading:
    weekday = WEEKDAYS[match["wd"]]
    if weekday == 4:  # "by Friday" is said for the end of the working week, whatever it is
        due = working_week_day(c.workweek, c.meeting, 0, weekday)
        return due, Method.WEEKDAY, (), "Friday, i.e. the end of the working week"
    due = c.meeting + relativedelta(days=1, weekday=weekday)
    flags = () if weekday in c.workweek.days else ("non_working_day",)
    return due, Method.WEEKDAY, flags, f"next {WEEKDAY_NAMES[weekday]} after the meeting"


def _read_today(match: re.Match[str], c: Context) -> Reading:
    return c.meeting, Method.RELATIVE, (), "the meeting day"


def _read_tomorrow(match: re.Match[str], c: Context) -> Reading:
    return c.workweek.add_working_days(c.meeting, 1), Method.RELATIVE, (), "next working day"


def _ahead(reader: Callable[[re.Match[str], Context, int], Reading]) -> _Reader:
    return lambda match, c: reader(match, c, 1)


READERS: dict[str, _Reader] = {
    "open": read_open,
    "date": _read_date,
    "week_of": _read_week_of,
    "week_of_month": _read_week_of_month,
    "month": _read_month,
    "quarter": _read_quarter,
    "this_quarter": _read_this_quarter,
    "next_quarter": _ahead(_read_this_quarter),
    "half": _read_half,
    "year_end": _read_year_end,
    "next_year_end": _ahead(_read_year_end),
    "this_month": _read_month_end,
    "next_month": _ahead(_read_month_end),
    "relative": _read_relative,
    "this_week": _read_this_week,
    "next_week": _ahead(_read_this_week),
    "weekday": _read_weekday,
    "today": _read_today,
    "tomorrow": _read_tomorrow,
    "next_meeting": read_next_meeting,
    "month_meeting": read_month_meeting,
    "monthly_day": read_monthly_day,
    "day_of_month": read_day_of_month,
    "weekly_day": read_weekly_day,
    "nth_weekday": read_nth_weekday,
    "frequency": read_frequency,
}
