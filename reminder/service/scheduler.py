"""The service: runs each forum's jobs at their slots, catches up, never sends twice.

`Service.run_due(now)` is the whole logic, a function of `now`: for every forum and
job it asks `schedule.missed_slots` which slots in the catch-up window have not run
yet (the runs table, not the scheduler's memory, decides), claims each slot, and runs
the notices of that slot. `serve` wraps it in an APScheduler AsyncIOScheduler: one job
per forum and kind whose trigger asks `schedule.next_slot`, plus a periodic pass that
keeps the leadership and catches up. Only that loop reads the clock.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session

from reminder import clock as reminder_clock
from reminder.config.settings import ForumSettings, Settings
from reminder.delivery.base import Mailer
from reminder.ledger import runs
from reminder.ledger.leader import Leadership
from reminder.planning.calendar import WorkingCalendar, make_calendar, upcoming_meetings
from reminder.planning.schedule import Job, jobs_for, missed_slots, next_slot, planned_slot
from reminder.register.engine import transaction
from reminder.register.load import forums_in_register
from reminder.register.meetings import meeting_entries
from reminder.service.notify import send_notices

log = logging.getLogger("reminder.service")


@dataclass(frozen=True)
class Plan:
    """One forum's rules, calendar and known meeting dates, for scheduling."""

    forum: ForumSettings
    calendar: WorkingCalendar
    meetings: tuple[date, ...]
    jobs: tuple[Job, ...]


@dataclass
class Service:
    engine: Engine
    settings: Settings
    mailer: Mailer
    env: Environment
    instance: str
    leader: Leadership
    stopping: Callable[[], bool] = lambda: False
    render_workers: int = 0
    templates: Path | None = None
    plans: dict[str, Plan] = field(default_factory=dict)
    # Leases are judged by the wall clock, whatever `now` a pass is given.
    clock: Callable[[], datetime] = reminder_clock.now

    def refresh(self, now: datetime) -> dict[str, Plan]:
        """Re-read forums and meeting dates from config and register."""
        with Session(self.engine) as session:
            names = {f.name for f in self.settings.forums.values()}
            names.update(forums_in_register(session))
            plans = {}
            for name in sorted(names):
                forum = self.settings.forum(name)
                today = now.date()
                meetings = upcoming_meetings(
                    register=meeting_entries(session=session, forum=forum.name),
                    rule=forum.schedule.meeting_rule,
                    start=today - timedelta(days=60),
                    end=today + timedelta(days=400),
                )
                plans[forum.name] = Plan(
                    forum=forum,
                    calendar=make_calendar(working_days=forum.working_days, country=forum.country),
                    meetings=tuple(meetings),
                    jobs=tuple(jobs_for(forum)),
                )
        self.plans = plans
        return plans

    def next_run(self, job_id: str, after: datetime) -> datetime | None:
        for plan in self.plans.values():
            for job in plan.jobs:
                if job.id == job_id:
                    return next_slot(
                        job, plan.forum, calendar=plan.calendar, meetings=plan.meetings, after=after
                    )
        return None

    def due(self, now: datetime) -> list[tuple[Plan, Job, datetime]]:
        """Every (forum, job, slot) in its catch-up window that has not run yet, oldest first."""
        out = []
        with Session(self.engine) as session:
            for plan in self.plans.values():
                window = now - timedelta(hours=plan.forum.schedule.catch_up_hours)
                for job in plan.jobs:
                    done = runs.done_slots(
                        session=session,
                        job=job.id,
                        since=window - timedelta(days=1),
                        alive_at=self.clock(),
                    )
                    for slot in missed_slots(
                        job,
                        plan.forum,
                        calendar=plan.calendar,
                        meetings=plan.meetings,
                        now=now,
                        done=done,
                    ):
                        out.append((plan, job, slot))
        return sorted(out, key=lambda due: due[2])

    async def run_due(self, now: datetime) -> int:
        """One pass: if leader, run every due slot. Returns how many slots ran."""
        if not self.leader.try_acquire():
            return 0
        self.refresh(now)
        ran = 0
        for plan, job, slot in self.due(now):
            if self.stopping():
                break
            run_id = f"{self.instance}/{job.id}/{slot.isoformat()}/{uuid.uuid4().hex[:8]}"
            with transaction(self.engine) as session:
                if not runs.claim_slot(
                    session=session,
                    job=job.id,
                    slot=slot,
                    instance=self.instance,
                    run_id=run_id,
                    now=now,
                    alive_at=self.clock(),
                    lease=timedelta(seconds=self.settings.lease_seconds),
                ):
                    continue
            await self.run_slot(plan, job, slot, now, run_id=run_id)
            ran += 1
        return ran

    async def run_slot(
        self, plan: Plan, job: Job, slot: datetime, now: datetime, *, run_id: str
    ) -> None:
        extra = {"job": job.id, "slot": slot.isoformat(), "instance": self.instance}
        log.info("run started", extra=extra)
        ok, detail = False, ""
        try:
            summary = await send_notices(
                engine=self.engine,
                settings=self.settings,
                kind=job.kind,
                now=now,
                # Planned as of the slot (a catch-up run keeps its slot's view), in the
                # period of the slot it was planned for (a holiday-moved digest keeps its).
                as_of=slot,
                period_at=planned_slot(job, plan.forum, calendar=plan.calendar, slot=slot),
                env=self.env,
                mailer=self.mailer,
                run_id=run_id,
                forum=plan.forum.name,
                batch_size=20,
                should_stop=self.stopping,
                render_workers=self.render_workers,
                templates=self.templates,
                clock=self.clock,
                holder=self.instance,
            )
            ok = summary.ok and not summary.interrupted
            detail = summary.line()
            log.info(
                "run finished",
                extra={
                    **extra,
                    "planned": summary.planned,
                    "sent": summary.sent,
                    "already_sent": summary.already_sent,
                    "failed": len(summary.failed),
                    "unknown": len(summary.unknown),
                    "refused": len(summary.refused),
                    "not_sent": len(summary.not_sent),
                    "taken_over": summary.taken_over,
                    "interrupted": summary.interrupted,
                },
            )
        except Exception as exc:  # one failed run must not stop the service
            detail = f"{exc.__class__.__name__}: {exc}"
            log.exception("run failed", extra=extra)
        finally:
            with transaction(self.engine) as session:
                runs.finish_slot(
                    session=session,
                    job=job.id,
                    slot=slot,
                    instance=self.instance,
                    ok=ok,
                    detail=detail,
                    now=self.clock(),
                )
