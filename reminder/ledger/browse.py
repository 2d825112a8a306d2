"""The ledger a page at a time: who got what, when, with what outcome, within some forums.

Filtering, counting and paging happen in the database, so a page costs the same
however long the ledger grows. A digest covers every forum its recipient has items
in (its `forum` is their names joined by ", "): it counts as of each of them.
Read-only, like `entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, false, func, or_
from sqlmodel import Session, col, select

from reminder.ledger.models import LedgerEntry

OUTCOMES = ("claimed", "sending", "sent", "failed", "refused", "not sent", "unknown")


@dataclass(frozen=True)
class LedgerQuery:
    """What to list. `forums` None: every forum (an administrator); `since`/`until` bound
    the claim time (since ≤ claimed_at < until); `recipient` is a part of an address."""

    forums: Sequence[str] | None = None
    kind: str | None = None
    recipient: str = ""
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class LedgerPage:
    entries: tuple[LedgerEntry, ...]
    total: int  # entries matching, on every page


def _of_forums(forums: Sequence[str]) -> ColumnElement[bool]:
    forum = col(LedgerEntry.forum)
    if not forums:
        return false()
    terms: list[ColumnElement[bool]] = [forum.in_(list(forums))]
    for name in forums:
        terms += [
            forum.startswith(f"{name}, ", autoescape=True),
            forum.endswith(f", {name}", autoescape=True),
            forum.contains(f", {name}, ", autoescape=True),
        ]
    return or_(*terms)


def _where(query: LedgerQuery) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = []
    if query.forums is not None:
        terms.append(_of_forums(query.forums))
    if query.kind:
        terms.append(col(LedgerEntry.kind) == query.kind)
    if query.recipient.strip():
        wanted = query.recipient.strip().lower()
        terms.append(col(LedgerEntry.recipients).contains(wanted, autoescape=True))
    if query.outcome:
        terms.append(col(LedgerEntry.status) == query.outcome)
    if query.since is not None:
        terms.append(col(LedgerEntry.claimed_at) >= query.since)
    if query.until is not None:
        terms.append(col(LedgerEntry.claimed_at) < query.until)
    return terms


def ledger_page(
    *, session: Session, query: LedgerQuery, offset: int = 0, limit: int = 50
) -> LedgerPage:
    """The entries `query` asks for, newest first, `limit` of them from `offset`, and
    how many match in all."""
    terms = _where(query)
    total = session.exec(select(func.count()).select_from(LedgerEntry).where(*terms)).one()
    rows = session.exec(
        select(LedgerEntry)
        .where(*terms)
        .order_by(col(LedgerEntry.claimed_at).desc(), col(LedgerEntry.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return LedgerPage(tuple(e.model_copy() for e in rows), int(total))
