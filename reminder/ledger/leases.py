"""Leases: a run holds its claims only while it renews its lease.

A run takes a lease when it starts, renews it while it works (`Heartbeat`, every third
of its length) and drops it when done. When a run dies, its lease lapses within its
length (`LEASE` by default, `[service] lease_seconds` in the configuration) and the
next run takes over its claims (`claims.claim`) and its slot (`runs.claim_slot`) at
once. Leases are judged by the wall clock, whatever time a run plans for.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import sqlmodel
from sqlalchemy import Engine, Select, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col

from reminder.ledger.models import RunLease
from reminder.register.engine import transaction

log = logging.getLogger("reminder.ledger")
LEASE = timedelta(seconds=90)


def hold(
    *, session: Session, run_id: str, holder: str, now: datetime, length: timedelta = LEASE
) -> None:
    """Take or renew the lease of `run_id` until `now + length`."""
    lease = session.get(RunLease, run_id)
    if lease is None:
        lease = RunLease(run_id=run_id, holder=holder, started_at=now, expires_at=now + length)
    lease.expires_at = now + length
    session.add(lease)


def drop(*, session: Session, run_id: str) -> None:
    """End the lease of `run_id` (the run recorded or released all it claimed)."""
    session.execute(delete(RunLease).where(col(RunLease.run_id) == run_id))


def live(now: datetime) -> Select[str]:
    """The run ids whose lease is live at `now`, as a subquery: a claim or a slot held
    by any other run (its lease lapsed, or it never had one) may be taken over."""
    return select(col(RunLease.run_id)).where(col(RunLease.expires_at) >= now)


def alive(*, session: Session, run_ids: Iterable[str], now: datetime) -> set[str]:
    """Those of `run_ids` whose lease is live at `now`."""
    wanted = list(run_ids)
    query = sqlmodel.select(RunLease.run_id).where(
        col(RunLease.run_id).in_(wanted), col(RunLease.expires_at) >= now
    )
    return set(session.exec(query)) if wanted else set()


class Heartbeat:
    """Renews a run's lease every third of its length until stopped, from `clock`."""

    def __init__(
        self,
        *,
        engine: Engine,
        run_id: str,
        holder: str,
        clock: Callable[[], datetime],
        length: timedelta = LEASE,
    ) -> None:
        self.engine, self.run_id, self.holder = engine, run_id, holder
        self.clock, self.length = clock, length
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._renew()
        self._task = asyncio.get_running_loop().create_task(self._beat())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with transaction(self.engine) as session:
            drop(session=session, run_id=self.run_id)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.length.total_seconds() / 3)
            try:
                await asyncio.to_thread(self._renew)
            except SQLAlchemyError as exc:  # the next beat tries again; the run goes on
                log.warning("cannot renew the lease of run %s: %s", self.run_id, exc)

    def _renew(self) -> None:
        with transaction(self.engine) as session:
            hold(
                session=session,
                run_id=self.run_id,
                holder=self.holder,
                now=self.clock(),
                length=self.length,
            )
