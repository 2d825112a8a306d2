"""Which notices a run sends: planned from the register, a chunk at a time.

Digests are one per contact over every forum, planned DIGEST_CHUNK contacts at a
time so that memory stays flat however large the register; the other kinds are
planned forum by forum, with each forum's next meeting from the register or its rule.
`to` is resolved once (`recipients.find_recipients`: a contact, an organisation or a
group) before anything is planned, so a name that matches nothing fails at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.collector import collector_paused
from reminder.config.settings import ForumSettings, Settings
from reminder.ledger import claims as ledger
from reminder.planning.notices import Kind, Notice
from reminder.planning.periods import DigestPeriod
from reminder.planning.plan import digest_horizon, plan
from reminder.planning.preferences import Wish, opted_out, respect
from reminder.planning.report import report_period
from reminder.register.answers import all_preferences
from reminder.register.load import forums_in_register, load_snapshot
from reminder.register.reach import load_reach
from reminder.register.snapshot import Person, contact_chunks, coordinators_of
from reminder.service.forums import forum_meetings
from reminder.service.recipients import Recipients, find_recipients

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
    period_at: datetime | None = None,
) -> Planned:
    """Every notice of `kind` due at `now`, optionally only those reaching `to`."""
    return [
        pair
        for chunk in iter_notices(
            engine=engine,
            settings=settings,
            kind=kind,
            now=now,
            forum=forum,
            to=to,
            period_at=period_at,
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
    period_at: datetime | None = None,
) -> Iterator[Planned]:
    """The notices of `kind` due at `now`, a chunk at a time.

    Digests are one per contact over every forum (with `forum`, only the contacts who
    own items of that forum get theirs), planned for DIGEST_CHUNK contacts at a time,
    each in the period containing `period_at` (default `now`; a scheduled run gives the
    slot it was planned for) as `planning.periods` reads it; the other kinds are planned
    forum by forum. Raises `recipients.UnknownRecipient` when `to` matches nothing.
    """
    with Session(engine) as session:
        target = find_recipients(session=session, who=to) if to is not None else None
        wishes = {
            email: Wish(frozenset(p.kinds_off), p.paused_until, p.unsubscribed_at is not None)
            for email, p in all_preferences(session).items()
        }
    chunks = _chunks(
        engine=engine,
        settings=settings,
        kind=kind,
        now=now,
        forum=forum,
        target=target,
        period_at=period_at,
        wishes=wishes,
    )
    for chunk in chunks:
        yield respect(chunk, wishes=wishes, today=now.date())


def _chunks(
    *,
    engine: Engine,
    settings: Settings,
    kind: Kind,
    now: datetime,
    forum: str | None,
    target: Recipients | None,
    period_at: datetime | None,
    wishes: dict[str, Wish],
) -> Iterator[Planned]:
    if kind is Kind.DIGEST:
        yield from _digest_chunks(
            engine=engine,
            settings=settings,
            now=now,
            forum=forum,
            to=target,
            period_at=period_at or now,
        )
        return
    with Session(engine) as session:
        names = [settings.forum(forum).name] if forum else forums_in_register(session)
    for name in names:
        rules = settings.forum(name)
        with Session(engine) as session:
            nxt = _next_meeting(session, rules, now)
            today = now.astimezone(ZoneInfo(rules.timezone)).date()
            period = f"{Kind.REPORT.value}:{name}:{report_period(nxt, today, rules.working_days)}:"
            last = ledger.last_sent(
                session=session, kind=Kind.REPORT.value, forum=name, except_prefix=period
            )
            snapshot = load_snapshot(
                session=session,
                forum=name,
                coordinators=rules.coordinators,
                now=now,
                timezone=rules.timezone,
                last_report_at=last,
                next_meetings={name: nxt} if nxt else {},
            )
        if kind is Kind.REPORT:
            snapshot = replace(snapshot, opted_out=opted_out(snapshot, wishes, today))
        yield [
            (rules, n)
            for n in plan(kind, snapshot, rules, now)
            if target is None or target.reaches(n)
        ]


def _digest_chunks(
    *,
    engine: Engine,
    settings: Settings,
    now: datetime,
    forum: str | None,
    to: Recipients | None,
    period_at: datetime,
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
    by_name = {name: settings.forum(name) for name in forums}
    # Each forum's coordinators, for the digests' "whom to reply to" (by name and address),
    # looked up in the directory once per list of them.
    lists = {tuple(r.coordinators) for r in by_name.values()}
    found = {w: coordinators_of(wanted=w, people=reach.people) for w in lists}
    coordinators = {name: found[tuple(r.coordinators)] for name, r in by_name.items()}
    period = DigestPeriod(at=period_at, forums=by_name)
    horizon = digest_horizon(now, rules, nexts.values())  # what digests show, and no more
    for contacts in contact_chunks(directory=reach, size=DIGEST_CHUNK):
        # Paused while a chunk is planned (never across the yield): it makes tens of
        # thousands of objects and no cycle, which the collector walked for nothing.
        with collector_paused():
            with Session(engine) as session:
                snapshot = load_snapshot(
                    session=session,
                    forum=None,
                    coordinators=(),
                    now=now,
                    timezone=rules.timezone,
                    contacts=contacts,
                    reach=reach,
                    next_meetings=nexts,
                    open_due_by=horizon,
                )
            emails = {reach.people[c].email.lower() for c in contacts}
            chunk = [
                _in_its_forum(n, settings, rules, coordinators, by_name)
                for n in plan(Kind.DIGEST, snapshot, rules, now, period)
                if n.to[0].email.lower() in emails
                and (wanted_forum is None or _has_forum(n, wanted_forum))
                and (to is None or to.reaches(n))
            ]
            del snapshot  # freed before the collector resumes, which then walks the chunk alone
        yield chunk


def _in_its_forum(
    notice: Notice,
    settings: Settings,
    rules: ForumSettings,
    coordinators: dict[str, tuple[Person, ...]],
    by_name: dict[str, ForumSettings],
) -> tuple[ForumSettings, Notice]:
    """A digest names the coordinators of each of its forums (by name and address), for
    "whom to reply to". One whose items all come from one forum speaks that forum's
    language and time zone, and replies go to its coordinator; a mixed one keeps the
    run's rules. `by_name` has the forums' rules as read for the run (a forum missing
    there, new since, is read from `settings`)."""
    forums = sorted({item.forum for section in notice.sections for item in section.items})
    found = tuple((f, person) for f in forums for person in coordinators.get(f, ()))
    if len(forums) != 1:
        return rules, replace(notice, coordinators=found)
    own = by_name.get(forums[0]) or settings.forum(forums[0])
    return own, replace(notice, coordinators=found, language=own.language, timezone=own.timezone)


def _next_meeting(session: Session, rules: ForumSettings, now: datetime) -> date | None:
    """The forum's next meeting as the register (moved, cancelled) and its rule say."""
    today = now.astimezone(ZoneInfo(rules.timezone)).date()
    dates = forum_meetings(session=session, rules=rules, start=today)
    return dates[0] if dates else None


def _has_forum(notice: Notice, forum: str) -> bool:
    return any(item.forum == forum for section in notice.sections for item in section.items)
