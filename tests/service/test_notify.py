"""A notice run end to end on SQLite and PostgreSQL: plan, render, claim, send, record."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from jinja2 import Environment
from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery.base import ResultCallback
from reminder.delivery.fake import MemoryMailer
from reminder.ledger import claims as ledger
from reminder.mail.messages import OutgoingMail
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind, Notice
from reminder.service import imports as service
from reminder.service.notify import RunSummary, send_notices

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)  # Thursday 09:00 in Dhaka


@pytest.fixture
def settings() -> Settings:
    return load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})


@pytest.fixture
def env() -> Environment:
    return make_environment()


@pytest.fixture
def register(engine: Engine, settings: Settings) -> Engine:
    service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    service.import_files(
        engine=engine,
        paths=sorted((ROOT / "examples" / "minutes").iterdir()),
        settings=settings,
        now=NOW,
        today=NOW.date(),
    )
    return engine


def run(
    engine: Engine,
    settings: Settings,
    env: Environment,
    mailer: object,
    kind: Kind,
    **kwargs: object,
) -> RunSummary:
    return asyncio.run(
        send_notices(
            engine=engine,
            settings=settings,
            kind=kind,
            now=NOW,
            env=env,
            mailer=mailer,
            run_id=str(kwargs.pop("run_id", "run-1")),
            **kwargs,  # type: ignore[arg-type]
        )
    )


def test_running_the_digests_twice_sends_nothing_twice(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    first = run(register, settings, env, mailer, Kind.DIGEST)
    assert first.sent == first.planned > 0 and not first.failed
    second = run(register, settings, env, mailer, Kind.DIGEST, run_id="run-2")
    assert (second.sent, second.already_sent) == (0, first.planned)
    assert len(mailer.sent) == first.planned
    recipients = sorted(r for m in mailer.sent for r in m.recipients)
    assert "tarek.akkad@cpss.example.org" in recipients
    assert len(recipients) == len(set(recipients)), "one digest per contact"


def test_a_dry_run_renders_everything_and_sends_nothing(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    summary = run(register, settings, env, mailer, Kind.REPORT, dry_run=True)
    assert summary.planned == len(summary.previews) == 2  # one coordinator per forum
    assert mailer.sent == []
    with Session(register) as session:
        assert ledger.history(session=session) == []


def test_to_limits_the_run_to_one_contact_or_organisation(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    summary = run(register, settings, env, mailer, Kind.DIGEST, to="ISCG PSEA Network")
    assert summary.sent == 1
    assert mailer.sent[0].recipients == ("bora.ozbek@iscg.example.org",)


def test_a_failed_mail_is_recorded_and_retried_by_the_next_run(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    planned = run(register, settings, env, mailer, Kind.REPORT, dry_run=True).previews
    key = planned[0][0].key
    mailer.fail(key)
    first = run(register, settings, env, mailer, Kind.REPORT)
    assert [k for k, _ in first.failed] == [key]
    mailer.succeed(key)
    second = run(register, settings, env, mailer, Kind.REPORT, run_id="run-2")
    assert (second.sent, second.already_sent) == (1, 1)


class Interrupted(MemoryMailer):
    """Delivers `limit` mails, then the process is "killed" (KeyboardInterrupt)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        if len(self.sent) + len(mails) > self.limit:
            await super().send(mails[: self.limit - len(self.sent)], on_result=on_result)
            raise KeyboardInterrupt
        await super().send(mails, on_result=on_result)


def test_a_run_interrupted_halfway_sends_only_what_is_left_when_started_again(
    register: Engine, settings: Settings, env: Environment
) -> None:
    total = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True).planned
    killed = Interrupted(limit=3)
    with pytest.raises(KeyboardInterrupt):
        run(register, settings, env, killed, Kind.DIGEST, batch_size=5)
    again = MemoryMailer()
    summary = run(register, settings, env, again, Kind.DIGEST, run_id="run-2")
    assert summary.sent == total - 3
    sent_keys = {m.key for m in killed.sent} | {m.key for m in again.sent}
    assert len(sent_keys) == total


def test_escalations_reach_the_owners_and_then_the_coordinator(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    late = datetime(2023, 8, 20, 3, 0, tzinfo=UTC)  # 20 days after the end of July
    summary = asyncio.run(
        send_notices(
            engine=register,
            settings=settings,
            kind=Kind.ESCALATION,
            now=late,
            env=env,
            mailer=mailer,
            run_id="esc",
            forum="CXB CPSS",
        )
    )
    assert summary.sent > 0
    for mail in mailer.sent:
        assert mail.recipients == ("tarek.akkad@cpss.example.org",) or "14" not in mail.key
    assert date(2023, 7, 31).isoformat() in " ".join(m.key for m in mailer.sent)


def test_the_file_outbox_keeps_every_mail_with_a_readable_preview(
    register: Engine, settings: Settings, env: Environment, tmp_path: Path
) -> None:
    from reminder.delivery.outbox.mailer import OutboxMailer

    outbox = tmp_path / "outbox"
    summary = run(register, settings, env, OutboxMailer(outbox), Kind.DIGEST)
    assert summary.sent == summary.planned > 0 and not summary.failed
    assert len(list(outbox.glob("*.eml"))) == summary.planned
    previews = [
        p.read_text(encoding="utf-8") for p in outbox.glob("*.html") if p.name != "index.html"
    ]
    assert any("CPSS actors to share their interest in joining" in p for p in previews)
    assert "index.html" in {p.name for p in outbox.iterdir()}


def test_digests_planned_in_small_chunks_of_contacts_are_the_same(
    register: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reminder.service import notify
    from reminder.service import plan as notify_plan

    whole = notify.plan_notices(engine=register, settings=settings, kind=Kind.DIGEST, now=NOW)
    monkeypatch.setattr(notify_plan, "DIGEST_CHUNK", 3)
    chunks = list(
        notify.iter_notices(engine=register, settings=settings, kind=Kind.DIGEST, now=NOW)
    )
    assert len(chunks) > 3

    def by_key(planned: list[tuple[object, Notice]]) -> list[tuple[object, Notice]]:
        return sorted(planned, key=lambda pair: pair[1].key)

    assert by_key([n for chunk in chunks for n in chunk]) == by_key(whole)


def test_a_large_run_renders_in_a_worker_process_and_sends_the_same(
    register: Engine, settings: Settings, env: Environment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reminder.service import render_pool

    monkeypatch.setattr(render_pool, "WORKER_THRESHOLD", 1)
    expected = run(register, settings, env, MemoryMailer(), Kind.DIGEST, dry_run=True).previews
    pooled = MemoryMailer()
    summary = asyncio.run(
        send_notices(
            engine=register,
            settings=settings,
            kind=Kind.DIGEST,
            now=NOW,
            env=env,
            mailer=pooled,
            run_id="pooled",
            render_workers=1,
            batch_size=5,
        )
    )
    assert summary.sent == len(expected) > 5
    assert sorted((m.key, m.subject) for m in pooled.sent) == sorted(
        (n.key, r.subject) for n, r in expected
    )


def test_a_digest_from_one_forum_replies_to_its_coordinator(
    register: Engine, settings: Settings, env: Environment
) -> None:
    mailer = MemoryMailer()
    run(register, settings, env, mailer, Kind.DIGEST, to="Bora Ozbek")
    [mail] = mailer.sent
    assert mail.message["Reply-To"] == "tarek.akkad@cpss.example.org"
    assert mail.message["List-Id"].startswith("CXB CPSS")


def test_a_coordinator_named_twice_or_unknown_gets_one_report_and_nothing_breaks(
    register: Engine, settings: Settings, env: Environment
) -> None:
    from dataclasses import replace as change

    cpss = change(
        settings.forum("CPSS"),
        coordinators=(
            "tarek.akkad@cpss.example.org",
            "Tarek Akkad",
            "Someone Not In The Directory",
        ),
    )
    settings = change(settings, forums={**settings.forums, "CXB CPSS": cpss})
    mailer = MemoryMailer()
    summary = run(register, settings, env, mailer, Kind.REPORT, forum="CPSS")
    assert summary.sent == 1 and not summary.failed


def test_a_coordinator_address_the_mail_cannot_carry_fails_alone_and_is_recorded(
    register: Engine, settings: Settings, env: Environment
) -> None:
    from dataclasses import replace as change

    cpss = change(
        settings.forum("CPSS"), coordinators=("tarek.akkad@cpss.example.org", "bad@@address")
    )
    settings = change(settings, forums={**settings.forums, "CXB CPSS": cpss})
    mailer = MemoryMailer()
    summary = run(register, settings, env, mailer, Kind.REPORT, forum="CPSS")
    assert summary.sent == 1
    [(key, reason)] = summary.not_sent  # our own error: the next run after a fix sends it
    assert key.endswith(":bad@@address") and "invalid recipient address" in reason
    with Session(register) as session:
        [entry] = ledger.history(session=session, recipient="bad@@address")
    assert entry.status == "not sent" and not entry.permanent and "cannot compose" in entry.error
