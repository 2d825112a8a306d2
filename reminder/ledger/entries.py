"""What the ledger says of mails already claimed or sent: states by key, the last send of a
kind, and the entries newest first. Read-only; claims.py writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from reminder.ledger.models import LedgerEntry


def already_done(*, session: Session, keys: Sequence[str]) -> dict[str, str]:
    """The state of those of `keys` the ledger knows (see the module docstring)."""
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        query = select(LedgerEntry.key, LedgerEntry.status).where(
            col(LedgerEntry.key).in_(keys[start : start + 500])
        )
        for key, status in session.exec(query):
            found[key] = status
    return found


def last_sent(
    *, session: Session, kind: str, forum: str, except_prefix: str | None = None
) -> datetime | None:
    """When a notice of `kind` for `forum` was last sent, if ever, leaving out keys that
    start with `except_prefix` (the period being planned, so that a report resumed for a
    second coordinator compares with the previous period, not with the first)."""
    query = (
        select(LedgerEntry.sent_at)
        .where(LedgerEntry.kind == kind, LedgerEntry.forum == forum, LedgerEntry.status == "sent")
        .order_by(col(LedgerEntry.sent_at).desc())
    )
    if except_prefix:
        query = query.where(~col(LedgerEntry.key).startswith(except_prefix))
    return session.exec(query).first()


def history(
    *,
    session: Session,
    recipient: str | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    limit: int = 200,
) -> list[LedgerEntry]:
    """Ledger entries, newest first, optionally for one recipient (substring) or kind."""
    query = select(LedgerEntry)
    if recipient:
        query = query.where(col(LedgerEntry.recipients).contains(recipient.lower()))
    if kind:
        query = query.where(LedgerEntry.kind == kind)
    if since:
        query = query.where(col(LedgerEntry.claimed_at) >= since)
    query = query.order_by(col(LedgerEntry.claimed_at).desc(), col(LedgerEntry.id).desc())
    return list(session.exec(query.limit(limit)))
