"""Importers for action trackers kept as Excel workbooks (.xlsx) or CSV exports.

A tracker has one action point per row under a header row found in its first 15 rows
(column names as people write them: see `tracker_headers`). Rows that cannot be used
become `Skipped` entries and anything worth knowing becomes a note; nothing vanishes.

Blank cells meaning "same as above": merged ranges take their top-left value; a blank
section, meeting-date or owner cell repeats the last one above in the same sheet (a
section title row, a lone text cell left of the table, starts a new block with no owner).
Deadline and status cells never repeat: blank means no deadline, and open.

This module finds each table and assembles the `Extraction`; the row rules are in
`tracker_rows`, the file formats in `tracker_csv` and `tracker_xlsx`.
"""

from __future__ import annotations

import csv
import itertools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from reminder.errors import InputError
from reminder.reading.extraction import Extraction, MeetingInfo, SourceRef
from reminder.reading.formats.csv import csv_reader, csv_rows, csv_text
from reminder.reading.formats.xlsx import open_workbook, sheet_rows
from reminder.reading.trackers.cells import as_text, blank
from reminder.reading.trackers.headers import NO_HEADER, SCAN_ROWS, find_header
from reminder.reading.trackers.rows import SheetRow, Table

_EMPTY: Final = "empty; nothing read"


@dataclass
class _Sheet:
    """What one CSV file or sheet gave: a table, or the reason there is none."""

    table: Table | None = None
    problem: str | None = None
    title: str | None = None
    header_row: int = 0


def read_csv(path: Path) -> Extraction:
    """Read a CSV tracker (comma, semicolon or tab separated; UTF-8, UTF-8 with BOM or cp1252).

    `SourceRef.row` is the line on which the record starts, the header line counting.
    Raises InputError naming the file when it cannot be read, is empty, has no header row
    with an action column in its first 15 lines, or has no rows below the header.
    """
    file = str(path)
    text, notes = csv_text(path)
    reader = csv_reader(text)
    try:
        sheet = _read_table(csv_rows(reader), file, None, notes, ragged_note=True)
    except csv.Error as exc:
        raise InputError(f"{file}, line {reader.line_num}: {exc}") from exc
    if sheet.table is None:
        raise InputError(
            f"{file}: no rows (the file holds only blank cells)"
            if sheet.problem == _EMPTY
            else f"{file}: {sheet.problem}"
        )
    if sheet.table.rows_seen == 0:
        raise InputError(f"{file}: no rows below the header row (line {sheet.header_row})")
    return _extraction(file, [sheet], notes)


def read_xlsx(path: Path) -> Extraction:
    """Read every visible sheet of an .xlsx tracker; hidden sheets only get a note.

    Merged cells take the value of their top-left cell; formulas give their last computed
    value. `SourceRef.sheet` is the sheet name and `row` the spreadsheet row number.
    Warnings from openpyxl become notes. Raises InputError naming the file when it is not
    a readable workbook (corrupt, password-protected, an .xls renamed), when no visible
    sheet has a header row with an action column, or when no sheet has rows below it.
    """
    file = str(path)
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = open_workbook(path)
        try:
            sheets, hidden = _read_sheets(workbook, file, notes)
        finally:
            workbook.close()
    # Warnings go first, each distinct one once however often openpyxl raised it.
    seen = dict.fromkeys(f"{file}: {w.category.__name__}: {w.message}" for w in caught)
    notes[:0] = list(seen)
    if not any(sheet.table for sheet in sheets.values()):
        raise _no_usable_sheet(file, sheets, hidden)
    if not any(s.table.rows_seen for s in sheets.values() if s.table is not None):
        raise InputError(f"{file}: no rows below the header row in any sheet")
    return _extraction(file, list(sheets.values()), notes)


def _no_usable_sheet(file: str, sheets: dict[str, _Sheet], hidden: list[str]) -> InputError:
    """The error for a workbook without any table: each sheet's problem, grouped."""
    by_problem: dict[str | None, list[str]] = {}
    for name, sheet in sheets.items():
        by_problem.setdefault(sheet.problem, []).append(repr(name))
    problems = " | ".join(
        f"{'sheet' if len(names) == 1 else 'sheets'} {', '.join(names)}: {problem}"
        for problem, names in by_problem.items()
    )
    extra = f" (hidden sheets not read: {', '.join(map(repr, hidden))})" if hidden else ""
    return InputError(f"{file}: no usable sheet: {problems or 'no visible sheet'}{extra}")


def _read_sheets(workbook: Any, file: str, notes: list[str]) -> tuple[dict[str, _Sheet], list[str]]:
    """Each visible sheet's result by name, and the names of the hidden sheets skipped."""
    sheets: dict[str, _Sheet] = {}
    hidden: list[str] = []
    for worksheet in workbook.worksheets:
        name: str = worksheet.title
        where = SourceRef(file, name)
        if worksheet.sheet_state != "visible":
            notes.append(f"{where}: hidden sheet; not read")
            hidden.append(name)
            continue
        sheet = _read_table(sheet_rows(worksheet), file, name, notes, ragged_note=False)
        if sheet.table is None:
            notes.append(f"{where}: {sheet.problem}")
        elif sheet.table.rows_seen == 0:
            notes.append(f"{where}: no rows below the header row (row {sheet.header_row})")
        sheets[name] = sheet
    return sheets, hidden


def _read_table(
    rows: Iterable[SheetRow], file: str, sheet: str | None, notes: list[str], *, ragged_note: bool
) -> _Sheet:
    """Find the header in the first rows, then read every row below it, streaming."""
    remaining = iter(rows)
    head = list(itertools.islice(remaining, SCAN_ROWS))
    if all(blank(value) for row in head for value in row.values):
        return _Sheet(problem=_EMPTY)
    header = find_header([row.values for row in head])
    if header is None:
        return _Sheet(problem=NO_HEADER)
    # The sheet's title: the first lone text cell above the header row.
    titles = (row.values for row in head[: header.index])
    lone = (values for values in titles if sum(not blank(v) for v in values) == 1)
    title = next((as_text(v) for values in lone for v in values if isinstance(v, str)), None)
    where = SourceRef(file, sheet)
    notes.extend(f"{where}: {message}" for _, message in header.unused)
    names = head[header.index].values
    table = Table(file, sheet, header, names, notes, ragged_note=ragged_note)
    for row in itertools.chain(head[header.index + 1 :], remaining):
        table.add(row)
    table.finish()
    return _Sheet(table, title=title or None, header_row=head[header.index].number)


def _extraction(file: str, sheets: list[_Sheet], notes: list[str]) -> Extraction:
    """All tables' rows together; the meeting date only when every action states the same."""
    tables = [sheet.table for sheet in sheets if sheet.table is not None]
    actions = tuple(action for table in tables for action in table.actions)
    dates = {action.meeting_date for action in actions}
    meeting = MeetingInfo(
        title=next((sheet.title for sheet in sheets if sheet.title), None),
        date=next(iter(dates)) if len(dates) == 1 else None,
    )
    skipped = tuple(item for table in tables for item in table.skipped)
    return Extraction(file, meeting, actions, skipped, tuple(notes))
