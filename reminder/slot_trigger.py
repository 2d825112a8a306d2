"""An APScheduler 3 trigger whose fire times are a forum job's slots."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.triggers.base import BaseTrigger

if TYPE_CHECKING:
    from reminder.scheduler import Service


class SlotTrigger(BaseTrigger):  # type: ignore[misc]
    """Fires at `Service.next_run(job_id, after)`; pure in (previous, now) like cron."""

    def __init__(self, service: Service, job_id: str) -> None:
        self.service, self.job_id = service, job_id

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        after = previous_fire_time or now - timedelta(microseconds=1)
        return self.service.next_run(self.job_id, after)

    def __str__(self) -> str:
        return f"slots of {self.job_id}"
