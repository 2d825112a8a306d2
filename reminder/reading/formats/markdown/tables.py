"""Markdown tables -> `Row`s: pipe tables and pandoc's simple, multi-line and grid tables.

`table_at(lines, start)` reads the table that begins at `lines[start]`, if one does, and
returns its rows and the index of the first line after it (None when no table starts
there). Rows carry the 1-based source line they start on.

* pipe tables: a header line and a `|---|:---:|` separator; `\\|` is a literal bar; a
  header row with no text (Confluence's headerless tables) is left out; a row with
  fewer cells than the header is padded with empty ones (extra cells are kept);
* simple tables: a header line over dash runs (`----  -----`), one row per line, ended
  by a blank line; headerless ones open and close with the dash runs;
* multi-line tables: a full-width dash line, header lines, the dash runs, then rows
  separated by blank lines, closed by a dash line; a cell's lines are joined;
* grid tables: `+---+---+` borders, `|` between cells, `+===+` under the header; a
  cell's lines are joined, a cell crossing a column bar (colspan) or a border (rowspan)
  leaves `spanned` cells in the positions it covers.

In every cell, `<br>` separates items and so does a line starting with a list marker;
an item that starts with a list marker (`- `, `* `, `1.`) loses it and is a list item;
inline markup is removed (`inline.plain`).
"""

from __future__ import annotations

import itertools
import re

from reminder.reading.document import Cell, Item, Row, item
from reminder.reading.formats.markdown.inline import plain, split_breaks

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_DASH_RUNS = re.compile(r"^\s*-{2,}(?:\s+-{2,})+\s*$")
_FULL_DASH = re.compile(r"^\s*-{10,}\s*$")
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_CELL_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")

Rows = tuple[list[Row], int]
Groups = list[list[tuple[int, str]]]  # a row's (line number, text) pieces, per row


def table_at(lines: list[str], start: int) -> Rows | None:
    """The rows of the table starting at `lines[start]` and the index after it, or None."""
    line = lines[start]
    following = lines[start + 1] if start + 1 < len(lines) else ""
    if "|" in line and "-" in following and "|" in following and _PIPE_SEPARATOR.match(following):
        return _pipe(lines, start)
    if _GRID_BORDER.match(line):
        return _grid(lines, start)
    if _FULL_DASH.match(line):
        return _multiline(lines, start)
    if _DASH_RUNS.match(line):
        return _headerless(lines, start)
    if line.strip() and _DASH_RUNS.match(following):
        return _simple(lines, start)
    return None


def cell(parts: list[tuple[int, str]]) -> Cell:
    """A cell from its (line number, text) fragments: wrapped lines joined, items split."""
    items: list[Item] = []
    pending: list[str] = []
    first = 0

    def flush() -> None:
        for part in split_breaks(" ".join(pending)):
            bullet = _CELL_BULLET.match(part)
            text, struck = plain(part[bullet.end() :] if bullet else part)
            made = item(text, first or None, bullet=bool(bullet), struck=struck)
            if made.text:
                items.append(made)
        pending.clear()

    for number, text in parts:
        if _CELL_BULLET.match(text) or not pending:
            flush()
            first = number
        pending.append(text)
    flush()
    return Cell(tuple(items))


def _pipe_cells(line: str) -> list[str]:
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [part.strip() for part in _UNESCAPED_BAR.split(text)]


def _pipe(lines: list[str], start: int) -> Rows:
    rows: list[Row] = []
    header = _pipe_cells(lines[start])
    if any(header):
        rows.append(Row(tuple(cell([(start + 1, h)]) for h in header), line=start + 1))
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        parts = _pipe_cells(lines[end])
        parts += [""] * (len(header) - len(parts))  # missing cells are empty ones
        rows.append(Row(tuple(cell([(end + 1, p)]) for p in parts), line=end + 1))
        end += 1
    return rows, end


def _runs(line: str) -> list[int]:
    """Start columns of the dash runs of a column-definition line."""
    return [m.start() for m in re.finditer(r"-+", line)]


def _slice(line: str, starts: list[int]) -> list[str]:
    """Cut a line at the column starts, moving a cut that falls inside a word to its start."""
    cuts = []
    for start in starts[1:]:
        cut = min(start, len(line))
        while 0 < cut < len(line) and line[cut - 1] != " " and line[cut] != " ":
            cut -= 1
        cuts.append(cut)
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in itertools.pairwise(bounds)]


def _rows_of(groups: Groups, starts: list[int]) -> list[Row]:
    rows = []
    for group in groups:
        columns: list[list[tuple[int, str]]] = [[] for _ in starts]
        for number, text in group:
            for index, part in enumerate(_slice(text, starts)):
                if part:
                    columns[index].append((number, part))
        rows.append(Row(tuple(cell(parts) for parts in columns), line=group[0][0]))
    return rows


def _blocks_until(lines: list[str], start: int, *, blank_ends: bool) -> tuple[Groups, int]:
    """Row groups from `start` to a closing dash line (or a blank line when `blank_ends`)."""
    groups: Groups = []
    current: list[tuple[int, str]] = []
    end = start
    while end < len(lines):
        line = lines[end]
        if _DASH_RUNS.match(line) or _FULL_DASH.match(line):
            end += 1
            break
        if not line.strip():
            if blank_ends:
                break
            if current:
                groups.append(current)
                current = []
        elif blank_ends:
            groups.append([(end + 1, line)])
        else:
            current.append((end + 1, line))
        end += 1
    if current:
        groups.append(current)
    return groups, end


def _simple(lines: list[str], start: int) -> Rows:
    starts = _runs(lines[start + 1])
    header = _rows_of([[(start + 1, lines[start])]], starts)
    groups, end = _blocks_until(lines, start + 2, blank_ends=True)
    return header + _rows_of(groups, starts), end


def _headerless(lines: list[str], start: int) -> Rows:
    starts = _runs(lines[start])
    # Multi-line when a blank line comes before the closing dash line.
    probe = start + 1
    while probe < len(lines) and lines[probe].strip() and not _DASH_RUNS.match(lines[probe]):
        probe += 1
    multi = probe < len(lines) and not lines[probe].strip()
    groups, end = _blocks_until(lines, start + 1, blank_ends=not multi)
    return _rows_of(groups, starts), end


def _multiline(lines: list[str], start: int) -> Rows | None:
    runs_at = next(
        (i for i in range(start + 1, min(len(lines), start + 8)) if _DASH_RUNS.match(lines[i])),
        None,
    )
    if runs_at is None or any(not line.strip() for line in lines[start + 1 : runs_at]):
        return None
    starts = _runs(lines[runs_at])
    head = [(i + 1, lines[i]) for i in range(start + 1, runs_at)]
    groups, end = _blocks_until(lines, runs_at + 1, blank_ends=False)
    return _rows_of([head] if head else [], starts) + _rows_of(groups, starts), end


def _grid(lines: list[str], start: int) -> Rows:
    bars = [m.start() for m in re.finditer(r"\+", lines[start])]
    width = len(bars) - 1
    buffers: list[list[list[tuple[int, str]]]] = []  # per row, per column: its fragments
    spanned: list[set[int]] = []  # per row: the positions a merged cell covers
    # Where each column's text goes: (row, column) of the cell holding that position.
    target = [(0, column) for column in range(width)]
    continuing: set[int] = set()  # columns whose cell crosses the last border
    end = start + 1
    rows_open = False
    while end < len(lines) and lines[end].strip()[:1] in {"|", "+"}:
        line, number = lines[end], end + 1
        if not rows_open:
            buffers.append([[] for _ in range(width)])
            spanned.append(set(continuing))
            row = len(buffers) - 1
            target = [target[c] if c in continuing else (row, c) for c in range(width)]
            rows_open = True
        segments = [line[a + 1 : b] for a, b in itertools.pairwise(bars)]
        if line.strip().startswith("+"):
            continuing = {
                c for c, seg in enumerate(segments) if not re.fullmatch(r"[-=:]+", seg.strip())
            }
            for column in continuing:
                r, c = target[column]
                if segments[column].strip():
                    buffers[r][c].append((number, segments[column].strip()))
            rows_open = False
        else:
            # A column bar missing from the line: the cell on its left spans over it.
            real = [0] + [
                i for i in range(1, width) if bars[i] >= len(line) or line[bars[i]] == "|"
            ]
            for owner, stop in zip(real, [*real[1:], width], strict=True):
                spanned[-1].update(range(owner + 1, stop))
                piece = line[bars[owner] + 1 : bars[stop]].strip(" |")
                r, c = target[owner]
                if piece:
                    buffers[r][c].append((number, piece))
        end += 1
    rows = [
        Row(
            tuple(
                Cell(spanned=True) if c in covered else cell(parts)
                for c, parts in enumerate(row_buffers)
            ),
            line=next((parts[0][0] for parts in row_buffers if parts), None),
        )
        for row_buffers, covered in zip(buffers, spanned, strict=True)
    ]
    return [row for row in rows if any(c.items for c in row.cells)], end
