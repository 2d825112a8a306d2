"""CSV files: the file's text, its delimiter, and its records as a document table.

Excel writes CSV as UTF-8 (with or without BOM), as Windows-1252 ("CSV" on a Windows
machine) or as UTF-16 ("Unicode text", with a BOM, or without one when every other
byte is NUL); the delimiter is a comma, a semicolon (locales with a decimal comma), a tab
or a vertical bar.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any, Final

from reminder.errors import InputError
from reminder.reading.document import (
    TEXT_ENCODINGS,
    Document,
    Row,
    Table,
    decode_first,
    read_source_bytes,
)
from reminder.reading.formats.sheet import SheetBook, SheetCell, sheet_cell
from reminder.reading.limits import MAX_CSV_COLUMNS, MAX_SHEET_CELLS

_SNIFF_CHARS: Final = 20_000


def csv_text(path: Path) -> tuple[str, list[str]]:
    """The text of a CSV file, with a note when it had to be read as cp1252.

    Raises InputError naming the file when it cannot be read, is empty, holds binary data
    or decodes in none of the encodings above.
    """
    file = str(path)
    text, notes = _decode(read_source_bytes(path), file)
    if not text.strip():
        raise InputError(f"{file}: no rows (the file is empty)")
    # Checked after decoding: UTF-16 text is full of NUL bytes, but not of NUL characters.
    if "\x00" in text:
        raise InputError(f"{file}: not a CSV text file (it contains binary data)")
    return text, notes


def _decode(data: bytes, file: str) -> tuple[str, list[str]]:
    """The text, with a note when it had to be read as cp1252; InputError if nothing fits."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    encodings: tuple[str, ...] = ("utf-16",) if utf16 else TEXT_ENCODINGS
    if not utf16 and _utf16_without_bom(data):
        encodings = ("utf-16-le",) if data[1:2] == b"\x00" else ("utf-16-be",)
    decoded = decode_first(data, encodings)
    if decoded is None:
        raise InputError(f"{file}: not a text file in UTF-8 or Windows-1252 encoding")
    text, encoding = decoded
    if encoding == "cp1252":
        return text, [f"{file}: not UTF-8; read as Windows-1252 (cp1252)"]
    return text, []


def _utf16_without_bom(data: bytes) -> bool:
    """True when every other byte of the start is NUL: UTF-16 text of Latin characters."""
    head = data[:200]
    if len(head) < 4:
        return False
    odd, even = head[1::2], head[0::2]
    return odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even)


def csv_reader(text: str) -> Any:
    """A `csv.reader` over `text` with the delimiter its first lines use."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=_sniff(text))


def _sniff(text: str) -> str:
    """The delimiter among comma, semicolon and tab; comma when the sample does not tell."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        # Whole lines only: a cut line would look like a row with fewer delimiters.
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv_book(path: Path) -> SheetBook:
    """A CSV file as a document of one unnamed `Table` (see `formats.sheet`).

    Each row is numbered by the line its record starts on (a quoted cell may span lines).
    Raises InputError naming the file (and line) when it cannot be read or parsed, or when
    a record has more than `limits.MAX_CSV_COLUMNS` fields or the file more than
    `limits.MAX_SHEET_CELLS` cells.
    """
    text, notes = csv_text(path)
    _check_size(path, text)
    reader = csv_reader(text)
    rows: list[Row] = []
    start = 1
    # Short cells repeat on many rows (owners, dates, statuses): one immutable cell each.
    made: dict[str, SheetCell] = {}

    def cell(value: str) -> SheetCell:
        found = made.get(value)
        if found is None:
            found = sheet_cell(_unescaped(value))
            if len(value) <= 40:
                made[value] = found
        return found

    try:
        for record in reader:
            cells = tuple(cell(value) for value in record)
            rows.append(Row(cells, number=start))
            # The next record starts after this one's last line.
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}, line {reader.line_num}: {exc}") from exc
    return SheetBook(Document((Table(tuple(rows)),)), (), tuple(notes))


def _unescaped(value: str) -> str:
    """A cell as written before a spreadsheet export escaped it: "'=SUM(1)" -> "=SUM(1)".

    Exports (this tool's among them) put an apostrophe before a cell that would start
    with = + - @ so that spreadsheets do not run it as a formula; the text meant is
    without it."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def _check_size(path: Path, text: str) -> None:
    """Count the records' fields first (cheap), so that a file over the limits is refused
    before any cell is built; parse errors are left to the real pass."""
    reader = csv_reader(text)
    start = cells = 0
    try:
        for record in reader:
            cells += len(record)
            _check_record(path, start + 1, len(record), cells)
            start = reader.line_num
    except csv.Error:
        return


def _check_record(path: Path, line: int, fields: int, cells: int) -> None:
    if fields > MAX_CSV_COLUMNS:
        raise InputError(
            f"{path}, line {line}: {fields:,} fields in one row; "
            f"at most {MAX_CSV_COLUMNS:,} are read (is it the right file?)"
        )
    if cells > MAX_SHEET_CELLS:
        raise InputError(
            f"{path}, line {line}: more than {MAX_SHEET_CELLS:,} cells; "
            "larger files are not read (is it the right file?)"
        )
