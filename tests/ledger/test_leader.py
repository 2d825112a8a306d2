"""One leader at a time, and another takes over when it stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.ledger.leader import FileLeadership, PostgresLeadership
from reminder.register.engine import make_engine


@pytest.mark.postgres
def test_a_second_instance_takes_over_the_postgres_lock_when_the_first_stops(
    postgres_url: str,
) -> None:
    first, second = make_engine(postgres_url), make_engine(postgres_url)
    a, b = PostgresLeadership(first), PostgresLeadership(second)
    try:
        assert a.try_acquire()
        assert a.try_acquire(), "the leader keeps its lock"
        assert not b.try_acquire()
        a.release()
        assert b.try_acquire()
        assert not a.try_acquire()
    finally:
        a.release()
        b.release()
        first.dispose()
        second.dispose()


def test_the_file_lock_lets_one_instance_lead_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "reminder.db.leader"
    a, b = FileLeadership(path), FileLeadership(path)
    assert a.try_acquire() and not b.try_acquire()
    a.release()
    assert b.try_acquire()
    b.release()
