"""Action tables in minutes: the header row, and the table's rows as logical entries.

A header row names an action column beside a status, responsible, agenda, discussion or
deadline column (`columns.role`, English, French and Spanish); each role is read from
one column (a second action column holds remarks, a second owner column is the
organisation, a revised deadline wins; a bare "Date" column is the deadline when there
is no other). The rows below become `Entry`s, each with its items by role:
- a row whose first cell is empty (not merged) continues the entry before it: a row
  split by a page break, or a first column merged in a converter that leaves it blank;
- a merged (`Cell.spanned`) or ditto-marked (`"`, `''`, `-"-`) cell in the owner,
  organisation, deadline, status or date-raised column means "same as above": it takes
  the items of the cell above (`Entry.inherited` names the roles, for a note); so does
  a blank owner cell in a review table (one action per row, with a status);
- a row holding one text, in its first cell, with every other cell empty or merged is a
  section heading (a colspan row): it names the section of the rows below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reminder.reading.actions.columns import REVISED, is_ditto
from reminder.reading.actions.found import Found
from reminder.reading.actions.roles import role
from reminder.reading.document import Cell, Item, Row, Table
from reminder.reading.extraction import SourceRef, parse_status

_PREVIOUS = re.compile(
    r"previous|last meeting|pending|outstanding|carried|précédente|review|follow[- ]?up|"
    r"suivi|seguimiento|anterior|from the meeting of|de la réunion du|status of|log\b|tracker",
    re.I,
)
_INHERITED = ("responsible", "org", "deadline", "status", "meeting_date", "agenda")


@dataclass
class Header:
    """The roles of an action table's columns, and what kind of table it is."""

    roles: list[str | None]  # per column: a role, "other", or None for an empty header cell
    carried: bool  # one action per row, with its own status or deadline (a tracker table)
    label: str | None
    previous: bool = False  # "action points from previous meeting": carried over


@dataclass
class Entry:
    """One logical table row: its first physical row, its items by role, where each is."""

    header: Header
    table: Table
    row: Row
    cells: dict[str, list[Item]]
    joined: dict[int, tuple[Table, Row]] = field(default_factory=dict)  # id(item) -> where
    section: str | None = None  # from a section heading row above
    inherited: list[str] = field(default_factory=list)  # roles taken from the row above

    def ref(self, found: Found, it: Item | None) -> SourceRef:
        """Where `it` is: in the physical row it came from, the entry's first by default."""
        return found.ref(*self.joined.get(id(it), (self.table, self.row)), it)


def header_of(row: Row, heading: str | None = None) -> Header | None:
    """The row as an action table's header, or None when it is not one."""
    texts = row.texts()
    if any(len(text.split()) > 8 for text in texts):
        return None  # header cells are short; a long cell mentioning "action" is content
    roles = _one_each([role(text) for text in texts], texts)
    if "action" not in roles:
        return None
    if not {"status", "responsible", "org", "agenda", "discussion", "deadline"} & set(roles):
        return None
    label = texts[roles.index("action")]
    carried = bool({"status", "deadline"} & set(roles)) and "discussion" not in roles
    previous = carried and bool(_PREVIOUS.search(f"{label} {heading or ''}"))
    return Header(roles, carried, label if previous else None, previous)


_ORG = re.compile(r"agenc|organi[sz]|partner|partenaire|socio|entit|institu|\borg\b", re.I)
_BARE_DATE = re.compile(r"^\W*(?:dates?|fechas?|datum)\W*$", re.I)


def _one_each(roles: list[str | None], texts: list[str]) -> list[str | None]:
    """The roles with one column each for action, owner and deadline.

    A second action column ("Follow-up") holds remarks; a second owner column is the
    organisation; of two deadline columns the revised one counts. A bare "Date" column
    beside actions without a deadline column is their deadline.
    """
    out = list(roles)
    if "deadline" not in out:
        out = ["deadline" if _BARE_DATE.match(t) else r for r, t in zip(out, texts, strict=True)]
    seen: dict[str, int] = {}
    for col, name in enumerate(out):
        if name is None or name not in ("action", "responsible", "deadline", "org", "status"):
            continue
        if name not in seen:
            seen[name] = col
        elif name == "action":
            out[col] = "remarks"
        elif name == "responsible" and "org" not in out:
            # Two owner columns: the one named like an organisation is the organisation.
            if _ORG.search(texts[col]) or not _ORG.search(texts[seen[name]]):
                out[col] = "org"
            else:
                out[seen[name]], seen[name] = "org", col
        elif name == "deadline" and REVISED.search(texts[col]):
            out[seen[name]], seen[name] = "other", col
        else:
            out[col] = "other"
    return out


def _section_heading(row: Row, header: Header | None) -> str | None:
    """The text of a section heading row (one text, in the first cell), else None.

    A heading spans the row (every other cell merged into it), or reads as one (capitals,
    a final colon); when the first column is not the action column, any lone text there
    names the section (a topic without actions).
    """
    if len(row.cells) < 2 or not row.cells[0].items:
        return None
    rest = row.cells[1:]
    if any(cell.items for cell in rest):
        return None
    text = row.cells[0].text
    if re.fullmatch(r"[\d.\s]*", text):
        return None
    looks = text.endswith(":") or (sum(ch.isalpha() for ch in text) >= 3 and text.upper() == text)
    first_is_action = header is not None and header.roles[:1] == ["action"]
    if all(c.spanned for c in rest) or looks or (header is not None and not first_is_action):
        return text
    return None


def _by_role(row: Row, header: Header) -> dict[str, Cell]:
    """The row's cells under the role of the column they are in."""
    pairs: list[tuple[str | None, Cell]]
    if len(row.cells) == len(header.roles):
        pairs = list(zip(header.roles, row.cells, strict=True))
    else:
        # Converters write uneven tab runs, so columns are matched on the non-empty cells:
        # the action is the first one (unless the row continues another), the rest are
        # taken from the right.
        filled = [cell for cell in row.cells if cell.items]
        named = [r for r in header.roles if r is not None]
        pairs = []
        if row.cells and row.cells[0].items and filled and named:
            pairs, filled, named = [(named[0], filled[0])], filled[1:], named[1:]
        pairs += list(zip(reversed(named), reversed(filled), strict=False))
    out: dict[str, Cell] = {}
    for name, cell in pairs:
        if name is not None:
            if name in out:
                out[name] = Cell(out[name].items + cell.items, out[name].spanned)
            else:
                out[name] = cell
    return out


def _same_as_above(cell: Cell | None, name: str, header: Header) -> bool:
    if cell is None:
        return False
    if cell.spanned or (len(cell.items) == 1 and is_ditto(cell.items[0].text)):
        return True
    if name == "agenda":
        return False  # only a merged agenda cell repeats: a blank one has no topic
    return name in ("responsible", "org") and header.carried and not cell.items


@dataclass
class TableRows:
    """The rows of an action table read so far, joined into logical rows.

    `add` the parts of one table as they come (a table broken by a page is several);
    `tables.Tables` adds `emit`, which turns the entries into actions once it has ended.
    """

    header: Header | None = None
    entries: list[Entry] = field(default_factory=list)
    section: str | None = None
    _above: dict[str, list[Item]] = field(default_factory=dict)
    _joinable: bool = False  # the last row read was an entry that a blank-first row continues

    def add(self, table: Table) -> None:
        """Read a table's rows: a header row sets the roles, the rows below become entries."""
        heading: str | None = None
        for row in table.rows:
            header = header_of(row, heading)
            if header is not None and self.header is not None and header.roles == self.header.roles:
                continue  # the header repeated after a page break: the table goes on
            if header is not None:
                self.header, self._above, self.section = header, {}, None
                self._joinable = False
                continue
            if (text := _section_heading(row, self.header)) is not None:
                heading, self.section, self._above = text, text, {}
                self._joinable = False
                continue
            if self.header is None or not any(cell.items for cell in row.cells):
                continue
            self._add_row(table, row, self.header)

    def _add_row(self, table: Table, row: Row, header: Header) -> None:
        by_role = _by_role(row, header)
        last = self.entries[-1] if self.entries else None
        # An empty first cell: the row goes on from the one before (page break, merge).
        if (
            last
            and self._joinable
            and last.header is header
            and header.roles[0]
            and not row.cells[0].items
            and not row.cells[0].spanned
        ):
            for name, cell in by_role.items():
                if is_ditto(cell.text):
                    continue
                last.cells.setdefault(name, []).extend(cell.items)
                last.joined.update((id(it), (table, row)) for it in cell.items)
            return
        cells: dict[str, list[Item]] = {}
        inherited = []
        for name, cell in by_role.items():
            if name in _INHERITED and _same_as_above(cell, name, header) and self._above.get(name):
                cells[name] = list(self._above[name])
                if name != "agenda":
                    inherited.append(name)
            else:
                cells[name] = [] if is_ditto(cell.text) else list(cell.items)
        self._above.update({k: v for k, v in cells.items() if v and k in _INHERITED})
        self.entries.append(Entry(header, table, row, cells, section=self.section,
                                  inherited=inherited))  # fmt: skip
        self._joinable = True
        if header.carried and not header.previous:
            # A review table is known by its statuses: any that is not "open".
            statuses = cells.get("status", [])
            if any(parse_status(it.text) not in (None, parse_status(None)) for it in statuses):
                header.previous = True
