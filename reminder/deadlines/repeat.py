"""Readers for meetings, recurring tasks and open-ended words (Shape.kind -> due date).

Part of reminder.deadlines, split from `rules` by phrase family; same contract:
a reader gets the match of a Shape's core and the Context, and returns a Reading.
"""

from __future__ import annotations

import re

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from reminder.deadlines.calendar import next_after
from reminder.deadlines.types import Context, Method, Reading
from reminder.deadlines.words import MONTH_NAMES, MONTHS, ORDINALS, WEEKDAY_NAMES, WEEKDAYS

NTH = (MO, TU, WE, TH, FR, SA, SU)


def read_next_meeting(match: re.Match[str], c: Context) -> Reading:
    if c.carried_over:  # the meeting after the one that raised the item is this one
        return c.meeting, Method.NEXT_MEETING, (), "next meeting after it was raised: this meeting"
    if c.next_meeting is None:
        return None, Method.NEXT_MEETING, ("next_meeting_unknown",), "next meeting, date not set"
    return c.next_meeting, Method.NEXT_MEETING, (), "next meeting"


def read_month_meeting(match: re.Match[str], c: Context) -> Reading:
    month = MONTHS[match["month"]]
    name = MONTH_NAMES[month - 1]
    if c.next_meeting is not None and c.next_meeting.month == month:
        return c.next_meeting, Method.NEXT_MEETING, (), f"the {name} meeting, the next one"
    return None, Method.NEXT_MEETING, ("next_meeting_unknown",), f"the {name} meeting, date not set"


def read_monthly_day(match: re.Match[str], c: Context) -> Reading:
    day = int(match["day"])
    if not 1 <= day <= 31:
        raise ValueError(f"no day {day} in a month")
    due = next_after(c.meeting, lambda d: d + relativedelta(day=day))
    return due, Method.RECURRING, (), f"day {day} of every month, next one after the meeting"


def read_day_of_month(match: re.Match[str], c: Context) -> Reading:
    day = int(match["day"])
    if not 1 <= day <= 31:
        raise ValueError(f"no day {day} in a month")
    due = next_after(c.meeting, lambda d: d + relativedelta(day=day))
    return due, Method.EXPLICIT_DATE, (), f"the {day} of the month, the next one after the meeting"


def read_weekly_day(match: re.Match[str], c: Context) -> Reading:
    weekday = WEEKDAYS[match["wd"]]
    due = c.meeting + relativedelta(days=1, weekday=weekday)
    return due, Method.RECURRING, (), f"every {WEEKDAY_NAMES[weekday]}, next one after the meeting"


def read_nth_weekday(match: re.Match[str], c: Context) -> Reading:
    n, weekday = ORDINALS[match["ord"]], WEEKDAYS[match["wd"]]
    anchor = relativedelta(day=31) if n < 0 else relativedelta(day=1)
    due = next_after(c.meeting, lambda d: d + anchor + relativedelta(weekday=NTH[weekday](n)))
    return due, Method.RECURRING, (), f"{match['ord']} {WEEKDAY_NAMES[weekday]} of every month"


def read_frequency(match: re.Match[str], c: Context) -> Reading:
    return None, Method.RECURRING, (), "recurring, no day given"


def read_open(match: re.Match[str], c: Context) -> Reading:
    return None, Method.OPEN_ENDED, (), "open-ended: no date to track"
