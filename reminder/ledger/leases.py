"""Leases: a run holds its claims only while it renews its lease.

A run takes a lease when it starts, renews it while it works (`Heartbeat`, every third
of its length) and drops it when done. When a run dies, its lease lapses within
`LEASE` and the next run takes over its claims at once (`claims.claim`), instead of
waiting for the claims to grow stale. A claim whose run holds no lease at all (a run
of an older version) keeps the old rule: it is taken over once stale.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine, Select, delete, select
from sqlmodel import Session, col

from reminder.ledger.models import RunLease
from reminder.register.engine import transaction

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


def lapsed(now: datetime) -> Select[str]:
    """The run ids whose lease has lapsed at `now`, as a subquery for `claims.claim`."""
    return select(col(RunLease.run_id)).where(col(RunLease.expires_at) < now)


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
            await asyncio.to_thread(self._renew)

    def _renew(self) -> None:
        with transaction(self.engine) as session:
            hold(
                session=session,
                run_id=self.run_id,
                holder=self.holder,
                now=self.clock(),
                length=self.length,
            )
