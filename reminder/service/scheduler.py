"""The service: runs each forum's jobs at their slots, catches up, never sends twice.

`Service.run_due(now)` is the whole logic, a function of `now`: for every forum and
job it asks `schedule.missed_slots` which slots in the catch-up window have not run
yet (the runs table, not the scheduler's memory, decides), claims each slot, and runs
the notices of that slot; other instances help, claiming batch by batch what it has
not. `serve` wraps it in an APScheduler AsyncIOScheduler: one job per forum and kind
whose trigger asks `schedule.next_slot`, plus a periodic pass that keeps the
leadership and catches up. Only that loop reads the clock.
"""

from __future__ import annotations

import asyncio
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
from reminder.ledger import leases, runs
from reminder.ledger.leader import Leadership
from reminder.planning.calendar import WorkingCalendar, make_calendar, upcoming_meetings
from reminder.planning.schedule import Job, jobs_for, missed_slots, next_slot, planned_slot
from reminder.register.engine import transaction
from reminder.register.load import forums_in_register
from reminder.register.meetings import meeting_entries
from reminder.service.notify import RunSummary, send_notices

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
    helped: set[tuple[str, datetime]] = field(default_factory=set)  # (job, slot)
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

    def running_elsewhere(self) -> list[tuple[Plan, Job, datetime]]:
        """The slots other instances are running now that this one has not helped yet."""
        with Session(self.engine) as session:
            running = runs.running_slots(session=session, alive_at=self.clock())
        jobs = {job.id: (plan, job) for plan in self.plans.values() for job in plan.jobs}
        return [
            (*jobs[job_id], slot)
            for job_id, slot, instance in running
            if instance != self.instance and job_id in jobs and (job_id, slot) not in self.helped
        ]

    async def run_due(self, now: datetime) -> int:
        """One pass: the leader runs every due slot; then every instance helps the slots
        others are running, sending what no run has claimed yet (so one large run is
        shared by every instance on the register). Returns how many slots it ran or
        helped."""
        leading = self.leader.try_acquire()
        self.refresh(now)
        ran = 0
        for plan, job, slot in self.due(now) if leading else []:
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
        for plan, job, slot in self.running_elsewhere():
            if self.stopping():
                break
            self.helped.add((job.id, slot))
            run_id = f"{self.instance}/{job.id}/{slot.isoformat()}/help-{uuid.uuid4().hex[:8]}"
            extra = {"job": job.id, "slot": slot.isoformat(), "instance": self.instance}
            try:
                summary = await self._send(plan, job, slot, now, run_id=run_id)
                log.info("run helped", extra={**extra, **_figures(summary)})
            except Exception:  # the slot's owner sends what this instance could not
                log.exception("help failed", extra=extra)
            ran += 1
        return ran

    async def run_slot(
        self, plan: Plan, job: Job, slot: datetime, now: datetime, *, run_id: str
    ) -> None:
        extra = {"job": job.id, "slot": slot.isoformat(), "instance": self.instance}
        log.info("run started", extra=extra)
        ok, detail = False, ""
        lease = timedelta(seconds=self.settings.lease_seconds)
        try:
            summary = await self._send(plan, job, slot, now, run_id=run_id)
            ok = summary.ok and not summary.interrupted
            detail = summary.line()
            log.info("run finished", extra={**extra, **_figures(summary)})
            # What helpers hold is the slot's too: wait for it, take over a dead one's.
            while summary.elsewhere and not summary.interrupted and not self.stopping():
                with transaction(self.engine) as session:  # the slot stays this run's
                    leases.hold(
                        session=session,
                        run_id=run_id,
                        holder=self.instance,
                        now=self.clock(),
                        length=lease,
                    )
                await asyncio.sleep(lease.total_seconds() / 3)
                # A run id of its own: this run's own failures are not left "elsewhere".
                again = f"{run_id}/{uuid.uuid4().hex[:8]}"
                summary = await self._send(plan, job, slot, now, run_id=again)
                ok = ok and summary.ok and not summary.interrupted
                log.info("run settled", extra={**extra, **_figures(summary)})
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

    async def _send(
        self, plan: Plan, job: Job, slot: datetime, now: datetime, *, run_id: str
    ) -> RunSummary:
        """One pass over the slot's notices: those this run claims are sent."""
        return await send_notices(
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


def _figures(summary: RunSummary) -> dict[str, object]:
    """A pass's counts, for the log."""
    counts = ("planned", "sent", "already_sent", "elsewhere", "taken_over", "interrupted")
    problems = ("failed", "unknown", "refused", "not_sent")
    return {name: getattr(summary, name) for name in counts} | {
        name: len(getattr(summary, name)) for name in problems
    }
