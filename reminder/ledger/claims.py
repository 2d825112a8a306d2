"""The ledger: every notice is claimed before it is sent and recorded after.

A claim is an INSERT of the notice's unique key, or a conditional UPDATE of a row
that may be retried (a transient failure, or a claim abandoned by a killed run):
whichever run's statement wins owns the notice, so two runs never send it twice.
A run that stops early releases the claims it never handed to a mailer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, delete, select

from reminder.delivery.base import Delivery
from reminder.ledger.leases import lapsed
from reminder.ledger.models import LedgerEntry

# A claim older than this, still not recorded, belongs to a run that died. Generous:
# claims are stamped with the time a run started, and a rate-limited run can be long.
# Runs hold a lease (`leases`): the claims of a run whose lease lapsed go at once.
STALE_CLAIM = timedelta(hours=6)


@dataclass(frozen=True)
class Claim:
    key: str
    kind: str
    forum: str
    recipients: str
    subject: str = ""


def claim(
    *,
    session: Session,
    claims: Sequence[Claim],
    run_id: str,
    now: datetime,
    stale_after: timedelta = STALE_CLAIM,
) -> set[str]:
    """Claim `claims` for `run_id`; returns the keys this run now owns.

    Keys already sent, permanently failed, or claimed by a live run are not returned.
    """
    if not claims:
        return set()
    rows = [
        {
            "key": c.key,
            "kind": c.kind,
            "forum": c.forum,
            "recipients": c.recipients,
            "subject": c.subject,
            "status": "claimed",
            "run_id": run_id,
            "claimed_at": now,
            "attempts": 0,
            "permanent": False,
            "error": "",
        }
        for c in claims
    ]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(LedgerEntry).values(rows).on_conflict_do_nothing(index_elements=["key"]))
    keys = [c.key for c in claims]
    retryable = or_(
        and_(col(LedgerEntry.status) == "failed", col(LedgerEntry.permanent).is_(False)),
        and_(
            col(LedgerEntry.status) == "claimed",
            or_(
                col(LedgerEntry.claimed_at) < now - stale_after,
                col(LedgerEntry.run_id).in_(lapsed(now)),  # its run died: take over at once
            ),
        ),
    )
    session.execute(
        update(LedgerEntry)
        .where(col(LedgerEntry.key).in_(keys), col(LedgerEntry.run_id) != run_id, retryable)
        .values(status="claimed", run_id=run_id, claimed_at=now)
    )
    owned = select(LedgerEntry.key).where(
        col(LedgerEntry.key).in_(keys),
        LedgerEntry.run_id == run_id,
        LedgerEntry.status == "claimed",
    )
    return set(session.exec(owned))


def record(
    *,
    session: Session | Connection,
    delivery: Delivery,
    run_id: str,
    message_id: str,
    now: datetime,
) -> None:
    """Store the outcome of one delivery attempt series for a key this run claimed.

    One UPDATE, no read first: this runs once per mail, inside the sending loop.
    """
    refused = "; ".join(f"{who}: {why}" for who, why in delivery.refused)
    error = "; ".join(p for p in (delivery.error, refused and f"refused {refused}") if p)
    values: dict[str, object] = {
        "status": "sent" if delivery.ok else "failed",
        "attempts": col(LedgerEntry.attempts) + delivery.attempts,
        "permanent": delivery.permanent,
        "error": error[:2000],
    }
    if delivery.ok:
        values.update(message_id=message_id, sent_at=now)
    session.execute(
        update(LedgerEntry)
        .where(col(LedgerEntry.key) == delivery.key, col(LedgerEntry.run_id) == run_id)
        .values(values)
    )


def release(*, session: Session, keys: Iterable[str], run_id: str) -> None:
    """Give back claims this run made but never handed to a mailer."""
    pending = list(keys)
    for start in range(0, len(pending), 500):
        session.exec(
            delete(LedgerEntry).where(
                col(LedgerEntry.key).in_(pending[start : start + 500]),
                col(LedgerEntry.run_id) == run_id,
                col(LedgerEntry.status) == "claimed",
            )
        )


def already_done(*, session: Session, keys: Sequence[str]) -> dict[str, str]:
    """Status ("sent", "failed", "claimed") of those of `keys` the ledger knows."""
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        query = select(LedgerEntry.key, LedgerEntry.status, LedgerEntry.permanent).where(
            col(LedgerEntry.key).in_(keys[start : start + 500])
        )
        for key, status, permanent in session.exec(query):
            found[key] = "failed permanently" if status == "failed" and permanent else status
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
