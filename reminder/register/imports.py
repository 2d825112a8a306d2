"""Writing imported action points into the register.

One call of `import_resolved` runs inside the caller's transaction: when anything
fails, nothing of the import remains. Each imported action is found in the register
(`identity`) or added; each of its values is weighed against the register's
(`evidence`): newer evidence wins, older is kept out and said.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from sqlmodel import Session, select

from reminder.reading.extraction import SourceRef
from reminder.reading.resolve import ResolvedAction, ResolvedExtraction
from reminder.register.bulk import Rows
from reminder.register.evidence import Evidence, file_time, of_document, record_new
from reminder.register.identity import Identity, Match
from reminder.register.matching import Directory, normalise
from reminder.register.meetings import record_meeting
from reminder.register.models import ActionPoint, ActionWording, Meeting, StatusChange
from reminder.register.owners import set_owners
from reminder.register.summary import (
    ImportSummary,
    Problem,
    note_reworded,
    open_actions_at,
    report_problems,
)
from reminder.register.weighing import update_action, values_of


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
    modified: datetime | None = None,
) -> None:
    """Add or update the meeting and every action of one resolved source file.

    `modified` is the file's modification time (read from the file when not given): the
    evidence date of a document that states neither an "as of" date nor a meeting date.
    """
    extraction = resolved.extraction
    summary.notes.extend(extraction.notes)
    summary.notes.extend(resolved.notes)
    for skipped in extraction.skipped:
        summary.skipped.append(Problem(skipped.source, "", skipped.reason))
    exported = any(i.action.register_id is not None for i in resolved.actions)
    modified = modified or file_time(extraction.source)
    evidence = of_document(resolved=resolved, modified=modified, exported=exported)
    summary.evidence.append(f"{extraction.source}: {evidence.said()}")
    meeting = record_meeting(session=session, resolved=resolved, forum=forum, now=now)
    keys = [fingerprint(i.action.text) for i in resolved.actions]
    identity = Identity(session=session, forum=forum, items=resolved.actions, keys=keys)
    rows = Rows()
    stood = open_actions_at(session=session, forum=forum, source=extraction.source)
    seen: dict[int, SourceRef] = {}
    for item, key in zip(resolved.actions, keys, strict=True):
        match = identity.find(item, key)
        if match.how == "unknown register id":
            why = (
                f"Register ID {item.action.register_id} is no action of {forum!r} in this register"
            )
            summary.skipped.append(Problem(item.action.source, item.action.text, why))
            continue
        if match.action is not None and match.action.id in seen:
            # The same action twice in one source (two sheets, two meetings): the later
            # one is the newer word on it and updates the first.
            summary.notes.append(
                f"{item.action.source}: same action as {seen[match.action.id]}; this later one wins"
            )
        action = _import_one(
            session=session,
            item=item,
            match=match,
            forum=forum,
            key=key,
            meeting=meeting,
            evidence=evidence,
            now=now,
            directory=directory,
            summary=summary,
            rows=rows,
        )
        if match.action is None:
            note_reworded(item=item, stood=stood, summary=summary)
        identity.claim(action)
        identity.by_wording[key] = action
        seen[action.id or 0] = item.action.source
        report_problems(item=item, summary=summary, directory=directory)
    rows.insert(session=session)


def _import_one(
    *,
    session: Session,
    item: ResolvedAction,
    match: Match,
    forum: str,
    key: str,
    meeting: Meeting | None,
    evidence: Evidence,
    now: datetime,
    directory: Directory,
    summary: ImportSummary,
    rows: Rows,
) -> ActionPoint:
    if match.action is not None and match.how != "likely":
        changed = update_action(
            session=session,
            action=match.action,
            item=item,
            meeting=meeting,
            evidence=evidence,
            now=now,
            summary=summary,
            rows=rows,
        )
        if "owners" in changed:
            set_owners(session=session, action=match.action, directory=directory, rows=rows)
        _remember_wording(session=session, action=match.action, key=key)
        if changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
        return match.action
    action = _add(
        session=session,
        item=item,
        forum=forum,
        key=key,
        meeting=meeting,
        evidence=evidence,
        now=now,
        rows=rows,
    )
    set_owners(session=session, action=action, directory=directory, rows=rows, new=True)
    summary.new += 1
    if match.action is not None:
        summary.duplicates.append(
            f"{item.action.source}: #{action.id} is probably #{match.action.id} "
            f"({match.score}% alike); if so: reminder actions merge {match.action.id} {action.id}"
        )
    return action


def _add(
    *,
    session: Session,
    item: ResolvedAction,
    forum: str,
    key: str,
    meeting: Meeting | None,
    evidence: Evidence,
    now: datetime,
    rows: Rows,
) -> ActionPoint:
    columns, facts = values_of(item)
    action = ActionPoint(
        forum=forum,
        fingerprint=key,
        created_at=now,
        updated_at=now,
        meeting_id=meeting.id if meeting else None,
        **columns,
    )
    for field in facts:
        setattr(action, f"{field}_as_of", evidence.as_of)
    action.origins = dict.fromkeys(facts, evidence.origin)
    session.add(action)
    session.flush()
    assert action.id is not None
    rows.add(ActionWording, action_id=action.id, forum=forum, fingerprint=key)
    rows.add(
        StatusChange,
        action_id=action.id,
        old_status=None,
        new_status=action.status,
        changed_at=now,
        source=str(item.action.source),
        author=evidence.author,
        note="",
    )
    record_new(
        rows=rows,
        action=action,
        values=facts,
        evidence=evidence,
        source=str(item.action.source),
        now=now,
    )
    return action


def _remember_wording(*, session: Session, action: ActionPoint, key: str) -> None:
    """Any wording an action was seen under finds it again, whatever wording stands."""
    assert action.id is not None
    if key == action.fingerprint:
        return
    query = select(ActionWording).where(
        ActionWording.forum == action.forum, ActionWording.fingerprint == key
    )
    if session.exec(query).first() is None:
        session.add(ActionWording(action_id=action.id, forum=action.forum, fingerprint=key))
        session.flush()
