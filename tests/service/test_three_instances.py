"""Three service instances on one PostgreSQL register share one digest slot: the leader
runs it, the two others help, each claiming batches the others have not (SKIP LOCKED
where rows exist), and every digest reaches the real SMTP server once (issue 13).

Each instance is a thread with its own engine, mailer, leadership and `Service`, as a
process would have. The server holds every MAIL command until each instance holds a
claim of its own: then the split is seen, not hoped for.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder import clock
from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery import make_mailer
from reminder.ledger.leader import leadership_for
from reminder.ledger.models import JobRun, LedgerEntry
from reminder.mail.render import make_environment
from reminder.register.engine import make_engine, migrate
from reminder.service import imports as import_service
from reminder.service.scheduler import Service
from tests.service.crashes import WEEKDAYS, write_inputs
from tests.smtp_server import SmtpTestServer, serving

CONTACTS = 90  # one digest each, in batches of 20: five batches for three instances
INSTANCES = ("instance-1", "instance-2", "instance-3")
T = TypeVar("T")


def _register(url: str, folder: Path, server: SmtpTestServer) -> Settings:
    """A fresh register with CONTACTS overdue digests due at today's 00:00 slot."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    migrate(engine=engine)
    config = folder / "reminder.toml"
    config.write_text(
        '[mail]\nsender = "Reminders <reminders@example.org>"\n'
        "[smtp]\nconcurrency = 1\nrate_per_minute = 100000\ntimeout = 120\n"
        '[rules]\ntimezone = "UTC"\n'
        'working_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        f'[rules.schedule]\ndigest = "{WEEKDAYS[datetime.now(UTC).weekday()]} 00:00"\n'
        'escalations = "off"\npre_meeting = "off"\nreport = "off"\ncatch_up_hours = 48\n'
        "[service]\nlease_seconds = 3\n"
    )
    environ = {
        "REMINDER_DATABASE_URL": url,
        "REMINDER_SMTP_HOST": server.host,
        "REMINDER_SMTP_PORT": str(server.port),
        "REMINDER_SMTP_SECURITY": "none",
    }
    settings = load_settings(config_path=config, environ=environ)
    directory, tracker = write_inputs(folder, organisations=CONTACTS)
    import_service.import_contacts(engine=engine, path=directory)
    now = clock.now()
    import_service.import_files(
        engine=engine, paths=[tracker], settings=settings, now=now, today=now.date()
    )
    engine.dispose()
    return settings


def _instance(name: str, url: str, settings: Settings, finished: threading.Event) -> None:
    """Passes of one instance until it ran or helped the slot (or the slot is over)."""
    engine = make_engine(url)
    service = Service(
        engine=engine,
        settings=settings,
        mailer=make_mailer(settings.mail),
        env=make_environment(),
        instance=name,
        leader=leadership_for(engine),
    )

    async def passes() -> None:
        while not finished.is_set() and not await service.run_due(clock.now()):
            await asyncio.sleep(0.1)

    try:
        asyncio.run(passes())
    finally:
        service.leader.release()
        engine.dispose()


def _holders(engine: Engine) -> set[str]:
    """The instances whose runs hold or have settled ledger rows."""
    with Session(engine) as session:
        return {run.split("/")[0] for run in session.exec(select(LedgerEntry.run_id))}


def _outcome(engine: Engine) -> str | None:
    with Session(engine) as session:
        run = session.exec(select(JobRun)).first()
        return run.outcome if run else None


def _wait(read: Callable[[], T], *, until: Callable[[T], bool], timeout: float = 90) -> T:
    """What `read` returns once `until` holds of it (or when `timeout` seconds passed)."""
    deadline = time.monotonic() + timeout
    while not until(value := read()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


@pytest.mark.postgres
def test_three_instances_share_a_slot_and_send_each_digest_once(
    postgres_url: str, tmp_path: Path
) -> None:
    gate = threading.Event()

    def hold_mail(command: str, number: int, peer: tuple[str, int]) -> None:
        gate.wait(90)  # every MAIL waits, on the server's thread, until each instance claimed

    with serving() as server:
        settings = _register(postgres_url, tmp_path, server)
        server.on_command = hold_mail
        watcher = make_engine(postgres_url)
        finished = threading.Event()  # the slot is over: an instance still waiting stops
        with ThreadPoolExecutor(len(INSTANCES)) as pool:
            futures = [
                pool.submit(_instance, name, postgres_url, settings, finished) for name in INSTANCES
            ]
            try:
                holders = _wait(lambda: _holders(watcher), until=lambda h: h == set(INSTANCES))
                gate.set()
                _wait(lambda: _outcome(watcher), until=lambda o: o not in (None, "running"))
            finally:
                gate.set()
                finished.set()
            for future in futures:
                future.result(timeout=60)
        received = list(server.received)
    with Session(watcher) as session:
        entries = list(session.exec(select(LedgerEntry)))
        [slot_run] = session.exec(select(JobRun))
    watcher.dispose()

    assert holders == set(INSTANCES), f"not every instance claimed before the gate: {holders}"
    expected = {f"fp{k}@org{k}.example.org" for k in range(1, CONTACTS + 1)}
    recipients = Counter(r for mail in received for r in mail.rcpt_tos)
    assert set(recipients) == expected and max(recipients.values()) == 1
    message_ids = Counter(mail.message()["Message-ID"] for mail in received)
    assert len(message_ids) == len(received) == CONTACTS, message_ids.most_common(2)
    assert {e.status for e in entries} == {"sent"} and len(entries) == CONTACTS
    sent_by = Counter(e.run_id.split("/")[0] for e in entries)
    assert set(sent_by) == set(INSTANCES), sent_by  # each instance sent some
    assert sum(sent_by.values()) == CONTACTS
    assert slot_run.outcome == "ok", slot_run.detail
