"""Instances helping a slot: a helper claims what the owner has not, and the owner
finishes the slot only when what helpers held is sent, taking over a dead helper's."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.ledger import claims as ledger
from reminder.ledger import leases, runs
from reminder.ledger.models import JobRun, LedgerEntry
from reminder.planning.notices import Kind
from reminder.planning.schedule import planned_slot
from reminder.register.engine import transaction
from reminder.service.scheduler import Service
from tests.service.test_notify import env, register, run, settings

__all__ = ["env", "register", "settings"]  # fixtures, shared with test_notify
NOW = datetime(2023, 7, 23, 3, 30, tzinfo=UTC)  # Sunday 09:30 in Dhaka: digest day


class Never:
    def try_acquire(self) -> bool:
        return False

    def release(self) -> None:
        pass


class Always(Never):
    def try_acquire(self) -> bool:
        return True


def service(
    engine: Engine, settings: Settings, env: Environment, name: str, leads: bool
) -> Service:
    leader = Always() if leads else Never()
    return Service(
        engine=engine,
        settings=settings,
        mailer=MemoryMailer(),
        env=env,
        instance=name,
        leader=leader,
    )


def test_an_instance_that_does_not_lead_helps_a_running_slot_once(
    register: Engine, settings: Settings, env: Environment
) -> None:
    owner = service(register, settings, env, "owner", leads=True)
    owner.refresh(NOW)
    [(_, job, slot)] = [d for d in owner.due(NOW) if d[1].kind is Kind.DIGEST][:1]
    with transaction(register) as session:  # the owner claimed the slot and is running it
        assert runs.claim_slot(
            session=session,
            job=job.id,
            slot=slot,
            instance="owner",
            run_id="owner-run",
            now=NOW,
            alive_at=datetime.now(UTC),
        )
    helper = service(register, settings, env, "helper", leads=False)
    assert asyncio.run(helper.run_due(NOW)) == 1
    assert helper.mailer.sent  # type: ignore[attr-defined]
    assert asyncio.run(helper.run_due(NOW)) == 0  # a slot is helped once
    with Session(register) as session:
        row = session.exec(select(JobRun).where(JobRun.job == job.id)).one()
        owners = {e.run_id.split("/")[0] for e in session.exec(select(LedgerEntry))}
    assert (row.instance, row.outcome) == ("owner", "running")  # the slot stays the owner's
    assert owners == {"helper"}


def test_the_owner_takes_over_what_a_dead_helper_held_before_the_slot_is_done(
    register: Engine, settings: Settings, env: Environment
) -> None:
    short = replace(settings, lease_seconds=3)
    owner = service(register, short, env, "owner", leads=True)
    owner.refresh(NOW)
    [(plan, job, slot)] = [d for d in owner.due(NOW) if d[1].kind is Kind.DIGEST][:1]
    period = planned_slot(job, plan.forum, calendar=plan.calendar, slot=slot)
    planned = run(
        register, short, env, MemoryMailer(), Kind.DIGEST, dry_run=True,
        as_of=slot, period_at=period, forum=plan.forum.name,
    )  # fmt: skip
    keys = sorted(n.key for n, _ in planned.previews)
    # A helper holds two digests under a lease that lapses in two seconds: it died.
    lapse = datetime.now(UTC) + timedelta(seconds=2)
    with transaction(register) as session:
        leases.hold(
            session=session, run_id="helper/x", holder="helper", now=lapse, length=timedelta()
        )
        claims = [ledger.Claim(k, "digest", "CXB CPSS", "x@example.org") for k in keys[:2]]
        ledger.claim(session=session, claims=claims, run_id="helper/x", now=NOW)
    assert asyncio.run(owner.run_due(NOW)) >= 1
    with Session(register) as session:
        entries = {e.key: e for e in session.exec(select(LedgerEntry))}
        slots = list(session.exec(select(JobRun).where(JobRun.instance == "owner")))
    assert {entries[k].status for k in keys} == {"sent"}
    assert {entries[k].run_id.split("/")[0] for k in keys[:2]} == {"owner"}
    assert all(s.outcome == "ok" for s in slots), [s.detail for s in slots]
