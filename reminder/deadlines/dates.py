"""Complete dates inside longer text, and the evidence for day-first or month-first writing.

Part of reminder.deadlines, which re-exports `find_full_dates` and `date_order`.

A complete date states its day, month and year ("Thu, 9 Feb 2017", "14/03/2019",
"January 14, 2025", "2024-10-03"), so it is read without any meeting date. The order of a
document's numeric dates is decided from the document's own evidence only: a number above 12
can only be a day, and a US-style written date ("January 14, 2025") is month-first writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from reminder.deadlines.calendar import MON_FRI
from reminder.deadlines.parts import DAY_RANGE, DMY, ISO, MDY, NUMERIC, WD
from reminder.deadlines.rules import READERS
from reminder.deadlines.types import Context
from reminder.deadlines.words import fold

# Not inside a longer number, nor a time ("10.30-12:00").
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w/.:-])", r"(?![\w:]|[./-]\d)"
_FULL = tuple(
    re.compile(_EDGE_BEFORE + pattern + _EDGE_AFTER)
    for pattern in (ISO, NUMERIC, DAY_RANGE, DMY, MDY)
)
# A two-part numeric date ("1/27", "18/4") counts as evidence only where a date is expected.
_SHORT = re.compile(
    rf"(?:(?:by|on|before|until|due|w/c|of|le|du|au|el|del|{WD})\s+|\(\s*)"
    r"(?P<a>\d{1,2})[./](?P<b>\d{1,2})(?![\w]|[./-]\d)"
)
_NUMERIC_ANY = re.compile(
    _EDGE_BEFORE + r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?:\d{4}|\d\d)" + _EDGE_AFTER
)
_US_WRITTEN = re.compile(
    _EDGE_BEFORE + MDY.replace(r"(?:\s*,?\s*(?P<year>\d{4}))?", r"\s*,\s*(?P<year>\d{4})")
)
_ROUND_THE_CLOCK = re.compile(r"\b24\s*/\s*7\b")
_DIGIT = re.compile(r"\d")
_MAYBE_DATE = re.compile(r"\d[./-]\d|,\s*\d{4}")  # numeric; US-style ("Jan 14, 2025")


def find_full_dates(text: str, *, month_first: bool = False) -> list[tuple[int, int, date]]:
    """(start, end, date) of every complete date in text, in order; impossible dates are skipped."""
    folded = fold(text)
    context = Context(None, None, MON_FRI, month_first, carried_over=False)
    found: dict[int, tuple[int, int, date]] = {}
    for pattern in _FULL:
        for match in pattern.finditer(folded):
            if not (match["year"] or match.groupdict().get("yy")):
                continue
            try:
                due = READERS["date"](match, context)[0]
            except ValueError:
                continue
            start = match.start()
            if due is not None and (start not in found or found[start][1] < match.end()):
                found[start] = (start, match.end(), due)
    spans = sorted(found.values())
    # A date inside a longer one ("9 Feb 2017" inside "Thu, 9 Feb 2017") is the same date.
    return [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]


def date_order(texts: Iterable[str]) -> tuple[bool, str | None]:
    """(month_first, evidence) for a document's numeric dates, from its own texts.

    A number above 12 in a numeric date is decisive ("14/03/2019" is day-first, "1/27"
    month-first); when both kinds occur the more frequent wins, day-first on a tie. Without
    such numbers, US-style written dates ("January 14, 2025", "Oct 3, 2024") make the
    document month-first. evidence is None when nothing showed the order (then day-first).
    """
    day_first: list[str] = []
    month_first: list[str] = []
    us_style: list[str] = []
    for text in texts:
        # Most texts hold no date: every pattern of `_evidence` needs one of these, and
        # folding ASCII keeps its digits and separators (not worth the cache's room).
        if text.isascii() and _MAYBE_DATE.search(text) is None:
            continue
        days, months, us = _evidence(text)
        day_first += days
        month_first += months
        us_style += us
    if month_first and len(month_first) > len(day_first):
        return True, f"month-first: {month_first[0]!r} has a day above 12 in second place"
    if day_first:
        return False, f"day-first: {day_first[0]!r} has a day above 12 in first place"
    if us_style:
        return True, f"month-first: US-style date {us_style[0]!r}"
    return False, None


@lru_cache(maxsize=4096)  # a tracker's rows repeat the same deadline texts
def _evidence(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(day-first, month-first, US-style) dates written in one text, in order."""
    day_first: list[str] = []
    month_first: list[str] = []
    folded = _ROUND_THE_CLOCK.sub(" ", fold(text))
    if _DIGIT.search(folded) is None:  # every date pattern below holds a digit
        return (), (), ()
    for match in (*_NUMERIC_ANY.finditer(folded), *_SHORT.finditer(folded)):
        first, second = int(match["a"]), int(match["b"])
        written = text[match.start("a") : match.end()]
        if first > 12 >= second >= 1:
            day_first.append(written)
        # "9.30" is more often a time than 30 September written month-first.
        elif second > 12 >= first >= 1 and second <= 31 and "." not in written:
            month_first.append(written)
    us_style = tuple(text[m.start() : m.end()] for m in _US_WRITTEN.finditer(folded))
    return tuple(day_first), tuple(month_first), us_style
