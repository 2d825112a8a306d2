"""The rows below a tracker's header row, turned into actions, skipped rows and notes.

The same rules apply to a CSV file and to each sheet of a workbook: "same as above"
(blank owner cells, ditto marks: see `above`), rows that are not actions (see `skips`),
section title rows, and the building of each action (see `action_row`). The readers
put the values of merged ranges in `SheetRow.merged`.
"""

from __future__ import annotations

import re
from typing import Final

from reminder.reading.actions.columns import Field
from reminder.reading.extraction import ExtractedAction, Skipped, SourceRef
from reminder.reading.trackers.above import Above
from reminder.reading.trackers.action_row import CLOSED, Context, build, split_cell
from reminder.reading.trackers.cells import SheetRow, as_text, blank
from reminder.reading.trackers.headers import HeaderRow, classify
from reminder.reading.trackers.skips import AS_OF_LINE, skip_reason

_NUMBER: Final = re.compile(r"[\d.,\s]+")
_ID: Final = re.compile(r"(?=.{1,12}$)[\w./#-]*\d[\w./#-]*")
__all__ = ["SheetRow", "Table", "rows_text"]

_FILLED: Final[tuple[Field, ...]] = (
    "owner", "org", "deadline", "status", "section", "meeting_date"
)  # fmt: skip


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
    and the context's `notes` list (appended to, never replaced); `rows_seen` counts the
    rows that were neither blank nor only a pre-numbered empty line.
    """

    def __init__(self, context: Context, header: HeaderRow, names: tuple[object, ...]) -> None:
        self.context, self.header = context, header
        self.notes = context.notes
        self.names = [as_text(name) for name in names]
        self.actions: list[ExtractedAction] = []
        self.skipped: list[Skipped] = []
        self.rows_seen = 0
        self._above = Above()
        self._sheet_closed = context.closed
        self._numbered_only: list[int] = []
        self.as_of_rows: list[SheetRow] = []  # as-of lines below the header ("Last updated ...")

    def add(self, row: SheetRow) -> None:
        """Turn one row into an action, a skipped row, a section title or nothing (blank)."""
        if all(blank(value) for value in row.values):
            return
        source = SourceRef(self.context.file, self.context.sheet, row.number)
        cells = self._cells(row, source)
        if self._only_numbered(cells):
            # Templates number their empty lines in advance; one note covers them all.
            self._numbered_only.append(row.number)
            return
        self.rows_seen += 1
        if self._is_section_title(row):
            title = next(v for v in row.values if not blank(v))
            self._above.value("section", title, row.number)
            self._above.reset_owner()  # a new block starts: no owner from the block above
            # A block titled "Closed actions" holds closed items, like a "Closed" sheet.
            self.context.closed = self._sheet_closed or CLOSED.search(as_text(title)) is not None
            return
        text = as_text(self._cell(cells, "text"))
        if _is_header_name(text):
            self.skipped.append(Skipped(source, "repeated header row"))
            return
        others = [as_text(v) for col, v in enumerate(cells) if col != self._col("text")]
        reason = skip_reason(text, others) if text else None
        if reason is not None:
            self.skipped.append(Skipped(source, reason))
            if reason == AS_OF_LINE:
                self.as_of_rows.append(row)
            return
        if not text:
            for name in _FILLED:
                self._above.remember(name, self._cell(cells, name))
            self.skipped.append(Skipped(source, self._why_no_text(cells)))
            return
        values = {name: self._above.value(name, self._cell(cells, name), row.number)
                  for name in _FILLED if name in self.header.columns}  # fmt: skip
        for name in ("owner", "org", "deadline", "status"):
            if self.header.columns.get(name) in row.merged:
                label = "organisation" if name == "org" and "owner" in self.header.columns else name
                label = "owner" if label == "org" else label
                self._above.filled.setdefault(f"{label} (merged cell)", []).append(row.number)
        if "section" not in values:
            values["section"] = self._above.last.get("section")
        # A row of an export stands for one register action: it is never split.
        exported = not blank(self._cell(cells, "register_id"))
        parts = [(None, values)] if exported else split_cell(self._cell(cells, "text"), values)
        for part, part_values in parts:
            self.actions.append(
                build(self.context, self.header, part or text, part_values, cells, row, source)
            )

    def finish(self) -> None:
        """Add the notes that summarise the whole table."""
        where = SourceRef(self.context.file, self.context.sheet)
        for what, numbers in self._above.filled.items():
            self.notes.append(f"{where}: {what} taken from the row above for {rows_text(numbers)}")
        for number, name in self._above.orphans:
            self.notes.append(f"{where}, row {number}: ditto mark in the {name} column with "
                              "nothing above it; left blank")  # fmt: skip
        if self._numbered_only:
            ref_name = self.names[self.header.columns["ref"]]
            self.notes.append(
                f"{where}: only a number in column '{ref_name}' on "
                f"{rows_text(self._numbered_only)}; ignored"
            )

    def _cells(self, row: SheetRow, source: SourceRef) -> list[object]:
        """One cell per header column: merged values filled in, cells beyond the header cut."""
        width = len(self.names)
        if self.context.ragged_note and any(not blank(v) for v in row.values[width:]):
            self.notes.append(
                f"{source}: {len(row.values)} cells but the header has {width}; extra cells ignored"
            )
        cells = list(row.values[:width]) + [None] * max(0, width - len(row.values))
        for col, value in row.merged.items():
            if col < width:
                cells[col] = value
        return cells

    def _col(self, name: Field) -> int | None:
        return self.header.columns.get(name)

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

    def _why_no_text(self, cells: list[object]) -> str:
        """The skip reason for a row without action text, naming the cells it does have."""
        parts = []
        labels = {col: name.replace("_", " ") for name, col in self.header.columns.items()}
        if "org" in self.header.columns:
            labels[self.header.columns["org"]] = (
                "organisation" if "owner" in self.header.columns else "owner"
            )
        labels.update(dict.fromkeys(self.header.remarks, "remarks"))
        for col, value in enumerate(cells):
            if not blank(value):
                name = self.names[col]
                label = labels.get(col) or (f"column '{name}'" if name else f"column {col + 1}")
                shown = as_text(value)
                parts.append(f"{label} '{shown[:40]}{'…' if len(shown) > 40 else ''}'")
        return f"no action text ({', '.join(parts) or 'only cells right of the table'})"
