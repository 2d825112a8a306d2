"""Grouping the lines of a fixed-width table into rows (for `columns.find_table`).

`row_groups(body, lines, header)` takes the table's body lines (`Line`: its number and text by
column) and gives the lines of each row, by the rules in `columns`' docstring: a first
cell starts a row (unless it starts in lower case under another first cell: the first
column wraps); blank lines separate rows when the first column wraps inside them; and
when the lines above the first row's first cell are too long for header cells or set
apart from the header by a blank line, the cells are centred vertically and each line
goes with the nearest first cell.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

MAX_HEADER_CELL_WORDS: Final = 5


@dataclass
class Line:
    """One body line of a fixed-width table: its number and its text by column."""

    number: int  # 1-based line number
    cells: dict[int, str]  # column index -> text
    after_break: bool = False  # first line after a repeated header (next page)


def _centred(before: list[Line], header: int, lines: list[str]) -> bool:
    """Whether the lines above the first row's first cell belong to that row (cells
    centred vertically) rather than to the header: too long for header cells, or set
    apart from the header by a blank line."""
    long = any(
        len(text.split()) > MAX_HEADER_CELL_WORDS for x in before for text in x.cells.values()
    )
    return long or not lines[header].strip()


def _nearest(body: list[Line], anchors: list[int]) -> list[list[Line]]:
    """Rows of vertically centred cells: each line goes with the nearest first cell."""
    owner = []
    for i, line in enumerate(body):
        before = max((a for a in anchors if a <= i), default=None)
        after = min((a for a in anchors if a > i), default=None)
        if before is None or (
            after is not None
            and body[after].number - line.number < line.number - body[before].number
        ):
            owner.append(after)
        else:
            owner.append(before)
    return [
        [line for line, a in zip(body, owner, strict=True) if a == anchor] for anchor in anchors
    ]


def row_groups(body: list[Line], lines: list[str], header: int) -> list[list[Line]]:
    """The body lines grouped into rows (see the module docstring)."""
    by_blank: list[list[Line]] = [[body[0]]]
    gaps = 0
    for previous, line in itertools.pairwise(body):
        gap = any(not lines[n - 1].strip() for n in range(previous.number + 1, line.number))
        gaps += gap and not line.after_break
        if (gap and not line.after_break) or (line.after_break and 0 in line.cells):
            by_blank.append([line])
        else:
            by_blank[-1].append(line)
    wrapped_first = any(sum(0 in line.cells for line in group) > 1 for group in by_blank)
    if gaps and wrapped_first:
        return by_blank
    anchors = [i for i, line in enumerate(body) if 0 in line.cells]
    if len(anchors) > 1 and anchors[0] and _centred(body[: anchors[0]], header, lines):
        return _nearest(body, anchors)
    rows: list[list[Line]] = []
    for line in body:
        first = line.cells.get(0)
        # A lower-case first cell under a first cell continues it: the first column wraps.
        wrapped = bool(rows) and bool(first) and str(first)[:1].islower()
        wrapped = wrapped and 0 in rows[-1][-1].cells
        if (first is not None and not wrapped) or not rows:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows
