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

from reminder.planning.notices import Notice

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
