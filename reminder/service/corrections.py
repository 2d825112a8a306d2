"""Importing a reviewed file with its reviewer's corrections, in one transaction.

The file is read again as its preview read it (`preview.read_upload`; a file that now reads
differently is refused). Its rows are imported as the document states them, less the rows the
coordinator dropped; then each correction is applied as the coordinator's evidence (author
"coordinator <address>", source "desk review", dated when confirmed), recorded as a `Fact` like
any edit, so the history shows what the document said and what the reviewer made of it. Each
dropped row is kept as a `DroppedRow`. When anything fails, the register is left as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.settings import Settings
from reminder.errors import InputError
from reminder.reading.resolve import ResolvedAction
from reminder.register.directory import load_directory
from reminder.register.drops import DroppedRow, record_drops
from reminder.register.edits import (
    STATUSES,
    Edit,
    change_due,
    change_owners,
    change_status,
    change_text,
)
from reminder.register.engine import transaction
from reminder.register.evidence import Evidence, desk_author
from reminder.register.imports import import_resolved
from reminder.register.matching import Directory
from reminder.register.models import ActionPoint
from reminder.register.summary import ImportSummary, Problem
from reminder.register.wordings import fingerprint, worded
from reminder.service.preview import digest_of, read_upload

SOURCE = "desk review"


@dataclass(frozen=True)
class Correction:
    """What the reviewer changed of the row at `index` (None: kept as read)."""

    index: int
    text: str | None = None
    owners: tuple[str, ...] | None = None
    due: date | None = None
    clear_due: bool = False  # the reviewer emptied the date: the action has none
    status: str | None = None
    drop: bool = False


@dataclass
class Reviewed:
    summary: ImportSummary
    imported: list[tuple[int, str]] = field(default_factory=list)  # (action id, text)
    corrected: list[Edit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # "where: text"


def import_reviewed(
    *,
    engine: Engine,
    settings: Settings,
    path: Path,
    name: str,
    forum: str,
    digest: str,
    corrections: Sequence[Correction],
    author: str,
    now: datetime,
) -> Reviewed:
    """Import the file at `path` (uploaded as `name`) into `forum` with `corrections`
    by `author` (an address); InputError, with nothing written, when it cannot be."""
    resolved = read_upload(path=path, name=name, settings=settings, forum=forum)
    if digest_of(resolved.actions) != digest:
        raise InputError(f"{name} reads differently than when it was reviewed; upload it again")
    _check(corrections, count=len(resolved.actions))
    dropped = {c.index for c in corrections if c.drop}
    kept = tuple(a for i, a in enumerate(resolved.actions) if i not in dropped)
    evidence = Evidence(
        as_of=now,
        origin=SOURCE,
        label=f"{author}'s review of {name}",
        author=desk_author(author),
        how=SOURCE,
    )
    reviewed = Reviewed(ImportSummary())
    with transaction(engine) as session:
        directory = load_directory(session)
        import_resolved(
            session=session,
            resolved=replace(resolved, actions=kept),
            forum=forum,
            directory=directory,
            now=now,
            summary=reviewed.summary,
            modified=now,  # an upload has no file time of its own: it speaks for now
        )
        ids = _action_ids(session=session, forum=forum, items=resolved.actions)
        for correction in corrections:
            if correction.drop:
                continue
            action_id = ids.get(correction.index)
            if action_id is None:
                continue  # not imported (a Register ID not here): the summary says why
            reviewed.corrected.extend(
                _correct(
                    session=session,
                    action_id=action_id,
                    correction=correction,
                    directory=directory,
                    evidence=evidence,
                    author=author,
                )
            )
        _drop(
            session=session,
            forum=forum,
            items=resolved.actions,
            indexes=dropped,
            evidence=evidence,
            reviewed=reviewed,
            now=now,
        )
        seen: set[int] = set()
        for index in sorted(ids):
            action_id = ids[index]
            action = session.get(ActionPoint, action_id)
            if action is not None and action_id not in seen and index not in dropped:
                seen.add(action_id)
                reviewed.imported.append((action_id, action.text))
    # An owner the reviewer corrected is no longer the file's unresolved one.
    fixed = {resolved.actions[c.index].action.source for c in corrections if c.owners}
    summary = reviewed.summary
    summary.unresolved_owners = [p for p in summary.unresolved_owners if p.source not in fixed]
    return reviewed


def _check(corrections: Sequence[Correction], *, count: int) -> None:
    for c in corrections:
        row = f"row {c.index + 1}"
        if not 0 <= c.index < count:
            raise InputError(f"{row}: the file has {count} action(s)")
        if c.status is not None and c.status not in STATUSES:
            raise InputError(f"{row}: {c.status!r} is not a status ({', '.join(STATUSES)})")
        if c.text is not None and not c.text.strip():
            raise InputError(f"{row}: the text cannot be empty (drop the row instead)")
        if c.owners is not None and not any(o.strip() for o in c.owners):
            raise InputError(f"{row}: give at least one owner")


def _action_ids(*, session: Session, forum: str, items: Sequence[ResolvedAction]) -> dict[int, int]:
    """The register action each item (by index) became, found by its wording as read."""
    keys = [fingerprint(item.action.text) for item in items]
    held = worded(session=session, forum=forum, keys=keys)
    return {i: held[key] for i, key in enumerate(keys) if key in held}


def _correct(
    *,
    session: Session,
    action_id: int,
    correction: Correction,
    directory: Directory,
    evidence: Evidence,
    author: str,
) -> list[Edit]:
    c, now, edits = correction, evidence.as_of, []
    if c.text is not None:
        edits.append(
            change_text(
                session=session,
                action_id=action_id,
                text=c.text,
                author=author,
                now=now,
                evidence=evidence,
            )
        )
    if c.owners is not None:
        edits.append(
            change_owners(
                session=session,
                action_id=action_id,
                owners=c.owners,
                directory=directory,
                author=author,
                now=now,
                evidence=evidence,
            )
        )
    if c.due is not None or c.clear_due:
        edits.append(
            change_due(
                session=session,
                action_id=action_id,
                due=c.due,
                author=author,
                now=now,
                evidence=evidence,
            )
        )
    if c.status is not None:
        edits.extend(
            change_status(
                session=session,
                action_ids=[action_id],
                status=c.status,
                author=author,
                now=now,
                evidence=evidence,
            )
        )
    return edits


def _drop(
    *,
    session: Session,
    forum: str,
    items: Sequence[ResolvedAction],
    indexes: set[int],
    evidence: Evidence,
    reviewed: Reviewed,
    now: datetime,
) -> None:
    rows = []
    for index in sorted(indexes):
        action = items[index].action
        rows.append(
            DroppedRow(
                forum=forum,
                source=str(action.source),
                text=action.text,
                author=evidence.author,
                reason=f"not an action ({SOURCE})",
                dropped_at=now,
            )
        )
        why = f"dropped by {evidence.author.removeprefix('coordinator ')} in the desk review"
        reviewed.summary.skipped.append(Problem(action.source, action.text, why))
        reviewed.dropped.append(f"{action.source}: {action.text}")
    record_drops(session=session, rows=rows)
