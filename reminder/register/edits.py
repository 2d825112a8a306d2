"""Coordinators' edits of the register: status, deadline, owners, wording, merging.

An edit is evidence like any other, dated by when it was given and signed by its author
(`evidence.of_command`): it wins over older evidence, is recorded as a `Fact` (and a
`StatusChange` for a status), and a document dated later wins over it in turn.
Every function runs inside the caller's transaction and raises InputError, naming the
action, when the edit cannot be made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from reminder.deadlines.types import Method
from reminder.errors import InputError
from reminder.register.evidence import Evidence, Verdict, of_command, weigh
from reminder.register.matching import Directory
from reminder.register.models import ActionPoint, ActionWording, StatusChange
from reminder.register.owners import set_owners
from reminder.register.weighing import facts_of, held_columns, shown
from reminder.register.wordings import fingerprint

STATUSES = ("open", "in_progress", "done", "cancelled")


@dataclass(frozen=True)
class Edit:
    """What one edit did to one action: `verdict` SAME when it held that value already."""

    action_id: int
    field: str
    before: str
    after: str
    verdict: Verdict


def get_action(*, session: Session, action_id: int) -> ActionPoint:
    """The action `action_id`; InputError when the register has none, or it was merged."""
    action = session.get(ActionPoint, action_id)
    if action is None:
        raise InputError(f"there is no action #{action_id} in the register")
    if action.merged_into is not None:
        raise InputError(f"action #{action_id} was merged into #{action.merged_into}; edit that")
    return action


def change_status(
    *,
    session: Session,
    action_ids: Sequence[int],
    status: str,
    author: str,
    now: datetime,
    note: str = "",
    evidence: Evidence | None = None,
) -> list[Edit]:
    """Set the status of each action (open, in_progress, done or cancelled).

    `evidence` says who answered when it was not a coordinator's command (a focal
    point's answer by mail link); by default, `author`'s command at `now`."""
    if status not in STATUSES:
        raise InputError(f"{status!r} is not a status; expected one of {', '.join(STATUSES)}")
    actions = [get_action(session=session, action_id=i) for i in action_ids]
    return [
        _apply(
            session=session,
            action=a,
            field="status",
            columns={"status": status, "status_raw": None},
            author=author,
            now=now,
            note=note,
            evidence=evidence,
        )
        for a in actions
    ]


def change_due(
    *,
    session: Session,
    action_id: int,
    due: date | None,
    author: str,
    now: datetime,
    note: str = "",
    evidence: Evidence | None = None,
) -> Edit:
    """Set the deadline of an action to `due`, as a date the coordinator (or, with
    `evidence`, someone else) gave; None clears it (the action has no deadline)."""
    action = get_action(session=session, action_id=action_id)
    columns: dict[str, Any] = {
        "due_phrase": due.isoformat() if due else None,
        "due_date": due,
        "due_method": (Method.EXPLICIT_DATE if due else Method.NONE).value,
        "due_flags": [],
        "due_note": f"{'set' if due else 'cleared'} by {author}",
    }
    return _apply(
        session=session,
        action=action,
        field="due",
        columns=columns,
        author=author,
        now=now,
        note=note,
        evidence=evidence,
    )


def change_owners(
    *,
    session: Session,
    action_id: int,
    owners: Sequence[str],
    directory: Directory,
    author: str,
    now: datetime,
    note: str = "",
    evidence: Evidence | None = None,
) -> Edit:
    """Set the owners of an action (names as written), resolved against the directory."""
    names = [o.strip() for o in owners if o.strip()]
    if not names:
        raise InputError(f"action #{action_id}: give at least one owner")
    action = get_action(session=session, action_id=action_id)
    columns = {"owners_raw": ", ".join(names), "owners": names, "supporting": []}
    edit = _apply(
        session=session,
        action=action,
        field="owners",
        columns=columns,
        author=author,
        now=now,
        note=note,
        evidence=evidence,
    )
    if edit.verdict is Verdict.APPLIED:
        set_owners(session=session, action=action, directory=directory)
    return edit


def change_text(
    *,
    session: Session,
    action_id: int,
    text: str,
    author: str,
    now: datetime,
    note: str = "",
    evidence: Evidence | None = None,
) -> Edit:
    """Reword an action; its earlier wordings still find it when a document uses them."""
    text = " ".join(text.split())
    if not text:
        raise InputError(f"action #{action_id}: the text cannot be empty")
    action = get_action(session=session, action_id=action_id)
    key = fingerprint(text)
    query = select(ActionWording).where(
        ActionWording.forum == action.forum, ActionWording.fingerprint == key
    )
    other = session.exec(query).first()
    if other is not None and other.action_id != action.id:
        raise InputError(
            f"action #{other.action_id} already has that wording; to join the two: "
            f"reminder actions merge {other.action_id} {action_id}"
        )
    edit = _apply(
        session=session,
        action=action,
        field="text",
        columns={"text": text},
        author=author,
        now=now,
        note=note,
        evidence=evidence,
    )
    if edit.verdict is Verdict.APPLIED and other is None:
        assert action.id is not None
        session.add(ActionWording(action_id=action.id, forum=action.forum, fingerprint=key))
    return edit


def _apply(
    *,
    session: Session,
    action: ActionPoint,
    field: str,
    columns: dict[str, Any],
    author: str,
    now: datetime,
    note: str,
    evidence: Evidence | None = None,
) -> Edit:
    held = held_columns(action)
    before, after = facts_of(held)[field], facts_of({**held, **columns})[field]
    evidence = evidence or of_command(who=author, now=now)
    verdict = weigh(
        session=session,
        action=action,
        field=field,
        value=after,
        current=before,
        evidence=evidence,
        source=evidence.how,
        now=now,
        note=note,
    )
    assert action.id is not None
    if verdict is Verdict.APPLIED:
        if field == "status":
            session.add(
                StatusChange(
                    action_id=action.id,
                    old_status=action.status,
                    new_status=columns["status"],
                    changed_at=now,
                    source=evidence.how,
                    author=evidence.author,
                    note=note,
                )
            )
        for name, value in columns.items():
            setattr(action, name, value)
        action.updated_at = now
        session.add(action)
        session.flush()
    return Edit(
        action.id, field, shown(field=field, value=before), shown(field=field, value=after), verdict
    )
