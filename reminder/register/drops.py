"""Rows a coordinator dropped while reviewing an import: not actions, and said so.

A dropped row is not imported, and not silently skipped either: it is kept here with
who dropped it, when, from which file and where in it, so that the register can tell
why a line of the minutes has no action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Field, Session, SQLModel, col, select

from reminder.register.models import timestamp


class DroppedRow(SQLModel, table=True):
    """One row of an imported file that its reviewer said is no action."""

    __tablename__ = "dropped_row"

    id: int | None = Field(default=None, primary_key=True)
    forum: str = Field(index=True)
    source: str  # the file, and the row or line in it
    text: str
    author: str  # "coordinator <address>"
    reason: str = ""
    dropped_at: dt.datetime = timestamp()


def record_drops(*, session: Session, rows: Sequence[DroppedRow]) -> None:
    """Keep `rows` (in the caller's transaction)."""
    session.add_all(rows)


def drops_of(*, session: Session, forum: str) -> list[DroppedRow]:
    """The rows dropped from `forum`'s imports, newest first."""
    query = (
        select(DroppedRow)
        .where(DroppedRow.forum == forum)
        .order_by(col(DroppedRow.dropped_at).desc(), col(DroppedRow.id).desc())
    )
    return list(session.exec(query))
