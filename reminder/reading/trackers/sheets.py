"""Importers for action trackers kept as Excel workbooks (.xlsx) or CSV exports.

A tracker has one action point per row under a header row found in its first 15 rows
(column names as people write them: see `tracker_headers`). Rows that cannot be used
become `Skipped` entries and anything worth knowing becomes a note; nothing vanishes.

Blank cells meaning "same as above": merged ranges take their top-left value; a blank
section, meeting-date or owner cell repeats the last one above in the same sheet (a
section title row, a lone text cell left of the table, starts a new block with no owner).
Blank deadline and status cells never repeat (blank means no deadline, and open), but
a ditto mark in any column does (see `above`).

A workbook's sheets work together: a sheet's legend (`legend`) sets the statuses of
coloured or lettered status cells in every sheet; a schedule sheet and "Next meeting"
title lines give each row its next meeting (`schedule`); on a sheet named for closed
or archived items, a blank status is done. Hidden sheets, rows and columns are not read.

This module finds each table and assembles the `Extraction`; the row rules are in
`rows` and `action_row`, the file formats in `formats.csv` and `formats.xlsx`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from reminder.deadlines.read import date_order
from reminder.errors import InputError
from reminder.reading.document import Document
from reminder.reading.document import Table as DocTable
from reminder.reading.extraction import ExtractedAction, Extraction, MeetingInfo, SourceRef
from reminder.reading.formats.csv import read_csv_book
from reminder.reading.formats.xlsx import read_xlsx_book
from reminder.reading.trackers.action_row import CLOSED, Context
from reminder.reading.trackers.as_of import book_as_of, sheet_as_of
from reminder.reading.trackers.cells import SheetRow, as_text, blank, sheet_rows
from reminder.reading.trackers.headers import NO_HEADER, SCAN_ROWS, find_header
from reminder.reading.trackers.legend import Legend, find_legend
from reminder.reading.trackers.rows import Table
from reminder.reading.trackers.schedule import (
    schedule_dates,
    stated_next_meeting,
    with_next_meetings,
)

_EMPTY: Final = "empty; nothing read"


@dataclass
class _Sheet:
    """What one CSV file or sheet gave: a table, or the reason there is none."""

    table: Table | None = None
    problem: str | None = None
    title: str | None = None
    header_row: int = 0
    next_meeting: date | None = None  # stated in the title rows
    month_first: bool = False  # its date cells are shown month-first
    schedule: tuple[date, ...] = ()  # a schedule sheet's meeting dates
    name: str | None = None
    above: tuple[SheetRow, ...] = ()  # the rows above the header row (title, notes)


def read_csv(path: Path) -> Extraction:
    """Read a CSV tracker (comma, semicolon or tab separated; UTF-8, UTF-8 with BOM or cp1252).

    `SourceRef.row` is the line on which the record starts, the header line counting.
    Raises InputError naming the file when it cannot be read, is empty, has no header row
    with an action column in its first 15 lines, or has no rows below the header.
    """
    file = str(path)
    book = read_csv_book(path)
    notes = list(book.notes)
    (table,) = (block for block in book.document.blocks if isinstance(block, DocTable))
    sheet = _read_table(sheet_rows(table), Context(file, None, notes, ragged_note=True))
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
    book = read_xlsx_book(path)
    notes = list(book.notes)
    sheets = _read_sheets(book.document, file, notes)
    if not any(sheet.table for sheet in sheets.values()):
        raise _no_usable_sheet(file, sheets, list(book.hidden))
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


def _read_sheets(document: Document, file: str, notes: list[str]) -> dict[str, _Sheet]:
    """Each sheet's result by name; the legends of all sheets apply to every sheet."""
    tables = [block for block in document.blocks if isinstance(block, DocTable)]
    rows_by_sheet = [(table.name or "", list(sheet_rows(table))) for table in tables]
    legend = Legend()
    for _, rows in rows_by_sheet:
        legend.update(find_legend(rows))
    sheets: dict[str, _Sheet] = {}
    for name, rows in rows_by_sheet:
        where = SourceRef(file, name)
        closed = CLOSED.search(name) is not None
        sheet = _read_table(rows, Context(file, name, notes, legend=legend, closed=closed))
        if sheet.table is None:
            dates = tuple(schedule_dates(rows, name))
            if dates:
                sheet.schedule = dates
                notes.append(f"{where}: read as the meeting schedule ({len(dates)} dates)")
            else:
                notes.append(f"{where}: {sheet.problem}")
        elif sheet.table.rows_seen == 0:
            notes.append(f"{where}: no rows below the header row (row {sheet.header_row})")
        sheets[name] = sheet
    return sheets


def _read_table(rows: Iterable[SheetRow], context: Context) -> _Sheet:
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
    where = SourceRef(context.file, context.sheet)
    context.notes.extend(f"{where}: {message}" for _, message in header.unused)
    names = head[header.index].values
    sheet_closed = context.closed
    table = Table(context, header, names)
    for row in itertools.chain(head[header.index + 1 :], remaining):
        table.add(row)
    table.finish()
    if sheet_closed:
        context.notes.append(f"{where}: a sheet of closed items; a blank status is read as done")
    return _Sheet(
        table,
        month_first=context.month_first,
        title=title or None,
        header_row=head[header.index].number,
        next_meeting=stated_next_meeting(head[: header.index]),
        name=context.sheet,
        above=tuple(head[: header.index]),
    )


def _as_of(
    file: str, sheets: list[_Sheet], actions: list[ExtractedAction], notes: list[str]
) -> tuple[date, str] | None:
    """The tracker's as-of date from its title rows, numeric dates read in the tracker's order.

    The order is only looked for when it matters ("Updated 09/12/2026", not "9 Dec 2026"),
    in the title rows and the first rows: a large tracker is not read twice for it.
    """
    # Each sheet's statement read day-first and month-first.
    readings = [
        (
            sheet_as_of(rows, sheet.name, month_first=False),
            sheet_as_of(rows, sheet.name, month_first=True),
        )
        for sheet in sheets
        if (rows := _as_of_rows(sheet))
    ]
    month_first = False
    if any(first != second for first, second in readings):
        texts = [as_text(v) for sheet in sheets for row in sheet.above for v in row.values]
        early = actions[:_ORDER_ROWS]
        texts += [t for action in early for t in (action.due_phrase or "", action.text)]
        month_first = date_order(texts)[0] or any(sheet.month_first for sheet in sheets)
    found = [second if month_first else first for first, second in readings]
    return book_as_of([day for day in found if day is not None], file, notes)


_ORDER_ROWS: Final = 500


def _as_of_rows(sheet: _Sheet) -> tuple[SheetRow, ...]:
    """The rows that may state a sheet's as-of date: its title rows, then its as-of lines."""
    return (*sheet.above, *(sheet.table.as_of_rows if sheet.table is not None else ()))


def _extraction(file: str, sheets: list[_Sheet], notes: list[str]) -> Extraction:
    """All tables' rows together, each with its next meeting; the meeting date only when
    every action states the same one."""
    tables = [sheet.table for sheet in sheets if sheet.table is not None]
    stated = next((sheet.next_meeting for sheet in sheets if sheet.next_meeting), None)
    schedule = [when for sheet in sheets for when in sheet.schedule]
    raw = [action for table in tables for action in table.actions]
    actions = tuple(with_next_meetings(raw, schedule, stated))
    dates = {action.meeting_date for action in actions}
    as_of = _as_of(file, sheets, raw, notes)
    meeting = MeetingInfo(
        title=next((sheet.title for sheet in sheets if sheet.title), None),
        date=next(iter(dates)) if len(dates) == 1 else None,
        next_meeting=stated,
        month_first=any(sheet.month_first for sheet in sheets),
        as_of=as_of[0] if as_of else None,
        as_of_source=as_of[1] if as_of else None,
    )
    skipped = tuple(item for table in tables for item in table.skipped)
    return Extraction(file, meeting, actions, skipped, tuple(notes))
