"""What a run leaves behind when it dies, and what the next run makes of it.

A run that dies holds its mails (claimed or handed over, "sending") and its slot under
a lease that lapses; the next run takes them over at once and sends what is left, and
what a server may already have had goes again with the same Message-ID.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.ledger import claims as ledger
from reminder.ledger import leases, runs
from reminder.ledger.models import JobRun, LedgerEntry
from reminder.mail.compose import message_id_for
from reminder.planning.notices import Kind
from reminder.register.engine import transaction
from reminder.service.scheduler import Service
from tests.service.test_notify import env, register, run, settings

__all__ = ["env", "register", "settings"]  # fixtures, shared with test_notify


def die_mid_run(engine: Engine, summary_keys: list[str], *, handed: int) -> None:
    """Leave the ledger as a run killed mid-batch leaves it: every key claimed, the
    first `handed` handed to the server, none recorded, and the lease lapsing."""
    dead = "dead-run"
    past = datetime.now(UTC) - timedelta(minutes=10)
    with transaction(engine) as session:
        leases.hold(session=session, run_id=dead, holder="gone:1", now=past)
        claims = [ledger.Claim(k, "digest", "CXB CPSS", "x@example.org") for k in summary_keys]
        ledger.claim(session=session, claims=claims, run_id=dead, now=past, alive_at=past)
        ledger.hand_over(session=session, keys=summary_keys[:handed], run_id=dead)


def test_a_dead_runs_mails_are_taken_over_at_once_and_the_handed_ones_resent(
    register: Engine, settings: Settings, env: Environment
) -> None:
    planned = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True)
    keys = sorted(n.key for n, _ in planned.previews)
    die_mid_run(register, keys, handed=3)
    mailer = MemoryMailer()
    summary = run(register, settings, env, mailer, Kind.DIGEST, run_id="survivor")
    assert summary.sent == summary.planned == len(keys)
    assert (summary.taken_over, summary.resent) == (len(keys), 3)
    assert "taken over from a dead run" in summary.line()
    # The Message-ID comes from the key, so a resent mail is the same mail to a client.
    for mail in mailer.sent:
        domain = mail.message_id.rsplit("@", 1)[1].rstrip(">")
        assert mail.message_id == message_id_for(mail.key, domain=domain)
    with Session(register) as session:
        entries = session.exec(select(LedgerEntry).where(col(LedgerEntry.key).in_(keys)))
        assert {(e.status, e.run_id) for e in entries} == {("sent", "survivor")}


def test_a_live_runs_mails_are_left_to_it_and_counted_apart(
    register: Engine, settings: Settings, env: Environment
) -> None:
    planned = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True)
    keys = sorted(n.key for n, _ in planned.previews)
    now = datetime.now(UTC)
    with transaction(register) as session:
        leases.hold(session=session, run_id="alive", holder="here:1", now=now)
        claims = [ledger.Claim(k, "digest", "CXB CPSS", "x@example.org") for k in keys[:2]]
        ledger.claim(session=session, claims=claims, run_id="alive", now=now)
    summary = run(register, settings, env, MemoryMailer(), Kind.DIGEST, run_id="second")
    assert (summary.elsewhere, summary.already_sent) == (2, 0)
    assert summary.sent == len(keys) - 2
    assert "being sent by another run 2" in summary.line()


def test_a_reply_to_that_is_not_an_address_is_not_sent_then_sent_once_fixed(
    register: Engine, settings: Settings, env: Environment
) -> None:
    cpss = settings.forum("CPSS")
    broken = replace(settings, forums={**settings.forums, cpss.name: replace(cpss, reply_to="x")})
    first = run(register, broken, env, MemoryMailer(), Kind.DIGEST, forum="CPSS")
    assert first.sent == 0 and len(first.not_sent) == first.planned > 0
    assert not first.refused and not first.failed
    with Session(register) as session:
        states = {e.status for e in ledger.history(session=session)}
    assert states == {"not sent"}
    mailer = MemoryMailer()
    fixed = run(register, settings, env, mailer, Kind.DIGEST, forum="CPSS", run_id="run-2")
    assert fixed.sent == first.planned and fixed.ok


def test_a_slot_whose_instance_died_is_run_again_for_what_is_left(
    register: Engine, settings: Settings, env: Environment
) -> None:
    class Leader:
        def try_acquire(self) -> bool:
            return True

        def release(self) -> None:
            pass

    mailer = MemoryMailer()
    service = Service(
        engine=register,
        settings=settings,
        mailer=mailer,
        env=env,
        instance="second",
        leader=Leader(),
    )
    now = datetime(2023, 7, 23, 3, 30, tzinfo=UTC)  # Sunday 09:30 in Dhaka: digest day
    service.refresh(now)
    [(plan, job, slot)] = [d for d in service.due(now) if d[1].kind is Kind.DIGEST][:1]
    # The first instance claimed the slot, sent nothing, and died: its lease lapsed.
    past = datetime.now(UTC) - timedelta(minutes=10)
    with transaction(register) as session:
        assert runs.claim_slot(
            session=session,
            job=job.id,
            slot=slot,
            instance="first",
            run_id="first-run",
            now=now,
            alive_at=past,
        )
    with Session(register) as session:
        assert slot not in runs.done_slots(
            session=session, job=job.id, since=slot, alive_at=datetime.now(UTC)
        )
    asyncio.run(service.run_due(now))
    assert any(m.kind is Kind.DIGEST for m in mailer.sent)
    with Session(register) as session:
        row = session.exec(select(JobRun).where(JobRun.job == job.id)).one()
    assert (row.instance, row.outcome) == ("second", "ok")
    assert plan.forum.name
