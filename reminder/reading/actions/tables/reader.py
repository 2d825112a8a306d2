"""Action tables in minutes: the actions of each logical row (`rows.Entry`).

- A review table (an action column with a status or deadline column and no discussion
  column) gives one action per row, with its status, deadline and owner; when it reviews
  earlier action points (its heading or label says so, or a status is not "open") the
  actions are `carried_over`.
- Otherwise only the action column gives actions, never the discussion: one per
  paragraph or sentence; an item ending in ":" followed by list items gives one action
  per list item. Responsible and deadline items pair with the actions by position (one
  per action, else one per paragraph, the last one applying to the rest).
- In either, an item "Responsible: X" / "Deadline: Y" / "Status: Z" (any of the column
  words) under an action gives that action's owner, deadline or status; "Decision:" and
  "Note:" items are not actions (skipped, with the reason); "Action:" is dropped.
- A person column beside an organisation column gives `Person (Organisation)` owners; a
  "Date raised" column gives the action's own `meeting_date`.
Values taken from the row above (merged cells, ditto marks) are noted.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from reminder.reading.actions.found import Found
from reminder.reading.actions.sentences import groups, owners, strip_numbering, useful
from reminder.reading.actions.tables.cells import kept, texts, units
from reminder.reading.actions.tables.rows import Entry, TableRows
from reminder.reading.document import Item
from reminder.reading.extraction import (
    ExtractedAction,
    Skipped,
    SourceRef,
    Status,
    clean_text,
    parse_status,
)
from reminder.reading.meeting.details import NEXT_MEETING
from reminder.reading.trackers.action_row import checked_register_id, owners_of
from reminder.reading.trackers.dates import to_date
from reminder.reading.trackers.schedule import with_next_meetings

__all__ = ["Tables"]


class Tables(TableRows):
    """An action table's rows (see `TableRows`), then `emit` its actions."""

    def emit(self, found: Found) -> None:
        """Add the actions of every entry read so far to `found`; with a date-raised
        column, each action's next meeting is the next date raised in the table."""
        start = len(found.actions)
        _emit(self, found)
        if any(a.meeting_date for a in found.actions[start:]):
            found.actions[start:] = with_next_meetings(found.actions[start:], (), None)


def _emit(tables: TableRows, found: Found) -> None:
    for entry in tables.entries:
        if entry.inherited:
            names = ", ".join(_LABELS.get(n, n) for n in entry.inherited)
            found.notes.append(f"{entry.ref(found, None)}: {names} taken from the row above "
                               "(a merged, blank or ditto-marked cell)")  # fmt: skip
        if entry.header.carried and not _several(entry, found):
            _carried(entry, found)
        else:
            _discussed(entry, found, carried_over=entry.header.previous)


_LABELS: Final = {"responsible": "owner", "org": "organisation", "meeting_date": "date raised"}


def _several(entry: Entry, found: Found) -> bool:
    """True when a one-action-per-row table's cell holds several actions that the owner
    or deadline cell lists one by one (so they pair by position)."""
    count = len(units(entry, Found(found.source)))
    return count > 1 and count in (len(kept(entry, "responsible")), len(kept(entry, "deadline")))


def _owner_parts(
    entry: Entry, person: str, text: str
) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Owners from a person text and the row's organisation cell, else the subject."""
    org = "; ".join(texts(entry, "org"))
    if org or person:
        return owners_of(person, org)
    return owners("", text)


def _meeting_date(entry: Entry) -> date | None:
    raised = " ".join(texts(entry, "meeting_date"))
    return to_date(raised) if raised else None


def _carried(entry: Entry, found: Found) -> None:
    """One action per row (a review or tracker table), with its status."""
    parts = units(entry, found)
    owners_raw = "; ".join(texts(entry, "responsible"))
    ref = entry.ref(found, parts[0].items[0] if parts else None)
    if not parts:
        if owners_raw:
            found.skipped.append(
                Skipped(ref, f"responsible '{owners_raw}' without an action point")
            )
        return
    text = strip_numbering(clean_text(" ".join(it.text for u in parts for it in u.items)))
    fields = {k: v for u in parts for k, v in u.fields.items()}
    status_raw = " ".join(it.text for it in entry.cells.get("status", [])) or fields.get("status")
    due = clean_text(" ".join(texts(entry, "deadline"))) or fields.get("deadline")
    status = parse_status(status_raw)
    if status is None:
        found.notes.append(f"{ref}: status '{status_raw}' not recognised; the action is kept open")
    named, supporting, raw = _owner_parts(entry, owners_raw or fields.get("responsible", ""), text)
    when = _meeting_date(entry)
    found.actions.append(
        ExtractedAction(text, named, ref, raw, supporting, due or None, status or Status.OPEN,
                        status_raw, remarks="; ".join(texts(entry, "remarks")) or None,
                        section=entry.header.label or entry.section,
                        carried_over=entry.header.previous, meeting_date=when,
                        register_id=_register_id(entry, found, ref))
    )  # fmt: skip


def _register_id(entry: Entry, found: Found, ref: SourceRef) -> int | None:
    """The "Register ID" cell of a review table this tool exported; blank is None."""
    raw = " ".join(texts(entry, "register_id")).strip()
    return checked_register_id(raw, notes=found.notes, source=ref)


def _discussed(entry: Entry, found: Found, *, carried_over: bool = False) -> None:
    """The actions of the action column; Responsible items matched to them in order."""
    agenda = useful(entry.cells.get("agenda", []))
    section = strip_numbering(agenda[0].text) if agenda else entry.section
    if section and NEXT_MEETING.match(section):
        return  # a "Next meeting | TBD" row is meeting information
    parts = units(entry, found)
    by_item = {id(it): u for u in parts for it in u.items}
    grouped = groups([it for u in parts for it in u.items])
    responsible = kept(entry, "responsible")
    deadlines = kept(entry, "deadline")
    statuses = kept(entry, "status")
    flat = [action for group in grouped for action in group]
    # One Responsible item per action, or else one per item (group), the last for the rest.
    per_action = len(responsible) == len(flat)
    used = len(flat) if per_action else min(len(grouped), len(responsible))
    for extra in responsible[used:]:
        reason = f"responsible '{extra.text}' without an action point"
        found.skipped.append(Skipped(entry.ref(found, extra), reason))
    when = _meeting_date(entry)
    index = 0
    for number, group in enumerate(grouped):
        for text, it in group:
            which = index if per_action else number
            sub = by_item[id(it)].fields if id(it) in by_item else {}
            person = sub.get("responsible") or _pick(responsible, which)
            named, supporting, raw = _owner_parts(entry, person, text)
            due = sub.get("deadline") or _pick(deadlines, which) or None
            status_raw = sub.get("status") or _pick(statuses, which) or None
            status = parse_status(status_raw) or Status.OPEN
            found.actions.append(
                ExtractedAction(text, named, entry.ref(found, it), raw, supporting, due,
                                status, status_raw, section=section,
                                carried_over=carried_over, meeting_date=when)
            )  # fmt: skip
            index += 1


def _pick(items: list[Item], which: int) -> str:
    """The item at `which`, the last one for the rest; "" when there are none."""
    return items[min(which, len(items) - 1)].text if items else ""
