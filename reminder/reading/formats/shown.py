"""Date cells shown as Excel shows them, from the cell's number format.

`shown(value, number_format)` turns a date or datetime cell into the text Excel
displays: "dd/mm/yyyy" gives "19/08/2022", "dd-mmm-yyyy" gives "05-Apr-2024",
"mmmm d, yyyy" gives "April 5, 2024". A midnight time is not shown. Formats without a
day, month and year of their own (Excel's built-in short date, "General") give ISO
"2024-04-05", which reads the same in every locale. `month_first` tells whether a
format writes the month before the day (a US-style sheet).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Final

_TOKEN: Final = re.compile(
    r'yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|"[^"]*"|\\.|\[[^\]]*\]|.',
    re.I,
)
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Excel's built-in short date (format 14): shown in the reader's locale, so not told here.
_LOCALE_SHORT_DATE: Final = frozenset({"mm-dd-yy", "m/d/yy", "m/d/yyyy"})


def _tokens(number_format: str) -> list[str]:
    section = number_format.split(";")[0]
    if section.lower() in _LOCALE_SHORT_DATE:
        return []
    return _TOKEN.findall(section)


def _is_dated(tokens: list[str]) -> bool:
    lowered = {t.lower() for t in tokens}
    return bool(lowered & {"yyyy", "yy"}) and bool(lowered & {"d", "dd"})


def month_first(number_format: str) -> bool:
    """True when a date format writes the month before the day ("mm/dd/yyyy")."""
    tokens = [t.lower() for t in _tokens(number_format)]
    days = [i for i, t in enumerate(tokens) if t in ("d", "dd")]
    months = [i for i, t in enumerate(tokens) if t in ("m", "mm", "mmm", "mmmm")]
    years = [i for i, t in enumerate(tokens) if t in ("yy", "yyyy")]
    if not (days and months and years and _is_dated(tokens)) or years[0] < months[0]:
        return False
    return months[0] < days[0]


def shown(value: date | datetime, number_format: str | None) -> str:
    """The text Excel shows for a date cell in `number_format` (ISO when it cannot say)."""
    day = value.date() if isinstance(value, datetime) else value
    tokens = _tokens(number_format or "")
    if not _is_dated(tokens):
        return day.isoformat()
    with_time = isinstance(value, datetime) and value.time() != time(0)
    out: list[str] = []
    after_hour = False
    for token in tokens:
        low = token.lower()
        if low in ("h", "hh", "ss", "s", "am/pm", "a/p"):
            if not with_time:
                break  # the time part of a midnight value is not worth showing
            assert isinstance(value, datetime)
            out.append(_time_part(value, low))
            after_hour = low in ("h", "hh")
            continue
        if low in ("m", "mm") and after_hour and isinstance(value, datetime):
            out.append(f"{value.minute:02d}")
            after_hour = False
            continue
        out.append(_date_part(day, token))
    return "".join(out).strip(" ,-/.")


def _date_part(day: date, token: str) -> str:
    low = token.lower()
    parts = {
        "yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}",
        "mmmmm": _MONTHS[day.month - 1][0], "mmmm": _MONTHS[day.month - 1],
        "mmm": _MONTHS[day.month - 1][:3], "mm": f"{day.month:02d}", "m": str(day.month),
        "dddd": _DAYS[day.weekday()], "ddd": _DAYS[day.weekday()][:3],
        "dd": f"{day.day:02d}", "d": str(day.day),
    }  # fmt: skip
    if low in parts:
        return parts[low]
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("["):
        return ""  # a locale or colour code
    return token


def _time_part(value: datetime, low: str) -> str:
    if low == "hh":
        return f"{value.hour:02d}"
    if low == "h":
        return str(value.hour)
    if low in ("ss", "s"):
        return f"{value.second:02d}"
    return "AM" if value.hour < 12 else "PM"
