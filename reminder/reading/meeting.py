"""What a minutes `Document` says about its meeting: forum, title, dates, working week.

Dates are read as people write them in minutes: "19th June 2023", "June 19, 2023",
"19/06/2023" or "19.06.23", "2023-06-19".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reminder.reading.document import Document, Paragraph, Table
from reminder.reading.extraction import MeetingInfo, clean_text

# Public: a "Next meeting ..." row or item is meeting information, never an action.
NEXT_MEETING = re.compile(
    r"^(?:next\s+meeting|prochaine\s+réunion)\b(?:\s+(?:date|will\s+be(?:\s+held)?|is|aura"
    r"\s+lieu(?:\s+le)?))?\s*[:\-–—]?\s*(?P<rest>.*)$",
    re.I,
)
_DATE_LABEL = re.compile(
    r"^date\b(?!\s+of)(?:\s*(?:&|and)\s*time)?\s*[:\-–—]?\s*(?P<rest>.*)$", re.I
)
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+\d{{4}}\b", re.I)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORK_WEEK = re.compile(
    r"\bsun(?:day)?\s*(?:-|–|—|to|through|thru|until)\s*thu(?:rs(?:day)?)?\b", re.I
)
_FORUM_NOISE = re.compile(
    r"\b(?:meeting\s+)?minutes(?:\s+of(?:\s+the)?)?\b"
    r"|\b(?:(?:monthly|weekly|bi-?weekly|quarterly|regular|coordination)\s+)?meeting\b",
    re.I,
)


def meeting_info(document: Document) -> MeetingInfo:
    """What the document says about its meeting.

    The date comes from a "Date:"/"DATE & TIME" line or row, else from the title; numbers
    are read day-first unless the date line is written US-style ("June 19, 2023", or a
    numeric date whose second number is over 12), which sets `month_first`. The forum is
    the title without "Minutes", "(Monthly) Meeting" and dates. A "Next meeting ..."
    paragraph, row or cell gives `next_meeting_phrase` (and `next_meeting` when it holds
    a full date); a stated Sunday-Thursday week gives `working_days`.
    """
    title = next((b.text for b in document.blocks if isinstance(b, Paragraph) and b.text), None)
    if document.blocks and isinstance(document.blocks[0], Table):
        title = None  # the first paragraph after a table is not the document's title
    labelled = (text for text in _labelled(document, _DATE_LABEL) if _find_date(text, False))
    date_text = next(labelled, title or "")
    month_first = _us_style(date_text)
    phrases = (text.rstrip(". ") for text in _labelled(document, NEXT_MEETING))
    phrase = next((text for text in phrases if text), None)
    week = _WORK_WEEK.search(" ".join(document.texts()))
    return MeetingInfo(
        forum=_forum(title),
        title=title,
        date=_find_date(date_text, month_first),
        next_meeting=_find_date(phrase, month_first) if phrase else None,
        next_meeting_phrase=phrase,
        month_first=month_first,
        working_days=(6, 0, 1, 2, 3) if week else None,
    )


def _labelled(document: Document, label: re.Pattern[str]) -> Iterator[str]:
    """The text after `label` in each paragraph, row (label in its first cell) and cell item."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            candidates = [(block.text, "")]
        else:
            candidates = []
            for row in block.rows:
                filled = [text for text in row.texts() if text]
                candidates += [(filled[0], " ".join(filled[1:]))] if filled else []
                candidates += [(it.text, "") for cell in row.cells for it in cell.items]
        for head, tail in candidates:
            match = label.match(head)
            if match and clean_text(f"{match['rest']} {tail}"):
                yield clean_text(f"{match['rest']} {tail}")


def _find_date(text: str, month_first: bool) -> dt.date | None:
    """The first complete date written in `text` (day, month and year), or None."""
    found: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for m in _ISO.finditer(text):
        found.append((m.start(), int(m["y"]), int(m["m"]), int(m["d"])))
    for m in (*_DAY_MONTH.finditer(text), *_MONTH_DAY.finditer(text)):
        found.append((m.start(), int(m["y"]), _MONTHS.index(m["mon"][:3].lower()) + 1, int(m["d"])))
    for m in _NUMERIC.finditer(text):
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        first, second = int(m["a"]), int(m["b"])
        # Month-first documents: that reading first, day-first if it is not a valid date.
        orders = [(first, second), (second, first)] if month_first else [(second, first)]
        found += [(m.start(), year, month, day) for month, day in orders]
    for _, year, month, day in sorted(found, key=lambda entry: entry[0]):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _us_style(text: str) -> bool:
    """True when the date in `text` is written month-first ("June 19, 2023", "6/19/2023")."""
    if _MONTH_DAY.search(text) and not _DAY_MONTH.search(text):
        return True
    return any(int(m["a"]) <= 12 < int(m["b"]) for m in _NUMERIC.finditer(text))


def _forum(title: str | None) -> str | None:
    """The title without "Minutes", "(Monthly) Meeting" and dates; None if nothing is left."""
    if not title:
        return None
    text = _FORUM_NOISE.sub(" ", title)
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY, _NUMERIC, _MONTH_YEAR):
        text = pattern.sub(" ", text)
    return clean_text(text).strip(" ,;:|-–—") or None
