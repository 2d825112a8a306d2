"""`date_order` passes over texts that cannot hold a date without changing its answer."""

from __future__ import annotations

import pytest

from reminder.deadlines import dates
from reminder.deadlines.dates import date_order

TEXTS = [
    "Share the 4W matrix for the north 1234 with partners",  # a number, no date
    "Report by 14/3",
    "by 1/27",
    "Meeting on 03-14-2024",
    "Draft due January 14, 2025",
    "Oct 3,2024 workshop",
    "Hotline 24/7 from 2025",
    "Le rapport du 14.03.2019",
    "le 3 février 2025, ensuite",  # not ASCII: always read
    "Plan for 2025",
    "9.30 briefing",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_answer_as_reading_every_text(text: str) -> None:
    days, months, us = dates._evidence(text)
    everything = date_order([text, "Plain text"])
    if months and len(months) > len(days):
        assert everything[0] is True
    elif days:
        assert everything == (False, f"day-first: {days[0]!r} has a day above 12 in first place")
    elif us:
        assert everything == (True, f"month-first: US-style date {us[0]!r}")
    else:
        assert everything == (False, None)


def test_a_text_with_only_a_year_shows_no_order() -> None:
    assert date_order(["Plan for 2025", "the north 1234"]) == (False, None)
