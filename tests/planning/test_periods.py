"""Periods of weekly notices are the forum's working week, named by its first day (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from reminder.config.schedule import ScheduleSettings
from reminder.config.settings import ForumSettings
from reminder.planning.calendar import make_calendar
from reminder.planning.notices import Kind
from reminder.planning.periods import DigestPeriod, first_working_weekday, week_start
from reminder.planning.plan import plan
from reminder.planning.schedule import jobs_for, planned_slot
from reminder.register.snapshot import Item, Person, PlanItem, Snapshot

DHAKA = ZoneInfo("Asia/Dhaka")
D = date.fromisoformat
ANA = Person("Ana Focal", "ana@unicef.example.org", "UNICEF")
SUN_THU = ForumSettings(
    name="CXB CPSS",
    working_days=(6, 0, 1, 2, 3),
    timezone="Asia/Dhaka",
    country="BD",
    coordinators=("ana@unicef.example.org",),
    schedule=ScheduleSettings(digest_weekday=6, digest_time=time(9, 0)),
)
MON_FRI = ForumSettings(name="CM Standards WG")


def snapshot(*forums: str) -> Snapshot:
    items = tuple(
        PlanItem(
            item=Item(
                n,
                forum,
                f"Action {n}",
                ("UNICEF",),
                ("UNICEF",),
                None,
                None,
                "open",
                None,
                None,
                None,
                "minutes.md",
            ),
            reach=frozenset({1}),
            leads=frozenset(),
            unresolved=(),
            ladder_start=None,
        )
        for n, forum in enumerate(forums, 1)
    )
    return Snapshot(
        forum=forums[0], items=items, people={1: ANA}, coordinators=(ANA,), next_meeting=None
    )


def dhaka(day: str, hour: int = 10) -> datetime:
    return datetime.combine(D(day), time(hour), tzinfo=DHAKA)


@pytest.mark.parametrize(
    ("working_days", "first"),
    [
        ((0, 1, 2, 3, 4), 0),  # Monday-Friday
        ((6, 0, 1, 2, 3), 6),  # Sunday-Thursday
        ((5, 6, 0, 1, 2), 5),  # Saturday-Wednesday
        ((0, 1, 2, 3, 4, 5), 0),  # Monday-Saturday
        (tuple(range(7)), 0),  # every day: Monday, as ISO does
        ((0, 2, 4), 0),  # Monday, Wednesday, Friday: after the weekend, the longest gap
        ((3,), 3),
    ],
)
def test_a_forums_week_starts_on_its_first_working_day(
    working_days: tuple[int, ...], first: int
) -> None:
    assert first_working_weekday(working_days) == first


def test_the_days_off_belong_to_the_week_before_them() -> None:
    sun_thu = SUN_THU.working_days
    # Sunday 13 to Saturday 19 August 2023 is one Sunday-Thursday week.
    assert {week_start(D(f"2023-08-{d}"), sun_thu) for d in range(13, 20)} == {D("2023-08-13")}
    assert week_start(D("2023-08-20"), sun_thu) == D("2023-08-20")
    assert week_start(D("2023-08-20"), MON_FRI.working_days) == D("2023-08-14")


def test_sunday_and_tuesday_digests_of_a_sunday_thursday_forum_share_a_period() -> None:
    keys = {
        day: plan(Kind.DIGEST, snapshot("CXB CPSS"), SUN_THU, dhaka(day))[0].key
        for day in ("2023-08-20", "2023-08-22", "2023-08-24", "2023-08-26", "2023-08-27")
    }
    assert keys == {
        "2023-08-20": "digest:ana@unicef.example.org:2023-08-20",
        "2023-08-22": "digest:ana@unicef.example.org:2023-08-20",
        "2023-08-24": "digest:ana@unicef.example.org:2023-08-20",
        "2023-08-26": "digest:ana@unicef.example.org:2023-08-20",  # Saturday, a day off
        "2023-08-27": "digest:ana@unicef.example.org:2023-08-27",
    }


def test_a_digest_over_two_forums_counts_in_the_week_of_the_first_by_name() -> None:
    forums = {"CXB CPSS": SUN_THU, "CM Standards WG": MON_FRI}
    sunday = dhaka("2023-08-27", 9)
    period = DigestPeriod(at=sunday, forums=forums)
    # Triggered by the CPSS's Sunday slot, whatever the run's rules.
    [both] = plan(Kind.DIGEST, snapshot("CXB CPSS", "CM Standards WG"), SUN_THU, sunday, period)
    [cpss] = plan(Kind.DIGEST, snapshot("CXB CPSS"), MON_FRI, sunday, period)
    assert both.key.endswith(":2023-08-21")  # the Monday-Friday week, read in UTC
    assert cpss.key.endswith(":2023-08-27")


def test_the_period_is_the_planned_instant_read_in_the_forums_time_zone() -> None:
    late_saturday_utc = datetime(2023, 8, 26, 20, tzinfo=UTC)  # Sunday 02:00 in Dhaka
    period = DigestPeriod(at=late_saturday_utc, forums={"CXB CPSS": SUN_THU})
    assert period.start(["CXB CPSS"], MON_FRI) == D("2023-08-27")


def test_a_digest_moved_by_a_holiday_was_planned_for_its_own_day() -> None:
    [digest_job] = [j for j in jobs_for(SUN_THU) if j.kind is Kind.DIGEST]
    calendar = make_calendar(working_days=SUN_THU.working_days, country="BD")
    # Sunday 17 March 2024 is a public holiday in Bangladesh: the slot is Monday 18.
    moved = dhaka("2024-03-18", 9)
    assert planned_slot(digest_job, SUN_THU, calendar=calendar, slot=moved) == dhaka(
        "2024-03-17", 9
    )
    usual = dhaka("2024-03-24", 9)
    assert planned_slot(digest_job, SUN_THU, calendar=calendar, slot=usual) == usual


def test_a_report_without_a_next_meeting_counts_in_the_forums_working_week() -> None:
    s = replace(snapshot("CXB CPSS"), coordinators=(ANA,))
    keys = {
        plan(Kind.REPORT, s, SUN_THU, dhaka(day))[0].key for day in ("2023-08-20", "2023-08-22")
    }
    assert keys == {"report:CXB CPSS:week-2023-08-20:ana@unicef.example.org"}
