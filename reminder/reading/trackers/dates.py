"""Meeting-date cells of a tracker read as dates, only when they state a full date.

Accepted: date and datetime cells, Excel serial day numbers in unformatted cells, ISO-like
"2023-06-19" text and anything dateutil reads day-first, with English or French month
names ("19 juin 2023"). A partial date ("June 2023") is not a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final

from dateutil import parser as date_parser

from reminder.reading.trackers.headers import normalise

_YMD: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")
# fmt: off
_FRENCH_MONTHS: Final = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
)
_SPANISH_MONTHS: Final = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)
# fmt: on


class _DateWords(date_parser.parserinfo):
    """dateutil's English month names plus French ones, accents optional ("fevr", "août")."""

    def month(self, name: str) -> int | None:
        english = super().month(name)
        if english is not None:
            return english
        key = normalise(name)
        for months in (_FRENCH_MONTHS, _SPANISH_MONTHS):
            found = [i for i, month in enumerate(months, 1) if month.startswith(key)]
            if len(key) >= 3 and len(found) == 1:
                return found[0]
        return None


_DATE_WORDS: Final = _DateWords(dayfirst=True)


def to_date(value: object) -> date | None:
    """A meeting-date cell as a date; None unless it states a full date (day-first if numeric)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An Excel serial day number in a cell not formatted as a date (1954 to 2119).
        from openpyxl.utils.datetime import from_excel  # only for this: loaded when needed

        return from_excel(value).date() if 20_000 <= value <= 80_000 else None
    if not isinstance(value, str):
        return None
    # "9 de marzo de 2023", "le 9 mars 2023": the linking words are not part of the date.
    return _text_date(re.sub(r"\b(?:de|del|le)\b", " ", value.strip(), flags=re.I).strip())


def _text_date(text: str) -> date | None:
    """A full date written in `text` (ISO-like, else as dateutil reads it), else None."""
    if match := _YMD.fullmatch(text):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    try:
        # Two different defaults reveal a missing day, month or year ("June 2023").
        first = date_parser.parse(text, _DATE_WORDS, default=datetime(2000, 1, 1))
        second = date_parser.parse(text, _DATE_WORDS, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    return first.date() if first.date() == second.date() else None
