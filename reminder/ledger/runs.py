"""The record of scheduled runs: which job ran for which slot, where, and how it ended.

A slot is claimed by inserting (job, slot); the unique key lets one instance win. The
run holds a lease (`leases`) from the moment it claims the slot. A slot whose run
failed, or whose run is still "running" without a live lease (its instance died), may
be claimed again: re-running is safe because every notice is claimed in the ledger on
its own, so the new run sends only what is left.

Other instances may help a running slot (`running_slots`): each sends, under a run id
and lease of its own, the notices it manages to claim; the slot's row stays its owner's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from reminder.ledger.leases import LEASE, alive, hold, live
from reminder.ledger.models import JobRun

RETRY_FAILED = timedelta(minutes=15)  # a failed run is tried again, but not at every pass


def claim_slot(
    *,
    session: Session,
    job: str,
    slot: datetime,
    instance: str,
    run_id: str,
    now: datetime,
    alive_at: datetime,
    lease: timedelta = LEASE,
) -> bool:
    """True when run `run_id` of this instance now owns the run of `job` at `slot`,
    started `now`; it then holds a lease from `alive_at` (the wall clock) that its
    heartbeat must renew. A run still "running" without a live lease is taken over."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    row = {
        "job": job,
        "slot": slot,
        "instance": instance,
        "run_id": run_id,
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
    if inserted is None:
        retry = or_(
            and_(col(JobRun.outcome) == "failed", col(JobRun.started_at) < now - RETRY_FAILED),
            and_(col(JobRun.outcome) == "running", col(JobRun.run_id).not_in(live(alive_at))),
        )
        taken = session.execute(
            update(JobRun)
            .where(col(JobRun.job) == job, col(JobRun.slot) == slot, retry)
            .values(
                instance=instance,
                run_id=run_id,
                started_at=now,
                outcome="running",
                finished_at=None,
            )
            .returning(col(JobRun.id))
        ).first()
        if taken is None:
            return False
    hold(session=session, run_id=run_id, holder=instance, now=alive_at, length=lease)
    return True


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


def done_slots(*, session: Session, job: str, since: datetime, alive_at: datetime) -> set[datetime]:
    """Slots of `job` from `since` on that ran to the end, or are running now (their run
    holds a live lease at `alive_at`, the wall clock)."""
    query = select(JobRun.slot, JobRun.outcome, JobRun.run_id).where(
        JobRun.job == job, col(JobRun.slot) >= since
    )
    rows = list(session.exec(query))
    running = alive(
        session=session, run_ids=[r for _, o, r in rows if o == "running"], now=alive_at
    )
    return {slot for slot, outcome, run in rows if outcome == "ok" or run in running}


def running_slots(*, session: Session, alive_at: datetime) -> list[tuple[str, datetime, str]]:
    """(job, slot, instance) of every run going on now: "running", its lease live at
    `alive_at` (the wall clock); oldest slot first."""
    query = (
        select(JobRun.job, JobRun.slot, JobRun.instance)
        .where(JobRun.outcome == "running", col(JobRun.run_id).in_(live(alive_at)))
        .order_by(col(JobRun.slot))
    )
    return [(job, slot, instance) for job, slot, instance in session.exec(query)]


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
