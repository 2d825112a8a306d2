"""Importers for action trackers kept as Excel workbooks (.xlsx) or CSV exports.

A tracker has one action point per row under a header row found in its first 15 rows
(column names as people write them: see `tracker_headers`). Rows that cannot be used
become `Skipped` entries and anything worth knowing becomes a note; nothing vanishes.

Blank cells meaning "same as above": merged ranges take their top-left value; a blank
section, meeting-date or owner cell repeats the last one above in the same sheet (a
section title row, a lone text cell left of the table, starts a new block with no owner).
Deadline and status cells never repeat: blank means no deadline, and open.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

import openpyxl
from dateutil import parser as date_parser
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from reminder.errors import InputError
from reminder.ingest.base import (
    ExtractedAction,
    Extraction,
    MeetingInfo,
    Skipped,
    SourceRef,
    Status,
    clean_text,
    parse_status,
)
from reminder.ingest.tracker_headers import (
    NO_HEADER,
    SCAN_ROWS,
    Field,
    HeaderRow,
    classify,
    find_header,
    normalise,
)
from reminder.owners_text import split_owners

_SNIFF_CHARS: Final = 20_000
_EMPTY: Final = "empty; nothing read"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NUMBER: Final = re.compile(r"[\d.,\s]+")
_ID: Final = re.compile(r"(?=.{1,12}$)[\w./#-]*\d[\w./#-]*")
_YMD: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")
# fmt: off
_FRENCH_MONTHS: Final = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
)
# fmt: on


class _DateWords(date_parser.parserinfo):
    """dateutil's English month names plus French ones, accents optional ("fevr", "août")."""

    def month(self, name: str) -> int | None:
        english = super().month(name)
        if english is not None:
            return english
        key = normalise(name)
        found = [i for i, month in enumerate(_FRENCH_MONTHS, 1) if month.startswith(key)]
        return found[0] if len(key) >= 3 and len(found) == 1 else None


_DATE_WORDS: Final = _DateWords(dayfirst=True)


@dataclass(frozen=True)
class _Row:
    """One spreadsheet row: cells as stored, plus what merged ranges put in its blank cells."""

    number: int
    values: tuple[object, ...]
    merged: dict[int, object] = field(default_factory=dict)
    wide: frozenset[int] = frozenset()  # columns where a merge two or more columns wide starts


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: object) -> str:
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


def _due_phrase(value: object) -> str | None:
    """A deadline cell: text as written (trimmed), a date cell as ISO, blank as None."""
    if _blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    return value.date().isoformat() if isinstance(value, datetime) else _as_text(value)


def _to_date(value: object) -> date | None:
    """A meeting-date cell as a date; None unless it states a full date (day-first if numeric)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An Excel serial day number in a cell not formatted as a date (1954 to 2119).
        return from_excel(value).date() if 20_000 <= value <= 80_000 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
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


def _rows_text(numbers: list[int]) -> str:
    """ "row 5", "rows 5, 6, 9" or, for runs of three or more, "rows 5-8, 12"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}-{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
    return f"{'row' if len(numbers) == 1 else 'rows'} {', '.join(parts)}"


class _Table:
    """The rows below one header row (a CSV file or one sheet), read one at a time."""

    def __init__(
        self,
        file: str,
        sheet: str | None,
        header: HeaderRow,
        names: tuple[object, ...],
        notes: list[str],
        *,
        ragged_note: bool,
    ) -> None:
        self.file, self.sheet, self.header, self.notes = file, sheet, header, notes
        self.names = [_as_text(name) for name in names]
        self.ragged_note = ragged_note
        self.actions: list[ExtractedAction] = []
        self.skipped: list[Skipped] = []
        self.rows_seen = 0
        self._section: str | None = None
        self._owner: str | None = None
        self._meeting: date | None = None
        self._owner_filled: list[int] = []
        self._numbered_only: list[int] = []

    def add(self, row: _Row) -> None:
        """Turn one row into an action, a skipped row, a section title or nothing (blank)."""
        if all(_blank(value) for value in row.values):
            return
        source = SourceRef(self.file, self.sheet, row.number)
        width = len(self.names)
        if self.ragged_note and any(not _blank(v) for v in row.values[width:]):
            self.notes.append(
                f"{source}: {len(row.values)} cells but the header has {width}; extra cells ignored"
            )
        cells = list(row.values[:width]) + [None] * max(0, width - len(row.values))
        for col, value in row.merged.items():
            if col < width:
                cells[col] = value
        ref_col = self.header.columns.get("ref")
        filled = [col for col, value in enumerate(cells) if not _blank(value)]
        if ref_col is not None and filled == [ref_col] and _ID.fullmatch(_as_text(cells[ref_col])):
            # Templates number their empty lines in advance; one note covers them all.
            self._numbered_only.append(row.number)
            return
        self.rows_seen += 1
        if self._is_section_title(row):
            self._section = next(_as_text(v) for v in row.values if not _blank(v))
            # A new block starts: its rows must not inherit the previous block's owner.
            self._owner = None
            return
        text = _as_text(self._cell(cells, "text"))
        # Header names are short: long texts skip the (slower) matching.
        match = classify(text) if len(text) <= 40 else None
        if match is not None and match.field == "text" and match.whole:
            self.skipped.append(Skipped(source, "repeated header row"))
            return
        self._remember(cells, source)
        owner_raw = _owner_text(self._cell(cells, "owner"))
        if not text:
            self.skipped.append(Skipped(source, self._why_no_text(cells)))
            return
        if not owner_raw and self._owner is not None:
            owner_raw = self._owner
            self._owner_filled.append(row.number)
        owners, supporting = split_owners(owner_raw)
        status, status_raw = self._status(self._cell(cells, "status"), source)
        remarks = "; ".join(r for col in self.header.remarks if (r := _as_text(cells[col])))
        self.actions.append(
            ExtractedAction(
                text=text,
                owners=owners,
                source=source,
                owners_raw=owner_raw,
                supporting=supporting,
                due_phrase=_due_phrase(self._cell(cells, "deadline")),
                status=status,
                status_raw=status_raw,
                remarks=remarks or None,
                section=self._section,
                ref=_as_text(self._cell(cells, "ref")) or None,
                meeting_date=self._meeting,
            )
        )

    def finish(self) -> None:
        """Add the notes that summarise the whole table."""
        where = SourceRef(self.file, self.sheet)
        if self._owner_filled:
            self.notes.append(
                f"{where}: owner taken from the row above for {_rows_text(self._owner_filled)}"
            )
        if self._numbered_only:
            ref_name = self.names[self.header.columns["ref"]]
            self.notes.append(
                f"{where}: only a number in column '{ref_name}' on "
                f"{_rows_text(self._numbered_only)}; ignored"
            )

    def _cell(self, cells: list[object], name: Field) -> object:
        col = self.header.columns.get(name)
        return None if col is None else cells[col]

    def _remember(self, cells: list[object], source: SourceRef) -> None:
        """Update what blank section, meeting-date and owner cells below will repeat."""
        section = _as_text(self._cell(cells, "section"))
        if section:
            self._section = section
        owner = _owner_text(self._cell(cells, "owner"))
        if owner:
            self._owner = owner
        value = self._cell(cells, "meeting_date")
        if not _blank(value):
            self._meeting = _to_date(value)
            if self._meeting is None:
                self.notes.append(
                    f"{source}: meeting date '{_as_text(value)}' not understood; left empty"
                )

    def _is_section_title(self, row: _Row) -> bool:
        """A lone text cell at the left of the table: merged across, or not the action column.

        In the action column itself a lone cell is an action without owner, unless it
        reads as a heading (all capitals, or ending with a colon).
        """
        filled = [col for col, value in enumerate(row.values) if not _blank(value)]
        if len(filled) != 1:
            return False
        col, value = filled[0], row.values[filled[0]]
        if not isinstance(value, str) or _NUMBER.fullmatch(value):
            return False
        text_col, wide = self.header.columns["text"], filled[0] in row.wide
        if col > self.header.first_column and not (wide and col <= text_col):
            return False
        heading = value.strip().endswith(":") or (
            sum(ch.isalpha() for ch in value) >= 3 and value == value.upper()
        )
        return col != text_col or wide or heading

    def _status(self, value: object, source: SourceRef) -> tuple[Status, str | None]:
        if _blank(value):
            return Status.OPEN, None
        if isinstance(value, bool):  # a "Done?" column of ticked boxes
            return (Status.DONE if value else Status.OPEN), str(value).upper()
        raw = _owner_text(value)
        status = parse_status(raw)
        if status is None:
            self.notes.append(f"{source}: status '{raw}' not understood; kept as open")
            return Status.OPEN, raw
        return status, raw

    def _why_no_text(self, cells: list[object]) -> str:
        parts = []
        labels = {col: name.replace("_", " ") for name, col in self.header.columns.items()}
        labels.update(dict.fromkeys(self.header.remarks, "remarks"))
        for col, value in enumerate(cells):
            if not _blank(value):
                name = self.names[col]
                label = labels.get(col) or (f"column '{name}'" if name else f"column {col + 1}")
                shown = _as_text(value)
                parts.append(f"{label} '{shown[:40]}{'…' if len(shown) > 40 else ''}'")
        return f"no action text ({', '.join(parts) or 'only cells right of the table'})"


def _owner_text(value: object) -> str:
    """A cell as written, only trimmed: owner cells keep their line breaks for splitting."""
    return value.strip() if isinstance(value, str) else _as_text(value)


@dataclass
class _Sheet:
    """What one CSV file or sheet gave: a table, or the reason there is none."""

    table: _Table | None = None
    problem: str | None = None
    title: str | None = None
    header_row: int = 0


def _read_table(
    rows: Iterable[_Row], file: str, sheet: str | None, notes: list[str], *, ragged_note: bool
) -> _Sheet:
    """Find the header in the first rows, then read every row below it, streaming."""
    remaining = iter(rows)
    head = list(itertools.islice(remaining, SCAN_ROWS))
    if all(_blank(value) for row in head for value in row.values):
        return _Sheet(problem=_EMPTY)
    header = find_header([row.values for row in head])
    if header is None:
        return _Sheet(problem=NO_HEADER)
    titles = (row.values for row in head[: header.index])
    lone = (values for values in titles if sum(not _blank(v) for v in values) == 1)
    title = next((_as_text(v) for values in lone for v in values if isinstance(v, str)), None)
    where = SourceRef(file, sheet)
    notes.extend(f"{where}: {message}" for _, message in header.unused)
    names = head[header.index].values
    table = _Table(file, sheet, header, names, notes, ragged_note=ragged_note)
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


def read_csv(path: Path) -> Extraction:
    """Read a CSV tracker (comma, semicolon or tab separated; UTF-8, UTF-8 with BOM or cp1252).

    `SourceRef.row` is the line on which the record starts, the header line counting.
    Raises InputError naming the file when it cannot be read, is empty, has no header row
    with an action column in its first 15 lines, or has no rows below the header.
    """
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read the file ({exc.strerror or exc})") from exc
    text, notes = _decode(data, file)
    if not text.strip():
        raise InputError(f"{file}: no rows (the file is empty)")
    if "\x00" in text:
        raise InputError(f"{file}: not a CSV text file (it contains binary data)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff(text))
    try:
        sheet = _read_table(_csv_rows(reader), file, None, notes, ragged_note=True)
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


def _decode(data: bytes, file: str) -> tuple[str, list[str]]:
    """The text, with a note when it had to be read as cp1252; InputError if nothing fits."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            return text, [f"{file}: not UTF-8; read as Windows-1252 (cp1252)"]
        return text, []
    raise InputError(f"{file}: not a text file in UTF-8 or Windows-1252 encoding")


def _sniff(text: str) -> str:
    """The delimiter among comma, semicolon and tab; comma when the sample does not tell."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_rows(reader: Any) -> Iterator[_Row]:
    """The records of a `csv.reader`, numbered by the line each starts on."""
    start = 1
    for record in reader:
        yield _Row(start, tuple(record))
        # A quoted cell may span lines: the next record starts after this one's last line.
        start = reader.line_num + 1


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
        workbook = _open_workbook(path, file)
        try:
            sheets, hidden = _read_sheets(workbook, file, notes)
        finally:
            workbook.close()
    seen = dict.fromkeys(f"{file}: {w.category.__name__}: {w.message}" for w in caught)
    notes[:0] = list(seen)
    if not any(sheet.table for sheet in sheets.values()):
        by_problem: dict[str | None, list[str]] = {}
        for name, sheet in sheets.items():
            by_problem.setdefault(sheet.problem, []).append(repr(name))
        problems = " | ".join(
            f"{'sheet' if len(names) == 1 else 'sheets'} {', '.join(names)}: {problem}"
            for problem, names in by_problem.items()
        )
        extra = f" (hidden sheets not read: {', '.join(map(repr, hidden))})" if hidden else ""
        raise InputError(f"{file}: no usable sheet: {problems or 'no visible sheet'}{extra}")
    if not any(s.table.rows_seen for s in sheets.values() if s.table is not None):
        raise InputError(f"{file}: no rows below the header row in any sheet")
    return _extraction(file, list(sheets.values()), notes)


def _open_workbook(path: Path, file: str) -> Any:
    """The loaded workbook (values, not formulas); InputError naming the file otherwise."""
    try:
        # Not read-only: merged ranges are only known to a fully loaded worksheet.
        return openpyxl.load_workbook(str(path), data_only=True)
    except FileNotFoundError as exc:
        raise InputError(f"{file}: no such file") from exc
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        SyntaxError,
        EOFError,
    ) as exc:
        # openpyxl lets its zip and XML layers' errors through for damaged files.
        raise InputError(
            f"{file}: not a readable .xlsx workbook ({_why_unreadable(path, exc)})"
        ) from exc


def _why_unreadable(path: Path, exc: Exception) -> str:
    """What to tell the user: an OLE2 file is an .xls or an encrypted .xlsx, else the error."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_OLE_MAGIC))
    except OSError:
        magic = b""
    if magic == _OLE_MAGIC:
        return "it is an old .xls file or password-protected; save it as .xlsx without a password"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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
        merged, wide = _merges(worksheet)
        rows = (
            _Row(number, values, merged.get(number, {}), wide.get(number, frozenset()))
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
        )
        sheet = _read_table(rows, file, name, notes, ragged_note=False)
        if sheet.table is None:
            notes.append(f"{where}: {sheet.problem}")
        elif sheet.table.rows_seen == 0:
            notes.append(f"{where}: no rows below the header row (row {sheet.header_row})")
        sheets[name] = sheet
    return sheets, hidden


def _merges(worksheet: Any) -> tuple[dict[int, dict[int, object]], dict[int, frozenset[int]]]:
    """Top-left values for the covered cells of merged ranges, by row then 0-based column;
    and, by row, the columns where a range two or more columns wide starts."""
    fills: dict[int, dict[int, object]] = {}
    wide: dict[int, set[int]] = {}
    last_row, last_col = worksheet.max_row, worksheet.max_column
    for merged in worksheet.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        if merged.max_col > left:
            wide.setdefault(top, set()).add(left - 1)
        value = worksheet.cell(row=top, column=left).value
        if _blank(value):
            continue
        for row in range(top, min(merged.max_row, last_row) + 1):
            row_fills = fills.setdefault(row, {})
            for col in range(left, min(merged.max_col, last_col) + 1):
                if (row, col) != (top, left):
                    row_fills[col - 1] = value
    return fills, {row: frozenset(cols) for row, cols in wide.items()}
