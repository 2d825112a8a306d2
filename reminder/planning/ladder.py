"""Escalations: one mail per recipient and scan, listing every item they are asked
about, grouped by what they are asked to do (pure, like the rest of planning).

An item climbs the forum's ladder (`ForumSettings.escalation`) from its ladder start (the
due date, or a later status update); it reaches its current step on `ladder start + step
days`. Escalations run on the forum's working days, so a step reached on a weekend or a
holiday is mailed on the next working day: its *scan day*. The scan of a day plans the
items whose scan day it is; each person asked about them at that step (the owners'
contacts, their leads, the coordinators, as the step says) gets one notice, keyed

    escalation:<email>:<scan day>

so a person gets one mail per scan whatever the number of items, a second run the same
day sends nothing again (the ledger has the key), and a new deadline or status update,
which moves the ladder start, brings the item back on a later day. A scan the service
missed is replayed as of its own slot (the scheduler's catch-up, `as_of`), which plans
that day's notices. Items `escalation_cutoff_days` late or more leave the ladder: the
coordinator's report lists them instead.

Sections, in this order, each only when it has items: `ask_owner` (you own these),
`ask_lead` (people of your organisation own these: follow up with them) and
`ask_coordinator` (no one else can move these). `extra` holds `("audience", <first
section's role>)` and, for the lead and coordinator sections, `("follow_up:<item id>",
"<names of the owners' contacts>")`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reminder.config.settings import ForumSettings, Step
from reminder.planning.calendar import make_calendar
from reminder.planning.notices import Kind, Notice, Section
from reminder.register.snapshot import OPEN, Item, Person, PlanItem, Snapshot

ROLES = (
    ("owner", "ask_owner", "Overdue action points you own"),
    ("lead", "ask_lead", "Overdue action points of your organisation"),
    ("coordinator", "ask_coordinator", "Overdue action points to raise"),
)


def beyond_cutoff(item: Item, today: date, rules: ForumSettings) -> bool:
    """True when the item is so late that the report, not the ladder, carries it."""
    return item.due_date is not None and (today - item.due_date).days >= (
        rules.escalation_cutoff_days
    )


def _step(days: int, ladder: tuple[Step, ...]) -> Step | None:
    reached = [s for s in ladder if days >= s.days]
    return reached[-1] if reached else None


def _asked(p: PlanItem, step: Step, snapshot: Snapshot) -> list[tuple[Person, str]]:
    """Who is asked about the item at `step`, each with their role, each person once."""
    owners = [snapshot.people[c] for c in sorted(p.reach)]
    leads = [snapshot.people[c] for c in sorted(p.leads)]
    coordinators = list(snapshot.coordinators)
    if step.to == "coordinator" or not owners:
        asked = [(c, "coordinator") for c in coordinators]
    else:
        asked = [(o, "owner") for o in owners]
    if step.cc == "lead":
        asked += [(lead, "lead") for lead in leads]
    elif step.cc == "coordinator":
        asked += [(c, "coordinator") for c in coordinators]
    seen: set[str] = set()
    out = []
    for person, role in asked:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            out.append((person, role))
    return out


def plan_escalations(snapshot: Snapshot, rules: ForumSettings, now: datetime) -> list[Notice]:
    """One notice per person asked about an item whose scan day is today (see the
    module docstring), people in address order, items oldest deadline first inside
    each section."""
    today = now.astimezone(ZoneInfo(rules.timezone)).date()
    calendar = make_calendar(working_days=rules.working_days, country=rules.country)
    buckets: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    people: dict[str, Person] = {}
    steps: dict[str, int] = defaultdict(int)
    follow: dict[int, str] = {}
    scan_days: dict[date, date] = {}
    for p in snapshot.items:
        item = p.item
        if item.status not in OPEN or p.ladder_start is None or item.due_date is None:
            continue
        if beyond_cutoff(item, today, rules):
            continue
        step = _step((today - p.ladder_start).days, rules.escalation)
        if step is None:
            continue
        reached = p.ladder_start + timedelta(days=step.days)
        if reached not in scan_days:  # holidays are looked up once per day, not per item
            scan_days[reached] = calendar.next_working(reached)
        if scan_days[reached] != today:
            continue
        names = [snapshot.people[c].name or snapshot.people[c].email for c in sorted(p.reach)]
        follow[item.id] = ", ".join(names) or ", ".join(item.owners)
        for person, role in _asked(p, step, snapshot):
            email = person.email.lower()
            people.setdefault(email, person)
            buckets[email][role].append(item)
            steps[email] = max(steps[email], step.days)
    notices = []
    for email in sorted(buckets):
        roles = buckets[email]
        sections = [
            Section(key, title, tuple(sorted(roles[role], key=lambda i: (i.due_date, i.id))))
            for role, key, title in ROLES
            if roles.get(role)
        ]
        first = next(role for role, _key, _title in ROLES if roles.get(role))
        asks = tuple(
            (f"follow_up:{i.id}", follow[i.id])
            for s in sections
            if s.key != "ask_owner"
            for i in s.items
        )
        notices.append(
            Notice(
                kind=Kind.ESCALATION,
                key=f"escalation:{email}:{today.isoformat()}",
                forum=snapshot.forum,
                to=(people[email],),
                sections=tuple(sections),
                step=steps[email],
                next_meeting=snapshot.next_meeting,
                language=rules.language,
                timezone=rules.timezone,
                now=now,
                extra=(("audience", first), *asks),
                coordinators=tuple((snapshot.forum, c) for c in snapshot.coordinators),
            )
        )
    return notices
