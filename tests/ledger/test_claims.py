"""The ledger on SQLite and PostgreSQL: claims, records, releases, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from reminder.delivery.base import Delivery
from reminder.ledger import claims as ledger
from reminder.ledger import leases
from reminder.ledger.models import RunLease
from reminder.register.engine import transaction

NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


def claims(*keys: str) -> list[ledger.Claim]:
    return [ledger.Claim(k, "digest", "CPSS", "ana@example.org", f"subject {k}") for k in keys]


def claim(engine: Engine, run: str, *keys: str, now: datetime = NOW) -> set[str]:
    with transaction(engine) as session:
        return ledger.claim(session=session, claims=claims(*keys), run_id=run, now=now)


def record(engine: Engine, run: str, key: str, *, ok: bool = True, permanent: bool = False) -> None:
    with transaction(engine) as session:
        ledger.record(
            session=session,
            delivery=Delivery(key, ok, 2 if not ok else 1, permanent, "" if ok else "451 later"),
            run_id=run,
            message_id=f"<{key}@x>",
            now=NOW,
        )


def test_only_one_run_wins_a_claim(engine: Engine) -> None:
    assert claim(engine, "run-a", "k1", "k2") == {"k1", "k2"}
    assert claim(engine, "run-b", "k1", "k2", "k3") == {"k3"}


def test_a_sent_notice_is_never_claimed_again(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1")
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(days=30)) == set()


def test_a_transient_failure_is_claimed_again_by_the_next_run(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1", ok=False)
    assert claim(engine, "run-b", "k1") == {"k1"}
    record(engine, "run-b", "k1")
    with transaction(engine) as session:
        [entry] = ledger.history(session=session)
    assert (entry.status, entry.attempts) == ("sent", 3)


def test_a_permanent_failure_is_not_retried(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1", ok=False, permanent=True)
    assert claim(engine, "run-b", "k1") == set()


def test_a_claim_abandoned_by_a_killed_run_is_taken_over_once_stale(engine: Engine) -> None:
    claim(engine, "killed", "k1")
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(hours=1)) == set()
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(hours=7)) == {"k1"}


def test_released_claims_are_free_for_the_next_run(engine: Engine) -> None:
    claim(engine, "run-a", "k1", "k2")
    record(engine, "run-a", "k1")
    with transaction(engine) as session:
        ledger.release(session=session, keys=["k1", "k2"], run_id="run-a")
    assert claim(engine, "run-b", "k1", "k2") == {"k2"}


def test_history_and_last_sent(engine: Engine) -> None:
    claim(engine, "run-a", "k1", "k2")
    record(engine, "run-a", "k1")
    with transaction(engine) as session:
        assert [e.key for e in ledger.history(session=session, recipient="ANA@example.org")] == [
            "k2",
            "k1",
        ]
        assert ledger.last_sent(session=session, kind="digest", forum="CPSS") == NOW
        assert ledger.last_sent(session=session, kind="report", forum="CPSS") is None


def lease(engine: Engine, run: str, *, until: datetime) -> None:
    with transaction(engine) as session:
        leases.hold(session=session, run_id=run, holder="test", now=until - leases.LEASE)


def test_the_claims_of_a_run_whose_lease_lapsed_are_taken_over_at_once(engine: Engine) -> None:
    lease(engine, "killed", until=NOW + timedelta(minutes=1))
    claim(engine, "killed", "k1", "k2")
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(seconds=30)) == set()
    assert claim(engine, "run-b", "k1", "k2", now=NOW + timedelta(minutes=2)) == {"k1", "k2"}


def test_a_run_that_renews_its_lease_keeps_its_claims(engine: Engine) -> None:
    lease(engine, "alive", until=NOW + timedelta(minutes=1))
    claim(engine, "alive", "k1")
    lease(engine, "alive", until=NOW + timedelta(hours=2))  # its heartbeat
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(hours=1)) == set()


def test_a_dropped_lease_leaves_no_claim_behind(engine: Engine) -> None:
    lease(engine, "done", until=NOW + timedelta(minutes=1))
    claim(engine, "done", "k1")
    record(engine, "done", "k1")
    with transaction(engine) as session:
        leases.drop(session=session, run_id="done")
        assert session.get(RunLease, "done") is None
