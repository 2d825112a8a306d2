""" "Same as above" in a tracker: what blank cells and ditto marks repeat, and the notes.

Rules (one `Above` per table, fed row by row):
- a blank owner, section or meeting-date cell repeats the last one above (a section
  title row resets the owner: a new block starts);
- a ditto mark (`"`, `''`, `-"-`, "idem") in any column repeats the value above it in
  that column, whatever it is; a ditto with nothing above is left blank, with a note;
- blank deadline and status cells never repeat: blank means no deadline, and open.
Every repeated value is listed in one note per column and table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reminder.reading.actions.columns import Field, is_ditto
from reminder.reading.trackers.cells import blank

# Columns whose blank cells mean "same as above".
_BLANK_REPEATS: frozenset[Field] = frozenset({"owner", "org", "section", "meeting_date"})


@dataclass
class Above:
    """The last value seen in each column, and the rows that took one from above."""

    last: dict[Field, object] = field(default_factory=dict)
    filled: dict[str, list[int]] = field(default_factory=dict)  # "owner" -> rows filled
    orphans: list[tuple[int, Field]] = field(default_factory=list)  # ditto with nothing above

    def reset_owner(self) -> None:
        """A new block (section title row): its rows must not inherit the owner above."""
        self.last.pop("owner", None)
        self.last.pop("org", None)

    def remember(self, name: Field, cell: object) -> None:
        """Keep a row's own value for the rows below, without reading the row (no action)."""
        if not blank(cell) and not is_ditto(cell):
            self.last[name] = cell

    def value(self, name: Field, cell: object, row: int) -> object:
        """The cell's value once "same as above" is applied; remembers it for the rows below."""
        if is_ditto(cell):
            if name not in self.last:
                self.orphans.append((row, name))
                return None
            self.filled.setdefault(f"{_label(name)} (ditto mark)", []).append(row)
            return self.last[name]
        if blank(cell):
            if name in _BLANK_REPEATS and name in self.last:
                if name in ("owner", "org"):
                    self.filled.setdefault("owner", []).append(row)
                return self.last[name]
            return None
        self.last[name] = cell
        return cell


def _label(name: Field) -> str:
    return {"org": "organisation", "meeting_date": "meeting date", "text": "action"}.get(name, name)
