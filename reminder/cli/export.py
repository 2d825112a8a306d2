"""Writing the register for a coordinator to edit: XLSX or CSV, one action per row.

The first column is headed exactly "Register ID": an import of the edited file finds
each action by it. Then the columns a coordinator edits (Action, Owners, Deadline,
Status, Remarks) and, for information, Forum, Meeting date and Source. The header is the
first row (a title row above it would be read as the header). Cells that a spreadsheet
would run as a formula (beginning with = + - @) are neutralised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from reminder.register.models import ActionPoint
from reminder.register.queries import ActionView
from reminder.service.documents import FORMULA

HEADER = (
    "Register ID",
    "Action",
    "Owners",
    "Deadline",
    "Status",
    "Remarks",
    "Forum",
    "Meeting date",
    "Source",
)
READ_ONLY = ("Forum", "Meeting date", "Source")
WIDTHS = (12, 60, 28, 20, 12, 40, 24, 14, 40)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_STATUS_WORDS = {"in_progress": "in progress"}

Cell = int | str | date | None


def rows_of(views: Sequence[ActionView], actions: Mapping[int, ActionPoint]) -> list[list[Cell]]:
    """One row per action, in the order of `views`, under `HEADER`."""
    rows: list[list[Cell]] = []
    for v in views:
        action = actions.get(v.id)
        owners = action.owners_raw if action else ", ".join(o.name for o in v.owners)
        rows.append(
            [
                v.id,
                v.text,
                owners or ", ".join(o.name for o in v.owners),
                # The date, not the phrase: read again against the meeting date, a phrase
                # such as "on the 25th of May" could resolve to another year.
                v.due_date.isoformat() if v.due_date else (v.due_phrase or ""),
                _STATUS_WORDS.get(v.status, v.status),
                (action.remarks if action else None) or "",
                v.forum,
                v.meeting_date,
                v.source,
            ]
        )
    return rows


def neutralised(value: str) -> str:
    """`value`, prefixed with ' when a spreadsheet would read it as a formula (OWASP's
    advice for CSV injection: a cell starting with = + - @, tab or carriage return).

    A plain number ("-3", "+1.5") or a lone dash (a deadline "-") runs nothing and
    stays as written, so that it still reads as itself."""
    if not value.startswith(FORMULA) or value == "-" or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def title(day: date) -> str:
    """The line above the header: the import of the file reads its facts as of `day`."""
    return f"Exported on {day.day} {day:%B %Y} from the action register"


def write_csv(path: Path, rows: Sequence[Sequence[Cell]], *, day: date) -> None:
    """The rows as UTF-8 CSV (with a byte-order mark, so that Excel reads the accents),
    under a title line that dates them."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([title(day)])
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(
                ["" if c is None else neutralised(c) if isinstance(c, str) else str(c) for c in row]
            )


def write_xlsx(path: Path, rows: Sequence[Sequence[Cell]], *, day: date) -> None:
    """The rows as one sheet: a bold header row, frozen, columns sized to their content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    book.properties.title = title(day)
    # The title row dates the facts: an import of the edited file reads them as of `day`.
    sheet.append([title(day)])
    sheet.append(list(HEADER))
    grey = PatternFill("solid", fgColor="DDDDDD")
    for n, name in enumerate(HEADER, 1):
        cell = sheet.cell(row=2, column=n)
        cell.font = Font(bold=True)
        if name in READ_ONLY:
            cell.fill = grey
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS[n - 1]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, 3):
        for n, value in enumerate(row, 1):
            cell = sheet.cell(row=r, column=n, value=value)
            cell.alignment = wrap
            if isinstance(value, str):
                # Stored as text, never a formula; the quote prefix keeps it text when the
                # coordinator edits the cell, and the value itself stays as the register has it.
                cell.data_type = "s"
                cell.quotePrefix = neutralised(value) != value
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(HEADER))}{len(rows) + 2}"
    book.save(path)
