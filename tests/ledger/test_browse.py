"""The ledger a page at a time (ledger.browse) on SQLite and PostgreSQL: scoped to some
forums (a digest of several counting for each), filtered by kind, recipient, outcome
and claim time, counted and paged by the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.ledger.browse import LedgerQuery, ledger_page
from reminder.ledger.models import LedgerEntry
from reminder.register.engine import transaction

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
START = datetime(2023, 7, 1, 8, 0, tzinfo=UTC)
ROWS = [
    # kind, forum, recipients, status
    ("digest", "CXB CPSS", "ana@x.org", "sent"),
    ("digest", "CM Standards WG, CXB CPSS", "bo@x.org", "sent"),
    ("escalation", "CM Standards WG", "cy@x.org,ana@x.org", "refused"),
    ("pre_meeting", "CXB CPSS", "dee@x.org", "failed"),
    ("report", "CXB CPSS_2", "ed@x.org", "sent"),  # not CXB CPSS: "_" is no wildcard
    ("digest", "100% Forum", "fi@x.org", "sent"),
]


@pytest.fixture
def ledger(engine: Engine) -> Engine:
    with transaction(engine) as session:
        for n, (kind, forum, to, status) in enumerate(ROWS):
            at = START + timedelta(days=n)
            session.add(
                LedgerEntry(key=f"k{n}", kind=kind, forum=forum, recipients=to, status=status,
                            subject=f"subject {n}", claimed_at=at, sent_at=at)
            )  # fmt: skip
    return engine


def subjects(engine: Engine, query: LedgerQuery, **paging: int) -> tuple[list[str], int]:
    with Session(engine) as session:
        found = ledger_page(session=session, query=query, **paging)
    return [e.subject for e in found.entries], found.total


def test_a_coordinator_sees_their_forums_newest_first(ledger: Engine) -> None:
    assert subjects(ledger, LedgerQuery(forums=("CXB CPSS",))) == (
        ["subject 3", "subject 1", "subject 0"], 3
    )  # fmt: skip
    assert subjects(ledger, LedgerQuery(forums=("CM Standards WG",))) == (
        ["subject 2", "subject 1"], 2
    )  # fmt: skip
    assert subjects(ledger, LedgerQuery(forums=("100%",)))[1] == 0
    assert subjects(ledger, LedgerQuery(forums=()))[1] == 0
    assert subjects(ledger, LedgerQuery())[1] == len(ROWS)  # an administrator


def test_filters_combine(ledger: Engine) -> None:
    assert subjects(ledger, LedgerQuery(kind="digest"))[1] == 3
    assert subjects(ledger, LedgerQuery(recipient=" ANA@")) == (["subject 2", "subject 0"], 2)
    assert subjects(ledger, LedgerQuery(outcome="refused")) == (["subject 2"], 1)
    window = LedgerQuery(since=START + timedelta(days=1), until=START + timedelta(days=3))
    assert subjects(ledger, window) == (["subject 2", "subject 1"], 2)
    both = LedgerQuery(forums=("CXB CPSS",), kind="digest", recipient="bo")
    assert subjects(ledger, both) == (["subject 1"], 1)
    assert subjects(ledger, LedgerQuery(recipient="%"))[1] == 0  # no wildcard either


def test_pages_are_cut_by_the_database_and_counted_whole(ledger: Engine) -> None:
    assert subjects(ledger, LedgerQuery(), offset=0, limit=4) == (
        ["subject 5", "subject 4", "subject 3", "subject 2"], 6
    )  # fmt: skip
    assert subjects(ledger, LedgerQuery(), offset=4, limit=4) == (["subject 1", "subject 0"], 6)
    assert subjects(ledger, LedgerQuery(), offset=8, limit=4) == ([], 6)
