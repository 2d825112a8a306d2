"""The period a weekly notice counts in: the forum's working week, keyed by its first day.

A forum's working week starts on its first working day: Monday for Monday–Friday,
Sunday for Sunday–Thursday, Saturday for Saturday–Wednesday. When the working days are
not one run (e.g. Mon, Wed, Fri) the week starts after the longest run of days off;
when every day is a working day it starts on Monday. A period is named by the date its
week starts (`2023-08-13`), never by the ISO week, which splits a Sunday–Thursday week
in two.

A digest is one per contact across forums, so each contact's period is read in one
forum's week: that of the first (by name) of the forums of the items in the digest,
whatever forum's schedule triggered the run. A contact whose items are all in one forum
counts in that forum's week; one who spans a Monday–Friday and a Sunday–Thursday forum
gets one digest per week of the first by name, not one per week of each (and moves to
the other forum's week once nothing of the first is left open). The day that
is placed in that week is `DigestPeriod.at` read in that forum's time zone: for a
scheduled run the slot it was planned for (before a holiday moved it), for a manual
run the instant the run plans as of (`--now`, default now).

Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reminder.config.settings import ForumSettings

__all__ = ["DigestPeriod", "first_working_weekday", "week_start"]


def first_working_weekday(working_days: Iterable[int]) -> int:
    """The weekday (Monday=0) a forum's working week starts on (see the module docstring).

    Raises ValueError for an empty set of working days.
    """
    days = set(working_days)
    if not days:
        raise ValueError("a forum needs at least one working day")
    if len(days) == 7:
        return 0
    starts = [d for d in sorted(days) if (d - 1) % 7 not in days]

    def days_off_before(day: int) -> int:
        gap = 1
        while (day - gap - 1) % 7 not in days:
            gap += 1
        return gap

    # The longest gap first; among equal gaps, the earliest weekday (sorted, stable).
    return max(starts, key=days_off_before)


def week_start(day: date, working_days: Iterable[int]) -> date:
    """The first day of the forum's working week that contains `day` (which may be a day
    off: Friday and Saturday belong to the Sunday–Thursday week before them)."""
    first = first_working_weekday(working_days)
    return day - timedelta(days=(day.weekday() - first) % 7)


@dataclass(frozen=True)
class DigestPeriod:
    """How a digest run dates each contact's period.

    `at`: the instant placed in a week (the planned slot, or `now` for a manual run).
    `forums`: every forum's rules by name, for its working week and time zone; a forum
    not in it is read with the run's rules.
    """

    at: datetime
    forums: Mapping[str, ForumSettings] = field(default_factory=dict)

    def start(self, forums: Iterable[str], fallback: ForumSettings) -> date:
        """The start of the period of a digest over items of `forums`."""
        names = sorted(set(forums))
        rules = self.forums.get(names[0], fallback) if names else fallback
        local = self.at.astimezone(ZoneInfo(rules.timezone)).date()
        return week_start(local, rules.working_days)
