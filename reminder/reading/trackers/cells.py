"""Tracker cell values (as openpyxl or the csv module give them) turned into text.

Cells come as str from CSV and as str, int, float, bool, datetime, date, time or None
from a workbook; every function here accepts any of them.
"""

from __future__ import annotations

from datetime import date, datetime, time

from reminder.reading.extraction import clean_text


def blank(value: object) -> bool:
    """True for an empty cell: None, or a string of whitespace only."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """A cell as one line of text; numbers without a spurious ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return clean_text(str(value))


def owner_text(value: object) -> str:
    """A cell as written, only trimmed: owner cells keep their line breaks for splitting."""
    return value.strip() if isinstance(value, str) else as_text(value)


def due_phrase(value: object) -> str | None:
    """A deadline cell: text as written (trimmed), a date cell as ISO, blank as None."""
    if blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    return value.date().isoformat() if isinstance(value, datetime) else as_text(value)
