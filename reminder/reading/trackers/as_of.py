"""A tracker's as-of date: what its title rows say its contents are current as of.

Read in the rows above the header row, and in rows below it that only state it (a
"Last updated: ..." line under the table, skipped as no action); a row's own "Updated"
cell dates that row, not the tracker. The statement is a cell stating it ("Status as
of 9 Dec 2026", "Last updated: 09/12/2026", "Situation au ...", "Actualizado el ...":
see `meeting.as_of` for the phrases), or a cell that is only the phrase ("Last update",
"Mise à jour :") with the date in the next filled cell to its right (a date cell, or
text). Numeric text dates are day-first unless the tracker shows month-first writing.

Where it was read is "'<phrase>' cell B2 of sheet <name>" (CSV: "'<phrase>' cell B2",
the line being the row). When the sheets of a workbook state different dates, the
newest is the workbook's and a note lists the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpyxl.utils import get_column_letter

from reminder.deadlines.read import find_full_dates
from reminder.reading.meeting.as_of import as_of_in_text, as_of_label
from reminder.reading.trackers.cells import SheetRow, as_text, blank
from reminder.reading.trackers.dates import to_date

__all__ = ["book_as_of", "sheet_as_of"]


def sheet_as_of(
    rows: Sequence[SheetRow], sheet: str | None, *, month_first: bool
) -> tuple[date, str] | None:
    """(date, where) of the as-of statement in a sheet's title rows, or None."""
    for row in rows:
        for col, value in enumerate(row.values):
            if not isinstance(value, str) or blank(value):
                continue
            if found := as_of_in_text(value, month_first=month_first):
                return found[0], _where(found[1], col, row.number, sheet)
            label = as_of_label(value)
            after = [(c, v) for c, v in enumerate(row.values) if c > col and not blank(v)]
            if label and after and (day := _cell_date(after[0][1], month_first)):
                return day, _where(label, after[0][0], row.number, sheet)
    return None


def book_as_of(
    found: Sequence[tuple[date, str]], file: str, notes: list[str]
) -> tuple[date, str] | None:
    """The as-of date of a workbook from its sheets' (in order): the newest, noting the others."""
    if not found:
        return None
    newest = max(found, key=lambda item: item[0])
    others = [f"{day.isoformat()} ({where})" for day, where in found if day != newest[0]]
    if others:
        notes.append(
            f"{file}: sheets state different as-of dates; read {newest[0].isoformat()} "
            f"({newest[1]}), the newest, over {', '.join(others)}"
        )
    return newest


def _cell_date(value: object, month_first: bool) -> date | None:
    """The date in the value cell of an as-of label: a date cell, else a complete text date."""
    if isinstance(value, str):
        dates = find_full_dates(value, month_first=month_first)
        return dates[0][2] if dates else to_date(value)
    return to_date(value)


def _where(phrase: str, col: int, row: int, sheet: str | None) -> str:
    cell = f"'{as_text(phrase)}' cell {get_column_letter(col + 1)}{row}"
    return f"{cell} of sheet {sheet}" if sheet else cell
