"""Keeping a workbook's sheets to their real content (see `limits`).

A sheet's bounding box (`max_row` x `max_column`) can be far larger than what it
holds: one cell at XFD1048576 makes it 17 billion cells, and so does one merged range
over the whole sheet, which openpyxl itself expands into a cell object per covered
cell while loading. So:

* `clipped_merges()` is a context in which openpyxl, loading a sheet, expands each
  merged range only within the rows and columns that hold cells (a range wholly outside
  them is dropped), and refuses a sheet whose ranges still cover more than
  `MAX_SHEET_CELLS` cells;
* `is_sparse(worksheet)` tells when the bounding box is over `MAX_SHEET_CELLS`; then
  `sparse_rows` gives the rows that hold cells, each as wide as its last cell, with
  runs of empty rows between them cut to `MAX_BLANK_ROWS` (row numbers are kept).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from openpyxl.reader import excel
from openpyxl.worksheet._reader import WorksheetReader
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange

from reminder.errors import InputError
from reminder.reading.limits import MAX_BLANK_ROWS, MAX_SHEET_CELLS


class _SheetTooLarge(Exception):
    """Raised inside openpyxl's load; turned into an InputError naming the file."""


class _ClippingReader(WorksheetReader):  # type: ignore[misc]
    def bind_merged_cells(self) -> None:
        if not self.parser.merged_cells:
            return
        cells = self.ws._cells
        last_row = max((row for row, _ in cells), default=0)
        last_col = max((col for _, col in cells), default=0)
        ranges = []
        covered = 0
        for merged in self.parser.merged_cells.mergeCell:
            mcr = MergedCellRange(self.ws, merged.ref)
            if mcr.min_row > last_row or mcr.min_col > last_col:
                continue  # covers no cell that holds anything
            mcr.shrink(bottom=max(mcr.max_row - last_row, 0), right=max(mcr.max_col - last_col, 0))
            covered += mcr.size["rows"] * mcr.size["columns"]
            if covered > MAX_SHEET_CELLS:
                raise _SheetTooLarge(
                    f"sheet {self.ws.title!r}: merged ranges cover more than "
                    f"{MAX_SHEET_CELLS:,} cells; larger sheets are not read"
                )
            self.ws._clean_merge_range(mcr)
            ranges.append(mcr)
        self.ws.merged_cells = MultiCellRange(ranges)


@contextmanager
def clipped_merges(file: str) -> Iterator[None]:
    """Within this context openpyxl loads merged ranges clipped to the cells (above)."""
    saved = excel.WorksheetReader
    excel.WorksheetReader = _ClippingReader
    try:
        yield
    except _SheetTooLarge as exc:
        raise InputError(f"{file}, {exc}") from exc
    finally:
        excel.WorksheetReader = saved


def is_sparse(worksheet: Any) -> bool:
    """True when the sheet's bounding box is over `MAX_SHEET_CELLS` cells."""
    return bool(worksheet.max_row * worksheet.max_column > MAX_SHEET_CELLS)


def sparse_rows(worksheet: Any, where: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells from column A to the row's last cell) for the rows holding cells,
    with at most `MAX_BLANK_ROWS` empty rows between two of them; InputError naming
    `where` when they add up to more than `MAX_SHEET_CELLS` cells."""
    by_row: dict[int, int] = {}
    for row, col in worksheet._cells:
        by_row[row] = max(by_row.get(row, 0), col)
    total = 0
    previous = 0
    for number in sorted(by_row):
        for blank in range(previous + 1, min(number, previous + 1 + MAX_BLANK_ROWS)):
            yield blank, ()
        previous = number
        width = by_row[number]
        total += width
        if total > MAX_SHEET_CELLS:
            raise InputError(
                f"{where}: more than {MAX_SHEET_CELLS:,} cells; larger sheets are not read"
            )
        yield number, tuple(worksheet.cell(row=number, column=col) for col in range(1, width + 1))
