"""Action tables in minutes: header roles, logical rows, and the actions of each row.

A header row names an action column beside a Status, Responsible, agenda or discussion
column. With a Status column the table lists actions carried over from the previous
meeting (one per row); otherwise only the action column gives actions, never the
discussion. A row whose first cell is empty continues the row before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reminder.reading.actions.found import Found
from reminder.reading.actions.sentences import groups, owners, strip_numbering, useful
from reminder.reading.document import Item, Row, Table
from reminder.reading.extraction import (
    ExtractedAction,
    Skipped,
    SourceRef,
    Status,
    clean_text,
    parse_status,
)
from reminder.reading.meeting import NEXT_MEETING

_ROLES = (
    # Before "action": "Action deadline" is a deadline column.
    (
        "deadline",
        re.compile(
            r"deadline|\bdue\b|\bby when\b|\bwhen\b|timeline|time\s*frame|"
            r"target date|échéance|echeance|date limite|délai",
            re.I,
        ),
    ),
    ("action", re.compile(r"\baction|\bfollow[- ]?up|\bnext steps?\b|\btasks?\b|\bwhat\b", re.I)),
    ("status", re.compile(r"\bstatus\b|\bprogress\b", re.I)),
    ("responsible", re.compile(r"responsib|\bowners?\b|focal\s*points?|\bwho\b|\blead\b", re.I)),
    ("agenda", re.compile(r"\bagenda|\btopics?\b|\bitems?\b|\bsubject", re.I)),
    ("discussion", re.compile(r"discussion|main points|\bnotes?\b|summary", re.I)),
)


_PREVIOUS = re.compile(r"previous|last meeting|pending|outstanding|carried|précédente", re.I)


@dataclass
class _Header:
    roles: list[str | None]  # per column: a role, "other", or None for an empty header cell
    carried: bool  # one action per row, with its own status or deadline (a tracker table)
    label: str | None
    previous: bool = False  # "action points from previous meeting": carried over


@dataclass
class _Entry:
    """One logical table row: its first physical row, its items by role, where each is."""

    header: _Header
    table: Table
    row: Row
    cells: dict[str, list[Item]]
    joined: dict[int, tuple[Table, Row]] = field(default_factory=dict)  # id(item) -> where

    def ref(self, found: Found, it: Item | None) -> SourceRef:
        """Where `it` is: in the physical row it came from, the entry's first by default."""
        return found.ref(*self.joined.get(id(it), (self.table, self.row)), it)


def _role(text: str) -> str | None:
    """The role a header cell names: the first pattern that matches, "other" if none."""
    if not text:
        return None
    return next((role for role, pattern in _ROLES if pattern.search(text)), "other")


def _header(row: Row) -> _Header | None:
    """The row as an action table's header, or None when it is not one."""
    texts = row.texts()
    if any(len(text.split()) > 8 for text in texts):
        return None  # header cells are short; a long cell mentioning "action" is content
    roles = [_role(text) for text in texts]
    if "action" not in roles or not {"status", "responsible", "agenda", "discussion"} & set(roles):
        return None
    label = texts[roles.index("action")]
    carried = bool({"status", "deadline"} & set(roles)) and "discussion" not in roles
    previous = carried and bool(_PREVIOUS.search(label))
    return _Header(roles, carried, label if previous else None, previous)


def _by_role(row: Row, header: _Header) -> dict[str, list[Item]]:
    """The row's items under the role of the column they are in."""
    pairs: list[tuple[str | None, list[Item]]]
    if len(row.cells) == len(header.roles):
        pairs = [
            (role, list(cell.items)) for role, cell in zip(header.roles, row.cells, strict=True)
        ]
    else:
        # Converters write uneven tab runs, so columns are matched on the non-empty cells:
        # the action is the first one (unless the row continues another), the rest are
        # taken from the right.
        filled = [list(cell.items) for cell in row.cells if cell.items]
        named = [role for role in header.roles if role is not None]
        pairs = []
        if row.cells and row.cells[0].items and filled and named:
            pairs, filled, named = [(named[0], filled[0])], filled[1:], named[1:]
        pairs += list(zip(reversed(named), reversed(filled), strict=False))
    out: dict[str, list[Item]] = {}
    for role, items in pairs:
        if role is not None:
            out.setdefault(role, []).extend(items)
    return out


@dataclass
class Tables:
    """The rows of an action table read so far, joined into logical rows.

    `add` the parts of one table as they come (a table broken by a page is several),
    then `emit` its actions once it has ended.
    """

    header: _Header | None = None
    entries: list[_Entry] = field(default_factory=list)

    def add(self, table: Table) -> None:
        """Read a table's rows: a header row sets the roles, the rows below become entries."""
        for row in table.rows:
            header = _header(row)
            if header is not None:
                self.header = header
                continue
            if self.header is None or not any(cell.items for cell in row.cells):
                continue
            cells = _by_role(row, self.header)
            last = self.entries[-1] if self.entries else None
            # An empty first cell: the row goes on from the one before (page break, merge).
            if (
                last
                and last.header is self.header
                and self.header.roles[0]
                and not row.cells[0].items
            ):
                for role, items in cells.items():
                    last.cells.setdefault(role, []).extend(items)
                    last.joined.update((id(it), (table, row)) for it in items)
            else:
                self.entries.append(_Entry(self.header, table, row, cells))

    def emit(self, found: Found) -> None:
        """Add the actions of every entry read so far to `found`."""
        for entry in self.entries:
            if entry.header.carried:
                _carried(entry, found)
            else:
                _discussed(entry, found)


def _carried(entry: _Entry, found: Found) -> None:
    """One action carried over from the previous meeting, with its status."""
    actions = useful(entry.cells.get("action", []))
    owners_raw = "; ".join(it.text for it in useful(entry.cells.get("responsible", [])))
    ref = entry.ref(found, actions[0] if actions else None)
    if not actions:
        if owners_raw:
            found.skipped.append(
                Skipped(ref, f"responsible '{owners_raw}' without an action point")
            )
        return
    text = strip_numbering(clean_text(" ".join(it.text for it in actions)))
    status_raw = " ".join(it.text for it in entry.cells.get("status", [])) or None
    due = clean_text(" ".join(it.text for it in useful(entry.cells.get("deadline", [])))) or None
    status = parse_status(status_raw)
    if status is None:
        found.notes.append(f"{ref}: status '{status_raw}' not recognised; the action is kept open")
    named, supporting, raw = owners(owners_raw, text)
    found.actions.append(
        ExtractedAction(text, named, ref, raw, supporting, due, status or Status.OPEN,
                        status_raw, section=entry.header.label,
                        carried_over=entry.header.previous)
    )  # fmt: skip


def _discussed(entry: _Entry, found: Found) -> None:
    """The actions of the action column; Responsible items matched to them in order."""
    agenda = useful(entry.cells.get("agenda", []))
    section = strip_numbering(agenda[0].text) if agenda else None
    if section and NEXT_MEETING.match(section):
        return  # a "Next meeting | TBD" row is meeting information
    grouped = groups(useful(entry.cells.get("action", [])))
    responsible = useful(entry.cells.get("responsible", []))
    deadlines = useful(entry.cells.get("deadline", []))
    flat = [action for group in grouped for action in group]
    # One Responsible item per action, or else one per item (group), the last for the rest.
    per_action = len(responsible) == len(flat)
    used = len(flat) if per_action else min(len(grouped), len(responsible))
    for extra in responsible[used:]:
        reason = f"responsible '{extra.text}' without an action point"
        found.skipped.append(Skipped(entry.ref(found, extra), reason))
    index = 0
    for number, group in enumerate(grouped):
        for text, it in group:
            which = index if per_action else number
            owners_raw = responsible[min(which, len(responsible) - 1)].text if responsible else ""
            named, supporting, raw = owners(owners_raw, text)
            ref = entry.ref(found, it)
            # A Deadline column, when there is one, pairs with the actions like Responsible.
            due = deadlines[min(which, len(deadlines) - 1)].text if deadlines else None
            found.actions.append(
                ExtractedAction(text, named, ref, raw, supporting, due, section=section)
            )
            index += 1
