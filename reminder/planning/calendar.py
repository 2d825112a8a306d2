"""Working days and meeting dates of a forum: weekends, public holidays, recurrence rules.

Pure: nothing here reads the clock or does I/O. Public holidays come from the `holidays`
package, which computes them per year on first use (no network).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import holidays
from dateutil.rrule import rrulestr

from reminder.register.snapshot import MeetingEntry

DAY = timedelta(days=1)
# A search for a working day gives up after this many days: with at least one working
# weekday and real holiday tables it is never reached; hitting it means broken data.
_SEARCH_LIMIT = 366
# Rules are expanded from a fixed anchor rather than from the queried window, so that a
# rule with INTERVAL>1 keeps the same phase whatever window is asked for. A DTSTART line
# in the rule text overrides it.
_RULE_ANCHOR = datetime(2000, 1, 1)
# A register meeting this close to a rule occurrence stands in for it (moved or cancelled).
REPLACES_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class WorkingCalendar:
    """The working weekdays (Monday=0) of a duty station and its country's public holidays.

    `country` is an ISO 3166 code the `holidays` package knows, or None for no holidays;
    an unknown code raises ValueError. Working days must be a non-empty subset of 0..6.
    """

    working_days: frozenset[int]
    country: str | None = None
    _holidays: holidays.HolidayBase | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.working_days or not self.working_days <= frozenset(range(7)):
            raise ValueError(
                f"working days must be a non-empty subset of 0..6: {sorted(self.working_days)}"
            )
        table = None
        if self.country is not None:
            try:
                table = holidays.country_holidays(self.country.upper())
            except NotImplementedError as exc:
                raise ValueError(f"no public holidays known for country {self.country!r}") from exc
        # The holiday table expands itself year by year as days are looked up, so it is
        # built once per calendar; it is a cache, not part of the calendar's value.
        object.__setattr__(self, "_holidays", table)

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on `day`, or None."""
        if self._holidays is None:
            return None
        name = self._holidays.get(day)
        return None if name is None else str(name)

    def is_working(self, day: date) -> bool:
        """True when `day` is a working weekday and not a public holiday."""
        return day.weekday() in self.working_days and self.holiday(day) is None

    def next_working(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        for offset in range(_SEARCH_LIMIT):
            candidate = day + offset * DAY
            if self.is_working(candidate):
                return candidate
        raise ValueError(f"no working day within {_SEARCH_LIMIT} days after {day}")

    def previous_working(self, day: date) -> date:
        """`day` itself when it is a working day, else the last working day before it."""
        for offset in range(_SEARCH_LIMIT):
            candidate = day - offset * DAY
            if self.is_working(candidate):
                return candidate
        raise ValueError(f"no working day within {_SEARCH_LIMIT} days before {day}")

    def working_days_before(self, day: date, n: int) -> date:
        """The n-th working day before `day`, counting only days strictly before it.

        n=0 gives `day` itself when it is a working day, else the previous working day.
        So for a non-working `day`, n=0 and n=1 give the same date (the last working day
        before it). Raises ValueError for a negative n.
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        if n == 0:
            return self.previous_working(day)
        for _ in range(n):
            day = self.previous_working(day - DAY)
        return day


def make_calendar(*, working_days: Iterable[int], country: str | None) -> WorkingCalendar:
    """A calendar from configuration values (`ForumSettings.working_days`, `.country`)."""
    return WorkingCalendar(frozenset(working_days), country)


def upcoming_meetings(
    *, register: Sequence[MeetingEntry], rule: str | None, start: date, end: date
) -> list[date]:
    """Meeting dates in [start, end], sorted, unique.

    The register's meetings that are not cancelled, plus the rule's occurrences, except
    those the register replaces: a register meeting (held, moved or cancelled) on a rule
    date stands for that occurrence; one on another date stands for the nearest
    occurrence within 7 days. The register wins over the rule.

    `rule` is an RFC 5545 RRULE, with or without the "RRULE:" prefix; it is expanded from
    2000-01-01 unless it carries its own DTSTART line (use one to fix the phase of an
    INTERVAL>1 rule). Raises ValueError for a rule dateutil cannot read.
    """
    # Occurrences just outside the window matter: they decide whether a register meeting
    # is on the rule, and so what it replaces.
    occurrences = _occurrences(rule, start - REPLACES_WITHIN, end + REPLACES_WITHIN)
    on_rule = set(occurrences)
    moved = [e.date for e in register if e.date not in on_rule]
    replaced = {e.date for e in register if e.date in on_rule}
    # A moved meeting replaces one occurrence: the nearest within a week (a weekly forum
    # that moves Tuesday's meeting to Wednesday still meets the Tuesday after).
    for meeting in moved:
        near = [o for o in occurrences if abs(o - meeting) <= REPLACES_WITHIN and o not in replaced]
        if near:
            replaced.add(min(near, key=lambda o: (abs(o - meeting), o)))
    dates = {e.date for e in register if not e.cancelled}
    dates.update(o for o in occurrences if o not in replaced)
    return sorted(d for d in dates if start <= d <= end)


def _occurrences(rule: str | None, start: date, end: date) -> list[date]:
    """The dates of the rule's occurrences in [start, end]."""
    if rule is None or not rule.strip():
        return []
    parsed = rrulestr(rule.strip(), dtstart=_RULE_ANCHOR)
    # A DTSTART with a TZID makes the occurrences aware; the window must match them, and
    # the dates are then the rule's own local dates.
    first = next(iter(parsed), None)
    if first is None:
        return []
    tz = first.tzinfo
    window = (datetime.combine(start, time.min, tz), datetime.combine(end, time.max, tz))
    return sorted({o.date() for o in parsed.between(*window, inc=True)})
