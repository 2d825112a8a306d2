"""The outcomes of deliveries, written to the ledger rows a run claimed (see claims)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, bindparam, update
from sqlmodel import Session

from reminder.delivery.base import Delivery
from reminder.ledger.models import LedgerEntry

_TABLE = LedgerEntry.__table__  # type: ignore[attr-defined]  # set by SQLModel for table=True


def record(
    *,
    session: Session | Connection,
    delivery: Delivery,
    run_id: str,
    message_id: str,
    now: datetime,
) -> None:
    """Store the outcome of one delivery attempt series for a key this run claimed: one
    prepared UPDATE, no read first."""
    record_all(session=session, outcomes=[(delivery, message_id)], run_id=run_id, now=now)


def record_all(
    *,
    session: Session | Connection,
    outcomes: Sequence[tuple[Delivery, str]],
    run_id: str,
    now: datetime,
) -> None:
    """Store several outcomes ((delivery, its Message-ID), ...) as `record` does, with
    each of the two prepared UPDATEs run once over many rows. Commits nothing."""
    sent = [_values(d, run_id, message_id, now) for d, message_id in outcomes if d.ok]
    other = [_values(d, run_id, message_id, now) for d, message_id in outcomes if not d.ok]
    for statement, rows in ((_RECORD_SENT, sent), (_RECORD, other)):
        if rows:
            session.execute(statement, rows)


def _values(delivery: Delivery, run_id: str, message_id: str, now: datetime) -> dict[str, object]:
    refused = "; ".join(f"{who}: {why}" for who, why in delivery.refused)
    error = "; ".join(p for p in (delivery.error, refused and f"refused {refused}") if p)
    values: dict[str, object] = {"b_key": delivery.key, "b_run": run_id}
    values["b_status"] = delivery.outcome.value
    values.update(
        b_attempts=delivery.attempts, b_permanent=delivery.permanent, b_error=error[:2000]
    )
    if delivery.ok:
        values.update(b_message_id=message_id, b_sent_at=now)
    return values


# Built once: building it per mail cost more than running it. (b_: SET reserves the columns' names.)
_RECORD = (
    # On the table: a Session runs an ORM UPDATE over many rows as a "bulk update",
    # which refuses extra WHERE criteria.
    update(_TABLE)
    .where(_TABLE.c.key == bindparam("b_key"), _TABLE.c.run_id == bindparam("b_run"))
    .values(
        status=bindparam("b_status"),
        attempts=_TABLE.c.attempts + bindparam("b_attempts"),
        permanent=bindparam("b_permanent"),
        error=bindparam("b_error"),
    )
)
_RECORD_SENT = _RECORD.values(message_id=bindparam("b_message_id"), sent_at=bindparam("b_sent_at"))
