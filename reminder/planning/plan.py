"""Who gets which notice, and why: a pure function of a snapshot, the rules and `now`.

No I/O and no clock here: the same snapshot, rules and `now` always give the same
notices, in the same order. Ledger keys make each notice happen once:

    digest:<email>:<week start>               (one per contact a working week, all forums)
    escalation:<email>:<day the ladder steps were reached>   (see `planning.ladder`)
    pre_meeting:<forum>:<meeting date>:<email>
    report:<forum>:<next meeting date, or week-<week start>>:<email>

A week is the forum's working week, named by the date it starts (`planning.periods`):
a Sunday–Thursday forum's digests of Sunday 13 and Tuesday 15 August 2023 are both in
`2023-08-13`, and Sunday 20 starts `2023-08-20`. Which forum's week a digest over
several forums counts in, and which instant is placed in it (the planned slot, kept when
a holiday moves the slot; `now` for a manual run), is `periods.DigestPeriod`'s contract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reminder.config.settings import ForumSettings
from reminder.planning.calendar import make_calendar
from reminder.planning.ladder import plan_escalations
from reminder.planning.notices import Kind, Notice, Section
from reminder.planning.periods import DigestPeriod
from reminder.planning.report import plan_report
from reminder.register.snapshot import OPEN, Item, Person, Snapshot

__all__ = [
    "digest_horizon",
    "local_today",
    "plan",
    "plan_digests",
    "plan_escalations",
    "plan_pre_meeting",
    "plan_report",
]


def local_today(now: datetime, rules: ForumSettings) -> date:
    return now.astimezone(ZoneInfo(rules.timezone)).date()


def _base(
    kind: Kind,
    key: str,
    snapshot: Snapshot,
    rules: ForumSettings,
    now: datetime,
    to: Iterable[Person],
    sections: Iterable[Section],
) -> Notice:
    return Notice(
        kind=kind,
        key=key,
        forum=snapshot.forum,
        to=tuple(to),
        sections=tuple(sections),
        next_meeting=snapshot.next_meeting,
        language=rules.language,
        timezone=rules.timezone,
        now=now,
        coordinators=tuple((snapshot.forum, c) for c in snapshot.coordinators),
    )


def due_soon_limit(today: date, rules: ForumSettings, next_meeting: date | None) -> date:
    """The horizon, or the next meeting when that is later."""
    limit = today + timedelta(days=rules.horizon_days)
    return max(limit, next_meeting) if next_meeting and next_meeting >= today else limit


def digest_horizon(now: datetime, rules: ForumSettings, next_meetings: Iterable[date]) -> date:
    """The last due date any digest of a run under `rules` shows (see `plan_digests`):
    what the register needs to read for digests, besides the undated items."""
    today = local_today(now, rules)
    return max(due_soon_limit(today, rules, m) for m in (None, *next_meetings))


def plan_digests(
    snapshot: Snapshot, rules: ForumSettings, now: datetime, period: DigestPeriod | None = None
) -> list[Notice]:
    """One digest per contact owning open items, over every forum in the snapshot, in
    sections: overdue (oldest first), due soon (within the horizon, or before the item's
    forum's next meeting when later), no deadline yet. No digest when it would be empty.

    Its key holds the contact's period as `period` dates it (`periods.DigestPeriod`;
    by default the working week of `rules` that contains `now`)."""
    period = period or DigestPeriod(at=now)
    today = local_today(now, rules)
    limits = {
        forum: due_soon_limit(today, rules, meeting)
        for forum, meeting in snapshot.next_meetings.items()
    }
    default_limit = due_soon_limit(today, rules, snapshot.next_meeting)
    mine = _open_items_by_contact(snapshot)
    coordinators = tuple((snapshot.forum, c) for c in snapshot.coordinators)
    starts: dict[str, str] = {}
    notices = []
    for contact in sorted(mine, key=lambda c: snapshot.people[c].email):
        overdue, soon, undated = [], [], []
        for i in mine[contact]:
            if i.due_date is None:
                undated.append(i)
            elif i.due_date < today:
                overdue.append(i)
            elif i.due_date <= limits.get(i.forum, default_limit):
                soon.append(i)
        groups = (
            ("overdue", "Overdue", overdue),
            ("due_soon", "Due soon", soon),
            ("undated", "No deadline yet", undated),
        )
        sections = tuple(
            Section(key, title, tuple(sorted(group, key=_meeting_then_due)))
            for key, title, group in groups
            if group
        )
        if not sections:
            continue
        person = snapshot.people[contact]
        forums = sorted({i.forum for s in sections for i in s.items})
        # A period starts by the first of the forums alone (`DigestPeriod.start`).
        start = starts.get(forums[0])
        if start is None:
            start = starts[forums[0]] = period.start(forums, rules).isoformat()
        key = f"digest:{person.email.lower()}:{start}"
        # As `_base` makes it, over the digest's forums: built once, not replaced.
        notices.append(
            Notice(
                kind=Kind.DIGEST,
                key=key,
                forum=", ".join(forums),
                to=(person,),
                sections=sections,
                next_meeting=snapshot.next_meetings.get(forums[0]) if len(forums) == 1 else None,
                language=rules.language,
                timezone=rules.timezone,
                now=now,
                coordinators=coordinators,
            )
        )
    return notices


def _meeting_then_due(item: Item) -> tuple[int, date, int]:
    """A digest section's order: grouped by meeting (newest meeting first), and inside
    each meeting by due date (undated last), then id."""
    return (-(item.meeting_date or date.min).toordinal(), item.due_date or date.max, item.id)


def _open_items_by_contact(snapshot: Snapshot) -> dict[int, list[Item]]:
    """Each contact's open and in-progress items, in snapshot order."""
    mine: dict[int, list[Item]] = defaultdict(list)
    for plan_item in snapshot.items:
        if plan_item.item.status in OPEN:
            for contact in plan_item.reach:
                mine[contact].append(plan_item.item)
    return mine


def plan_pre_meeting(snapshot: Snapshot, rules: ForumSettings, now: datetime) -> list[Notice]:
    """From `pre_meeting_days` working days before the next meeting until it (the forum's
    working week and public holidays, as the scheduler counts), each owner's open items."""
    today = local_today(now, rules)
    meeting = snapshot.next_meeting
    if meeting is None:
        return []
    calendar = make_calendar(working_days=rules.working_days, country=rules.country)
    if not calendar.working_days_before(meeting, rules.pre_meeting_days) <= today <= meeting:
        return []
    mine = _open_items_by_contact(snapshot)
    notices = []
    for contact in sorted(mine, key=lambda c: snapshot.people[c].email):
        person = snapshot.people[contact]
        items = sorted(mine[contact], key=lambda i: (i.due_date or date.max, i.id))
        key = f"pre_meeting:{snapshot.forum}:{meeting}:{person.email.lower()}"
        notices.append(
            _base(
                Kind.PRE_MEETING,
                key,
                snapshot,
                rules,
                now,
                [person],
                [Section("review", "For review at the next meeting", tuple(items))],
            )
        )
    return notices


def plan(
    kind: Kind,
    snapshot: Snapshot,
    rules: ForumSettings,
    now: datetime,
    period: DigestPeriod | None = None,
) -> list[Notice]:
    """The notices of `kind` due at `now`; `period` dates digests (see `plan_digests`)."""
    if kind is Kind.DIGEST:
        return plan_digests(snapshot, rules, now, period)
    planner = {
        Kind.ESCALATION: plan_escalations,
        Kind.PRE_MEETING: plan_pre_meeting,
        Kind.REPORT: plan_report,
    }[kind]
    return planner(snapshot, rules, now)
