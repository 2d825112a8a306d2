"""A tracker's own status legend: colours or letters that stand for statuses.

Trackers often show status as a coloured cell (RAG: red, amber, green) or a letter,
explained in a "Legend"/"Key" block on the sheet or a sheet of its own. `find_legend`
reads such blocks from a sheet's rows: a cell holding a status word next to (or
itself filled with) a colour maps that colour to the status; "G = Done", "R: Overdue"
maps the letter. Only blocks under a legend label count, so that a table's coloured
status cells are never taken for a legend. A status cell is then read by `status`:
its letter, else its colour when it holds no text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from reminder.reading.extraction import Status, parse_status
from reminder.reading.trackers.cells import SheetRow, as_text, blank

_LABEL: Final = re.compile(
    r"^\W*(?:legend|key|colou?r\s+(?:key|code|legend)|rag(?:\s+(?:key|legend|status))?|"
    r"légende|leyenda|clé|code couleur|c[óo]digo de colou?res)\W*$",
    re.I,
)
# A legend entry in one cell: "G = Done", "Red: delayed", "Vert – terminé".
_LETTER: Final = re.compile(r"^\s*([^\W\d_]{1,12})\s*(?:=|:|-|–|—)\s*(.+?)\s*$")
_KEY: Final = re.compile(r"^\s*([^\W\d_]{1,12})\s*$")  # a key alone, its meaning beside it
_PARTS: Final = re.compile(r"\s*(?:\n|;|\|)\s*")  # several entries in one cell
_SPAN: Final = 12  # rows under a legend label that may belong to it
_LEFT: Final = 1  # columns left of the label that may hold a swatch of its block
_RIGHT: Final = 4  # columns right of the label that its block may use


@dataclass
class Legend:
    """Statuses by fill colour and by letter, as a sheet's legend defines them."""

    colours: dict[str, Status] = field(default_factory=dict)
    letters: dict[str, Status] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.colours or self.letters)

    def status(self, text: str, colour: str | None) -> Status | None:
        """The status a cell's letter (or colour word) stands for, else its fill colour's."""
        if text and (found := self.letters.get(text.strip().upper())) is not None:
            return found
        return self.colours.get(colour) if colour is not None else None

    def update(self, other: Legend) -> None:
        self.colours.update(other.colours)
        self.letters.update(other.letters)


def is_legend_text(text: str) -> bool:
    """True for a legend label ("Legend", "Key") or a legend entry ("G = Done")."""
    if _LABEL.match(text):
        return True
    match = _LETTER.match(text)
    return match is not None and parse_status(match[2]) is not None


def find_legend(rows: Iterable[SheetRow]) -> Legend:
    """The legend blocks of a sheet, wherever they sit (beside, below or above the table).

    A block is the rows under a legend label, in the label's columns (a swatch just
    left of it, a few columns right), up to a row blank in those columns. Only these
    cells are read, so that the action table beside a legend never feeds it.
    """
    legend = Legend()
    under = 0  # rows left in the current legend block
    span = range(0)  # the columns of the current block
    for row in rows:
        texts = {col: as_text(v) for col, v in enumerate(row.values) if not blank(v)}
        labels = [col for col, text in texts.items() if _LABEL.match(text)]
        if labels:
            under = _SPAN
            span = range(max(0, labels[0] - _LEFT), labels[0] + _RIGHT + 1)
            right = {c: t for c, t in texts.items() if c >= labels[0] and c not in labels}
            _read(row, right, legend)
            continue
        if under <= 0:
            continue
        inside = {c: t for c, t in texts.items() if c in span}
        if not inside and not any(c in span for c in row.fills):
            under = 0  # a row blank in the block's columns ends it
            continue
        under -= 1
        _read(row, inside, legend)
    return legend


def _read(row: SheetRow, texts: dict[int, str], legend: Legend) -> None:
    """Add the colour and letter entries of one legend row."""
    for col, text in sorted(texts.items()):
        for part in _PARTS.split(text):
            if part and _entry(row, col, part, legend):
                continue
        if _KEY.match(text) and parse_status(text) is None:
            # "R" in one cell, "Not started / overdue" in the next.
            meaning = texts.get(col + 1)
            status = parse_status(meaning) if meaning else None
            if status is not None:
                legend.letters.setdefault(text.strip().upper(), status)
                if (colour := row.fills.get(col)) is not None:
                    legend.colours.setdefault(colour, status)


def _entry(row: SheetRow, col: int, text: str, legend: Legend) -> bool:
    """Read one entry ("G = Done", or a status word by its swatch); whether it was one."""
    if match := _LETTER.match(text):
        status = parse_status(match[2])
        if status is not None:
            legend.letters.setdefault(match[1].upper(), status)
            if (colour := row.fills.get(col)) is not None:
                legend.colours.setdefault(colour, status)
            return True
    status = parse_status(text)
    if status is None:
        return False
    # The colour is the cell's own fill, or the fill of a swatch cell just left of it.
    colour = row.fills.get(col) or row.fills.get(col - 1)
    if colour is not None:
        legend.colours.setdefault(colour, status)
    return True
