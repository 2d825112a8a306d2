"""The ledger on SQLite and PostgreSQL: claims, records, releases, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from reminder.delivery.base import Delivery, Outcome
from reminder.ledger import claims as ledger
from reminder.ledger import leases
from reminder.ledger.models import RunLease
from reminder.register.engine import transaction

NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


def claims(*keys: str) -> list[ledger.Claim]:
    return [ledger.Claim(k, "digest", "CPSS", "ana@example.org", f"subject {k}") for k in keys]


def claimed(engine: Engine, run: str, *keys: str, now: datetime = NOW) -> ledger.Claimed:
    with transaction(engine) as session:
        return ledger.claim(session=session, claims=claims(*keys), run_id=run, now=now)


def claim(engine: Engine, run: str, *keys: str, now: datetime = NOW) -> set[str]:
    return claimed(engine, run, *keys, now=now).owned


def record(engine: Engine, run: str, key: str, outcome: Outcome = Outcome.SENT) -> None:
    error = "" if outcome is Outcome.SENT else f"{outcome.value} (test)"
    with transaction(engine) as session:
        ledger.record(
            session=session,
            delivery=Delivery(key, outcome, 1 if outcome is Outcome.SENT else 2, error),
            run_id=run,
            message_id=f"<{key}@x>",
            now=NOW,
        )


def test_only_one_run_wins_a_claim(engine: Engine) -> None:
    lease(engine, "run-a", until=NOW + timedelta(minutes=1))
    assert claim(engine, "run-a", "k1", "k2") == {"k1", "k2"}
    found = claimed(engine, "run-b", "k1", "k2", "k3")
    assert found.owned == {"k3"}
    assert found.others == {"k1": "claimed", "k2": "claimed"}
    assert found.taken_over == set()


def test_a_sent_notice_is_never_claimed_again(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1")
    assert claim(engine, "run-b", "k1", now=NOW + timedelta(days=30)) == set()


def test_a_transient_failure_is_claimed_again_by_the_next_run(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1", Outcome.FAILED)
    assert claim(engine, "run-b", "k1") == {"k1"}
    record(engine, "run-b", "k1")
    with transaction(engine) as session:
        [entry] = ledger.history(session=session)
    assert (entry.status, entry.attempts) == ("sent", 3)


def test_a_refused_mail_is_not_retried(engine: Engine) -> None:
    claim(engine, "run-a", "k1")
    record(engine, "run-a", "k1", Outcome.REFUSED)
    found = claimed(engine, "run-b", "k1")
    assert (found.owned, found.others) == (set(), {"k1": "refused"})


def test_mails_not_sent_by_our_own_error_and_unknown_outcomes_are_retried(engine: Engine) -> None:
    claim(engine, "run-a", "k1", "k2")
    record(engine, "run-a", "k1", Outcome.NOT_SENT)
    record(engine, "run-a", "k2", Outcome.UNKNOWN)
    found = claimed(engine, "run-b", "k1", "k2")
    assert found.owned == {"k1", "k2"}
    assert found.resent == {"k2"}  # the server may have had it: same Message-ID again


def test_a_claim_of_a_run_without_a_live_lease_is_taken_over_at_once(engine: Engine) -> None:
    claim(engine, "killed", "k1")  # its run never held a lease, or it was dropped
    found = claimed(engine, "run-b", "k1")
    assert (found.owned, found.taken_over, found.resent) == ({"k1"}, {"k1"}, set())


def test_mails_handed_over_by_a_dead_run_are_resent(engine: Engine) -> None:
    lease(engine, "killed", until=NOW + timedelta(minutes=1))
    claim(engine, "killed", "k1", "k2")
    with transaction(engine) as session:
        ledger.hand_over(session=session, keys=["k1"], run_id="killed")
        assert ledger.already_done(session=session, keys=["k1", "k2"]) == {
            "k1": "sending",
            "k2": "claimed",
        }
    later = NOW + timedelta(minutes=2)
    found = claimed(engine, "run-b", "k1", "k2", now=later)
    assert found.owned == found.taken_over == {"k1", "k2"}
    assert found.resent == {"k1"}


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


def test_on_postgresql_a_row_another_claim_is_taking_is_skipped_not_waited_for(
    engine: Engine,
) -> None:
    """Instances claiming side by side: the one whose transaction has locked a retried
    row keeps it; the other takes the rest at once and counts that row as elsewhere."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises its writers")
    for key in ("k1", "k2"):
        claim(engine, "run-a", key)
        record(engine, "run-a", key, Outcome.FAILED)
    with engine.connect() as other:
        other.execute(text("SELECT 1 FROM ledger WHERE key = 'k1' FOR UPDATE"))
        with transaction(engine) as session:
            # Waiting for the row would be the old behaviour: fail fast instead of hanging.
            session.execute(text("SET LOCAL lock_timeout = '5s'"))
            found = ledger.claim(
                session=session, claims=claims("k1", "k2", "k3"), run_id="run-b", now=NOW
            )
        other.rollback()
    assert found.owned == {"k2", "k3"}
    assert found.others == {"k1": "failed"}
    assert claim(engine, "run-c", "k1") == {"k1"}  # free again once the other let go
