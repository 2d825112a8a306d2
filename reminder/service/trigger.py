"""An APScheduler 3 trigger whose fire times come from a function of the last one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger


class SlotTrigger(BaseTrigger):  # type: ignore[misc]
    """Fires at `next_run(after)`: pure in (previous, now), like APScheduler's cron trigger.

    `next_run` is a forum job's schedule (working days, holidays, meeting dates), so the
    trigger knows nothing of the service that runs the job.
    """

    def __init__(self, name: str, next_run: Callable[[datetime], datetime | None]) -> None:
        self.name, self.next_run = name, next_run

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        return self.next_run(previous_fire_time or now - timedelta(microseconds=1))

    def __str__(self) -> str:
        return f"slots of {self.name}"
