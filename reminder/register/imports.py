"""Writing imported action points into the register.

One call of `import_resolved` runs inside the caller's transaction: when anything
fails, nothing of the import remains. Each imported action is found in the register
(`identity`) or added; each of its values is weighed against the register's
(`evidence`): newer evidence wins, older is kept out and said.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from reminder.reading.extraction import SourceRef
from reminder.reading.resolve import ResolvedAction, ResolvedExtraction
from reminder.register.bulk import Rows
from reminder.register.engine import analyse
from reminder.register.evidence import (
    FIELDS,
    Evidence,
    Verdict,
    fact_row,
    file_time,
    of_document,
)
from reminder.register.identity import Identity, Match
from reminder.register.matching import Directory
from reminder.register.meetings import record_meeting
from reminder.register.models import ActionPoint, ActionWording, Fact, Meeting, StatusChange
from reminder.register.owners import owner_rows, set_owners
from reminder.register.pending import NewActions, Pending
from reminder.register.summary import (
    ImportSummary,
    Problem,
    note_reworded,
    open_actions_at,
    report_problems,
)
from reminder.register.weighing import update_action, values_of
from reminder.register.wordings import fingerprint, remember_wording

# New actions after which the planner's statistics are refreshed (`engine.analyse`).
ANALYSE_AFTER = 1_000


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
    new_before = summary.new
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
    rows = Rows()
    seen: dict[int, SourceRef] = {}
    claimed: set[int] = set()

    def inserted(pending: Pending) -> None:  # a new action has its id: claimed, and seen
        claimed.add(pending.id or 0)
        seen[pending.id or 0] = pending.source

    added = NewActions(session=session, rows=rows, on_insert=inserted)
    identity = Identity(
        session=session,
        forum=forum,
        items=resolved.actions,
        keys=keys,
        added=added,
        claimed=claimed,
    )
    stood = open_actions_at(session=session, forum=forum, source=extraction.source)
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
            added=added,
        )
        if match.action is None:
            note_reworded(item=item, stood=stood, summary=summary)
        if isinstance(action, ActionPoint):
            identity.claim(action)
            seen[action.id or 0] = item.action.source
        identity.by_wording[key] = action if isinstance(action, Pending) else action.id or 0
        report_problems(item=item, summary=summary, directory=directory)
    added.flush()
    rows.insert(session=session)
    if summary.new - new_before >= ANALYSE_AFTER:
        tables = ("action_point", "action_wording", "action_owner", "fact", "status_change")
        analyse(session=session, tables=tables)


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
    added: NewActions,
) -> ActionPoint | Pending:
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
        remember_wording(session=session, action=match.action, key=key)
        if changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
        return match.action
    pending = _add(
        item=item,
        forum=forum,
        key=key,
        meeting=meeting,
        evidence=evidence,
        now=now,
        directory=directory,
    )
    summary.new += 1
    if match.action is not None:
        likely, score = match.action, match.score

        def said(new: Pending) -> None:
            summary.duplicates.append(
                f"{item.action.source}: #{new.id} is probably #{likely.id} "
                f"({score}% alike); if so: reminder actions merge {likely.id} {new.id}"
            )

        pending.said = said
    return added.add(pending)


def _add(
    *,
    item: ResolvedAction,
    forum: str,
    key: str,
    meeting: Meeting | None,
    evidence: Evidence,
    now: datetime,
    directory: Directory,
) -> Pending:
    """A new action, with the rows that record its first wording, status and facts."""
    columns, facts = values_of(item)
    values = {
        "forum": forum,
        "fingerprint": key,
        "meeting_id": meeting.id if meeting else None,
        **columns,
        **{f"{field}_as_of": None for field in FIELDS},
        **{f"{field}_as_of": evidence.as_of for field in facts},
        "origins": dict.fromkeys(facts, evidence.origin),
        "merged_into": None,
        "created_at": now,
        "updated_at": now,
    }
    source = str(item.action.source)
    pending = Pending(values, item.action.source)
    pending.rows.append((ActionWording, {"forum": forum, "fingerprint": key}))
    pending.rows.append(
        (
            StatusChange,
            {
                "old_status": None,
                "new_status": columns["status"],
                "changed_at": now,
                "source": source,
                "author": evidence.author,
                "note": "",
            },
        )
    )
    for field in FIELDS:
        fact = fact_row(
            action_id=0,
            field=field,
            value=facts[field],
            evidence=evidence,
            source=source,
            verdict=Verdict.APPLIED,
            now=now,
        )
        pending.rows.append((Fact, fact))
    pending.owners = owner_rows(names=columns["owners"], directory=directory)
    return pending
