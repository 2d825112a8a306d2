"""The ledger: every notice is claimed before it is sent and recorded after.

A notice's row (`LedgerEntry.status`) moves through these states:

    claimed   a run owns it and has not yet handed it to a mailer
    sending   handed to the mailer: the server may have it, no outcome is recorded yet
    sent      the server accepted it (for at least one recipient)
    failed    a transient failure (4xx, a drop or a timeout before DATA)
    refused   every recipient was refused with 5xx: final, never retried
    not sent  our own error (sender, reply-to, template, login, TLS)
    unknown   DATA went out and no reply came: the server may have it

A claim is an INSERT of the notice's unique key, or a conditional UPDATE of a row
that may be taken: failed, not sent and unknown rows (the next run retries them), and
claimed or sending rows of a run that holds no live lease (it died: `leases`).
Whichever run's statement wins owns the notice, so two live runs never send it twice.
On PostgreSQL the UPDATE skips rows another transaction is taking (`FOR UPDATE SKIP
LOCKED`): instances claiming side by side never wait for those; an INSERT that meets
another's uncommitted one waits for that short transaction and leaves the key to it.
A mail taken over from "sending" or "unknown" may already have arrived: it is sent
again with the same Message-ID (derived from its key), which mail systems use to show
it once. That is the one case of a duplicate, and SMTP itself cannot close it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, delete, select

from reminder.delivery.base import Outcome
from reminder.ledger.entries import already_done, history, last_sent
from reminder.ledger.leases import live
from reminder.ledger.models import LedgerEntry
from reminder.ledger.outcomes import record, record_all

CLAIMED, SENDING = "claimed", "sending"
RETRIED = (Outcome.FAILED.value, Outcome.NOT_SENT.value, Outcome.UNKNOWN.value)
HELD = (CLAIMED, SENDING)  # owned by a run while it lives


@dataclass(frozen=True)
class Claim:
    key: str
    kind: str
    forum: str
    recipients: str
    subject: str = ""


@dataclass
class Claimed:
    """What a claim found: the keys this run now owns, and why it owns no others.

    `taken_over` are owned keys that a dead run held; `resent` those of them (and of
    the unknown outcomes retried) that a server may already have. `others` maps each
    key not owned to its state: sent, refused, or claimed/sending (by a live run).
    """

    owned: set[str] = field(default_factory=set)
    taken_over: set[str] = field(default_factory=set)
    resent: set[str] = field(default_factory=set)
    others: dict[str, str] = field(default_factory=dict)


def claim(
    *,
    session: Session,
    claims: Sequence[Claim],
    run_id: str,
    now: datetime,
    alive_at: datetime | None = None,
) -> Claimed:
    """Claim `claims` for `run_id`, stamped `now`; leases are judged at `alive_at`
    (default `now`; always the wall clock, since leases are renewed from it)."""
    found = Claimed()
    if not claims:
        return found
    keys = [c.key for c in claims]
    before = {
        key: (status, owner)
        for key, status, owner in session.exec(
            select(LedgerEntry.key, LedgerEntry.status, LedgerEntry.run_id).where(
                col(LedgerEntry.key).in_(keys)
            )
        )
    }
    rows = [
        {
            "key": c.key,
            "kind": c.kind,
            "forum": c.forum,
            "recipients": c.recipients,
            "subject": c.subject,
            "status": CLAIMED,
            "run_id": run_id,
            "claimed_at": now,
            "attempts": 0,
            "permanent": False,
            "error": "",
        }
        for c in claims
        if c.key not in before
    ]
    dialect = session.get_bind().dialect.name
    if rows:
        # One cached statement run for many rows, on the table (not the ORM entity):
        # a VALUES list of the whole batch was compiled anew for every batch, and the
        # ORM's bulk path weighed every value, which together cost more than the send.
        session.execute(_CLAIM_INSERT[dialect == "postgresql"], rows)
    takeable = or_(
        col(LedgerEntry.status).in_(RETRIED),
        and_(
            col(LedgerEntry.status).in_(HELD),
            col(LedgerEntry.run_id).not_in(live(alive_at or now)),
        ),
    )
    mine = [col(LedgerEntry.key).in_(keys), col(LedgerEntry.run_id) != run_id, takeable]
    if dialect == "postgresql":
        # Instances claiming side by side never wait for each other's rows: a row another
        # transaction is taking is left to it (SKIP LOCKED) and counted as held elsewhere.
        free = select(LedgerEntry.id).where(*mine).with_for_update(skip_locked=True)
        mine = [col(LedgerEntry.id).in_(free.scalar_subquery())]
    session.execute(
        update(LedgerEntry).where(*mine).values(status=CLAIMED, run_id=run_id, claimed_at=now)
    )
    for key, status, owner in session.exec(
        select(LedgerEntry.key, LedgerEntry.status, LedgerEntry.run_id).where(
            col(LedgerEntry.key).in_(keys)
        )
    ):
        if owner == run_id and status == CLAIMED:
            found.owned.add(key)
            old_status, old_owner = before.get(key, (CLAIMED, run_id))
            if old_owner != run_id and old_status in HELD:
                found.taken_over.add(key)
            if old_owner != run_id and old_status in (SENDING, Outcome.UNKNOWN.value):
                found.resent.add(key)
        else:
            found.others[key] = status
    return found


_TABLE = LedgerEntry.__table__  # type: ignore[attr-defined]  # set by SQLModel for table=True
_CLAIM_INSERT = {
    pg: (postgresql.insert if pg else sqlite.insert)(_TABLE).on_conflict_do_nothing(
        index_elements=["key"]
    )
    for pg in (False, True)
}


def hand_over(*, session: Session, keys: Iterable[str], run_id: str) -> None:
    """Mark claimed `keys` as handed to the mailer: from now on a server may have them."""
    pending = list(keys)
    for start in range(0, len(pending), 500):
        session.execute(
            update(LedgerEntry)
            .where(
                col(LedgerEntry.key).in_(pending[start : start + 500]),
                col(LedgerEntry.run_id) == run_id,
                col(LedgerEntry.status) == CLAIMED,
            )
            .values(status=SENDING)
        )


def release(*, session: Session, keys: Iterable[str], run_id: str) -> None:
    """Give back claims this run made but never handed to a mailer."""
    pending = list(keys)
    for start in range(0, len(pending), 500):
        session.exec(
            delete(LedgerEntry).where(
                col(LedgerEntry.key).in_(pending[start : start + 500]),
                col(LedgerEntry.run_id) == run_id,
                col(LedgerEntry.status) == CLAIMED,
            )
        )


__all__ = [
    "Claim",
    "Claimed",
    "already_done",
    "claim",
    "hand_over",
    "history",
    "last_sent",
    "record",
    "record_all",
    "release",
]
