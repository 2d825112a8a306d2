"""What contacts asked of the mails (unsubscribed, paused, kinds switched off), applied.

Planning decides who should hear about what; this then leaves out the people who asked
not to get that kind of mail now. A notice keeps its other recipients; when none of
those it was addressed to is left, its copies become its recipients, and when nobody
is left it is not sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from reminder.planning.notices import Kind, Notice
from reminder.register.snapshot import OPEN, Snapshot

R = TypeVar("R")


@dataclass(frozen=True)
class Wish:
    """One address's wishes; `paused_until` is the last day of the pause."""

    kinds_off: frozenset[str] = frozenset()
    paused_until: date | None = None
    unsubscribed: bool = False

    def wants(self, kind: str, today: date) -> bool:
        if self.unsubscribed or kind in self.kinds_off:
            return False
        return self.paused_until is None or self.paused_until < today


def respect(
    pairs: Sequence[tuple[R, Notice]], *, wishes: Mapping[str, Wish], today: date
) -> list[tuple[R, Notice]]:
    """`pairs` without the recipients who do not want their kind of mail `today`."""
    if not wishes:
        return list(pairs)
    out = []
    for rules, notice in pairs:
        kind = notice.kind.value

        def keep(email: str, kind: str = kind) -> bool:
            wish = wishes.get(email.lower())
            return wish is None or wish.wants(kind, today)

        to = tuple(p for p in notice.to if keep(p.email))
        cc = tuple(p for p in notice.cc if keep(p.email))
        if not to:
            to, cc = cc, ()
        if not to:
            continue
        if (to, cc) != (notice.to, notice.cc):
            notice = replace(notice, to=to, cc=cc)
        out.append((rules, notice))
    return out


def opted_out(snapshot: Snapshot, wishes: Mapping[str, Wish], today: date) -> tuple[str, ...]:
    """The people the snapshot's open items reach who asked for fewer mails (any kind
    off, paused or unsubscribed), as "Name (address)", for the coordinator's report."""
    reached = {c for p in snapshot.items if p.item.status in OPEN for c in p.reach}
    out = []
    for contact in sorted(reached):
        person = snapshot.people.get(contact)
        if person is None:
            continue
        wish = wishes.get(person.email.lower())
        if wish is not None and not all(wish.wants(k.value, today) for k in Kind):
            out.append(f"{person.name} ({person.email})" if person.name else person.email)
    return tuple(out)
