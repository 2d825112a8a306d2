"""When a forum's jobs run: weekly digests, daily escalations, meeting-related reminders."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.config.schedule import ScheduleSettings
from reminder.config.settings import ForumSettings
from reminder.planning.calendar import WorkingCalendar, make_calendar
from reminder.planning.notices import Kind
from reminder.planning.schedule import Job, jobs_for, missed_slots, next_slot, previous_slot, slots

DHAKA = ZoneInfo("Asia/Dhaka")
ZURICH = ZoneInfo("Europe/Zurich")
D = date.fromisoformat

CXB = ForumSettings(
    name="CXB CPSS",
    working_days=(6, 0, 1, 2, 3),
    timezone="Asia/Dhaka",
    country="BD",
    pre_meeting_days=3,
    schedule=ScheduleSettings(
        digest_weekday=6,  # Sunday 09:00
        digest_time=time(9, 0),
        escalation_time=time(8, 30),
        pre_meeting_time=time(9, 0),
        report_time=time(10, 0),
        report_days=2,
        catch_up_hours=24,
    ),
)
GENEVA = ForumSettings(
    name="Geneva WG",
    working_days=(0, 1, 2, 3, 4),
    timezone="Europe/Zurich",
    schedule=ScheduleSettings(digest_weekday=0, digest_time=time(9, 0), escalation_time=time(9)),
)
# Every day worked, escalations at 02:30: inside the hour that does not exist in spring.
NIGHT = replace(
    GENEVA,
    name="Night shift",
    working_days=tuple(range(7)),
    schedule=ScheduleSettings(escalation_time=time(2, 30)),
)
CALENDARS = {
    forum.name: make_calendar(working_days=forum.working_days, country=forum.country)
    for forum in (CXB, GENEVA, NIGHT)
}


def job(forum: ForumSettings, kind: Kind) -> Job:
    return Job(f"{forum.name}:{kind.value}", forum.name, kind)


def local(forum: ForumSettings, day: str, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(D(day), time(hour, minute), tzinfo=ZoneInfo(forum.timezone))


def cal(forum: ForumSettings) -> WorkingCalendar:
    return CALENDARS[forum.name]


def shown(moments: list[datetime]) -> list[str]:
    return [m.isoformat(timespec="minutes") for m in moments]


def test_a_forum_has_one_job_per_kind_in_kind_order() -> None:
    assert [j.id for j in jobs_for(CXB)] == [
        "CXB CPSS:digest",
        "CXB CPSS:escalation",
        "CXB CPSS:pre_meeting",
        "CXB CPSS:report",
    ]
    assert jobs_for(CXB)[0] == Job("CXB CPSS:digest", "CXB CPSS", Kind.DIGEST)


def test_a_kind_switched_off_has_no_job() -> None:
    quiet = replace(CXB, schedule=replace(CXB.schedule, digest_time=None, report_time=None))
    assert [j.kind for j in jobs_for(quiet)] == [Kind.ESCALATION, Kind.PRE_MEETING]


@pytest.mark.parametrize(
    ("forum", "kind", "meetings", "start", "end", "expected"),
    [
        pytest.param(
            CXB, Kind.DIGEST, [], "2023-03-19", "2023-04-03",
            ["2023-03-19T09:00+06:00", "2023-03-27T09:00+06:00", "2023-04-02T09:00+06:00"],
            id="a digest on Independence Day (a Sunday) moves to Monday",
        ),
        pytest.param(
            CXB, Kind.DIGEST, [], "2024-04-13", "2024-04-29",
            ["2024-04-15T09:00+06:00", "2024-04-21T09:00+06:00", "2024-04-28T09:00+06:00"],
            id="a digest on Bengali New Year (a Sunday) moves to Monday",
        ),
        pytest.param(
            CXB, Kind.ESCALATION, [], "2024-03-21", "2024-03-28",
            [
                "2024-03-21T08:30+06:00",
                "2024-03-24T08:30+06:00",
                "2024-03-25T08:30+06:00",
                "2024-03-27T08:30+06:00",
            ],
            id="escalations skip the Friday-Saturday weekend and Independence Day",
        ),
        pytest.param(
            CXB, Kind.PRE_MEETING, [D("2024-03-27")], "2024-03-01", "2024-04-01",
            ["2024-03-21T09:00+06:00"],
            id="a pre-meeting reminder 3 working days back crosses a holiday and a weekend",
        ),
        pytest.param(
            CXB, Kind.REPORT, [D("2024-03-27")], "2024-03-01", "2024-04-01",
            ["2024-03-24T10:00+06:00"],
            id="a report 2 working days back crosses a holiday",
        ),
        pytest.param(
            CXB, Kind.PRE_MEETING, [D("2024-03-27"), D("2024-05-15")], "2024-03-01", "2024-06-01",
            ["2024-03-21T09:00+06:00", "2024-05-12T09:00+06:00"],
            id="each meeting has its own pre-meeting reminder",
        ),
        pytest.param(
            GENEVA, Kind.ESCALATION, [], "2024-03-28", "2024-04-03",
            [
                "2024-03-28T09:00+01:00",
                "2024-03-29T09:00+01:00",
                "2024-04-01T09:00+02:00",
                "2024-04-02T09:00+02:00",
            ],
            id="escalations stay at 09:00 local when summer time starts",
        ),
        pytest.param(
            GENEVA, Kind.DIGEST, [], "2024-10-21", "2024-11-05",
            ["2024-10-21T09:00+02:00", "2024-10-28T09:00+01:00", "2024-11-04T09:00+01:00"],
            id="digests stay at 09:00 local when summer time ends",
        ),
    ],
)  # fmt: skip
def test_slots_over_a_real_week_or_month(
    forum: ForumSettings,
    kind: Kind,
    meetings: list[date],
    start: str,
    end: str,
    expected: list[str],
) -> None:
    found = slots(
        job(forum, kind),
        forum,
        calendar=cal(forum),
        meetings=meetings,
        start=local(forum, start),
        end=local(forum, end),
    )
    assert shown(found) == expected


def find(forum: ForumSettings, kind: Kind, start: datetime, end: datetime) -> list[datetime]:
    return slots(job(forum, kind), forum, calendar=cal(forum), meetings=[], start=start, end=end)


def test_the_window_includes_its_start_and_excludes_its_end() -> None:
    found = find(
        CXB, Kind.ESCALATION, local(CXB, "2024-03-24", 8, 30), local(CXB, "2024-03-25", 8, 30)
    )
    assert shown(found) == ["2024-03-24T08:30+06:00"]


def test_a_window_given_in_utc_gives_the_same_slots_in_local_time() -> None:
    start, end = local(CXB, "2024-03-21"), local(CXB, "2024-03-28")
    utc = find(CXB, Kind.ESCALATION, start.astimezone(UTC), end.astimezone(UTC))
    assert utc == find(CXB, Kind.ESCALATION, start, end)
    assert all(s.tzinfo is DHAKA for s in utc)


def test_a_time_in_the_spring_forward_gap_runs_an_hour_later_in_summer_time() -> None:
    found = find(NIGHT, Kind.ESCALATION, local(NIGHT, "2024-03-30"), local(NIGHT, "2024-04-02"))
    assert shown(found) == [
        "2024-03-30T02:30+01:00",
        "2024-03-31T03:30+02:00",
        "2024-04-01T02:30+02:00",
    ]


def test_a_time_that_occurs_twice_in_autumn_runs_once_in_summer_time() -> None:
    found = find(NIGHT, Kind.ESCALATION, local(NIGHT, "2024-10-27"), local(NIGHT, "2024-10-28"))
    assert shown(found) == ["2024-10-27T02:30+02:00"]


def test_two_meetings_with_the_same_reminder_day_give_one_slot() -> None:
    # A Friday meeting and a Sunday one have the same three working days before them.
    found = slots(
        job(CXB, Kind.PRE_MEETING),
        CXB,
        calendar=cal(CXB),
        meetings=[D("2024-03-22"), D("2024-03-24"), D("2024-03-24")],
        start=local(CXB, "2024-03-01"),
        end=local(CXB, "2024-04-01"),
    )
    assert shown(found) == ["2024-03-19T09:00+06:00"]


def test_a_kind_switched_off_has_no_slots() -> None:
    quiet = replace(CXB, schedule=replace(CXB.schedule, escalation_time=None))
    assert find(quiet, Kind.ESCALATION, local(CXB, "2024-03-01"), local(CXB, "2024-04-01")) == []


def test_a_naive_window_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        find(CXB, Kind.DIGEST, datetime(2024, 3, 1), local(CXB, "2024-04-01"))


def test_a_job_of_another_forum_is_refused() -> None:
    with pytest.raises(ValueError, match="Geneva WG"):
        slots(
            job(CXB, Kind.DIGEST),
            GENEVA,
            calendar=cal(GENEVA),
            meetings=[],
            start=local(GENEVA, "2024-03-01"),
            end=local(GENEVA, "2024-04-01"),
        )


def nxt(kind: Kind, after: datetime, meetings: tuple[date, ...] = ()) -> datetime | None:
    return next_slot(job(CXB, kind), CXB, calendar=cal(CXB), meetings=meetings, after=after)


def prev(kind: Kind, before: datetime, meetings: tuple[date, ...] = ()) -> datetime | None:
    return previous_slot(job(CXB, kind), CXB, calendar=cal(CXB), meetings=meetings, before=before)


def test_the_next_slot_is_strictly_after_the_given_moment() -> None:
    after = local(CXB, "2024-03-21", 8, 30)  # a slot itself; the weekend follows
    assert nxt(Kind.ESCALATION, after) == local(CXB, "2024-03-24", 8, 30)


def test_the_next_slot_of_a_meeting_months_away_is_found() -> None:
    found = nxt(Kind.REPORT, local(CXB, "2024-01-01"), meetings=(D("2024-03-27"),))
    assert found == local(CXB, "2024-03-24", 10)


def test_without_meetings_there_is_no_next_pre_meeting_slot() -> None:
    assert nxt(Kind.PRE_MEETING, local(CXB, "2024-01-01")) is None


def test_the_previous_slot_may_be_the_given_moment_itself() -> None:
    at = local(CXB, "2024-03-25", 8, 30)
    assert prev(Kind.ESCALATION, at) == at


def test_the_previous_slot_skips_back_over_a_holiday() -> None:
    assert prev(Kind.ESCALATION, local(CXB, "2024-03-26", 12)) == local(CXB, "2024-03-25", 8, 30)


def test_a_previous_slot_beyond_the_look_back_is_not_found() -> None:
    month_ago = (D("2024-02-28"),)
    assert prev(Kind.PRE_MEETING, local(CXB, "2024-03-27"), month_ago) is None


def missed(
    now: datetime, done: set[datetime] | frozenset[datetime] = frozenset(), catch_up: int = 24
) -> list[str]:
    forum = replace(CXB, schedule=replace(CXB.schedule, catch_up_hours=catch_up))
    found = missed_slots(
        job(forum, Kind.ESCALATION), forum, calendar=cal(forum), meetings=[], now=now, done=done
    )
    return shown(found)


# Down from Sunday 07:00 to Monday 13:00 (30 hours): both 08:30 escalations were missed.
BACK_UP = local(CXB, "2024-03-25", 13)


def test_a_service_down_for_30_hours_catches_up_only_the_last_24() -> None:
    assert missed(BACK_UP) == ["2024-03-25T08:30+06:00"]


def test_a_longer_catch_up_window_sends_every_missed_slot_oldest_first() -> None:
    assert missed(BACK_UP, catch_up=48) == ["2024-03-24T08:30+06:00", "2024-03-25T08:30+06:00"]


def test_slots_already_done_are_not_missed_whatever_zone_they_are_recorded_in() -> None:
    done = {local(CXB, "2024-03-24", 8, 30).astimezone(UTC)}
    assert missed(BACK_UP, done, catch_up=48) == ["2024-03-25T08:30+06:00"]
    assert missed(BACK_UP, {local(CXB, "2024-03-25", 8, 30)}) == []


def test_a_slot_at_now_is_missed_but_one_at_the_start_of_the_window_is_not() -> None:
    at_slot = local(CXB, "2024-03-25", 8, 30)
    assert missed(at_slot) == ["2024-03-25T08:30+06:00"]
    assert missed(at_slot + timedelta(hours=24)) == []  # Tuesday is a holiday


def test_without_a_catch_up_window_nothing_is_missed() -> None:
    assert missed(BACK_UP, catch_up=0) == []


@settings(deadline=None)
@given(
    forum=st.sampled_from([CXB, GENEVA]),
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
)
def test_digests_fall_on_working_days_at_the_configured_local_time_in_order(
    forum: ForumSettings, start: datetime, days: int
) -> None:
    begin = start.replace(tzinfo=UTC)
    found = find(forum, Kind.DIGEST, begin, begin + timedelta(days=days))
    assert all(cal(forum).is_working(s.date()) for s in found)
    assert all(s.time() == forum.schedule.digest_time for s in found)
    assert all(s.tzinfo == ZoneInfo(forum.timezone) for s in found)
    assert all(begin <= s < begin + timedelta(days=days) for s in found)
    assert all(a < b for a, b in itertools.pairwise(found))
    if days >= 14:  # no forum has a week without a working day, so a fortnight has a digest
        assert found
