"""One run of notices: plan -> render -> claim -> send -> record.

The only module that wires planning, rendering, the ledger and a mailer. It takes
every resource as a keyword argument; the CLI and the scheduler build them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session

from reminder import ledger
from reminder.calendar import upcoming_meetings
from reminder.config import ForumSettings, Settings
from reminder.db import transaction
from reminder.delivery.base import Mailer
from reminder.mail import compose
from reminder.meetings import meeting_entries
from reminder.notices import Delivery, Kind, Notice, OutgoingMail, Rendered
from reminder.owners import normalise
from reminder.planning import plan
from reminder.rendering import render
from reminder.snapshot import Snapshot, forums_in_register, load_snapshot


@dataclass
class RunSummary:
    planned: int = 0
    sent: int = 0
    already_sent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    previews: list[tuple[Notice, Rendered]] = field(default_factory=list)
    interrupted: bool = False


def plan_notices(
    *,
    engine: Engine,
    settings: Settings,
    kind: Kind,
    now: datetime,
    forum: str | None = None,
    to: str | None = None,
) -> list[tuple[ForumSettings, Notice]]:
    """Every notice of `kind` due at `now`, optionally only those reaching `to`.

    Digests are one per contact over every forum (with `forum`, only the contacts who
    own items of that forum get theirs); the other kinds are planned forum by forum.
    """
    with Session(engine) as session:
        if kind is Kind.DIGEST:
            rules = settings.forum(forum) if forum else settings.defaults
            snapshot = load_snapshot(
                session, forum=None, coordinators=(), now=now, timezone=rules.timezone
            )
            notices = [
                n
                for n in plan(kind, snapshot, rules, now)
                if forum is None or _has_forum(n, settings.forum(forum).name)
            ]
            return [(rules, n) for n in notices if to is None or _reaches(n, to)]
        planned: list[tuple[ForumSettings, Notice]] = []
        for name in [settings.forum(forum).name] if forum else forums_in_register(session):
            rules = settings.forum(name)
            last = ledger.last_sent(session, kind=Kind.REPORT.value, forum=name)
            snapshot = _with_next_meeting(
                session,
                rules,
                now,
                load_snapshot(
                    session,
                    forum=name,
                    coordinators=rules.coordinators,
                    now=now,
                    timezone=rules.timezone,
                    last_report_at=last,
                ),
            )
            planned.extend(
                (rules, n)
                for n in plan(kind, snapshot, rules, now)
                if to is None or _reaches(n, to)
            )
    return planned


def _with_next_meeting(
    session: Session, rules: ForumSettings, now: datetime, snapshot: Snapshot
) -> Snapshot:
    """The forum's next meeting as the register (moved, cancelled) and its rule say."""
    today = now.astimezone(ZoneInfo(rules.timezone)).date()
    dates = upcoming_meetings(
        register=meeting_entries(session, forum=rules.name),
        rule=rules.schedule.meeting_rule,
        start=today,
        end=today + timedelta(days=400),
    )
    nxt = dates[0] if dates else None
    meetings = dict(snapshot.next_meetings)
    if nxt is not None:
        meetings[rules.name] = nxt
    else:
        meetings.pop(rules.name, None)
    return replace(snapshot, next_meeting=nxt, next_meetings=meetings)


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
) -> RunSummary:
    """Send the notices of `kind` due at `now` that the ledger has not seen sent.

    Planning is done as of `as_of` (default `now`): the scheduled time of a run that
    catches up, so that its notices carry the keys of the slot they belong to. With
    `dry_run`, notices are planned and rendered (so template errors show) and returned
    in `previews`; nothing is claimed or sent. `should_stop` is asked before each batch:
    a run told to stop finishes the batch in flight, records it, and returns with
    `interrupted` set.
    """
    planned = plan_notices(
        engine=engine, settings=settings, kind=kind, now=as_of or now, forum=forum, to=to
    )
    summary = RunSummary(planned=len(planned))
    if dry_run:
        summary.previews = [(n, render(n, env=env)) for _, n in planned]
        return summary
    done = 0
    for start in range(0, len(planned), batch_size):
        if should_stop is not None and should_stop():
            summary.interrupted = True
            break
        batch = planned[start : start + batch_size]
        mails = [(n, _mail(rules, n, env=env, settings=settings, now=now)) for rules, n in batch]
        await _send_batch(
            engine=engine, mails=mails, mailer=mailer, run_id=run_id, now=now, summary=summary
        )
        done += len(batch)
        if on_progress:
            on_progress(done, len(planned))
    return summary


def _mail(
    rules: ForumSettings, notice: Notice, *, env: Environment, settings: Settings, now: datetime
) -> OutgoingMail:
    reply_to = (
        rules.reply_to
        or settings.mail.reply_to
        or (rules.coordinators[0] if rules.coordinators and "@" in rules.coordinators[0] else None)
    )
    return compose(
        notice, render(notice, env=env), settings=settings.mail, now=now, reply_to=reply_to
    )


async def _send_batch(
    *,
    engine: Engine,
    mails: Sequence[tuple[Notice, OutgoingMail]],
    mailer: Mailer,
    run_id: str,
    now: datetime,
    summary: RunSummary,
) -> None:
    claims = [
        ledger.Claim(m.key, m.kind.value, n.forum, ",".join(m.recipients).lower(), m.subject)
        for n, m in mails
    ]
    with transaction(engine) as session:
        owned = ledger.claim(session, claims=claims, run_id=run_id, now=now)
    summary.already_sent += len(mails) - len(owned)
    todo = [m for _, m in mails if m.key in owned]
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
