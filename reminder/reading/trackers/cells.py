"""Tracker cell values (as openpyxl or the csv module give them) turned into text, and
the rows the tracker analysis reads (`SheetRow`, from a sheet's document `Table`).

Cells come as str from CSV and as str, int, float, bool, datetime, date, time or None
from a workbook; every function here accepts any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from reminder.reading.document import Cell, Table
from reminder.reading.extraction import clean_text
from reminder.reading.formats.sheet import SheetCell
from reminder.reading.formats.shown import shown


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


def due_phrase(value: object, number_format: str | None = None) -> str | None:
    """A deadline cell: text as written (trimmed), a date cell as Excel shows it in its
    `number_format` (ISO when the format does not say), an Excel serial day number in an
    unformatted cell as an ISO date, blank as None."""
    if blank(value):
        return None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, date):
        return shown(value, number_format)
    if isinstance(value, int | float) and not isinstance(value, bool) and 20_000 <= value <= 80_000:
        # openpyxl only for this: a module that shows a cell does not load it otherwise.
        from openpyxl.utils.datetime import from_excel

        return str(from_excel(value).date().isoformat())
    return as_text(value)


@dataclass(frozen=True)
class SheetRow:
    """One spreadsheet row: cells as stored, plus what merged ranges put in its blank cells."""

    number: int
    values: tuple[object, ...]
    merged: dict[int, object] = field(default_factory=dict)
    wide: frozenset[int] = frozenset()  # columns where a merge two or more columns wide starts
    formats: dict[int, str] = field(default_factory=dict)  # date cells' number formats
    fills: dict[int, str] = field(default_factory=dict)  # cells' fill colours


def sheet_rows(table: Table) -> Iterator[SheetRow]:
    """A sheet's `Table` (see `formats.sheet`) as the rows the tracker analysis reads."""
    for row in table.rows:
        cells = row.cells
        values = tuple(None if c.spanned else _value(c) for c in cells)
        merged = {
            col: value for col, c in enumerate(cells) if c.spanned and not blank(value := _value(c))
        }
        wide = frozenset(col for col, c in enumerate(cells) if isinstance(c, SheetCell) and c.wide)
        formats = {
            col: c.number_format
            for col, c in enumerate(cells)
            if isinstance(c, SheetCell) and c.number_format
        }
        fills = {col: c.fill for col, c in enumerate(cells) if isinstance(c, SheetCell) and c.fill}
        yield SheetRow(row.number or 0, values, merged, wide, formats, fills)


def _value(cell: Cell) -> object:
    """The stored value of a sheet cell; the shown text of any other cell."""
    return cell.value if isinstance(cell, SheetCell) else "\n".join(i.text for i in cell.items)
