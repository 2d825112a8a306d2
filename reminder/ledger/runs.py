"""The record of scheduled runs: which job ran for which slot, where, and how it ended.

A slot is claimed by inserting (job, slot); the unique key lets one instance win. A
slot whose run failed, or whose instance died mid-run (still "running" after
STALE_RUN), may be claimed again: re-running is safe because every notice is claimed
in the ledger on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from reminder.ledger.models import JobRun

STALE_RUN = timedelta(hours=1)
RETRY_FAILED = timedelta(minutes=15)  # a failed run is tried again, but not at every pass


def claim_slot(*, session: Session, job: str, slot: datetime, instance: str, now: datetime) -> bool:
    """True when this instance now owns the run of `job` at `slot`."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    row = {
        "job": job,
        "slot": slot,
        "instance": instance,
        "started_at": now,
        "outcome": "running",
        "detail": "",
    }
    # RETURNING, not rowcount: SQLAlchemy reports -1 rows for this INSERT on PostgreSQL.
    inserted = session.execute(
        insert(JobRun)
        .values(row)
        .on_conflict_do_nothing(index_elements=["job", "slot"])
        .returning(col(JobRun.id))
    ).first()
    if inserted is not None:
        return True
    retry = or_(
        and_(col(JobRun.outcome) == "failed", col(JobRun.started_at) < now - RETRY_FAILED),
        and_(col(JobRun.outcome) == "running", col(JobRun.started_at) < now - STALE_RUN),
    )
    taken = session.execute(
        update(JobRun)
        .where(col(JobRun.job) == job, col(JobRun.slot) == slot, retry)
        .values(instance=instance, started_at=now, outcome="running", finished_at=None)
        .returning(col(JobRun.id))
    ).first()
    return taken is not None


def finish_slot(
    *,
    session: Session,
    job: str,
    slot: datetime,
    instance: str,
    ok: bool,
    detail: str,
    now: datetime,
) -> None:
    session.execute(
        update(JobRun)
        .where(col(JobRun.job) == job, col(JobRun.slot) == slot, col(JobRun.instance) == instance)
        .values(outcome="ok" if ok else "failed", detail=detail[:2000], finished_at=now)
    )


def done_slots(*, session: Session, job: str, since: datetime) -> set[datetime]:
    """Slots of `job` from `since` on that ran to the end, or are running now."""
    query = select(JobRun.slot, JobRun.outcome, JobRun.started_at).where(
        JobRun.job == job, col(JobRun.slot) >= since
    )
    return {slot for slot, outcome, _ in session.exec(query) if outcome in ("ok", "running")}


def last_runs(*, session: Session, jobs: Iterable[str]) -> dict[str, JobRun]:
    """The most recent run of each job that has run at all."""
    out: dict[str, JobRun] = {}
    for job in jobs:
        run = session.exec(
            select(JobRun).where(JobRun.job == job).order_by(col(JobRun.slot).desc())
        ).first()
        if run is not None:
            out[job] = run
    return out
