"""Notice runs delivered to a real SMTP server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.load import load_settings
from reminder.config.mail import SmtpSettings
from reminder.config.settings import Settings
from reminder.delivery.base import ResultCallback
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.ledger import claims as ledger
from reminder.mail.messages import OutgoingMail
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.service import imports as service
from reminder.service.notify import RunSummary, send_notices
from tests.smtp_server import SmtpTestServer, serving

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


@pytest.fixture
def register(engine: Engine) -> tuple[Engine, Settings]:
    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    service.import_files(
        engine=engine,
        paths=sorted((ROOT / "examples" / "minutes").iterdir()),
        settings=settings,
        now=NOW,
        today=NOW.date(),
    )
    return engine, settings


def mailer(server: SmtpTestServer) -> SmtpMailer:
    return SmtpMailer(
        SmtpSettings(
            host=server.host,
            port=server.port,
            security="none",
            rate_per_minute=6000,
            concurrency=2,
            max_attempts=3,
            backoff_seconds=0.05,
        )
    )


def run(engine: Engine, settings: Settings, mail: object, run_id: str, **kw: object) -> RunSummary:
    return asyncio.run(
        send_notices(
            engine=engine,
            settings=settings,
            kind=Kind.DIGEST,
            now=NOW,
            env=make_environment(),
            mailer=mail,
            run_id=run_id,  # type: ignore[arg-type]
            **kw,
        )
    )  # type: ignore[arg-type]


def test_two_runs_deliver_each_digest_once(register: tuple[Engine, Settings]) -> None:
    engine, settings = register
    with serving() as server:
        first = run(engine, settings, mailer(server), "one")
        second = run(engine, settings, mailer(server), "two")
    assert first.sent == first.planned > 0 and second.sent == 0
    assert second.already_sent == first.planned
    recipients = Counter(r for m in server.received for r in m.rcpt_tos)
    assert len(recipients) == first.planned and max(recipients.values()) == 1
    parts = [p.get_content_type() for p in server.received[0].message().iter_parts()]
    assert parts == ["text/plain", "text/html"]


def test_a_refused_recipient_is_recorded_and_the_others_delivered(
    register: tuple[Engine, Settings],
) -> None:
    engine, settings = register
    with serving() as server:
        server.reject_rcpt = {"tarek.akkad@cpss.example.org"}
        summary = run(engine, settings, mailer(server), "one")
    assert [k for k, _ in summary.refused] == [k for k, _ in summary.refused if "tarek" in k]
    assert len(summary.refused) == 1 and summary.sent == summary.planned - 1
    assert not summary.failed and not summary.not_sent
    with Session(engine) as session:
        [entry] = ledger.history(session=session, recipient="tarek.akkad@cpss.example.org")
    assert entry.status == "refused" and entry.permanent and "550" in entry.error


class KilledAfter:
    """A real SMTP mailer whose process is "killed" after `limit` mails."""

    def __init__(self, inner: SmtpMailer, limit: int) -> None:
        self.inner, self.limit, self.done = inner, limit, 0

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        todo = list(mails[: max(0, self.limit - self.done)])
        self.done += len(todo)
        await self.inner.send(todo, on_result=on_result)
        if len(todo) < len(mails):
            raise KeyboardInterrupt

    async def aclose(self) -> None:
        pass


def test_a_run_interrupted_halfway_then_restarted_delivers_each_digest_once(
    register: tuple[Engine, Settings],
) -> None:
    engine, settings = register
    with serving() as server:
        with pytest.raises(KeyboardInterrupt):
            run(engine, settings, KilledAfter(mailer(server), 5), "killed", batch_size=4)
        assert len(server.received) == 5
        again = run(engine, settings, mailer(server), "again")
    recipients = Counter(r for m in server.received for r in m.rcpt_tos)
    assert again.sent == len(recipients) - 5
    assert max(recipients.values()) == 1
