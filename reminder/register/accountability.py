"""Accountability figures of one forum: pure queries returning dataclasses (issue 12).

Live actions only (not merged into another); "done" and "cancelled" count as closed, and
cancelled actions are left out of completion rates since nobody owed them any more.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, select

from reminder.register.models import ActionOwner, ActionPoint, Contact, Fact, Organisation

# Overdue ages in days, inclusive bounds; the last band has no upper bound.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("1–7 days", 1, 7),
    ("8–30 days", 8, 30),
    ("31–90 days", 31, 90),
    ("over 90 days", 91, None),
)


@dataclass(frozen=True)
class Completion:
    """One organisation's actions in a forum: how many it owns and how many are done."""

    organisation: str
    owned: int
    done: int

    @property
    def rate(self) -> float:
        return self.done / self.owned if self.owned else 0.0


@dataclass(frozen=True)
class Band:
    label: str
    count: int


@dataclass(frozen=True)
class Slipped:
    """An action whose deadline was moved `moves` times (applied due evidence after the first)."""

    action_id: int
    ref: str | None
    text: str
    moves: int


def _live(session: Session, forum: str) -> list[ActionPoint]:
    query = select(ActionPoint).where(
        col(ActionPoint.forum) == forum, col(ActionPoint.merged_into).is_(None)
    )
    return list(session.exec(query))


def completion_by_organisation(*, session: Session, forum: str) -> list[Completion]:
    """Per organisation owning (itself or through a contact) live, not cancelled actions."""
    actions = {a.id: a for a in _live(session, forum) if a.status != "cancelled"}
    orgs = {o.id: o.name for o in session.exec(select(Organisation))}
    contact_org = {c.id: c.organisation_id for c in session.exec(select(Contact))}
    owners = session.exec(select(ActionOwner).where(col(ActionOwner.action_id).in_(list(actions))))
    pairs: set[tuple[int, str]] = set()
    for owner in owners:
        org_id = owner.organisation_id
        if org_id is None and owner.contact_id is not None:
            org_id = contact_org.get(owner.contact_id)
        if org_id is not None and org_id in orgs:
            pairs.add((owner.action_id, orgs[org_id]))
    owned: Counter[str] = Counter(name for _, name in pairs)
    done: Counter[str] = Counter(name for aid, name in pairs if actions[aid].status == "done")
    return [Completion(name, owned[name], done[name]) for name in sorted(owned)]


def overdue_by_age(*, session: Session, forum: str, today: dt.date) -> list[Band]:
    """Open actions past their deadline on `today`, counted by days overdue."""
    ages = [
        (today - a.due_date).days
        for a in _live(session, forum)
        if a.status not in ("done", "cancelled") and a.due_date is not None and a.due_date < today
    ]
    return [
        Band(label, sum(1 for age in ages if age >= low and (high is None or age <= high)))
        for label, low, high in AGE_BANDS
    ]


def deadlines_slipped(*, session: Session, forum: str) -> list[Slipped]:
    """Actions whose applied deadline changed, most moves first (from the register's facts)."""
    actions = {a.id: a for a in _live(session, forum)}
    facts = session.exec(
        select(Fact)
        .where(
            col(Fact.action_id).in_(list(actions)),
            col(Fact.field) == "due",
            col(Fact.outcome) == "applied",
        )
        .order_by(col(Fact.action_id), col(Fact.as_of), col(Fact.id))
    )
    moves: Counter[int] = Counter()
    last: dict[int, object] = {}
    for fact in facts:
        if fact.action_id in last and last[fact.action_id] != fact.value:
            moves[fact.action_id] += 1
        last[fact.action_id] = fact.value
    found = [Slipped(aid, actions[aid].ref, actions[aid].text, n) for aid, n in moves.items() if n]
    return sorted(found, key=lambda s: (-s.moves, s.action_id))


def slip_counts(slipped: list[Slipped]) -> list[Band]:
    """How many actions moved their deadline once, twice, three times or more."""
    labels = ("moved once", "moved twice", "moved 3 times or more")
    return [
        Band(label, sum(1 for s in slipped if min(s.moves, 3) == n))
        for n, label in enumerate(labels, start=1)
    ]


def carried_over(*, session: Session, forum: str) -> int:
    """How many live, open actions were carried over from an earlier meeting."""
    return sum(
        1 for a in _live(session, forum) if a.carried_over and a.status not in ("done", "cancelled")
    )


def open_by_carry(*, session: Session, forum: str) -> list[Band]:
    """The live, open actions: carried over from an earlier meeting, and not."""
    open_ = [a for a in _live(session, forum) if a.status not in ("done", "cancelled")]
    carried = sum(1 for a in open_ if a.carried_over)
    return [Band("carried over", carried), Band("not carried over", len(open_) - carried)]
