"""The rows below a tracker's header row, turned into actions, skipped rows and notes.

The same rules apply to a CSV file and to each sheet of a workbook, including the
"same as above" fill-down described in `trackers`; the readers put the values of merged
ranges in `SheetRow.merged`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from reminder.owners_text import split_owners
from reminder.reading.extraction import ExtractedAction, Skipped, SourceRef, Status, parse_status
from reminder.reading.trackers.cells import as_text, blank, due_phrase, owner_text
from reminder.reading.trackers.dates import to_date
from reminder.reading.trackers.headers import Field, HeaderRow, classify

_NUMBER: Final = re.compile(r"[\d.,\s]+")
_ID: Final = re.compile(r"(?=.{1,12}$)[\w./#-]*\d[\w./#-]*")


@dataclass(frozen=True)
class SheetRow:
    """One spreadsheet row: cells as stored, plus what merged ranges put in its blank cells."""

    number: int
    values: tuple[object, ...]
    merged: dict[int, object] = field(default_factory=dict)
    wide: frozenset[int] = frozenset()  # columns where a merge two or more columns wide starts


def rows_text(numbers: list[int]) -> str:
    """ "row 5", "rows 5, 6, 9" or, for runs of three or more, "rows 5-8, 12"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}-{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
    return f"{'row' if len(numbers) == 1 else 'rows'} {', '.join(parts)}"


def _is_header_name(text: str) -> bool:
    """True when `text` is an action-column name: the header row repeated (after a page)."""
    # Header names are short: long texts skip the (slower) matching.
    match = classify(text) if len(text) <= 40 else None
    return match is not None and match.field == "text" and match.whole


class Table:
    """The rows below one header row (a CSV file or one sheet), read one at a time.

    `add` each row in order, then `finish`. Results accumulate in `actions`, `skipped`
    and the caller's `notes` list (appended to, never replaced); `rows_seen` counts the
    rows that were neither blank nor only a pre-numbered empty line.
    """

    def __init__(
        self,
        file: str,
        sheet: str | None,
        header: HeaderRow,
        names: tuple[object, ...],
        notes: list[str],
        *,
        ragged_note: bool,
    ) -> None:
        self.file, self.sheet, self.header, self.notes = file, sheet, header, notes
        self.names = [as_text(name) for name in names]
        self.ragged_note = ragged_note
        self.actions: list[ExtractedAction] = []
        self.skipped: list[Skipped] = []
        self.rows_seen = 0
        self._section: str | None = None
        self._owner: str | None = None
        self._meeting: date | None = None
        self._owner_filled: list[int] = []
        self._numbered_only: list[int] = []

    def add(self, row: SheetRow) -> None:
        """Turn one row into an action, a skipped row, a section title or nothing (blank)."""
        if all(blank(value) for value in row.values):
            return
        source = SourceRef(self.file, self.sheet, row.number)
        cells = self._cells(row, source)
        if self._only_numbered(cells):
            # Templates number their empty lines in advance; one note covers them all.
            self._numbered_only.append(row.number)
            return
        self.rows_seen += 1
        if self._is_section_title(row):
            self._section = next(as_text(v) for v in row.values if not blank(v))
            # A new block starts: its rows must not inherit the previous block's owner.
            self._owner = None
            return
        text = as_text(self._cell(cells, "text"))
        if _is_header_name(text):
            self.skipped.append(Skipped(source, "repeated header row"))
            return
        self._remember(cells, source)
        if not text:
            self.skipped.append(Skipped(source, self._why_no_text(cells)))
            return
        self.actions.append(self._action(text, cells, source, row.number))

    def finish(self) -> None:
        """Add the notes that summarise the whole table."""
        where = SourceRef(self.file, self.sheet)
        if self._owner_filled:
            self.notes.append(
                f"{where}: owner taken from the row above for {rows_text(self._owner_filled)}"
            )
        if self._numbered_only:
            ref_name = self.names[self.header.columns["ref"]]
            self.notes.append(
                f"{where}: only a number in column '{ref_name}' on "
                f"{rows_text(self._numbered_only)}; ignored"
            )

    def _cells(self, row: SheetRow, source: SourceRef) -> list[object]:
        """One cell per header column: merged values filled in, cells beyond the header cut."""
        width = len(self.names)
        if self.ragged_note and any(not blank(v) for v in row.values[width:]):
            self.notes.append(
                f"{source}: {len(row.values)} cells but the header has {width}; extra cells ignored"
            )
        cells = list(row.values[:width]) + [None] * max(0, width - len(row.values))
        for col, value in row.merged.items():
            if col < width:
                cells[col] = value
        return cells

    def _cell(self, cells: list[object], name: Field) -> object:
        """The cell of the column read as `name`; None when the table has no such column."""
        col = self.header.columns.get(name)
        return None if col is None else cells[col]

    def _only_numbered(self, cells: list[object]) -> bool:
        """True when the row holds nothing but an identifier in the ref column."""
        ref_col = self.header.columns.get("ref")
        filled = [col for col, value in enumerate(cells) if not blank(value)]
        return (
            ref_col is not None
            and filled == [ref_col]
            and _ID.fullmatch(as_text(cells[ref_col])) is not None
        )

    def _action(
        self, text: str, cells: list[object], source: SourceRef, number: int
    ) -> ExtractedAction:
        """The action of a row with action text, owner filled down from above if blank."""
        owner_raw = owner_text(self._cell(cells, "owner"))
        if not owner_raw and self._owner is not None:
            owner_raw = self._owner
            self._owner_filled.append(number)
        owners, supporting = split_owners(owner_raw)
        status, status_raw = self._status(self._cell(cells, "status"), source)
        remarks = "; ".join(r for col in self.header.remarks if (r := as_text(cells[col])))
        return ExtractedAction(
            text=text,
            owners=owners,
            source=source,
            owners_raw=owner_raw,
            supporting=supporting,
            due_phrase=due_phrase(self._cell(cells, "deadline")),
            status=status,
            status_raw=status_raw,
            remarks=remarks or None,
            section=self._section,
            ref=as_text(self._cell(cells, "ref")) or None,
            meeting_date=self._meeting,
        )

    def _remember(self, cells: list[object], source: SourceRef) -> None:
        """Update what blank section, meeting-date and owner cells below will repeat."""
        section = as_text(self._cell(cells, "section"))
        if section:
            self._section = section
        owner = owner_text(self._cell(cells, "owner"))
        if owner:
            self._owner = owner
        value = self._cell(cells, "meeting_date")
        if not blank(value):
            self._meeting = to_date(value)
            if self._meeting is None:
                self.notes.append(
                    f"{source}: meeting date '{as_text(value)}' not understood; left empty"
                )

    def _is_section_title(self, row: SheetRow) -> bool:
        """A lone text cell at the left of the table: merged across, or not the action column.

        In the action column itself a lone cell is an action without owner, unless it
        reads as a heading (all capitals, or ending with a colon).
        """
        filled = [col for col, value in enumerate(row.values) if not blank(value)]
        if len(filled) != 1:
            return False
        col, value = filled[0], row.values[filled[0]]
        if not isinstance(value, str) or _NUMBER.fullmatch(value):
            return False
        text_col, wide = self.header.columns["text"], filled[0] in row.wide
        if col > self.header.first_column and not (wide and col <= text_col):
            return False
        heading = value.strip().endswith(":") or (
            sum(ch.isalpha() for ch in value) >= 3 and value == value.upper()
        )
        return col != text_col or wide or heading

    def _status(self, value: object, source: SourceRef) -> tuple[Status, str | None]:
        """The status cell read; one not understood keeps the action open, with a note."""
        if blank(value):
            return Status.OPEN, None
        if isinstance(value, bool):  # a "Done?" column of ticked boxes
            return (Status.DONE if value else Status.OPEN), str(value).upper()
        raw = owner_text(value)
        status = parse_status(raw)
        if status is None:
            self.notes.append(f"{source}: status '{raw}' not understood; kept as open")
            return Status.OPEN, raw
        return status, raw

    def _why_no_text(self, cells: list[object]) -> str:
        """The skip reason for a row without action text, naming the cells it does have."""
        parts = []
        labels = {col: name.replace("_", " ") for name, col in self.header.columns.items()}
        labels.update(dict.fromkeys(self.header.remarks, "remarks"))
        for col, value in enumerate(cells):
            if not blank(value):
                name = self.names[col]
                label = labels.get(col) or (f"column '{name}'" if name else f"column {col + 1}")
                shown = as_text(value)
                parts.append(f"{label} '{shown[:40]}{'…' if len(shown) > 40 else ''}'")
        return f"no action text ({', '.join(parts) or 'only cells right of the table'})"
