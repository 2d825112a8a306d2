"""Spreadsheets in the document model: each sheet is a `Table` of `SheetCell`s.

A CSV file is a `Document` with one unnamed table; a workbook one table per visible
sheet, named by the sheet, in workbook order. Each `Row.number` is the spreadsheet row
(for CSV: the line the record starts on); hidden rows are left out and the cells of
hidden columns are blank, so column positions still line up with the header row.

A `SheetCell` is a `Cell` (its items are the cell's lines as shown: a date cell as Excel
shows it) that also keeps what a tracker needs: the `value` as stored (str, number,
bool, date, datetime), the date cell's `number_format`, its fill colour, and `wide`
where a merged range two or more columns wide starts. A cell covered by a merged range
(not its top-left cell) is `spanned`, has no items, and carries the range's value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from reminder.reading.document import Cell, Document, Item
from reminder.reading.extraction import is_one_clean_line
from reminder.reading.formats.shown import shown


@dataclass(frozen=True)
class SheetCell(Cell):
    """A spreadsheet cell: the shown text as items, plus its stored value and format."""

    value: object = None
    number_format: str | None = None
    fill: str | None = None
    wide: bool = False


@dataclass(frozen=True)
class SheetBook:
    """A spreadsheet file read: its document, the hidden sheets left out, and notes."""

    document: Document
    hidden: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def sheet_cell(
    value: object,
    *,
    spanned: bool = False,
    number_format: str | None = None,
    fill: str | None = None,
    wide: bool = False,
) -> SheetCell:
    """The cell holding `value`; a `spanned` cell has no items of its own."""
    items = () if spanned else tuple(Item(line) for line in _lines(value, number_format))
    return SheetCell(items, spanned, value, number_format, fill, wide)


def _lines(value: object, number_format: str | None) -> list[str]:
    """The cell's text as shown, one entry per non-blank line."""
    if value is None or isinstance(value, bool):
        return [str(value).upper()] if isinstance(value, bool) else []
    if isinstance(value, date):
        if isinstance(value, datetime) and value.time() != time(0) and not number_format:
            return [value.isoformat(" ")]
        return [shown(value, number_format)]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return list(_text_lines(str(value)))


@lru_cache(maxsize=4096)  # tracker cells repeat the same texts row after row
def _text_lines(text: str) -> tuple[str, ...]:
    """The non-blank lines of text, each with its whitespace runs collapsed."""
    if is_one_clean_line(text):
        return (text,) if text else ()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return tuple(line for line in lines if line)
