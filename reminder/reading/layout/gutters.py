"""Column boundaries of a fixed-width table from the whitespace gutters of its lines.

`gutter_columns(lines, start, width)` looks at the header `lines[start]` and the lines
below it (over single blank lines) for as long as they leave at least `width` columns
of text separated by gutters: character positions that are blank in every line so
far, two or more wide. It gives the start of each column, or None when not even the
first line below keeps `width` columns. Used when the header cells are centred over
their columns, so that the header's own cell starts are not where the cells start.
"""

from __future__ import annotations

from typing import Final

_MIN_GUTTER: Final = 2


def _runs(filled: set[int]) -> list[int]:
    """Start positions of the runs of filled positions, gaps narrower than a gutter closed."""
    starts: list[int] = []
    last = None
    for position in sorted(filled):
        if last is None or position - last > _MIN_GUTTER:
            starts.append(position)
        last = position
    return starts


def gutter_columns(lines: list[str], start: int, width: int) -> list[int] | None:
    """Column starts from the gutters of the header and the lines below it."""
    filled = {i for i, char in enumerate(lines[start]) if not char.isspace()}
    found = None
    blanks = 0
    for line in lines[start + 1 :]:
        if not line.strip():
            blanks += 1
            if blanks >= 2:
                break
            continue
        blanks = 0
        more = filled | {i for i, char in enumerate(line) if not char.isspace()}
        starts = _runs(more)
        if len(starts) < width:
            break
        filled, found = more, starts
    return found[:width] if found and len(found) == width else None
