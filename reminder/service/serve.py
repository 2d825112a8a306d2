"""The service loop: APScheduler 3 runs `Service` passes on its slots until told to stop."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from datetime import datetime

from reminder.service.scheduler import Service


async def serve(
    *,
    service: Service,
    clock: Callable[[], datetime],
    tick_seconds: float = 30,
    stop: asyncio.Event,
) -> None:
    """Run until `stop` is set: an AsyncIOScheduler with one job per forum and kind, and a
    periodic pass that keeps the leadership and catches up on missed slots."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    from reminder.service.trigger import SlotTrigger

    service.refresh(clock())
    scheduler = AsyncIOScheduler(timezone="UTC")
    lock = asyncio.Lock()  # one pass at a time, whoever woke it

    async def run_pass() -> None:
        if stop.is_set() or lock.locked():
            return
        async with lock:
            await service.run_due(clock())

    scheduler.add_job(
        run_pass,
        IntervalTrigger(seconds=tick_seconds),
        id="catch-up",
        next_run_time=clock(),
        max_instances=1,
        coalesce=True,
    )
    for plan in service.plans.values():
        for job in plan.jobs:
            scheduler.add_job(
                run_pass,
                SlotTrigger(job.id, functools.partial(service.next_run, job.id)),
                id=job.id,
                name=job.id,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
    scheduler.start()
    try:
        await stop.wait()
    finally:
        # No new pass; let the one in flight finish its batch and record it (it checks
        # `stopping` between batches). Only then shut down: shutting down cancels tasks.
        scheduler.pause()
        async with lock:
            pass
        scheduler.shutdown(wait=False)
        service.leader.release()
