"""Writing imported action points into the register.

One call of `import_resolved` runs inside the caller's transaction: when anything
fails, nothing of the import remains. Re-importing the same or an updated source
updates the action points it already holds (status changes go to history).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz
from sqlmodel import Session, col, delete, select

from reminder.reading.extraction import SourceRef
from reminder.reading.resolve import ResolvedAction, ResolvedExtraction
from reminder.register.matching import Directory, normalise
from reminder.register.models import ActionOwner, ActionPoint, Meeting, StatusChange
from reminder.register.summary import ImportSummary, Problem, note_reworded, report_problems

_SAME_ACTION = 70  # rapidfuzz token-set ratio above which two wordings are one action
_TRACKED = ("text", "owners_raw", "due_phrase", "due_date", "status", "remarks", "section")


def fingerprint(text: str) -> str:
    """A stable identity for an action's wording: case, spacing and punctuation ignored."""
    words = re.sub(r"^\s*(?:\d+[.)]|[-•·*])\s+", "", text)
    return hashlib.sha256(normalise(words).encode()).hexdigest()[:40]


def import_resolved(
    *,
    session: Session,
    resolved: ResolvedExtraction,
    forum: str,
    directory: Directory,
    now: datetime,
    summary: ImportSummary,
) -> None:
    """Add or update the meeting and every action of one resolved source file."""
    extraction = resolved.extraction
    summary.notes.extend(extraction.notes)
    summary.notes.extend(resolved.notes)
    for skipped in extraction.skipped:
        summary.skipped.append(Problem(skipped.source, "", skipped.reason))
    meeting = _meeting(session, resolved=resolved, forum=forum, now=now)
    existing = _existing(session, forum=forum, items=resolved.actions)
    seen: dict[str, SourceRef] = {}
    for item in resolved.actions:
        key = fingerprint(item.action.text)
        if key in seen:
            # The same action twice in one source (two sheets, two meetings): the later
            # one is the newer word on it and updates the first.
            summary.notes.append(
                f"{item.action.source}: same action as {seen[key]}; this later one wins"
            )
        seen[key] = item.action.source
        found = _by_ref(existing, item) or existing.get(("text", key))
        if found is None:
            note_reworded(session=session, item=item, forum=forum, summary=summary)
        _upsert(
            session,
            item=item,
            found=found,
            forum=forum,
            key=key,
            meeting=meeting,
            now=now,
            directory=directory,
            summary=summary,
        )
        report_problems(item=item, summary=summary, directory=directory)


def _meeting(
    session: Session, *, resolved: ResolvedExtraction, forum: str, now: datetime
) -> Meeting | None:
    info, source = resolved.meeting, resolved.extraction.source
    if info.date is None and info.title is None:
        return None
    meeting = session.exec(
        select(Meeting).where(Meeting.forum == forum, Meeting.date == info.date)
    ).first()
    if meeting is None:
        meeting = Meeting(
            forum=forum, date=info.date, source_file=source, created_at=now, updated_at=now
        )
    meeting.title = info.title or meeting.title
    meeting.next_meeting_date = info.next_meeting or meeting.next_meeting_date
    meeting.next_meeting_phrase = info.next_meeting_phrase or meeting.next_meeting_phrase
    meeting.source_file, meeting.updated_at = source, now
    session.add(meeting)
    session.flush()
    return meeting


def _existing(
    session: Session, *, forum: str, items: Sequence[ResolvedAction]
) -> dict[tuple[str, str], ActionPoint]:
    keys = [fingerprint(i.action.text) for i in items]
    refs = [i.action.ref for i in items if i.action.ref]
    found: dict[tuple[str, str], ActionPoint] = {}
    for chunk in _chunks(keys, 500):
        query = select(ActionPoint).where(
            ActionPoint.forum == forum, col(ActionPoint.fingerprint).in_(chunk)
        )
        found.update({("text", a.fingerprint): a for a in session.exec(query)})
    for chunk in _chunks(refs, 500):
        query = select(ActionPoint).where(
            ActionPoint.forum == forum, col(ActionPoint.ref).in_(chunk)
        )
        found.update({("ref", a.ref or ""): a for a in session.exec(query)})
    return found


def _by_ref(
    existing: dict[tuple[str, str], ActionPoint], item: ResolvedAction
) -> ActionPoint | None:
    """The action a tracker's own ID points to, when that is believable: an ID is only
    unique within one sheet, and a renumbered list must not overwrite other actions,
    so the sheet must match and the wording be close."""
    a = item.action
    found = existing.get(("ref", a.ref)) if a.ref else None
    if found is None or found.source_sheet != a.source.sheet:
        return None
    similar = fuzz.token_set_ratio(normalise(found.text), normalise(a.text)) >= _SAME_ACTION
    return found if similar else None


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _upsert(
    session: Session,
    *,
    item: ResolvedAction,
    found: ActionPoint | None,
    forum: str,
    key: str,
    meeting: Meeting | None,
    now: datetime,
    directory: Directory,
    summary: ImportSummary,
) -> None:
    a, d = item.action, item.deadline
    values: dict[str, Any] = {
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
    source = str(a.source)
    if found is None:
        action = ActionPoint(
            forum=forum,
            fingerprint=key,
            created_at=now,
            updated_at=now,
            meeting_id=meeting.id if meeting else None,
            **values,
        )
        session.add(action)
        session.flush()
        assert action.id is not None
        session.add(
            StatusChange(
                action_id=action.id,
                old_status=None,
                new_status=action.status,
                changed_at=now,
                source=source,
            )
        )
        set_owners(session=session, action=action, directory=directory)
        summary.new += 1
        return
    changed = [name for name in _TRACKED if getattr(found, name) != values[name]]
    if found.status != values["status"]:
        assert found.id is not None
        session.add(
            StatusChange(
                action_id=found.id,
                old_status=found.status,
                new_status=str(values["status"]),
                changed_at=now,
                source=source,
            )
        )
    owners_changed = list(found.owners) != values["owners"]
    for name, value in values.items():
        setattr(found, name, value)
    if meeting is not None and not a.carried_over and found.meeting_id != meeting.id:
        # Re-read with its meeting date corrected: the action follows its meeting. A
        # carried-over copy keeps the meeting where the action was raised.
        found.meeting_id = meeting.id
        changed.append("meeting")
    if changed or owners_changed:
        found.updated_at = now
        summary.updated += 1
    else:
        summary.unchanged += 1
    session.add(found)
    if owners_changed:
        set_owners(session=session, action=found, directory=directory)


def set_owners(*, session: Session, action: ActionPoint, directory: Directory) -> None:
    """Replace the resolved owners of `action` by resolving its owner names afresh."""
    assert action.id is not None
    session.exec(delete(ActionOwner).where(col(ActionOwner.action_id) == action.id))
    for position, name in enumerate(action.owners):
        found = directory.resolve(name)
        session.add(
            ActionOwner(
                action_id=action.id,
                position=position,
                name=name,
                kind=found.kind,
                how=found.how,
                contact_id=found.id if found.kind == "contact" else None,
                organisation_id=found.id if found.kind == "organisation" else None,
                group_id=found.id if found.kind == "group" else None,
            )
        )
