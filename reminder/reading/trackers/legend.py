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
_LETTER: Final = re.compile(r"^\s*([A-Za-z]{1,2})\s*(?:=|:|-|–|—)\s*(.+?)\s*$")
_SPAN: Final = 12  # rows under a legend label that may belong to it


@dataclass
class Legend:
    """Statuses by fill colour and by letter, as a sheet's legend defines them."""

    colours: dict[str, Status] = field(default_factory=dict)
    letters: dict[str, Status] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.colours or self.letters)

    def status(self, text: str, colour: str | None) -> Status | None:
        """The status a cell's letter or (for a cell without text) colour stands for."""
        if text:
            return self.letters.get(text.strip().upper())
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
    """The legend blocks of a sheet: the rows under each legend label, up to a blank gap."""
    legend = Legend()
    under = 0  # rows left in the current legend block
    for row in rows:
        texts = {col: as_text(v) for col, v in enumerate(row.values) if not blank(v)}
        if any(_LABEL.match(text) for text in texts.values()):
            under = _SPAN
            _read(row, texts, legend, skip_label=True)
            continue
        if under <= 0:
            continue
        if not texts and not row.fills:
            under = 0  # a blank row ends the legend block
            continue
        under -= 1
        _read(row, texts, legend, skip_label=False)
    return legend


def _read(row: SheetRow, texts: dict[int, str], legend: Legend, *, skip_label: bool) -> None:
    """Add the colour and letter entries of one legend row."""
    for col, text in texts.items():
        if skip_label and _LABEL.match(text):
            continue
        if match := _LETTER.match(text):
            status = parse_status(match[2])
            if status is not None:
                legend.letters[match[1].upper()] = status
                continue
        status = parse_status(text)
        if status is None or not text:
            continue
        # The colour is the cell's own fill, or the fill of a swatch cell just left of it.
        colour = row.fills.get(col) or row.fills.get(col - 1)
        if colour is not None:
            legend.colours.setdefault(colour, status)
