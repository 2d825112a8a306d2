"""How each forum's register stands: open, overdue and done counts, for the desk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from reminder.register.models import ActionPoint
from reminder.register.snapshot import OPEN


@dataclass(frozen=True)
class ForumCount:
    forum: str
    open: int
    overdue: int
    done: int


def forum_counts(*, session: Session, forums: Iterable[str], today: date) -> list[ForumCount]:
    """One row per forum of `forums` (in that order), zeros for one with no action."""
    wanted = list(forums)
    is_open = col(ActionPoint.status).in_(OPEN)
    late = is_open & (col(ActionPoint.due_date) < today)
    rows = session.exec(
        select(
            ActionPoint.forum,
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
            func.sum(case((col(ActionPoint.status) == "done", 1), else_=0)),
        )
        .where(col(ActionPoint.forum).in_(wanted))
        .group_by(ActionPoint.forum)
    ).all()
    found = {forum: (int(o or 0), int(d or 0), int(n or 0)) for forum, o, d, n in rows}
    return [ForumCount(f, *found.get(f, (0, 0, 0))) for f in wanted]
