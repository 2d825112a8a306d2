"""A posted review form, read as corrections of what the file said.

Each row's fields (`text-<i>`, `owners-<i>`, `due-<i>`, `status-<i>`, `drop-<i>`) are
compared with the file as read again on the server: only what differs is a correction,
so the form never supplies what the coordinator did not change. A date field emptied
clears the date (one that was empty stays so).
"""

from __future__ import annotations

import re
from datetime import date

from starlette.datastructures import FormData

from reminder.errors import InputError
from reminder.service.corrections import Correction
from reminder.service.preview import Preview, Row


def corrections_of(*, form: FormData, preview: Preview) -> list[Correction]:
    """The corrections `form` makes to `preview`'s rows; InputError naming the row."""
    found = []
    for row in preview.rows:
        if not row.importable:
            continue
        correction = _of_row(form, row)
        if correction is not None:
            found.append(correction)
    return found


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


def _of_row(form: FormData, row: Row) -> Correction | None:
    i, label = row.index, f"row {row.index + 1} ({row.source})"
    if _field(form, f"drop-{i}"):
        return Correction(index=i, drop=True)
    text = _field(form, f"text-{i}")
    text = " ".join(text.split()) if text is not None else None
    if text is not None and not text:
        raise InputError(f"{label}: the text cannot be empty; tick 'drop' instead")
    owners_field = _field(form, f"owners-{i}")
    owners = None
    if owners_field is not None:
        owners = tuple(o.strip() for o in re.split(r"[,;]", owners_field) if o.strip())
        if not owners:
            raise InputError(f"{label}: give at least one owner")
    due_field = _field(form, f"due-{i}")
    due = _date(due_field or "", label)
    cleared = due_field is not None and not due_field.strip() and row.due is not None
    status = _field(form, f"status-{i}")
    correction = Correction(
        index=i,
        text=text if text is not None and text != " ".join(row.text.split()) else None,
        owners=owners
        if owners is not None and owners != tuple(o.name for o in row.owners)
        else None,
        due=due if due is not None and due != row.due else None,
        clear_due=cleared,
        status=status if status and status != row.status else None,
    )
    return correction if correction != Correction(index=i) else None


def _date(value: str, label: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{label}: {value!r} is not a date (write it as 2023-08-31)") from None
