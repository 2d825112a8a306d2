"""One-cell-per-line tables: each table cell on its own line, as some Word/PDF
conversions write a table, read back into rows.

`find_cell_table(lines, start)` reads such a table starting at `lines[start]`, or gives
None. Its header is a run of three or more consecutive short lines (a few words, no
final full stop) that are all column names of action tables (action, owner, deadline,
status ... in English, French or Spanish), one naming the action and one an owner or a
deadline. The header's count of lines is the table's width: the non-blank lines that
follow are its cells, taken in rows of that width, until two blank lines in a row, a
line that is too long to be a cell, or the end. A last incomplete row is not part of
the table (its lines stay paragraphs).
"""

from __future__ import annotations

import re
from typing import Final

from reminder.reading.document import Cell, Row, Table, item

_HEADER_WORD = re.compile(
    r"^(?:n[°o.]?|#|no\.?|ref\.?|id|actions?(?: points?| items?)?|tasks?|activit(?:y|ies)|"
    r"what|owners?|responsib\w*|focal points?|lead|who|assign\w*|by whom|agency|"
    r"deadlines?|due(?: date)?|timelines?|time ?frame|when|by when|target date|date|"
    r"status|progress|remarks?|comments?|notes?|agenda(?: items?)?|topics?|discussion|"
    r"points? d'action|responsables?|point focal|échéances?|délai|statut|état|"
    r"compromisos?|acciones?|fecha(?: límite)?|plazo|estado|observaciones)\s*:?$",
    re.I,
)
_ACTION = re.compile(r"action|task|activit|what|compromis|acci", re.I)
_OWNER_OR_DUE = re.compile(
    r"own|respons|focal|lead|who|assign|agency|dead|due|time|when|date|"
    r"échéan|délai|fecha|plazo",
    re.I,
)
_MIN_WIDTH: Final = 3
_MAX_CELL_CHARS: Final = 400


def _header_width(lines: list[str], start: int) -> int:
    width = 0
    for line in lines[start:]:
        if not _HEADER_WORD.match(line.strip()):
            break
        width += 1
    names = [line.strip() for line in lines[start : start + width]]
    if width < _MIN_WIDTH or not any(_ACTION.search(name) for name in names):
        return 0
    return width if any(_OWNER_OR_DUE.search(name) for name in names) else 0


def find_cell_table(lines: list[str], start: int) -> tuple[Table, int] | None:
    """The one-cell-per-line table headed at `lines[start]` and the index after it."""
    width = _header_width(lines, start)
    if not width:
        return None
    cells: list[int] = []  # indexes of the cell lines
    blanks = 0
    for index in range(start + width, len(lines)):
        text = lines[index].strip()
        if not text:
            blanks += 1
            if blanks >= 2:
                break
            continue
        if len(text) > _MAX_CELL_CHARS:
            break
        blanks = 0
        cells.append(index)
    cells = cells[: len(cells) - len(cells) % width]
    if not cells:
        return None
    header = list(range(start, start + width))
    groups = [header] + [cells[i : i + width] for i in range(0, len(cells), width)]
    rows = tuple(
        Row(
            tuple(Cell((made,) if (made := item(lines[i], i + 1)).text else ()) for i in group),
            line=group[0] + 1,
            number=number,
        )
        for number, group in enumerate(groups, 1)
    )
    return Table(rows), cells[-1] + 1
