"""One run of notices: plan (`plan`) -> render -> claim -> send -> record.

The only module that wires planning, rendering, the ledger and a mailer. It takes
every resource as a keyword argument; the CLI and the scheduler build them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session

from reminder import clock as reminder_clock
from reminder.collector import collector_paused
from reminder.config.settings import Settings
from reminder.delivery.base import Delivery, Mailer, Outcome
from reminder.ledger import claims as ledger
from reminder.ledger.leases import Heartbeat
from reminder.mail.messages import Rendered
from reminder.mail.render import render
from reminder.planning.notices import Kind, Notice
from reminder.register.engine import transaction
from reminder.service.plan import Planned, iter_notices, plan_notices
from reminder.service.render_pool import Mails, Renderer
from reminder.service.summary import RunSummary

__all__ = ["RunSummary", "iter_notices", "plan_notices", "send_notices"]

# Batches rendered ahead of the one being sent. Two, so that a worker still has one to
# render while this process plans the next chunk (with one, it waited at every chunk).
AHEAD = 2
RECORD_EVERY = 25  # outcomes committed together (the most a crash can leave unrecorded)


async def send_notices(
    *,
    engine: Engine,
    settings: Settings,
    kind: Kind,
    now: datetime,
    env: Environment,
    mailer: Mailer,
    run_id: str,
    forum: str | None = None,
    to: str | None = None,
    dry_run: bool = False,
    batch_size: int = 200,
    on_progress: Callable[[int, int], None] | None = None,
    as_of: datetime | None = None,
    period_at: datetime | None = None,
    should_stop: Callable[[], bool] | None = None,
    render_workers: int = 0,
    templates: Path | None = None,
    clock: Callable[[], datetime] = reminder_clock.now,
    holder: str = "",
    on_preview: Callable[[Notice, Rendered], None] | None = None,
) -> RunSummary:
    """Send the notices of `kind` due at `now` that the ledger has not seen sent.

    Planning is done as of `as_of` (default `now`): the scheduled time of a run that
    catches up. Digests count in the period containing `period_at` (default `as_of`):
    the slot a scheduled digest was planned for, before a holiday moved it. With
    `dry_run`, nothing is claimed or sent: the notices the ledger already has are
    counted in `already_sent`, and the others are rendered (so template errors show)
    and returned in `previews`, or handed one by one to `on_preview` when given (then
    none is kept: the memory of a dry run stays flat). `should_stop` is asked before each batch:
    a run told to stop finishes the batch in flight, records it, and returns with
    `interrupted` set. With `render_workers`, a large run renders in that many worker
    processes (from `templates`, the user's template folder) while this one sends.
    While it sends, the run holds a lease on its claims, renewed from `clock` (see
    `ledger.leases`; its length is `settings.lease_seconds`): if it dies, the next run
    takes its claims over once the lease lapses, and sends again, with the same
    Message-ID, what a server may already have had.
    """
    summary = RunSummary()
    chunks = iter_notices(
        engine=engine,
        settings=settings,
        kind=kind,
        now=as_of or now,
        forum=forum,
        to=to,
        period_at=period_at or as_of or now,
    )
    if dry_run:
        keep = on_preview or (lambda notice, rendered: summary.previews.append((notice, rendered)))
        _dry_run(engine=engine, chunks=chunks, env=env, summary=summary, on_preview=keep)
        return summary
    renderer = Renderer(env=env, templates=templates, workers=render_workers)
    rendering: deque[asyncio.Future[Mails]] = deque()  # at most AHEAD batches ahead of sending
    lease = timedelta(seconds=settings.lease_seconds)
    heartbeat = Heartbeat(engine=engine, run_id=run_id, holder=holder, clock=clock, length=lease)
    heartbeat.start()

    async def send_next() -> bool:
        mails = await rendering.popleft()
        if should_stop is not None and should_stop():
            summary.interrupted = True
            return False
        # A batch's sending makes objects (futures, replies, rows) at a pace that ran the
        # collector hundreds of times a run for nothing: held off for the batch, then
        # it collects whatever cycles an error left, as it would have.
        with collector_paused():
            await _send_batch(
                engine=engine,
                mails=mails,
                mailer=mailer,
                run_id=run_id,
                now=now,
                alive_at=clock(),
                summary=summary,
            )
        if on_progress:
            on_progress(summary.done, summary.planned)
        return True

    seen: set[str] = set()  # one notice per key, even when planning made it twice

    try:
        for chunk in chunks:
            planned = []
            for rules, notice in chunk:
                if notice.key not in seen:
                    seen.add(notice.key)
                    planned.append((rules, notice))
            summary.planned += len(planned)
            for start in range(0, len(planned), batch_size):
                batch = planned[start : start + batch_size]
                rendering.append(
                    renderer.submit(batch, settings=settings, now=now, planned=summary.planned)
                )
                if len(rendering) > AHEAD and not await send_next():
                    return summary
        while rendering:
            if not await send_next():
                return summary
    finally:
        for future in rendering:
            future.cancel()
        renderer.close()
        await heartbeat.stop()
    return summary


def _dry_run(
    *,
    engine: Engine,
    chunks: Iterable[Planned],
    env: Environment,
    summary: RunSummary,
    on_preview: Callable[[Notice, Rendered], None],
) -> None:
    """Plan, and sort what is planned into what the ledger has and what would be sent."""
    seen: set[str] = set()
    for chunk in chunks:
        fresh = [n for _, n in chunk if n.key not in seen]
        seen.update(n.key for n in fresh)
        with Session(engine) as session:
            known = ledger.already_done(session=session, keys=[n.key for n in fresh])
        # What a real run would skip: sent, refused, or held by a run. (A held claim may
        # be a dead run's, which a real run would take over: a dry run cannot tell.)
        skipped = {k: state for k, state in known.items() if state not in ledger.RETRIED}
        summary.planned += len(fresh)
        summary.count_others(skipped)
        for notice in fresh:
            if notice.key not in skipped:
                on_preview(notice, render(notice, env=env))


async def _send_batch(
    *,
    engine: Engine,
    mails: Mails,
    mailer: Mailer,
    run_id: str,
    now: datetime,
    alive_at: datetime,
    summary: RunSummary,
) -> None:
    claims = [
        ledger.Claim(
            n.key,
            n.kind.value,
            n.forum,
            ",".join(p.email for p in (*n.to, *n.cc)).lower(),
            m if isinstance(m, str) else m.subject,
        )
        for n, m in mails
    ]
    # Claim, record what could not be rendered, and mark the rest handed over, in one
    # transaction: from its commit on, a run taking over must assume a server has them.
    with transaction(engine) as session:
        claimed = ledger.claim(
            session=session, claims=claims, run_id=run_id, now=now, alive_at=alive_at
        )
        owned = claimed.owned
        for notice, reason in mails:
            if isinstance(reason, str) and notice.key in owned:
                failure = Delivery(notice.key, Outcome.NOT_SENT, attempts=0, error=reason)
                ledger.record(
                    session=session, delivery=failure, run_id=run_id, message_id="", now=now
                )
                summary.add(failure, reason)
        todo = [m for _, m in mails if not isinstance(m, str) and m.key in owned]
        ledger.hand_over(session=session, keys=[m.key for m in todo], run_id=run_id)
    summary.count_claimed(claimed)
    message_ids = {m.key: m.message_id for m in todo}

    # One connection for the batch, and the outcomes committed RECORD_EVERY at a time:
    # a run that dies loses at most those, whose mails stay "sending" and are sent again,
    # with the same Message-ID, by the run that takes them over (see ledger.claims).
    done: list[tuple[Delivery, str]] = []
    with engine.connect() as connection:

        def commit_outcomes() -> None:
            if done:
                ledger.record_all(session=connection, outcomes=done, run_id=run_id, now=now)
                connection.commit()
                done.clear()

        def on_result(delivery: Delivery) -> None:
            done.append((delivery, message_ids[delivery.key]))
            summary.add(delivery, delivery.error or "refused")
            if len(done) >= RECORD_EVERY:
                commit_outcomes()

        try:
            await mailer.send(todo, on_result=on_result)
        finally:
            # Also when the send failed or was cancelled: what is known is kept. A
            # failing database raises here too, and the run stops as it would have.
            try:
                commit_outcomes()
            finally:
                connection.rollback()
