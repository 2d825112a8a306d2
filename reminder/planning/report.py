"""The coordinator overdue report (pure), kept apart from the per-owner notices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reminder.config.settings import ForumSettings
from reminder.planning.notices import CountRow, Kind, Notice, Section
from reminder.planning.periods import week_start
from reminder.register.snapshot import OPEN, Item, PlanItem, Snapshot

UNRESOLVED = "(owner not in directory)"
NO_ORGANISATION = "(no organisation)"
BUCKETS = (
    ("overdue_1_7", "Overdue 1–7 days", 1, 7),
    ("overdue_8_30", "Overdue 8–30 days", 8, 30),
    ("overdue_over_30", "Overdue over 30 days", 31, 10**6),
)


def owner_labels(p: PlanItem) -> tuple[str, ...]:
    """Whom an item counts for: each organisation and each group that owns it (a shared
    item counts once for each), else `UNRESOLVED` when an owner is not in the directory,
    else `NO_ORGANISATION` (a person of no organisation)."""
    labels = tuple(dict.fromkeys((*p.item.organisations, *p.item.groups)))
    if labels:
        return labels
    return (UNRESOLVED,) if p.unresolved or not p.reach else (NO_ORGANISATION,)


def _org(p: PlanItem) -> str:
    return owner_labels(p)[0]


def plan_report(snapshot: Snapshot, rules: ForumSettings, now: datetime) -> list[Notice]:
    """One report per coordinator: overdue items by organisation and age, what is due
    before the next meeting, what cannot be chased (owner unknown, no date), what was
    done since the last report, and counts per organisation and status."""
    if not snapshot.coordinators:
        return []
    today = now.astimezone(ZoneInfo(rules.timezone)).date()
    open_items = [p for p in snapshot.items if p.item.status in OPEN]
    cutoff = rules.escalation_cutoff_days
    beyond = [p for p in open_items if (p.item.days_overdue or 0) >= cutoff]
    sections = []
    for key, title, low, high in BUCKETS:
        found = [
            p for p in open_items if low <= (p.item.days_overdue or 0) <= min(high, cutoff - 1)
        ]
        found.sort(key=lambda p: (_org(p), -(p.item.days_overdue or 0), p.item.id))
        sections.append(Section(key, title, tuple(p.item for p in found)))
    beyond.sort(key=lambda p: (_org(p), -(p.item.days_overdue or 0), p.item.id))
    # Past the cut-off, the ladder no longer mails the owners every day: the report is
    # where these items are seen (and closed, re-dated or dropped at the meeting).
    sections.append(Section("beyond_cutoff", "No longer escalated", tuple(p.item for p in beyond)))
    meeting = snapshot.next_meeting
    until = meeting or today + timedelta(days=rules.horizon_days)
    sections.append(
        Section(
            "due_before_meeting",
            "Due before the next meeting",
            _sorted(
                p.item for p in open_items if p.item.due_date and today <= p.item.due_date <= until
            ),
        )
    )
    sections.append(
        Section(
            "unresolved_owner",
            "Owner not in the directory",
            tuple(p.item for p in open_items if p.unresolved or not p.reach),
        )
    )
    sections.append(
        Section("undated", "No date", tuple(p.item for p in open_items if p.item.due_date is None))
    )
    since = snapshot.last_report_at
    answered = [
        p.item
        for p in snapshot.items
        if p.answered_at is not None and (since is None or p.answered_at > since)
    ]
    sections.append(
        Section(
            "answered_since_last",
            "Updated by focal points since the last report",
            _sorted(answered),
        )
    )
    done = [p.item for p in snapshot.items if _done_since(p, since)]
    sections.append(Section("done_since_last", "Done since the last report", tuple(done)))
    period = report_period(meeting, today, rules.working_days)
    notices = []
    for person in snapshot.coordinators:
        key = f"report:{snapshot.forum}:{period}:{person.email.lower()}"
        notices.append(
            Notice(
                kind=Kind.REPORT,
                key=key,
                forum=snapshot.forum,
                to=(person,),
                sections=tuple(sections),
                next_meeting=meeting,
                counts=_counts(snapshot),
                language=rules.language,
                timezone=rules.timezone,
                now=now,
                extra=(("cutoff_days", str(cutoff)), ("opted_out", "; ".join(snapshot.opted_out))),
                coordinators=tuple((snapshot.forum, c) for c in snapshot.coordinators),
            )
        )
    return notices


def _sorted(items: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(sorted(items, key=lambda i: (i.due_date or date.max, i.id)))


def report_period(next_meeting: date | None, today: date, working_days: Iterable[int]) -> str:
    """What a report covers, in its ledger key: the next meeting, else the forum's working
    week containing `today`, as 'week-<its first day>' (never mistaken for a meeting)."""
    if next_meeting:
        return next_meeting.isoformat()
    return f"week-{week_start(today, working_days).isoformat()}"


def _done_since(p: PlanItem, since: datetime | None) -> bool:
    return (
        p.item.status == "done" and p.done_at is not None and (since is None or p.done_at > since)
    )


def _counts(snapshot: Snapshot) -> tuple[CountRow, ...]:
    tally: Counter[tuple[str, str]] = Counter()
    for p in snapshot.items:
        for org in owner_labels(p):
            if p.item.status != "done" or _done_since(p, snapshot.last_report_at):
                tally[(org, p.item.status)] += 1
            if p.item.days_overdue:
                tally[(org, "overdue")] += 1
    # Real names first, alphabetically; the placeholders last.
    orgs = sorted({org for org, _ in tally}, key=lambda o: (o.startswith("("), o.lower()))
    return tuple(
        CountRow(
            org,
            tally[(org, "open")],
            tally[(org, "in_progress")],
            tally[(org, "overdue")],
            tally[(org, "done")],
        )
        for org in orgs
    )
