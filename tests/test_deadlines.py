"""Deadlines: reading loose deadline phrases against the meeting date, and finding them in text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reminder.deadlines.read import (
    MON_FRI,
    SUN_THU,
    Deadline,
    Method,
    WorkWeek,
    detect_month_first,
    find_deadline_phrase,
    resolve_deadline,
)

M = Method
SEP_2019 = date(2019, 9, 9)  # a Monday
JUNE_2023 = date(2023, 6, 19)  # a Monday
DEC_2019 = date(2019, 12, 5)  # a December meeting: January rolls into 2020
OCT_2016 = date(2016, 10, 18)
THU_APR_2019 = date(2019, 4, 11)  # a Thursday
SUN = {"workweek": SUN_THU}
CARRIED = {"carried_over": True}
NEXT = {"next_meeting": date(2023, 7, 17)}
RETREAT = {"events": {"Retreat": date(2023, 7, 10), "Annual Review": date(2023, 11, 2)}}
BEFORE, ROLLED, APPROX = ("before_meeting",), ("rolled_to_next_year",), ("approximate",)

# (phrase, meeting date, keyword arguments, due, method, flags)
CASES: list[tuple[str | None, date, dict[str, Any], date | None, Method, tuple[str, ...]]] = [
    # day-first numeric and ISO dates; two-digit years are 20xx
    ("by COB (9.9.19)", SEP_2019, {}, date(2019, 9, 9), M.EXPLICIT_DATE, ()),
    ("9.9.19", SEP_2019, {}, date(2019, 9, 9), M.EXPLICIT_DATE, ()),
    ("by 14.6.19", SEP_2019, {}, date(2019, 6, 14), M.EXPLICIT_DATE, BEFORE),
    ("12/09/2019", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("12-09-2019", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("2019-09-12", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("Deadline: 1/10/2019.", SEP_2019, {}, date(2019, 10, 1), M.EXPLICIT_DATE, ()),
    ("by 15/9", SEP_2019, {}, date(2019, 9, 15), M.EXPLICIT_DATE, ()),
    # month-first only when asked, and never for a first number above 12
    (
        "09/12/2019",
        SEP_2019,
        {"month_first": True},
        date(2019, 9, 12),
        M.EXPLICIT_DATE,
        ("month_first",),
    ),
    (
        "6/14/2019",
        SEP_2019,
        {"month_first": True},
        date(2019, 6, 14),
        M.EXPLICIT_DATE,
        ("month_first", *BEFORE),
    ),
    ("14/06/2019", SEP_2019, {"month_first": True}, date(2019, 6, 14), M.EXPLICIT_DATE, BEFORE),
    ("09/12/2019", SEP_2019, {}, date(2019, 12, 9), M.EXPLICIT_DATE, ()),
    ("6/14/2019", SEP_2019, {}, date(2019, 6, 14), M.EXPLICIT_DATE, ("month_first", *BEFORE)),
    # written dates
    ("12 September 2019", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("September 12, 2019", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("12th Sept", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("Sept 12", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("3 October", SEP_2019, {}, date(2019, 10, 3), M.EXPLICIT_DATE, ()),
    ("No later than 1st October 2019.", SEP_2019, {}, date(2019, 10, 1), M.EXPLICIT_DATE, ()),
    ("Friday 13 September 2019", SEP_2019, {}, date(2019, 9, 13), M.EXPLICIT_DATE, ()),
    (
        "Thursday 13 September 2019",
        SEP_2019,
        {},
        date(2019, 9, 13),
        M.EXPLICIT_DATE,
        ("weekday_mismatch",),
    ),
    ("12 septembre 2019", SEP_2019, {}, date(2019, 9, 12), M.EXPLICIT_DATE, ()),
    ("le 1er juillet 2020", SEP_2019, {}, date(2020, 7, 1), M.EXPLICIT_DATE, ()),
    # yearless dates roll to next year once past, except for carried-over items
    ("on the 25th of May", SEP_2019, {}, date(2020, 5, 25), M.EXPLICIT_DATE, ROLLED),
    ("on the 25th of May", JUNE_2023, CARRIED, date(2023, 5, 25), M.EXPLICIT_DATE, BEFORE),
    ("29 Feb", date(2023, 3, 1), {}, date(2024, 2, 29), M.EXPLICIT_DATE, ROLLED),
    # months: end, mid, early, late
    ("by the end of July", JUNE_2023, {}, date(2023, 7, 31), M.MONTH_END, ()),
    ("end July", JUNE_2023, {}, date(2023, 7, 31), M.MONTH_END, ()),
    ("by July", JUNE_2023, {}, date(2023, 7, 31), M.MONTH_END, ()),
    ("July", JUNE_2023, {}, date(2023, 7, 31), M.MONTH_END, ()),
    ("end of July", SEP_2019, {}, date(2020, 7, 31), M.MONTH_END, ROLLED),
    ("end of July", date(2023, 8, 10), CARRIED, date(2023, 7, 31), M.MONTH_END, BEFORE),
    ("end of September", SEP_2019, {}, date(2019, 9, 30), M.MONTH_END, ()),
    ("end of February", date(2024, 1, 15), {}, date(2024, 2, 29), M.MONTH_END, ()),
    ("end of February", date(2023, 1, 15), {}, date(2023, 2, 28), M.MONTH_END, ()),
    ("end of Feb 2100", date(2099, 12, 1), {}, date(2100, 2, 28), M.MONTH_END, ()),
    ("end of April", date(2023, 1, 15), {}, date(2023, 4, 30), M.MONTH_END, ()),
    ("end of Aug.", date(2023, 1, 15), {}, date(2023, 8, 31), M.MONTH_END, ()),
    ("mid Aug", JUNE_2023, {}, date(2023, 8, 15), M.MID_MONTH, APPROX),
    ("Mid-August", JUNE_2023, {}, date(2023, 8, 15), M.MID_MONTH, APPROX),
    ("middle of August", JUNE_2023, {}, date(2023, 8, 15), M.MID_MONTH, APPROX),
    ("mid July", date(2023, 7, 20), {}, date(2023, 7, 15), M.MID_MONTH, (*APPROX, *BEFORE)),
    ("early September", JUNE_2023, {}, date(2023, 9, 10), M.EARLY_MONTH, APPROX),
    ("beginning of September", JUNE_2023, {}, date(2023, 9, 10), M.EARLY_MONTH, APPROX),
    ("late September", JUNE_2023, {}, date(2023, 9, 30), M.MONTH_END, APPROX),
    ("fin juillet", JUNE_2023, {}, date(2023, 7, 31), M.MONTH_END, ()),
    ("mi-août", JUNE_2023, {}, date(2023, 8, 15), M.MID_MONTH, APPROX),
    ("début septembre", JUNE_2023, {}, date(2023, 9, 10), M.EARLY_MONTH, APPROX),
    ("d'ici fin juin", JUNE_2023, {}, date(2023, 6, 30), M.MONTH_END, ()),
    # weeks, under both work weeks (1 July 2023 is a Saturday)
    ("first week of July", JUNE_2023, {}, date(2023, 7, 7), M.WEEK, ()),
    ("first week of July", JUNE_2023, SUN, date(2023, 7, 6), M.WEEK, ()),
    ("second week of July", JUNE_2023, {}, date(2023, 7, 14), M.WEEK, ()),
    ("second week of July", JUNE_2023, SUN, date(2023, 7, 13), M.WEEK, ()),
    ("week of 12 Sept", SEP_2019, {}, date(2019, 9, 13), M.WEEK, ()),
    ("week of 12.9.19", SEP_2019, {}, date(2019, 9, 13), M.WEEK, ()),
    ("week of 12 Sept", SEP_2019, SUN, date(2019, 9, 12), M.WEEK, ()),
    ("this week", JUNE_2023, {}, date(2023, 6, 23), M.WEEK, ()),
    ("this week", JUNE_2023, SUN, date(2023, 6, 22), M.WEEK, ()),
    ("by end of the week", date(2023, 6, 24), {}, date(2023, 6, 30), M.WEEK, ()),
    ("next week", JUNE_2023, {}, date(2023, 6, 30), M.WEEK, ()),
    ("next week", JUNE_2023, SUN, date(2023, 6, 29), M.WEEK, ()),
    # weekdays
    ("by Friday", JUNE_2023, {}, date(2023, 6, 23), M.WEEKDAY, ()),
    ("by Friday", JUNE_2023, SUN, date(2023, 6, 22), M.WEEKDAY, ()),
    ("by COB Friday", JUNE_2023, {}, date(2023, 6, 23), M.WEEKDAY, ()),
    ("by Friday", date(2023, 6, 23), SUN, date(2023, 6, 29), M.WEEKDAY, ()),
    ("by Monday", JUNE_2023, {}, date(2023, 6, 26), M.WEEKDAY, ()),
    ("by Tuesday", JUNE_2023, {}, date(2023, 6, 20), M.WEEKDAY, ()),
    ("by Saturday", JUNE_2023, {}, date(2023, 6, 24), M.WEEKDAY, ("non_working_day",)),
    # today, tomorrow
    ("tomorrow", date(2023, 6, 23), {}, date(2023, 6, 26), M.RELATIVE, ()),
    ("tomorrow", date(2023, 6, 22), SUN, date(2023, 6, 25), M.RELATIVE, ()),
    ("today", JUNE_2023, {}, JUNE_2023, M.RELATIVE, ()),
    ("COB today", JUNE_2023, {}, JUNE_2023, M.RELATIVE, ()),
    ("by COB", JUNE_2023, {}, JUNE_2023, M.RELATIVE, ()),
    ("EOD", JUNE_2023, {}, JUNE_2023, M.RELATIVE, ()),
    # quarters, halves, year end
    ("Q3", JUNE_2023, {}, date(2023, 9, 30), M.QUARTER, ()),
    ("end of Q3", JUNE_2023, {}, date(2023, 9, 30), M.QUARTER, ()),
    ("end of the 3rd Quarter", JUNE_2023, {}, date(2023, 9, 30), M.QUARTER, ()),
    ("third quarter", JUNE_2023, {}, date(2023, 9, 30), M.QUARTER, ()),
    ("by the end of quarter 3", JUNE_2023, {}, date(2023, 9, 30), M.QUARTER, ()),
    ("Q3", date(2023, 10, 5), {}, date(2024, 9, 30), M.QUARTER, ROLLED),
    ("Q3", date(2023, 10, 5), CARRIED, date(2023, 9, 30), M.QUARTER, BEFORE),
    ("Q1 2024", JUNE_2023, {}, date(2024, 3, 31), M.QUARTER, ()),
    ("next quarter", date(2023, 11, 15), {}, date(2024, 3, 31), M.QUARTER, ()),
    ("end of the year", JUNE_2023, {}, date(2023, 12, 31), M.QUARTER, ()),
    ("by year end", JUNE_2023, {}, date(2023, 12, 31), M.QUARTER, ()),
    ("end of 2024", JUNE_2023, {}, date(2024, 12, 31), M.QUARTER, ()),
    ("H1", date(2023, 3, 1), {}, date(2023, 6, 30), M.QUARTER, ()),
    ("first half", date(2023, 3, 1), {}, date(2023, 6, 30), M.QUARTER, ()),
    ("H2", date(2023, 3, 1), {}, date(2023, 12, 31), M.QUARTER, ()),
    # relative spans, calendar arithmetic
    ("in two months", JUNE_2023, {}, date(2023, 8, 19), M.RELATIVE, ()),
    ("in two months", date(2023, 12, 31), {}, date(2024, 2, 29), M.RELATIVE, ()),
    ("within 2 weeks", JUNE_2023, {}, date(2023, 7, 3), M.RELATIVE, ()),
    ("within two (2) weeks", JUNE_2023, {}, date(2023, 7, 3), M.RELATIVE, ()),
    ("in 10 days", JUNE_2023, {}, date(2023, 6, 29), M.RELATIVE, ()),
    ("within a month", date(2023, 1, 31), {}, date(2023, 2, 28), M.RELATIVE, ()),
    ("in one week", JUNE_2023, {}, date(2023, 6, 26), M.RELATIVE, ()),
    ("within 5 working days", date(2023, 6, 22), {}, date(2023, 6, 29), M.RELATIVE, ()),
    ("dans deux semaines", JUNE_2023, {}, date(2023, 7, 3), M.RELATIVE, ()),
    ("within 48 hours", date(2023, 6, 23), {}, date(2023, 6, 25), M.RELATIVE, ()),
    # this month, next month
    ("later this month", JUNE_2023, {}, date(2023, 6, 30), M.MONTH_END, ()),
    ("this month", JUNE_2023, {}, date(2023, 6, 30), M.MONTH_END, ()),
    ("end of the month", JUNE_2023, {}, date(2023, 6, 30), M.MONTH_END, ()),
    ("next month", date(2024, 1, 31), {}, date(2024, 2, 29), M.MONTH_END, ()),
    ("next month", date(2023, 12, 15), {}, date(2024, 1, 31), M.MONTH_END, ()),
    # the next meeting: known, unknown, and for items carried over to this meeting
    ("before the next meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("at the next meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("by next meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("present in the next meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("avant la prochaine réunion", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("next meeting", JUNE_2023, {}, None, M.NEXT_MEETING, ("next_meeting_unknown",)),
    ("next meeting", JUNE_2023, {**NEXT, **CARRIED}, JUNE_2023, M.NEXT_MEETING, ()),
    # events
    ("before the retreat", JUNE_2023, RETREAT, date(2023, 7, 10), M.EVENT, ()),
    ("prior to retreat", JUNE_2023, RETREAT, date(2023, 7, 10), M.EVENT, ()),
    ("before the ANNUAL REVIEW", JUNE_2023, RETREAT, date(2023, 11, 2), M.EVENT, ()),
    ("before the retreat", JUNE_2023, {}, None, M.EVENT, ("event_date_unknown",)),
    # recurring: next occurrence strictly after the meeting
    ("5th of every month", JUNE_2023, {}, date(2023, 7, 5), M.RECURRING, ()),
    ("every 5th", date(2023, 6, 2), {}, date(2023, 6, 5), M.RECURRING, ()),
    ("every 5th", date(2023, 6, 5), {}, date(2023, 7, 5), M.RECURRING, ()),
    ("every 31st", date(2023, 1, 31), {}, date(2023, 2, 28), M.RECURRING, ()),
    ("every Tuesday", date(2023, 6, 20), {}, date(2023, 6, 27), M.RECURRING, ()),
    ("weekly on Monday", JUNE_2023, {}, date(2023, 6, 26), M.RECURRING, ()),
    ("first Monday of every month", JUNE_2023, {}, date(2023, 7, 3), M.RECURRING, ()),
    ("monthly", JUNE_2023, {}, None, M.RECURRING, ()),
    ("on monthly basis", JUNE_2023, {}, None, M.RECURRING, ()),
    ("regularly", JUNE_2023, {}, None, M.RECURRING, ()),
    # nothing to read
    ("blah blah", JUNE_2023, {}, None, M.UNPARSED, ()),
    ("31.2.19", JUNE_2023, {}, None, M.UNPARSED, ()),
    ("after 12 Sept", JUNE_2023, {}, None, M.UNPARSED, ()),
    ("from next month", JUNE_2023, {}, None, M.UNPARSED, ()),
    ("next Friday", JUNE_2023, {}, date(2023, 6, 23), M.WEEKDAY, ()),
    ("end of July/early August", JUNE_2023, {}, None, M.UNPARSED, ()),
    ("12 Sept or next meeting", JUNE_2023, NEXT, None, M.UNPARSED, ()),
    # --- the corpus conventions, one case per family (own examples) ---
    ("02/09/22", date(2022, 8, 23), {}, date(2022, 9, 2), M.EXPLICIT_DATE, ()),
    ("10 January", DEC_2019, {}, date(2020, 1, 10), M.EXPLICIT_DATE, ROLLED),
    ("end of January", DEC_2019, {}, date(2020, 1, 31), M.MONTH_END, ROLLED),
    ("mid-January", DEC_2019, {}, date(2020, 1, 15), M.MID_MONTH, (*APPROX, *ROLLED)),
    ("Q1", date(2024, 10, 3), {}, date(2025, 3, 31), M.QUARTER, ROLLED),
    ("by end of September", OCT_2016, CARRIED, date(2016, 9, 30), M.MONTH_END, BEFORE),
    ("mid-October", date(2022, 9, 6), {}, date(2022, 10, 15), M.MID_MONTH, APPROX),
    ("end of Sept", date(2022, 8, 9), {}, date(2022, 9, 30), M.MONTH_END, ()),
    ("Dec 2022", date(2022, 11, 24), {}, date(2022, 12, 31), M.MONTH_END, ()),
    ("H2", date(2018, 6, 21), {}, date(2018, 12, 31), M.QUARTER, ()),
    ("fin juin / end of June", date(2022, 6, 14), {}, date(2022, 6, 30), M.MONTH_END, ()),
    ("mi-juillet / mid-July", date(2022, 6, 14), {}, date(2022, 7, 15), M.MID_MONTH, APPROX),
    ("prochaine réunion / next meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("próxima reunión", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("en la próxima reunión", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("during the next WG", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    ("for the next steering meeting", JUNE_2023, NEXT, date(2023, 7, 17), M.NEXT_MEETING, ()),
    (
        "at the next donor meeting (8 December)",
        date(2022, 11, 24),
        NEXT,
        date(2022, 12, 8),
        M.EXPLICIT_DATE,
        (),
    ),
    ("at the next board call (9 October)", SEP_2019, {}, date(2019, 10, 9), M.EXPLICIT_DATE, ()),
    (
        "at the next coordination meeting (24/08)",
        date(2021, 8, 19),
        {},
        date(2021, 8, 24),
        M.EXPLICIT_DATE,
        (),
    ),
    (
        "Deferred to the February meeting",
        date(2022, 11, 9),
        {"next_meeting": date(2023, 2, 1)},
        date(2023, 2, 1),
        M.NEXT_MEETING,
        (),
    ),
    ("on Fri", THU_APR_2019, {}, date(2019, 4, 12), M.WEEKDAY, ()),
    ("by next Thurs", THU_APR_2019, {}, date(2019, 4, 18), M.WEEKDAY, ()),
    ("next Wednesday", date(2017, 2, 9), {}, date(2017, 2, 15), M.WEEKDAY, ()),
    ("EOW", date(2019, 3, 14), {}, date(2019, 3, 15), M.WEEK, ()),
    ("by end of the week", date(2020, 2, 16), SUN, date(2020, 2, 20), M.WEEK, ()),
    ("by Thursday", date(2020, 2, 16), SUN, date(2020, 2, 20), M.WEEKDAY, ()),
    ("COB Monday 18/03", date(2019, 3, 14), {}, date(2019, 3, 18), M.EXPLICIT_DATE, ()),
    ("by Friday (21 October)", OCT_2016, {}, date(2016, 10, 21), M.EXPLICIT_DATE, ()),
    (
        "on Monday 1/27",
        date(2025, 1, 14),
        {"month_first": True},
        date(2025, 1, 27),
        M.EXPLICIT_DATE,
        ("month_first",),
    ),
    ("w/c 22/4", THU_APR_2019, {}, date(2019, 4, 26), M.WEEK, ()),
    ("week of March 24", date(2025, 1, 14), {"month_first": True}, date(2025, 3, 28), M.WEEK, ()),
    ("in the first week of May", date(2017, 2, 9), {}, date(2017, 5, 5), M.WEEK, ()),
    ("primera semana de mayo", date(2023, 3, 9), {}, date(2023, 5, 5), M.WEEK, ()),
    ("due in 1 week", date(2018, 3, 15), {}, date(2018, 3, 22), M.RELATIVE, ()),
    ("dans 10 jours", date(2021, 10, 12), {}, date(2021, 10, 22), M.RELATIVE, ()),
    ("dentro de 10 días", date(2023, 3, 9), {}, date(2023, 3, 19), M.RELATIVE, ()),
    (
        "Before the inception workshop (14–15 August)",
        date(2018, 6, 21),
        {},
        date(2018, 8, 14),
        M.EXPLICIT_DATE,
        (),
    ),
    ("before the holiday (22/03)", date(2023, 3, 8), {}, date(2023, 3, 22), M.EXPLICIT_DATE, ()),
    (
        "ahead of the retreat on 2 March",
        date(2017, 2, 9),
        {},
        date(2017, 3, 2),
        M.EXPLICIT_DATE,
        (),
    ),
    (
        "antes de la reunión nacional del 30 de marzo",
        date(2023, 3, 9),
        {},
        date(2023, 3, 30),
        M.EXPLICIT_DATE,
        (),
    ),
    (
        "avant la réunion du comité du 4 novembre",
        date(2021, 10, 12),
        {},
        date(2021, 11, 4),
        M.EXPLICIT_DATE,
        (),
    ),
    ("every Friday", date(2019, 3, 14), {}, date(2019, 3, 15), M.RECURRING, ()),
    ("chaque vendredi", date(2021, 10, 12), {}, date(2021, 10, 15), M.RECURRING, ()),
    ("cada viernes", date(2023, 3, 9), {}, date(2023, 3, 10), M.RECURRING, ()),
    ("by the 5th of each month", date(2024, 6, 5), {}, date(2024, 7, 5), M.RECURRING, ()),
    (
        "every month (first update by 15 December)",
        date(2022, 11, 24),
        {},
        date(2022, 12, 15),
        M.EXPLICIT_DATE,
        (),
    ),
    ("weekly", JUNE_2023, {}, None, M.RECURRING, ()),
    ("finales de marzo", date(2023, 2, 23), {}, date(2023, 3, 31), M.MONTH_END, ()),
    ("mediados de abril", date(2023, 3, 9), {}, date(2023, 4, 15), M.MID_MONTH, APPROX),
    ("mi-novembre", date(2021, 10, 12), {}, date(2021, 11, 15), M.MID_MONTH, APPROX),
    ("fin octobre", date(2021, 10, 12), {}, date(2021, 10, 31), M.MONTH_END, ()),
    ("d'ici le 20 octobre", date(2021, 10, 12), {}, date(2021, 10, 20), M.EXPLICIT_DATE, ()),
    ("au plus tard le 15/10", date(2021, 10, 12), {}, date(2021, 10, 15), M.EXPLICIT_DATE, ()),
    ("@June 12, 2024", date(2024, 6, 5), {}, date(2024, 6, 12), M.EXPLICIT_DATE, ()),
    ("📅 Oct 10, 2024", date(2024, 10, 3), {}, date(2024, 10, 10), M.EXPLICIT_DATE, ()),
    ("22-Apr", date(2024, 4, 15), {}, date(2024, 4, 22), M.EXPLICIT_DATE, ()),
    ("05-Apr-2024", date(2024, 3, 25), {}, date(2024, 4, 5), M.EXPLICIT_DATE, ()),
    ("el próximo viernes", SEP_2019, {}, date(2019, 9, 13), M.WEEKDAY, ()),
    ("vendredi prochain", SEP_2019, {}, date(2019, 9, 13), M.WEEKDAY, ()),
    ("by 5pm Friday", SEP_2019, {}, date(2019, 9, 13), M.WEEKDAY, ()),
    ("fin de mes", SEP_2019, {}, date(2019, 9, 30), M.MONTH_END, ()),
    ("la semana próxima", SEP_2019, {}, date(2019, 9, 20), M.WEEK, ()),
    ("by the 15th", date(2019, 9, 11), {}, date(2019, 9, 15), M.EXPLICIT_DATE, ()),
    ("by the 5th", date(2019, 9, 11), {}, date(2019, 10, 5), M.EXPLICIT_DATE, ()),
    ("by Friday", date(2023, 6, 23), {}, date(2023, 6, 30), M.WEEKDAY, ()),
    ("on Monday", JUNE_2023, {}, date(2023, 6, 26), M.WEEKDAY, ()),
    ("EOW", date(2023, 6, 23), {}, date(2023, 6, 23), M.WEEK, ()),
    ("by the 5^th^ of each month", date(2020, 2, 16), {}, date(2020, 3, 5), M.RECURRING, ()),
    (None, JUNE_2023, {}, None, M.NONE, ()),
    ("", JUNE_2023, {}, None, M.NONE, ()),
    ("   ", JUNE_2023, {}, None, M.NONE, ()),
]

OPEN_ENDED = [
    "soon", "ASAP", "as soon as possible", "ongoing", "on-going", "On going", "regular",
    "continuous", "TBD", "TBC.", "to be decided", "when needed", "as needed", "N/A", "-",
    "by TBD", "en cours", "dès que possible", "Immediately", "permanente", "continu",
    "continu / ongoing", "por definir", "at a later stage", "deadline TBD", "date TBD",
    "Postponed (new date TBC)", "upon approval", "in the coming weeks", "once the funds arrive",
]  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "meeting", "kwargs", "due", "method", "flags"),
    CASES,
    ids=[f"{phrase!r}@{meeting}{sorted(kwargs)}" for phrase, meeting, kwargs, *_ in CASES],
)
def test_it_reads_each_phrase_as_a_careful_coordinator_would(
    phrase: str | None,
    meeting: date,
    kwargs: dict[str, Any],
    due: date | None,
    method: Method,
    flags: tuple[str, ...],
) -> None:
    result = resolve_deadline(phrase, meeting_date=meeting, **kwargs)
    assert (result.due, result.method, result.flags) == (due, method, flags), result.note


@pytest.mark.parametrize("phrase", OPEN_ENDED)
def test_it_keeps_open_ended_phrases_without_a_date(phrase: str) -> None:
    result = resolve_deadline(phrase, meeting_date=JUNE_2023)
    assert (result.due, result.method, result.phrase) == (None, M.OPEN_ENDED, phrase)


def test_it_has_enough_table_cases_to_cover_the_rules() -> None:
    assert len(CASES) + len(OPEN_ENDED) >= 60


def test_it_keeps_the_phrase_trimmed_but_otherwise_as_written() -> None:
    result = resolve_deadline("  by COB (9.9.19)  ", meeting_date=SEP_2019)
    assert result.phrase == "by COB (9.9.19)"
    assert resolve_deadline(None, meeting_date=SEP_2019) == Deadline(
        None, None, M.NONE, note="no deadline given"
    )


def test_it_explains_the_reading_in_a_short_note() -> None:
    note = resolve_deadline("end of July 2023", meeting_date=JUNE_2023).note
    assert note == "end of July 2023 -> 31 Jul 2023"
    rolled = resolve_deadline("end of July", meeting_date=SEP_2019).note
    assert "31 Jul 2020" in rolled and "next year" in rolled


def test_it_names_the_part_it_read_when_the_phrase_has_extra_words() -> None:
    result = resolve_deadline("31 July 2023 (tentative)", meeting_date=JUNE_2023)
    assert (result.due, result.method) == (date(2023, 7, 31), M.EXPLICIT_DATE)
    assert "'31 July 2023'" in result.note


def test_it_reports_a_date_that_does_not_exist_instead_of_raising() -> None:
    result = resolve_deadline("30/02/2023", meeting_date=JUNE_2023)
    assert (result.due, result.method) == (None, M.UNPARSED)
    assert "not" in result.note


def test_it_starts_the_week_the_day_after_the_weekend() -> None:
    assert MON_FRI.week_start(date(2023, 6, 25)) == date(2023, 6, 19)
    assert SUN_THU.week_start(date(2023, 6, 24)) == date(2023, 6, 18)
    assert SUN_THU.last_working_day_of_week(date(2023, 6, 19)) == date(2023, 6, 22)
    assert MON_FRI.is_working(date(2023, 6, 23)) and not SUN_THU.is_working(date(2023, 6, 23))


def test_it_rejects_a_work_week_without_working_days() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        WorkWeek(frozenset())
    with pytest.raises(ValueError, match=r"0\.\.6"):
        WorkWeek(frozenset({7}))


def test_it_uses_short_snake_case_method_values() -> None:
    assert all(method.value == method.name.lower() for method in Method)


# --- finding the phrase in free action text ------------------------------------------------

FOUND = [
    ("WG members to make comments on survey by COB (9.9.19)", "by COB (9.9.19)"),
    ("PHAP to launch survey 12.9.19 along with link to webinar.", "12.9.19"),
    ("WG members to make comment on document by 14.6.19", "by 14.6.19"),
    (
        "Online orientation session on CP protection definitions will be held online on the "
        "25th of May.",
        "on the 25th of May",
    ),
    ("DPISP finalization by the end of July", "by the end of July"),
    (
        "CPSS to develop a child protection situation monitoring tool and guideline (After SAG "
        "consultation) by the end of July.",
        "by the end of July",
    ),
    (
        "CPSS team to share the final product with CPSS actors by the end of the 3rd Quarter",
        "by the end of the 3rd Quarter",
    ),
    (
        "Online training series will be ready to use by CPSS actors on the IMO products as the "
        "following: 5W's (Mid Aug)",
        "Mid Aug",
    ),
    ("PSEA and CPSS to conduct a regular meeting to discuss the CF PSEA materials.", "regular"),
    (
        "CPSS to continue the rationalization meeting on monthly basis with the focal points.",
        "on monthly basis",
    ),
    ("In two months, CPSS to finalize the PSS curriculum with partners.", "In two months"),
    ("CPSS to consult with MHPSS WG and present in the next meeting.", "in the next meeting"),
    ("Jennifer to share survey with WG for comment.", None),
    ("Markus to revise survey based on feedback from WG members.", None),
    ("CMTWG ToR to be finalized.", None),
    (
        "CPSS to seek two representatives (male & female) to be regular members of the MHPSS WG.",
        None,
    ),
    ("CP ECD updates to be a standing agenda item from next month.", None),
    ("Discuss the rationalization process and challenges with CP actors by ad-hock meetings", None),
    (
        "Markus to share the link to specific focal points so they are able to circulate it within "
        "their CCCM networks.",
        None,
    ),
    ("Partners may share the 3 may-be options.", None),
    ("Cluster to share the dashboard by Friday.", "by Friday"),
    ("Finalise the ToR before the next WG meeting", "before the next WG meeting"),
    ("Report due 12 Sept, draft ongoing", "12 Sept"),
    ("Roll-out starting 1 July 2023", None),
    ("Update the dashboard weekly on Monday", "weekly on Monday"),
    ("Mapping finalised by week of 12 Sept", "by week of 12 Sept"),
    ("Partners to reply within 48 hours.", "within 48 hours"),
    ("Finalise the plan by 12 Sept 2019 or at the next meeting", "by 12 Sept 2019"),
    # the subject of the action, a channel and a completion date are not deadlines
    ("Share the survey calendar for Q1 2020", None),
    ("Send the meeting calendar for H2 2018.", None),
    ("Members to send their comments by e-mail", None),
    ("Translate the guidance. Done – shared on 3 May", None),
    ("Obtain a second quote (completed 1/9/25)", None),
    ("Finalise the plan in Q1 2020", "in Q1 2020"),
    (
        "Raise it at the next coordination meeting (24/08)",
        "at the next coordination meeting (24/08)",
    ),
    ("Present the findings during the next WG.", "during the next WG"),
    ("Install the antenna at the hub by 18/4", "by 18/4"),
    ("Circulate the draft for comments w/c 22/4", "w/c 22/4"),
    ("Keep the radio room running 24/7", None),
    ("Prepare the next report", None),
    ("Enviar los datos cada viernes", "cada viernes"),
    ("Partenaires à confirmer d'ici fin octobre", "d'ici fin octobre"),
]


@pytest.mark.parametrize(("text", "phrase"), FOUND)
def test_it_finds_the_deadline_phrase_in_action_text(text: str, phrase: str | None) -> None:
    assert find_deadline_phrase(text) == phrase


@pytest.mark.parametrize(("text", "phrase"), [(t, p) for t, p in FOUND if p is not None])
def test_it_can_read_every_phrase_it_finds(text: str, phrase: str) -> None:
    result = resolve_deadline(phrase, meeting_date=SEP_2019)
    assert result.method not in (M.UNPARSED, M.NONE), result.note


def test_without_a_meeting_date_only_complete_dates_are_read() -> None:
    for phrase in ("by Friday", "within 10 days", "end of May", "12 Sept", "Q3"):
        result = resolve_deadline(phrase, meeting_date=None)
        assert (result.due, result.method, result.flags) == (
            None,
            M.NO_ANCHOR,
            ("no_meeting_date",),
        ), phrase
        assert "meeting date" in result.note
    assert resolve_deadline("by 12 Sept 2019", meeting_date=None).due == date(2019, 9, 12)
    assert resolve_deadline("Q3 2024", meeting_date=None).due == date(2024, 9, 30)
    assert resolve_deadline("ASAP", meeting_date=None).method is M.OPEN_ENDED
    known = resolve_deadline("next meeting", meeting_date=None, next_meeting=date(2024, 5, 2))
    assert known.due == date(2024, 5, 2)


def test_it_detects_month_first_dates_only_when_clearly_so() -> None:
    assert detect_month_first(["Survey by 6/14/2019", "launch 6/3/2019"])
    assert not detect_month_first(["Survey by 6/14/2019", "launch 14/6/2019"])
    assert not detect_month_first(["by 6/3/2019", "no dates at all"])
    assert not detect_month_first(["Report by 14.6.19"])
    assert not detect_month_first(["ISO 2019-06-14 is neither"])


# --- properties ----------------------------------------------------------------------------

WRITTEN_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2069, 12, 31))
DAY_FIRST_STYLES = [
    "%d.%m.%y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y",
    "%B %d, %Y", "%A %d %B %Y", "by %d/%m/%Y", "by COB (%d.%m.%y)", "no later than %d %b %Y.",
]  # fmt: skip


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@given(WRITTEN_DATES, st.dates(), st.sampled_from(DAY_FIRST_STYLES), st.booleans())
def test_it_reads_any_written_date_back_exactly(
    written: date, meeting: date, style: str, carried_over: bool
) -> None:
    phrase = written.strftime(style)
    result = resolve_deadline(phrase, meeting_date=meeting, carried_over=carried_over)
    assert (result.due, result.method) == (written, M.EXPLICIT_DATE), result.note
    assert ("before_meeting" in result.flags) == (written < meeting)


@given(WRITTEN_DATES, st.dates())
def test_it_reads_ordinal_dates_back_exactly(written: date, meeting: date) -> None:
    phrase = f"on the {_ordinal(written.day)} of {written:%B %Y}"
    result = resolve_deadline(phrase, meeting_date=meeting)
    assert (result.due, result.method) == (written, M.EXPLICIT_DATE), result.note


@given(WRITTEN_DATES, st.dates(), st.sampled_from(["%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d"]))
def test_it_reads_month_first_dates_back_when_told_to(
    written: date, meeting: date, style: str
) -> None:
    result = resolve_deadline(written.strftime(style), meeting_date=meeting, month_first=True)
    assert (result.due, result.method) == (written, M.EXPLICIT_DATE), result.note


@given(WRITTEN_DATES.filter(lambda day: day.day > 12))
def test_it_reads_day_first_when_the_first_number_cannot_be_a_month(written: date) -> None:
    phrase = written.strftime("%d/%m/%Y")
    result = resolve_deadline(phrase, meeting_date=SEP_2019, month_first=True)
    assert result.due == written
    assert "month_first" not in result.flags


DEADLINE_WORDS = st.sampled_from([
    "by", "before", "end", "of", "the", "mid", "early", "late", "next", "week", "month", "meeting",
    "Q3", "H1", "in", "within", "two", "12", "9.9.19", "31/12/2019", "July", "Sept", "Friday",
    "every", "5th", "monthly", "basis", "COB", "(", ")", ".", ",", "-", "/", "'", "soon", "2019",
    "on", "first", "quarter", "year", "today", "tomorrow", "avant", "la", "prochaine", "réunion",
    "fin", "mi-août", "from", "may", "May", "29", "Feb", "31st", "working", "days",
])  # fmt: skip


@given(st.text() | st.lists(DEADLINE_WORDS, max_size=8).map(" ".join), st.dates(), st.booleans())
def test_it_never_raises_on_arbitrary_text(text: str, meeting: date, carried_over: bool) -> None:
    result = resolve_deadline(
        text,
        meeting_date=meeting,
        carried_over=carried_over,
        workweek=SUN_THU,
        events={"x": meeting},
    )
    assert isinstance(result.method, Method)
    assert result.due is None or result.method not in (M.UNPARSED, M.NONE, M.OPEN_ENDED)


@given(st.text() | st.lists(DEADLINE_WORDS, max_size=8).map(" ".join))
def test_it_finds_only_substrings_of_the_text(text: str) -> None:
    phrase = find_deadline_phrase(text)
    assert phrase is None or (phrase in text and phrase == phrase.strip())


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("T1 2024", date(2024, 3, 31)),
        ("T3", date(2024, 9, 30)),
        ("end Q2", date(2024, 6, 30)),
        ("fin T2", date(2024, 6, 30)),
    ],
)
def test_french_and_bare_end_quarters(phrase: str, due: date) -> None:
    assert resolve_deadline(phrase, meeting_date=date(2024, 1, 10)).due == due


def test_a_french_quarter_is_found_in_an_action() -> None:
    assert find_deadline_phrase("Élaborer la note d'orientation T1 2024") == "T1 2024"
