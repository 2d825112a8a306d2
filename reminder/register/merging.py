"""Merging two register actions that are one: `reminder actions merge A B`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, update

from reminder.errors import InputError
from reminder.register.edits import get_action
from reminder.register.evidence import FIELDS, Evidence, Verdict, fact_row, of_command
from reminder.register.models import ActionPoint, ActionWording, Fact, StatusChange
from reminder.register.weighing import COLUMNS


def merge(
    *,
    session: Session,
    keep: int,
    absorb: int,
    author: str,
    now: datetime,
    evidence: Evidence | None = None,
) -> ActionPoint:
    """Join action `absorb` into `keep`: its history, facts and wordings move to `keep`,
    which takes any of its values that come from newer evidence; `absorb` then only
    forwards to `keep` (an import that finds it updates `keep`). `evidence` says where
    the merge was asked (the desk); by default, `author`'s command at `now`."""
    if keep == absorb:
        raise InputError(f"cannot merge action #{keep} into itself")
    kept, gone = (get_action(session=session, action_id=i) for i in (keep, absorb))
    if kept.forum != gone.forum:
        raise InputError(
            f"#{absorb} is in forum {gone.forum!r} and #{keep} in {kept.forum!r}; "
            "only actions of one forum can be merged"
        )
    for field in FIELDS:
        theirs, ours = getattr(gone, f"{field}_as_of"), getattr(kept, f"{field}_as_of")
        if theirs is not None and (ours is None or theirs > ours):
            for name in COLUMNS[field]:
                setattr(kept, name, getattr(gone, name))
            setattr(kept, f"{field}_as_of", theirs)
    for table in (StatusChange, Fact, ActionWording):
        session.exec(update(table).where(col(table.action_id) == absorb).values(action_id=keep))
    evidence = evidence or of_command(who=author, now=now)
    merged = fact_row(
        action_id=keep,
        field="merge",
        value={"absorbed": absorb},
        evidence=evidence,
        source=evidence.how,
        verdict=Verdict.APPLIED,
        now=now,
    )
    session.add(Fact(**merged))
    session.add(
        StatusChange(
            action_id=absorb,
            old_status=gone.status,
            new_status="merged",
            changed_at=now,
            source=f"merged into #{keep}",
            author=evidence.author,
        )
    )
    gone.merged_into, gone.status, gone.updated_at = keep, "merged", now
    kept.updated_at = now
    session.add_all([kept, gone])
    session.flush()
    return kept


def merge_many(
    *,
    session: Session,
    keep: int,
    absorb: Sequence[int],
    author: str,
    now: datetime,
    evidence: Evidence | None = None,
) -> ActionPoint:
    """Join each of `absorb` into `keep`, one after the other (see `merge`)."""
    kept = get_action(session=session, action_id=keep)
    for other in dict.fromkeys(absorb):  # each once, in the order given
        if other != keep:
            kept = merge(
                session=session, keep=keep, absorb=other, author=author, now=now, evidence=evidence
            )
    return kept
