"""Merging two register actions that are one: `reminder actions merge A B`."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, update

from reminder.errors import InputError
from reminder.register.edits import get_action
from reminder.register.evidence import FIELDS, Verdict, fact_row, of_command
from reminder.register.models import ActionPoint, ActionWording, Fact, StatusChange
from reminder.register.weighing import COLUMNS


def merge(*, session: Session, keep: int, absorb: int, author: str, now: datetime) -> ActionPoint:
    """Join action `absorb` into `keep`: its history, facts and wordings move to `keep`,
    which takes any of its values that come from newer evidence; `absorb` then only
    forwards to `keep` (an import that finds it updates `keep`)."""
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
    evidence = of_command(who=author, now=now)
    merged = fact_row(
        action_id=keep,
        field="merge",
        value={"absorbed": absorb},
        evidence=evidence,
        source="command",
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
