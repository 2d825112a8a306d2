"""Excel workbooks (.xlsx) read into the document model: one `Table` per visible sheet.

Cells covered by a merged range are `spanned` and carry the value of its top-left cell;
formulas give their last computed value (the one Excel saved). See `formats.sheet`.
A sheet is read by its real cells, not its bounding box (`formats.real_cells`).
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from reminder.errors import InputError
from reminder.reading.document import Document, Row, Table
from reminder.reading.formats.real_cells import clipped_merges, is_sparse, sparse_rows
from reminder.reading.formats.sheet import SheetBook, SheetCell, sheet_cell

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_workbook(path: Path) -> Any:
    """The loaded workbook (values, not formulas); InputError naming the file otherwise."""
    file = str(path)
    try:
        # Not read-only: merged ranges are only known to a fully loaded worksheet.
        # Opened here so that the file is closed even when openpyxl fails half-way.
        with path.open("rb") as stream, clipped_merges(file):
            return openpyxl.load_workbook(stream, data_only=True)
    except FileNotFoundError as exc:
        raise InputError(f"{file}: no such file") from exc
    except (
        zipfile.BadZipFile,
        zlib.error,
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


def read_xlsx_book(path: Path) -> SheetBook:
    """Every visible sheet of a workbook as a `Table` (see `formats.sheet`).

    Hidden sheets are left out (listed in `hidden`, with a note), as are hidden rows and
    the values of hidden columns (noted per sheet). Warnings from openpyxl become notes,
    first, each distinct one once. InputError naming the file when it cannot be opened.
    """
    file = str(path)
    notes: list[str] = []
    hidden: list[str] = []
    tables: list[Table] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = open_workbook(path)
        try:
            for worksheet in workbook.worksheets:
                where = f"{file}, sheet {worksheet.title!r}"
                if worksheet.sheet_state != "visible":
                    notes.append(f"{where}: hidden sheet; not read")
                    hidden.append(worksheet.title)
                    continue
                tables.append(Table(tuple(_sheet_rows(worksheet, where)), worksheet.title))
                notes.extend(f"{where}: {note}" for note in _hidden_notes(worksheet))
        finally:
            workbook.close()
    seen = dict.fromkeys(f"{file}: {w.category.__name__}: {w.message}" for w in caught)
    return SheetBook(Document(tuple(tables)), tuple(hidden), (*seen, *notes))


def _sheet_rows(worksheet: Any, where: str) -> Iterator[Row]:
    """The visible rows of a worksheet, numbered from 1, merged ranges marked.

    A sheet whose bounding box is too large to walk is read by its cells
    (`real_cells.sparse_rows`); InputError naming `where` when it holds too many."""
    # Merges first: `worksheet.cell` adds the cells it looks at, and `iter_rows` yields them.
    merged, wide = _merges(worksheet)
    hidden_cols = hidden_columns(worksheet)
    hidden_rows = {n for n, dim in worksheet.row_dimensions.items() if dim.hidden}
    if is_sparse(worksheet):
        numbered: Iterator[tuple[int, Any]] = sparse_rows(worksheet, where)
    else:
        numbered = enumerate(worksheet.iter_rows(), start=1)
    for number, cells in numbered:
        if number in hidden_rows:
            continue
        covered = merged.get(number, {})
        starts = wide.get(number, frozenset())
        row: list[SheetCell] = []
        for col, cell in enumerate(cells):
            if col in hidden_cols:
                row.append(sheet_cell(None))
            elif col in covered:
                row.append(sheet_cell(covered[col], spanned=True, fill=fill_colour(cell)))
            else:
                value = cell.value
                fmt = str(cell.number_format) if isinstance(value, date) else None
                row.append(
                    sheet_cell(value, number_format=fmt, fill=fill_colour(cell), wide=col in starts)
                )
        yield Row(tuple(row), number=number)


def _hidden_notes(worksheet: Any) -> list[str]:
    """Which rows and columns of a visible sheet are hidden (and so not read)."""
    notes = []
    columns = [c for c in sorted(hidden_columns(worksheet)) if c < worksheet.max_column]
    if columns:
        notes.append(
            f"hidden columns not read: {', '.join(get_column_letter(c + 1) for c in columns)}"
        )
    rows = sorted(
        n for n, d in worksheet.row_dimensions.items() if d.hidden and n <= worksheet.max_row
    )
    if rows:
        notes.append(
            f"hidden {'row' if len(rows) == 1 else 'rows'} not read: {', '.join(map(str, rows))}"
        )
    return notes


def hidden_columns(worksheet: Any) -> frozenset[int]:
    """The 0-based indexes of the worksheet's hidden columns."""
    hidden: set[int] = set()
    for dim in worksheet.column_dimensions.values():
        if dim.hidden and dim.min is not None:
            hidden.update(range(dim.min - 1, (dim.max or dim.min)))
    return frozenset(hidden)


def fill_colour(cell: Any) -> str | None:
    """A cell's solid fill colour as a key ("FF00B050", "theme5+0.4"); None when unfilled."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return None if colour.rgb in ("00000000", "FFFFFFFF") else colour.rgb.upper()
    if colour.type == "theme":
        return f"theme{colour.theme}{colour.tint:+.2f}"
    if colour.type == "indexed":
        return f"indexed{colour.indexed}"
    return None


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
        for row in range(top, min(merged.max_row, last_row) + 1):
            row_fills = fills.setdefault(row, {})
            for col in range(left, min(merged.max_col, last_col) + 1):
                if (row, col) != (top, left):
                    row_fills[col - 1] = value
    return fills, {row: frozenset(cols) for row, cols in wide.items()}
