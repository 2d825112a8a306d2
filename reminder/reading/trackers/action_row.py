"""One tracker row with action text, its "same as above" values applied, as an action.

- owner: the owner (person) column; with an organisation column too, each person is
  written `Person (Organisation)` (persons and organisations paired by position when
  both list several); the organisation alone when there is no person;
- deadline: the cell as written, a date cell as Excel shows it (`formats.shown`; a
  month-first format marks the context `month_first`, for the deadline reader);
- status: the cell read by `parse_status`, else by the sheet's legend (a letter, or the
  colour of a cell without text); blank is open, or done on a "Closed"/"Archive" sheet;
- meeting date: the "Date raised"/"Meeting date" cell (or the one above it);
- register id: the "Register ID" cell of a file this tool exported, a whole number
  above 0; any other value is noted with the row and left unset, never guessed.
An action cell of several lines beside an owner or deadline cell of as many lines gives
one action per line, paired by position (`split_cell`). Anything not understood keeps a
safe value and adds a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from reminder.reading.actions.columns import Field
from reminder.reading.extraction import (
    ExtractedAction,
    SourceRef,
    Status,
    is_one_clean_line,
    parse_status,
)
from reminder.reading.formats.shown import month_first
from reminder.reading.owners.split import split_owners
from reminder.reading.trackers.cells import SheetRow, as_text, blank, due_phrase, owner_text
from reminder.reading.trackers.dates import to_date
from reminder.reading.trackers.headers import HeaderRow
from reminder.reading.trackers.legend import Legend

# A sheet or block of closed items, by its name: a blank status there is done.
CLOSED: Final = re.compile(
    r"\b(?:closed|archived?|completed|done|finished|clos\b|cl[oô]tur|termin[ée]|achev|cerrad|"
    r"cumplid|finalizad|histori|hist[óo]ric)",
    re.I,
)


@dataclass
class Context:
    """What every row of one table shares: where it is, the notes, the sheet's legend."""

    file: str
    sheet: str | None
    notes: list[str]
    ragged_note: bool = False
    legend: Legend = field(default_factory=Legend)
    closed: bool = False  # a "Closed"/"Archive" sheet: a blank status is done
    month_first: bool = False  # a deadline date cell is shown month-first ("04/05/2024")


def build(
    context: Context,
    header: HeaderRow,
    text: str,
    values: dict[Field, object],
    cells: list[object],
    row: SheetRow,
    source: SourceRef,
) -> ExtractedAction:
    """The action of a row with action text; `values` hold the cells after "same as above"."""
    owners, supporting, owner_raw = owners_of(values.get("owner"), values.get("org"))
    deadline_col = header.columns.get("deadline")
    number_format = row.formats.get(deadline_col) if deadline_col is not None else None
    if number_format and month_first(number_format):
        context.month_first = True
    status, status_raw = _status(context, values.get("status"), row, header, source)
    remarks = "; ".join(r for col in header.remarks if (r := as_text(cells[col])))
    ref_col = header.columns.get("ref")
    return ExtractedAction(
        text=text,
        owners=owners,
        source=source,
        owners_raw=owner_raw,
        supporting=supporting,
        due_phrase=due_phrase(values.get("deadline"), number_format),
        status=status,
        status_raw=status_raw,
        remarks=remarks or None,
        section=as_text(values.get("section")) or None,
        ref=(as_text(cells[ref_col]) or None) if ref_col is not None else None,
        meeting_date=_meeting_date(context, values, cells, header, source),
        register_id=register_id(context, cells, header, source),
    )


def _lines(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    if is_one_clean_line(value):
        return [value] if value else []
    return [" ".join(line.split()) for line in value.splitlines() if line.strip()]


def split_cell(
    text_cell: object, values: dict[Field, object]
) -> list[tuple[str | None, dict[Field, object]]]:
    """The actions of one row: several when the action cell has several lines and the
    owner or deadline cell as many (paired by position), else the row as it is (None)."""
    lines = _lines(text_cell)
    candidates: tuple[Field, ...] = ("owner", "org", "deadline")
    paired = [name for name in candidates if len(_lines(values.get(name))) > 1]
    if (
        len(lines) < 2
        or not paired
        or any(len(_lines(values.get(n))) != len(lines) for n in paired)
        or any(line[:1].islower() for line in lines)  # a wrapped line goes on
    ):
        return [(None, values)]
    return [
        (line, {**values, **{name: _lines(values.get(name))[i] for name in paired}})
        for i, line in enumerate(lines)
    ]


def owners_of(person: object, org: object) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(owners, supporting, raw) from a person cell and an organisation cell."""
    person_raw, org_raw = owner_text(person), owner_text(org)
    persons, supporting = split_owners(person_raw)
    if not org_raw:
        return persons, supporting, person_raw
    orgs, org_support = split_owners(org_raw)
    if not persons:
        return orgs, org_support, org_raw
    if len(orgs) == len(persons):
        pairs = [f"{p} ({o})" for p, o in zip(persons, orgs, strict=True)]
    else:
        joined = ", ".join(orgs)
        pairs = [f"{p} ({joined})" for p in persons]
    return tuple(pairs), supporting + org_support, f"{person_raw} ({org_raw})"


def _status(
    context: Context, value: object, row: SheetRow, header: HeaderRow, source: SourceRef
) -> tuple[Status, str | None]:
    """The status cell read; one not understood keeps the action open, with a note."""
    col = header.columns.get("status")
    colour = row.fills.get(col) if col is not None else None
    if isinstance(value, bool):  # a "Done?" column of ticked boxes
        return (Status.DONE if value else Status.OPEN), str(value).upper()
    raw = "" if blank(value) else owner_text(value)
    by_legend = context.legend.status(raw, colour)
    if not raw:
        if by_legend is not None:
            return by_legend, f"({colour} fill)"
        if colour is not None:
            context.notes.append(
                f"{source}: status cell only coloured ({colour}) and no legend on the sheet "
                "says what the colour means; read as blank"
            )
        return (Status.DONE, None) if context.closed else (Status.OPEN, None)
    # The sheet's own key outranks the general vocabulary: 'A' may mean amber there.
    own = context.legend.letters.get(raw.strip().upper())
    percent = _as_percent(raw)
    status = own or parse_status(raw) or (percent and parse_status(percent)) or by_legend
    if status is None:
        context.notes.append(f"{source}: status '{raw}' not understood; kept as open")
        return Status.OPEN, raw
    return status, raw


def _meeting_date(
    context: Context,
    values: dict[Field, object],
    cells: list[object],
    header: HeaderRow,
    source: SourceRef,
) -> date | None:
    """The date the action was raised; a cell that is not a full date is noted once."""
    value = values.get("meeting_date")
    if blank(value):
        return None
    found = to_date(value)
    col = header.columns.get("meeting_date")
    own = cells[col] if col is not None else None
    if found is None and not blank(own):
        context.notes.append(
            f"{source}: meeting date '{as_text(value)}' not understood; left empty"
        )
    return found


def register_id(
    context: Context, cells: list[object], header: HeaderRow, source: SourceRef
) -> int | None:
    """The row's "Register ID" cell as an id; blank is None (a row added to the export)."""
    col = header.columns.get("register_id")
    return checked_register_id(
        None if col is None else cells[col], notes=context.notes, source=source
    )


def checked_register_id(value: object, *, notes: list[str], source: SourceRef) -> int | None:
    """A "Register ID" cell (of a tracker or a review table this tool exported) as an id;
    blank is None, and so is anything but a whole number above 0, said in `notes`."""
    if blank(value):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None or number < 1:
        notes.append(
            f"{source}: Register ID '{as_text(value)}' is not a whole number above 0; "
            "the row is read without a register id"
        )
        return None
    return number


_WHOLE: Final = re.compile(r"\d{1,18}")


def _as_percent(raw: str) -> str | None:
    """A bare number 0-100 in a status column ("Progress (%)": 0, 25, 100) as a percentage."""
    text = raw.strip()
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d+)?", text):
        return None
    return f"{text}%" if float(text.replace(",", ".")) <= 100 else None
