"""Fixed-width tables (as `pdftotext -layout` writes them) found in a text's lines.

`find_table(lines, start)` reads the table whose header is `lines[start]`, or gives None:

* the header is a line of three or more short cells separated by runs of two or more
  spaces; their start columns are the table's column boundaries, unless the gutters of
  the lines below (`gutters.gutter_columns`) give columns that take in more lines (the
  header cells are centred over their columns);
* the table goes on over every following line whose text pieces each lie inside one
  column (a piece may start one character before its column), over blank lines, over
  copies of its header line (a table continued on the next page), and over up to three
  lines of page header before such a copy (dropped: page furniture). It ends at the
  first other line, or at a one-cell line after two blank lines (or after one, when it
  is the table's last line). It needs, under the header, two lines with text in two
  columns or one line with text in three;
* rows: a line with text in the first column starts a row and lines without continue it
  (a row split by a page break goes on under the repeated header), as does a line whose
  first cell starts in lower case under a line with a first cell (the first cell wraps).
  When the table has blank lines between rows and a row's first column wraps, blank
  lines separate the rows instead. Lines before the first row's start continue the header
  cells, unless they are too long for a header or set apart from it by a blank line: then
  the cells are centred vertically and each line belongs to the row whose first cell is
  nearest;
* cells: the lines of a cell are joined with single spaces, a word hyphenated at a line
  end rejoined; a new item starts at a bullet, or where a column starts again after a
  line without text in it (a second action in the same row, with its own owner and
  deadline) at a word that is not lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from reminder.reading.document import Cell, Row, Table, item
from reminder.reading.layout.gutters import gutter_columns
from reminder.reading.layout.pages import join_hyphenated
from reminder.reading.layout.rows import MAX_HEADER_CELL_WORDS, Line, row_groups

_PIECE = re.compile(r"\S+(?: \S+)*")
_BULLET_START = re.compile(r"^(?:[•○·▪◦●■□►➢✓\uf0b7\uf0a7*-]|\d+[.)]|[a-z][.)])\s")
_TOLERANCE: Final = 1
_PAGE_TOP: Final = 3  # lines of page header skipped before a repeated table header

Join = Callable[[str, str], str]


def pieces(line: str) -> list[tuple[int, int, str]]:
    """The text pieces of a line separated by two or more spaces: (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in _PIECE.finditer(line)]


def header_columns(line: str) -> list[int] | None:
    """The start columns of a header line's cells; None when it is not a header line."""
    found = pieces(line)
    if len(found) < 3 or any(len(text.split()) > MAX_HEADER_CELL_WORDS for *_, text in found):
        return None
    return [start for start, _, _ in found]


def fit(line: str, columns: list[int]) -> dict[int, str] | None:
    """The line's text by column, or None when a piece crosses a column boundary."""
    cells: dict[int, list[str]] = {}
    bounds = [*columns[1:], 10**6]
    for start, end, _ in pieces(line):
        index = _column(start, columns)
        if index is None:
            return None
        while end > bounds[index] - 1:  # the piece runs into the next column: split it
            cut = bounds[index]
            if cut - start < 1 or line[cut - 1] != " " or line[cut] == " ":
                return None
            cells.setdefault(index, []).append(line[start:cut].strip())
            start, index = cut, index + 1
        cells.setdefault(index, []).append(line[start:end].strip())
    return {index: " ".join(parts) for index, parts in cells.items()}


def _column(start: int, columns: list[int]) -> int | None:
    index = None
    for i, column in enumerate(columns):
        if start >= column - _TOLERANCE:
            index = i
    return index


def find_table(lines: list[str], start: int, join: Join) -> tuple[Table, int] | None:
    """The fixed-width table headed by `lines[start]` and the index after its last line."""
    columns = header_columns(lines[start])
    if columns is None:
        return None
    best = _extent(lines, start, columns)
    # Headers centred over their columns do not mark where the cells start: the
    # whitespace gutters of the lines below do.
    centred = gutter_columns(lines, start, len(columns))
    if centred and centred != columns:
        other = _extent(lines, start, centred)
        if other[1] > best[1]:
            best, columns = other, centred
    body, end = best
    # A first-column-only line set apart by a blank line at the end is the paragraph
    # after the table ("Next meeting: ..."), not a row.
    while len(body) > 1 and len(body[-1].cells) == 1 and 0 in body[-1].cells:
        if lines[body[-1].number - 2].strip():
            break
        end = body.pop().number - 1
    filled = [len(line.cells) for line in body]
    if sum(count > 1 for count in filled) < 2 and not any(count > 2 for count in filled):
        return None  # lines that (nearly) only fill the first column are not a table
    header = Line(start + 1, fit(lines[start], columns) or {})
    return _table(header, body, len(columns), lines, join), end


def _extent(lines: list[str], start: int, columns: list[int]) -> tuple[list[Line], int]:
    """The body lines of the table headed at `start` and the index after its last line."""
    header_key = " ".join(lines[start].split())
    body: list[Line] = []
    blanks, end, after_break = 0, start + 1, False
    skip_to = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if index <= skip_to:
            continue
        if not line.strip():
            blanks += 1
            continue
        if " ".join(line.split()) == header_key:
            blanks, after_break, end = 0, True, index + 1
            continue
        cells = fit(line, columns)
        if cells is None or (blanks >= 2 and len(cells) < 2 and not after_break):
            resume = _repeated_header(lines, index, header_key)
            if resume is None:
                break
            blanks, after_break, end = 0, True, resume + 1
            skip_to = resume
            continue
        body.append(Line(index + 1, cells, after_break))
        blanks, after_break, end = 0, False, index + 1
    return body, end


def _repeated_header(lines: list[str], index: int, key: str) -> int | None:
    """The index of a copy of the header within the next few lines (a page header between)."""
    ahead = [i for i in range(index, min(len(lines), index + 8)) if lines[i].strip()]
    return next((i for i in ahead[: _PAGE_TOP + 1] if " ".join(lines[i].split()) == key), None)


def _table(header: Line, body: list[Line], width: int, lines: list[str], join: Join) -> Table:
    groups = row_groups(body, lines, header.number)
    # Lines before the first one with a first cell continue the header cells.
    while len(groups) > 1 and not any(0 in line.cells for line in groups[0]):
        header = Line(header.number, _merged([header, *groups.pop(0)], join))
    rows = [Row(_cells([header], width, join), line=header.number, number=1)]
    for number, group in enumerate(groups, 2):
        rows.append(Row(_cells(group, width, join), line=group[0].number, number=number))
    return Table(tuple(rows))


def _merged(group: list[Line], join: Join) -> dict[int, str]:
    out: dict[int, str] = {}
    for line in group:
        for index, text in line.cells.items():
            out[index] = join(out[index], text) if index in out else text
    return out


def _cells(group: list[Line], width: int, join: Join) -> tuple[Cell, ...]:
    """The cells of one row: each column's lines joined into items."""
    restarts = set()
    for column in range(width):
        seen_gap = False
        for i, line in enumerate(group):
            if column not in line.cells:
                seen_gap = seen_gap or any(column in g.cells for g in group[:i])
            elif seen_gap and not _BULLET_START.match(line.cells[column]):
                restarts.add(i)
                seen_gap = False
    cells = []
    for column in range(width):
        parts: list[tuple[int, str]] = []
        for i, line in enumerate(group):
            text = line.cells.get(column)
            if text is None:
                continue
            new = _BULLET_START.match(text) or (i in restarts and not text[:1].islower())
            if parts and not new:
                parts[-1] = (parts[-1][0], join(parts[-1][1], text))
            else:
                parts.append((line.number, text))
        items = tuple(made for number, text in parts if (made := item(text, number)).text)
        cells.append(Cell(items))
    return tuple(cells)


def joiner(known: set[str]) -> Join:
    """Join two lines of one cell: a single space, or a hyphenated word rejoined."""

    def join(first: str, second: str) -> str:
        head = re.search(r"[^\W\d_]{2,}-$", first)
        if head and second[:1].isalpha():
            word, _, rest = second.partition(" ")
            joined = join_hyphenated(head.group(), word, known)
            return f"{first[: head.start()]}{joined} {rest}".rstrip()
        return f"{first} {second}"

    return join
