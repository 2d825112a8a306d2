"""One run of notices: plan -> render -> claim -> send -> record.

The only module that wires planning, rendering, the ledger and a mailer. It takes
every resource as a keyword argument; the CLI and the scheduler build them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session

from reminder import ledger
from reminder.calendar import upcoming_meetings
from reminder.config import ForumSettings, Settings
from reminder.db import transaction
from reminder.delivery.base import Mailer
from reminder.meetings import meeting_entries
from reminder.notices import Delivery, Kind, Notice, Rendered
from reminder.owners import normalise
from reminder.planning import plan
from reminder.planning_report import report_period
from reminder.render_pool import Mails, Renderer
from reminder.rendering import render
from reminder.snapshot import contact_chunks, forums_in_register, load_reach, load_snapshot


@dataclass
class RunSummary:
    planned: int = 0
    sent: int = 0
    already_sent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    previews: list[tuple[Notice, Rendered]] = field(default_factory=list)
    interrupted: bool = False


DIGEST_CHUNK = 500  # contacts planned at a time: memory stays flat as the register grows

Planned = list[tuple[ForumSettings, Notice]]


def plan_notices(
    *,
    engine: Engine,
    settings: Settings,
    kind: Kind,
    now: datetime,
    forum: str | None = None,
    to: str | None = None,
) -> Planned:
    """Every notice of `kind` due at `now`, optionally only those reaching `to`."""
    return [
        pair
        for chunk in iter_notices(
            engine=engine, settings=settings, kind=kind, now=now, forum=forum, to=to
        )
        for pair in chunk
    ]


def iter_notices(
    *,
    engine: Engine,
    settings: Settings,
    kind: Kind,
    now: datetime,
    forum: str | None = None,
    to: str | None = None,
) -> Iterator[Planned]:
    """The notices of `kind` due at `now`, a chunk at a time.

    Digests are one per contact over every forum (with `forum`, only the contacts who
    own items of that forum get theirs), planned for DIGEST_CHUNK contacts at a time;
    the other kinds are planned forum by forum.
    """
    if kind is Kind.DIGEST:
        yield from _digest_chunks(engine=engine, settings=settings, now=now, forum=forum, to=to)
        return
    with Session(engine) as session:
        names = [settings.forum(forum).name] if forum else forums_in_register(session)
    for name in names:
        rules = settings.forum(name)
        with Session(engine) as session:
            nxt = _next_meeting(session, rules, now)
            today = now.astimezone(ZoneInfo(rules.timezone)).date()
            period = f"{Kind.REPORT.value}:{name}:{report_period(nxt, today)}:"
            last = ledger.last_sent(
                session, kind=Kind.REPORT.value, forum=name, except_prefix=period
            )
            snapshot = load_snapshot(
                session,
                forum=name,
                coordinators=rules.coordinators,
                now=now,
                timezone=rules.timezone,
                last_report_at=last,
            )
        meetings = {**snapshot.next_meetings, **({name: nxt} if nxt else {})}
        if nxt is None:
            meetings.pop(name, None)
        snapshot = replace(snapshot, next_meeting=nxt, next_meetings=meetings)
        yield [
            (rules, n) for n in plan(kind, snapshot, rules, now) if to is None or _reaches(n, to)
        ]


def _digest_chunks(
    *, engine: Engine, settings: Settings, now: datetime, forum: str | None, to: str | None
) -> Iterator[Planned]:
    rules = settings.forum(forum) if forum else settings.defaults
    with Session(engine) as session:
        reach = load_reach(session)
        forums = {f.name for f in settings.forums.values()} | set(forums_in_register(session))
        nexts = {
            name: day
            for name in forums
            if (day := _next_meeting(session, settings.forum(name), now))
        }
    wanted_forum = settings.forum(forum).name if forum else None
    for contacts in contact_chunks(reach, DIGEST_CHUNK):
        with Session(engine) as session:
            snapshot = load_snapshot(
                session,
                forum=None,
                coordinators=(),
                now=now,
                timezone=rules.timezone,
                contacts=contacts,
                reach=reach,
            )
        snapshot = replace(snapshot, next_meetings=nexts)
        emails = {reach.people[c].email.lower() for c in contacts}
        yield [
            _in_its_forum(n, settings, rules)
            for n in plan(Kind.DIGEST, snapshot, rules, now)
            if n.to[0].email.lower() in emails
            and (wanted_forum is None or _has_forum(n, wanted_forum))
            and (to is None or _reaches(n, to))
        ]


def _in_its_forum(
    notice: Notice, settings: Settings, rules: ForumSettings
) -> tuple[ForumSettings, Notice]:
    """A digest whose items all come from one forum speaks that forum's language and
    time zone, and replies go to its coordinator; a mixed one keeps the run's rules."""
    forums = {item.forum for section in notice.sections for item in section.items}
    if len(forums) != 1:
        return rules, notice
    own = settings.forum(forums.pop())
    return own, replace(notice, language=own.language, timezone=own.timezone)


def _next_meeting(session: Session, rules: ForumSettings, now: datetime) -> date | None:
    """The forum's next meeting as the register (moved, cancelled) and its rule say."""
    today = now.astimezone(ZoneInfo(rules.timezone)).date()
    dates = upcoming_meetings(
        register=meeting_entries(session, forum=rules.name),
        rule=rules.schedule.meeting_rule,
        start=today,
        end=today + timedelta(days=400),
    )
    return dates[0] if dates else None


def _has_forum(notice: Notice, forum: str) -> bool:
    return any(item.forum == forum for section in notice.sections for item in section.items)


def _reaches(notice: Notice, who: str) -> bool:
    key = normalise(who)
    return any(
        key in {normalise(p.email), normalise(p.name), normalise(p.organisation or "")}
        for p in (*notice.to, *notice.cc)
    )


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
    should_stop: Callable[[], bool] | None = None,
    render_workers: int = 0,
    templates: Path | None = None,
) -> RunSummary:
    """Send the notices of `kind` due at `now` that the ledger has not seen sent.

    Planning is done as of `as_of` (default `now`): the scheduled time of a run that
    catches up, so that its notices carry the keys of the slot they belong to. With
    `dry_run`, notices are planned and rendered (so template errors show) and returned
    in `previews`; nothing is claimed or sent. `should_stop` is asked before each batch:
    a run told to stop finishes the batch in flight, records it, and returns with
    `interrupted` set. With `render_workers`, a large run renders in that many worker
    processes (from `templates`, the user's template folder) while this one sends.
    """
    summary = RunSummary()
    chunks = iter_notices(
        engine=engine, settings=settings, kind=kind, now=as_of or now, forum=forum, to=to
    )
    if dry_run:
        summary.previews = [(n, render(n, env=env)) for chunk in chunks for _, n in chunk]
        summary.planned = len(summary.previews)
        return summary
    renderer = Renderer(env=env, templates=templates, workers=render_workers)
    rendering: deque[asyncio.Future[Mails]] = deque()  # at most one batch ahead of sending

    async def send_next() -> bool:
        mails = await rendering.popleft()
        if should_stop is not None and should_stop():
            summary.interrupted = True
            return False
        await _send_batch(
            engine=engine, mails=mails, mailer=mailer, run_id=run_id, now=now, summary=summary
        )
        if on_progress:
            on_progress(summary.sent + summary.already_sent + len(summary.failed), summary.planned)
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
                if len(rendering) > 1 and not await send_next():
                    return summary
        while rendering:
            if not await send_next():
                return summary
    finally:
        for future in rendering:
            future.cancel()
        renderer.close()
    return summary


async def _send_batch(
    *,
    engine: Engine,
    mails: Mails,
    mailer: Mailer,
    run_id: str,
    now: datetime,
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
    with transaction(engine) as session:
        owned = ledger.claim(session, claims=claims, run_id=run_id, now=now)
        for notice, reason in mails:
            if isinstance(reason, str) and notice.key in owned:
                failure = Delivery(notice.key, ok=False, attempts=0, permanent=True, error=reason)
                ledger.record(session, delivery=failure, run_id=run_id, message_id="", now=now)
                summary.failed.append((notice.key, reason))
    summary.already_sent += len(mails) - len(owned)
    todo = [m for _, m in mails if not isinstance(m, str) and m.key in owned]
    message_ids = {m.key: m.message_id for m in todo}
    pending = set(message_ids)

    # One connection for the batch and one small commit per mail: each outcome is durable
    # as soon as it is known, without the cost of a new session for every mail.
    with engine.connect() as connection:

        def on_result(delivery: Delivery) -> None:
            ledger.record(
                connection,
                delivery=delivery,
                run_id=run_id,
                message_id=message_ids[delivery.key],
                now=now,
            )
            connection.commit()
            pending.discard(delivery.key)
            if delivery.ok:
                summary.sent += 1
            else:
                summary.failed.append((delivery.key, delivery.error or "refused"))

        try:
            await mailer.send(todo, on_result=on_result)
        finally:
            connection.rollback()
            if pending:
                with transaction(engine) as session:
                    ledger.release(session, keys=pending, run_id=run_id)
