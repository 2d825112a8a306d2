"""An imported action's values, and updating a register action with them field by field.

The four facts (text, owners, deadline, status) are each weighed against the register's
(`evidence.weigh`); the details that follow a document (remarks, section, where it was
read, its meeting) are taken only from a document at least as new as every fact held.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from reminder.reading.resolve import ResolvedAction
from reminder.register.bulk import Rows
from reminder.register.evidence import FIELDS, Evidence, Verdict, current_label, weigh
from reminder.register.models import ActionPoint, Meeting, StatusChange
from reminder.register.summary import ImportSummary

# The columns each fact sets; the rest of the columns are details of the document.
COLUMNS = {
    "text": ("text",),
    "owners": ("owners_raw", "owners", "supporting"),
    "due": ("due_phrase", "due_date", "due_method", "due_flags", "due_note"),
    "status": ("status", "status_raw"),
}
DETAILS = (
    "remarks",
    "section",
    "carried_over",
    "source_file",
    "source_sheet",
    "source_row",
    "source_line",
    "ref",
)


def values_of(item: ResolvedAction) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the columns of an action, the value of each fact) as `item` gives them."""
    a, d = item.action, item.deadline
    columns: dict[str, Any] = {
        "text": a.text,
        "owners_raw": a.owners_raw or ", ".join(a.owners),
        "owners": list(a.owners),
        "supporting": list(a.supporting),
        "due_phrase": d.phrase,
        "due_date": d.due,
        "due_method": d.method.value,
        "due_flags": list(d.flags),
        "due_note": d.note,
        "status": a.status.value,
        "status_raw": a.status_raw,
        "remarks": a.remarks,
        "section": a.section,
        "carried_over": a.carried_over,
        "source_file": a.source.file,
        "source_sheet": a.source.sheet,
        "source_row": a.source.row,
        "source_line": a.source.line,
        "ref": a.ref,
    }
    return columns, facts_of(columns)


def facts_of(columns: dict[str, Any]) -> dict[str, Any]:
    """The value of each fact, comparable and storable as JSON, from an action's columns."""
    due = columns["due_date"]
    return {
        "text": columns["text"],
        "owners": {
            "raw": columns["owners_raw"],
            "owners": list(columns["owners"]),
            "supporting": list(columns["supporting"]),
        },
        "due": {"phrase": columns["due_phrase"], "date": due.isoformat() if due else None},
        "status": columns["status"],
    }


def held_columns(action: ActionPoint) -> dict[str, Any]:
    """The columns of `action` that facts set."""
    return {name: getattr(action, name) for names in COLUMNS.values() for name in names}


def update_action(
    *,
    session: Session,
    action: ActionPoint,
    item: ResolvedAction,
    meeting: Meeting | None,
    evidence: Evidence,
    now: datetime,
    summary: ImportSummary,
    rows: Rows | None = None,
) -> set[str]:
    """Weigh every fact of `item` against `action` and apply what wins; the changed fields."""
    columns, incoming = values_of(item)
    held = facts_of(held_columns(action))
    if incoming["due"]["date"] and incoming["due"]["date"] == held["due"]["date"]:
        # The same date written another way ("31/07/2023" for "by the end of July"): no
        # news, and the deadline as first written stays.
        incoming["due"] = held["due"]
        columns.update({name: getattr(action, name) for name in COLUMNS["due"]})
    newest = max(
        (getattr(action, f"{f}_as_of") for f in FIELDS if getattr(action, f"{f}_as_of")),
        default=None,
    )
    source = str(item.action.source)
    changed: set[str] = set()
    for field in FIELDS:
        verdict = weigh(
            session=session,
            action=action,
            field=field,
            value=incoming[field],
            current=held[field],
            evidence=evidence,
            source=source,
            now=now,
            rows=rows,
        )
        if verdict is Verdict.APPLIED:
            if field == "status":
                assert action.id is not None
                session.add(
                    StatusChange(
                        action_id=action.id,
                        old_status=action.status,
                        new_status=columns["status"],
                        changed_at=now,
                        source=source,
                        author=evidence.author,
                    )
                )
            for name in COLUMNS[field]:
                setattr(action, name, columns[name])
            changed.add(field)
        elif verdict in (Verdict.OLDER, Verdict.CONFLICT):
            _say(
                session=session,
                action=action,
                field=field,
                verdict=verdict,
                held=held[field],
                value=incoming[field],
                evidence=evidence,
                source=source,
                summary=summary,
            )
    # The details follow the newest document, and a document read again (corrected).
    exported = item.action.register_id is not None  # an export is no source document
    if not exported and (
        newest is None or evidence.as_of >= newest or evidence.origin == action.source_file
    ):
        for name in DETAILS:
            if getattr(action, name) != columns[name]:
                setattr(action, name, columns[name])
                changed.add("details")
        if meeting is not None and not item.action.carried_over and action.meeting_id != meeting.id:
            # Re-read with its meeting date corrected: the action follows its meeting. A
            # carried-over copy keeps the meeting where the action was raised.
            action.meeting_id = meeting.id
            changed.add("meeting")
    elif (
        exported
        and (newest is None or evidence.as_of >= newest)
        and action.remarks != columns["remarks"]
    ):
        # Of an exported row only the remarks are the coordinator's to edit.
        action.remarks = columns["remarks"]
        changed.add("details")
    if changed:
        action.updated_at = now
    if action not in session:
        # Adding an action the session already holds walks its relationships for nothing:
        # on an unchanged re-import that walk was an eighth of the time.
        session.add(action)
    return changed


def shown(*, field: str, value: Any) -> str:
    """A fact's value as a message shows it."""
    if field == "owners":
        return repr(value.get("raw") or ", ".join(value.get("owners", ())))
    if field == "due":
        return repr(value.get("phrase") or value.get("date") or "no deadline")
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _say(
    *,
    session: Session,
    action: ActionPoint,
    field: str,
    verdict: Verdict,
    held: Any,
    value: Any,
    evidence: Evidence,
    source: str,
    summary: ImportSummary,
) -> None:
    assert action.id is not None
    label = current_label(session=session, action=action, field=field)
    name = "deadline" if field == "due" else field
    ours, theirs = shown(field=field, value=held), shown(field=field, value=value)
    if verdict is Verdict.OLDER:
        summary.kept.append(
            f"#{action.id} ({source}): kept {name} {ours} from {label} over "
            f"{theirs} from {evidence.label}"
        )
    else:
        summary.conflicts.append(
            f"#{action.id} ({source}): {name} {theirs} from {evidence.label} disagrees with "
            f"{ours} from {label}, of the same date; kept {ours} (change it with "
            "`reminder action`)"
        )
