"""When the service sends each kind of notice, per forum (part of the configuration).

[rules.schedule]                  # or [forums."CXB CPSS".schedule]
digest = "sun 09:00"              # weekly digest: weekday and time, forum time zone
escalations = "08:30"             # daily escalation scan, on working days
pre_meeting = "09:00"             # pre-meeting reminder, pre_meeting_days working days before
report = "09:00"                  # coordinator report ...
report_days = 2                   # ... this many working days before the next meeting
meeting_rule = "FREQ=MONTHLY;BYDAY=+3MO;BYHOUR=10"   # when meetings recur (RFC 5545)
catch_up_hours = 24               # on start, send what was missed this recently
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from reminder.config.reader import At, Reader

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(?:(?P<day>[a-z]{3})[a-z]*\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})$")
KEYS = (
    "digest",
    "escalations",
    "pre_meeting",
    "report",
    "report_days",
    "meeting_rule",
    "catch_up_hours",
)


@dataclass(frozen=True)
class ScheduleSettings:
    """A forum's sending times. A time of None switches that kind of notice off."""

    digest_weekday: int = 0  # Monday=0
    digest_time: time | None = time(9, 0)
    escalation_time: time | None = time(8, 30)
    pre_meeting_time: time | None = time(9, 0)
    report_time: time | None = time(9, 0)
    report_days: int = 2
    meeting_rule: str | None = None
    catch_up_hours: int = 24


def read_schedule(r: Reader, t: dict[str, Any], at: At, base: ScheduleSettings) -> ScheduleSettings:
    """The `schedule` table inside rules or a forum table; problems go to `r`."""
    raw = t.get("schedule")
    if raw is None:
        return base
    where = (f"{at[0]}.schedule", at[1])
    if not isinstance(raw, dict):
        r.problem(at[0], "schedule", "must be a table", at[1])
        return base
    for key in raw:
        if key not in KEYS:
            r.problem(
                where[0],
                key,
                f"is not a known setting (expected one of: {', '.join(KEYS)})",
                where[1],
            )
    out = base
    if "digest" in raw:
        day, at_time = _when(r, raw, where, "digest", weekly=True)
        out = replace(
            out, digest_weekday=base.digest_weekday if day is None else day, digest_time=at_time
        )
    if "escalations" in raw:
        out = replace(out, escalation_time=_when(r, raw, where, "escalations", weekly=False)[1])
    if "pre_meeting" in raw:
        out = replace(out, pre_meeting_time=_when(r, raw, where, "pre_meeting", weekly=False)[1])
    if "report" in raw:
        out = replace(out, report_time=_when(r, raw, where, "report", weekly=False)[1])
    rule = r.str_in(raw, where, "meeting_rule")
    if rule is not None and _check_rule(r, rule, where):
        out = replace(out, meeting_rule=rule)
    return replace(
        out,
        report_days=r.integer(raw, where, "report_days", 0, 30, base.report_days),
        # 0 would leave no moment at which a slot is due: at least one hour.
        catch_up_hours=r.integer(raw, where, "catch_up_hours", 1, 24 * 14, base.catch_up_hours),
    )


def _when(
    r: Reader, raw: dict[str, Any], where: At, key: str, *, weekly: bool
) -> tuple[int | None, time | None]:
    value = raw[key]
    if value is False or value == "off":
        return None, None
    expected = "'sun 09:00'" if weekly else "'08:30'"
    match = _TIME.match(str(value).strip().lower()) if isinstance(value, str) else None
    day = match.group("day") if match else None
    if (
        match is None
        or (day is not None and (not weekly or day not in _DAYS))
        or int(match.group("h")) > 23
        or int(match.group("m")) > 59
    ):
        r.problem(
            where[0], key, f'is {value!r}; expected a time such as {expected}, or "off"', where[1]
        )
        return None, None
    at_time = time(int(match.group("h")), int(match.group("m")))
    return (_DAYS.index(day) if day else None), at_time


def _check_rule(r: Reader, rule: str, where: At) -> bool:
    from dateutil.rrule import rrulestr

    try:
        parsed = rrulestr(rule, dtstart=datetime(2024, 1, 1))
        first = parsed.after(datetime(2024, 1, 1), inc=True)
        second = parsed.after(first) if first is not None else None
    except (ValueError, TypeError) as exc:
        r.problem(
            where[0],
            "meeting_rule",
            f"is not a recurrence rule ({exc}); expected e.g. 'FREQ=MONTHLY;BYDAY=+3MO;BYHOUR=10'",
            where[1],
        )
        return False
    # Meetings are days apart: a rule firing more often than daily (FREQ=HOURLY, a typo
    # for MONTHLY) would plan a pre-meeting notice every hour.
    if first is not None and second is not None and second - first < timedelta(days=1):
        r.problem(
            where[0],
            "meeting_rule",
            f"fires more often than daily ({first:%H:%M} and {second:%H:%M} on "
            f"{first:%d %b %Y}); expected meetings at least a day apart, e.g. 'FREQ=WEEKLY'",
            where[1],
        )
        return False
    return True
