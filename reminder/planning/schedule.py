"""When each of a forum's jobs runs: digests, escalations, pre-meeting reminders, reports.

Pure: every function is a function of its arguments (no clock, no I/O); the scheduler
service asks for slots and decides what to do with them.

Slots are aware datetimes in the forum's time zone, built from a local day and the
configured local time, so a 09:00 slot stays 09:00 local across daylight-saving changes.
A local time that does not exist (the spring-forward gap) is read the way zoneinfo reads
fold=0, with the offset in force before the change, and then normalised: 02:30 on the
night clocks go from 02:00 to 03:00 becomes 03:30 summer time. A time that occurs twice
(autumn) is the first one (summer time). Slots compare and sort as instants, so the
`done` container of `missed_slots` may hold them in any time zone, as long as aware.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reminder.config.schedule import ScheduleSettings
from reminder.config.settings import ForumSettings
from reminder.planning.calendar import DAY, WorkingCalendar
from reminder.planning.notices import Kind

WEEK = timedelta(days=7)
# next_slot looks a week ahead first (daily and weekly jobs), then up to this far, which
# covers a yearly meeting rule.
LOOK_AHEAD = (timedelta(days=8), timedelta(days=400))
# previous_slot looks back this far beyond the forum's catch-up window.
LOOK_BACK = timedelta(days=14)
# A weekly digest can be pushed forward by a run of holidays and weekend; a month covers
# the longest (e.g. Eid next to a weekend) with room to spare.
_DIGEST_PUSH = timedelta(days=31)
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Job:
    """One kind of notice for one forum; `id` is f"{forum}:{kind.value}"."""

    id: str
    forum: str
    kind: Kind


def jobs_for(forum: ForumSettings) -> list[Job]:
    """The forum's jobs: one per kind whose time is configured (not None), in Kind order."""
    return [
        Job(f"{forum.name}:{kind.value}", forum.name, kind)
        for kind in Kind
        if _time_of(kind, forum.schedule) is not None
    ]


def slots(
    job: Job,
    forum: ForumSettings,
    *,
    calendar: WorkingCalendar,
    meetings: Sequence[date],
    start: datetime,
    end: datetime,
) -> list[datetime]:
    """The job's run times in [start, end) (aware datetimes in the forum's time zone), sorted.

    DIGEST: every week on schedule.digest_weekday at digest_time; when that day is not a
            working day, the next working day at the same time.
    ESCALATION: every working day at escalation_time.
    PRE_MEETING: for each meeting m in `meetings`: the pre_meeting_days-th working day
            before m (calendar.working_days_before) at pre_meeting_time.
    REPORT: for each meeting m: the report_days-th working day before m at report_time.

    Two meetings (or two digest weeks) that fall on the same run time give one slot.
    A kind whose time is None has no slots. `start` and `end` must be aware (any zone);
    raises ValueError otherwise, or when `job` belongs to another forum.
    """
    _require_aware(start=start, end=end)
    if job.forum != forum.name:
        raise ValueError(f"job {job.id!r} is not a job of forum {forum.name!r}")
    at = _time_of(job.kind, forum.schedule)
    if at is None or end <= start:
        return []
    tz = ZoneInfo(forum.timezone)
    # One day of margin each side: the window's bounds may be given in another zone, and
    # a gap-normalised time may move by an hour.
    first = start.astimezone(tz).date() - DAY
    last = end.astimezone(tz).date() + DAY
    runs = {_local(day, at, tz) for day in _days(job.kind, forum, calendar, meetings, first, last)}
    low, high = _instant(start), _instant(end)
    return sorted((r for r in runs if low <= _instant(r) < high), key=_instant)


def next_slot(
    job: Job,
    forum: ForumSettings,
    *,
    calendar: WorkingCalendar,
    meetings: Sequence[date],
    after: datetime,
) -> datetime | None:
    """The job's first slot strictly after `after`, or None if there is none within 400 days."""
    for span in LOOK_AHEAD:
        found = slots(
            job, forum, calendar=calendar, meetings=meetings, start=after, end=after + span
        )
        later = [s for s in found if _instant(s) > _instant(after)]
        if later:
            return later[0]
    return None


def previous_slot(
    job: Job,
    forum: ForumSettings,
    *,
    calendar: WorkingCalendar,
    meetings: Sequence[date],
    before: datetime,
) -> datetime | None:
    """The job's last slot at or before `before`, or None if there is none within the
    look-back: 14 days plus the forum's catch_up_hours."""
    back = LOOK_BACK + timedelta(hours=forum.schedule.catch_up_hours)
    found = slots(
        job, forum, calendar=calendar, meetings=meetings, start=before - back, end=before + _TICK
    )
    return found[-1] if found else None


def missed_slots(
    job: Job,
    forum: ForumSettings,
    *,
    calendar: WorkingCalendar,
    meetings: Sequence[date],
    now: datetime,
    done: Container[datetime],
) -> list[datetime]:
    """Slots in (now - schedule.catch_up_hours, now] that are not in `done`: what a service
    that was down should still send, oldest first.

    Older slots are given up on purpose: a reminder a day late is still useful, one a week
    late is noise. `done` is tested with `in`, so it should hold aware datetimes (aware
    datetimes are equal when they are the same instant, whatever their zone).
    """
    since = now - timedelta(hours=forum.schedule.catch_up_hours)
    found = slots(job, forum, calendar=calendar, meetings=meetings, start=since, end=now + _TICK)
    return [s for s in found if _instant(s) > _instant(since) and s not in done]


def planned_slot(
    job: Job, forum: ForumSettings, *, calendar: WorkingCalendar, slot: datetime
) -> datetime:
    """The run time `slot` was planned for before a holiday or a day off moved it: for a
    DIGEST, schedule.digest_weekday at digest_time in the latest week whose digest moved
    to `slot`'s day (however far, up to a month); `slot` itself otherwise. A moved digest
    counts in the period of that planned day, so it never takes the next week's place."""
    at = _time_of(job.kind, forum.schedule)
    if job.kind is not Kind.DIGEST or at is None:
        return slot
    tz = ZoneInfo(forum.timezone)
    day = slot.astimezone(tz).date()
    for back in range(_DIGEST_PUSH.days + 1):
        planned = day - back * DAY
        if (
            planned.weekday() == forum.schedule.digest_weekday
            and calendar.next_working(planned) == day
        ):
            return _local(planned, at, tz)
    return slot


def _time_of(kind: Kind, schedule: ScheduleSettings) -> time | None:
    return {
        Kind.DIGEST: schedule.digest_time,
        Kind.ESCALATION: schedule.escalation_time,
        Kind.PRE_MEETING: schedule.pre_meeting_time,
        Kind.REPORT: schedule.report_time,
    }[kind]


def _days(
    kind: Kind,
    forum: ForumSettings,
    calendar: WorkingCalendar,
    meetings: Sequence[date],
    first: date,
    last: date,
) -> Iterable[date]:
    """The local days on which the job runs, covering at least first..last (maybe more)."""
    if kind is Kind.DIGEST:
        week = first - _DIGEST_PUSH
        week += (forum.schedule.digest_weekday - week.weekday()) % 7 * DAY
        while week <= last:
            yield calendar.next_working(week)
            week += WEEK
    elif kind is Kind.ESCALATION:
        day = first
        while day <= last:
            if calendar.is_working(day):
                yield day
            day += DAY
    else:
        n = forum.pre_meeting_days if kind is Kind.PRE_MEETING else forum.schedule.report_days
        # A run is never after its meeting, so meetings before the window cannot matter.
        for meeting in meetings:
            if meeting >= first:
                yield calendar.working_days_before(meeting, n)


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`at` on `day` in `tz`, with a nonexistent (gap) time moved to the real one."""
    naive_reading = datetime.combine(day, at, tzinfo=tz)
    # Same-zone astimezone() is a no-op, so the round trip goes through UTC.
    return naive_reading.astimezone(UTC).astimezone(tz)


def _instant(moment: datetime) -> datetime:
    # Aware datetimes sharing a tzinfo compare by wall time, ignoring fold; UTC does not.
    return moment.astimezone(UTC)


def _require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime, not {moment!r}")
