"""Working days (weekends, public holidays) and meeting dates (register over rule)."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.planning.calendar import (
    MeetingEntry,
    WorkingCalendar,
    make_calendar,
    upcoming_meetings,
)

SUN_THU = (6, 0, 1, 2, 3)  # Bangladesh: Friday and Saturday off
MON_FRI = (0, 1, 2, 3, 4)
D = date.fromisoformat


def cal(working_days: tuple[int, ...], country: str | None) -> WorkingCalendar:
    return make_calendar(working_days=working_days, country=country)


@pytest.mark.parametrize(
    ("working_days", "country", "day", "working"),
    [
        (SUN_THU, "BD", "2024-03-24", True),  # Sunday is a working day in Bangladesh
        (SUN_THU, "BD", "2024-03-22", False),  # Friday
        (SUN_THU, "BD", "2024-03-23", False),  # Saturday
        (SUN_THU, "BD", "2024-03-26", False),  # Independence Day, a Tuesday
        (SUN_THU, None, "2024-03-26", True),  # no country, no holidays
        (MON_FRI, None, "2024-03-23", False),  # Saturday
        (MON_FRI, None, "2024-03-24", False),  # Sunday
        (MON_FRI, None, "2024-03-25", True),  # Monday
        (MON_FRI, "DE", "2024-10-03", False),  # German Unity Day, a Thursday
    ],
)
def test_a_working_day_is_a_working_weekday_that_is_not_a_public_holiday(
    working_days: tuple[int, ...], country: str | None, day: str, working: bool
) -> None:
    assert cal(working_days, country).is_working(D(day)) is working


@pytest.mark.parametrize(
    ("working_days", "country", "day", "expected"),
    [
        (SUN_THU, "BD", "2024-03-21", "2024-03-21"),  # a working Thursday is itself
        (SUN_THU, "BD", "2024-03-22", "2024-03-24"),  # Friday -> Sunday
        (SUN_THU, "BD", "2024-03-26", "2024-03-27"),  # Independence Day -> Wednesday
        (SUN_THU, "BD", "2023-12-16", "2023-12-17"),  # Victory Day on a Saturday -> Sunday
        (SUN_THU, "BD", "2024-04-10", "2024-04-15"),  # Eid, weekend, Bengali New Year
        (MON_FRI, None, "2024-03-23", "2024-03-25"),  # Saturday -> Monday
        (MON_FRI, "DE", "2024-10-03", "2024-10-04"),  # holiday Thursday -> Friday
    ],
)
def test_the_next_working_day_skips_weekends_and_holidays(
    working_days: tuple[int, ...], country: str | None, day: str, expected: str
) -> None:
    assert cal(working_days, country).next_working(D(day)) == D(expected)


@pytest.mark.parametrize(
    ("working_days", "country", "day", "n", "expected"),
    [
        (SUN_THU, "BD", "2024-03-27", 0, "2024-03-27"),  # a working day, n=0: itself
        (SUN_THU, "BD", "2024-03-27", 1, "2024-03-25"),  # skips Independence Day
        (SUN_THU, "BD", "2024-03-27", 2, "2024-03-24"),
        (SUN_THU, "BD", "2024-03-27", 3, "2024-03-21"),  # ... and the Fri-Sat weekend
        (SUN_THU, "BD", "2024-03-26", 0, "2024-03-25"),  # a holiday, n=0: the day before
        (SUN_THU, "BD", "2024-03-26", 1, "2024-03-25"),
        (MON_FRI, None, "2024-03-25", 1, "2024-03-22"),  # Monday -> Friday
        (MON_FRI, None, "2024-03-24", 0, "2024-03-22"),  # Sunday, n=0 -> Friday
        (MON_FRI, None, "2024-03-28", 3, "2024-03-25"),
    ],
)
def test_working_days_before_counts_back_over_working_days_only(
    working_days: tuple[int, ...], country: str | None, day: str, n: int, expected: str
) -> None:
    assert cal(working_days, country).working_days_before(D(day), n) == D(expected)


def test_a_holiday_has_its_name_and_an_ordinary_day_has_none() -> None:
    bd = cal(SUN_THU, "BD")
    assert bd.holiday(D("2024-03-26")) == "Independence Day"
    assert bd.holiday(D("2023-12-16")) == "Victory Day"
    assert bd.holiday(D("2024-03-27")) is None
    assert cal(SUN_THU, None).holiday(D("2024-03-26")) is None


def test_a_country_code_in_lower_case_is_understood() -> None:
    assert not cal(SUN_THU, "bd").is_working(D("2024-03-26"))


def test_an_unknown_country_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="XX"):
        cal(MON_FRI, "XX")


@pytest.mark.parametrize("working_days", [(), (0, 7), (-1,)])
def test_working_days_must_be_some_of_the_seven_weekdays(working_days: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="working days"):
        cal(working_days, None)


def test_counting_back_a_negative_number_of_days_is_refused() -> None:
    with pytest.raises(ValueError, match="n must be"):
        cal(MON_FRI, None).working_days_before(D("2024-03-25"), -1)


def test_calendars_with_the_same_settings_are_equal_whatever_they_have_looked_up() -> None:
    used = cal(SUN_THU, "BD")
    used.is_working(D("2024-03-26"))
    assert used == cal((0, 1, 2, 3, 6), "BD")
    assert hash(used) == hash(cal(SUN_THU, "BD"))


THIRD_MONDAY = "FREQ=MONTHLY;BYDAY=+3MO"


def meetings(
    *entries: MeetingEntry, rule: str | None = THIRD_MONDAY, start: str, end: str
) -> list[str]:
    found = upcoming_meetings(register=entries, rule=rule, start=D(start), end=D(end))
    return [d.isoformat() for d in found]


def test_a_monthly_rule_gives_every_third_monday_in_the_window() -> None:
    assert meetings(start="2023-06-01", end="2023-10-31") == [
        "2023-06-19",
        "2023-07-17",
        "2023-08-21",
        "2023-09-18",
        "2023-10-16",
    ]


def test_the_window_includes_both_ends() -> None:
    assert meetings(start="2023-07-17", end="2023-08-21") == ["2023-07-17", "2023-08-21"]


def test_a_moved_meeting_replaces_the_rules_occurrence() -> None:
    moved = MeetingEntry(D("2023-07-19"))
    assert meetings(moved, start="2023-07-01", end="2023-08-31") == ["2023-07-19", "2023-08-21"]


def test_a_cancelled_meeting_removes_the_occurrence_and_adds_nothing() -> None:
    cancelled = MeetingEntry(D("2023-08-21"), cancelled=True)
    assert meetings(cancelled, start="2023-07-01", end="2023-09-30") == [
        "2023-07-17",
        "2023-09-18",
    ]


def test_a_meeting_moved_out_of_the_window_still_replaces_the_occurrence_inside_it() -> None:
    moved = MeetingEntry(D("2023-07-12"))
    assert meetings(moved, start="2023-07-15", end="2023-08-31") == ["2023-08-21"]


def test_without_a_rule_the_register_alone_gives_the_meetings() -> None:
    register = (
        MeetingEntry(D("2023-08-02")),
        MeetingEntry(D("2023-07-05")),
        MeetingEntry(D("2023-07-05")),
        MeetingEntry(D("2023-07-19"), cancelled=True),
        MeetingEntry(D("2023-09-30")),
    )
    assert meetings(*register, rule=None, start="2023-07-01", end="2023-08-31") == [
        "2023-07-05",
        "2023-08-02",
    ]


def test_a_rule_may_start_with_rrule_and_carry_a_time() -> None:
    rule = "RRULE:FREQ=MONTHLY;BYDAY=+3MO;BYHOUR=10"
    assert meetings(rule=rule, start="2023-07-01", end="2023-08-31") == [
        "2023-07-17",
        "2023-08-21",
    ]


def test_recording_a_weekly_meeting_on_its_day_does_not_remove_the_weeks_around_it() -> None:
    held = MeetingEntry(D("2024-01-15"))
    assert meetings(held, rule="FREQ=WEEKLY;BYDAY=MO", start="2024-01-08", end="2024-01-22") == [
        "2024-01-08",
        "2024-01-15",
        "2024-01-22",
    ]


def test_a_fortnightly_rule_keeps_its_phase_whatever_the_window() -> None:
    rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    wide = meetings(rule=rule, start="2023-12-01", end="2024-03-31")
    narrow = meetings(rule=rule, start="2024-02-01", end="2024-03-31")
    assert narrow == [d for d in wide if d >= "2024-02-01"]


def test_a_dtstart_in_the_rule_sets_the_phase_of_a_fortnightly_rule() -> None:
    rule = "DTSTART:20240108\nRRULE:FREQ=WEEKLY;INTERVAL=2"
    assert meetings(rule=rule, start="2024-01-01", end="2024-02-10") == [
        "2024-01-08",
        "2024-01-22",
        "2024-02-05",
    ]


def test_a_rule_with_a_time_zone_gives_its_own_local_dates() -> None:
    rule = "DTSTART;TZID=Asia/Dhaka:20240101T100000\nRRULE:FREQ=MONTHLY;BYDAY=+3MO"
    assert meetings(rule=rule, start="2024-01-01", end="2024-02-29") == [
        "2024-01-15",
        "2024-02-19",
    ]


def test_a_rule_that_is_not_a_recurrence_rule_is_refused() -> None:
    with pytest.raises(ValueError):
        meetings(rule="every third monday", start="2024-01-01", end="2024-02-29")


def test_a_weekly_meeting_moved_by_a_day_replaces_only_that_weeks_meeting() -> None:
    # Weekly on Tuesday; the meeting of Tuesday 9 April 2024 moved to Wednesday 10 April.
    dates = upcoming_meetings(
        register=[MeetingEntry(date(2024, 4, 10))],
        rule="FREQ=WEEKLY;BYDAY=TU",
        start=date(2024, 4, 1),
        end=date(2024, 4, 20),
    )
    assert dates == [date(2024, 4, 2), date(2024, 4, 10), date(2024, 4, 16)]
