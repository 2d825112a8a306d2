"""Excel trackers (.xlsx): opening the workbook and reading a sheet as numbered rows.

Merged cells take the value of their top-left cell; formulas give their last computed
value (the one Excel saved).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from reminder.errors import InputError
from reminder.reading.trackers.cells import SheetRow, blank

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_workbook(path: Path) -> Any:
    """The loaded workbook (values, not formulas); InputError naming the file otherwise."""
    file = str(path)
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


def sheet_rows(worksheet: Any) -> Iterator[SheetRow]:
    """The visible rows of a worksheet, numbered from 1, with their merged-range values.

    Cells of hidden columns read as blank and hidden rows are left out (their numbers
    are skipped); each row carries its date cells' number formats and its cells' fill
    colours (for a sheet's colour legend).
    """
    # Merges first: `worksheet.cell` adds the cells it looks at, and `iter_rows` yields them.
    merged, wide = _merges(worksheet)
    hidden_cols = hidden_columns(worksheet)
    hidden_rows = {n for n, dim in worksheet.row_dimensions.items() if dim.hidden}
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        if number in hidden_rows:
            continue
        values: list[object] = []
        formats: dict[int, str] = {}
        fills: dict[int, str] = {}
        for col, cell in enumerate(cells):
            if col in hidden_cols:
                values.append(None)
                continue
            values.append(cell.value)
            if isinstance(cell.value, date):
                formats[col] = str(cell.number_format)
            if (colour := fill_colour(cell)) is not None:
                fills[col] = colour
        row_merged = {c: v for c, v in merged.get(number, {}).items() if c not in hidden_cols}
        yield SheetRow(
            number, tuple(values), row_merged, wide.get(number, frozenset()), formats, fills
        )


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
        if blank(value):
            continue
        for row in range(top, min(merged.max_row, last_row) + 1):
            row_fills = fills.setdefault(row, {})
            for col in range(left, min(merged.max_col, last_col) + 1):
                if (row, col) != (top, left):
                    row_fills[col - 1] = value
    return fills, {row: frozenset(cols) for row, cols in wide.items()}
