"""`--dry-run` counts what the ledger already has; `--to` finds contacts, organisations
and groups as the directory writes them. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.register.engine import transaction
from reminder.register.models import Organisation
from reminder.service import imports as service
from reminder.service.notify import RunSummary, send_notices
from reminder.service.recipients import UnknownRecipient

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)  # Thursday 09:00 in Dhaka
IOM = {"jennifer@iom.example.org", "frank@iom.example.org", "nazmun@iom.example.org"}


@pytest.fixture
def settings() -> Settings:
    return load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})


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


def run(engine: Engine, settings: Settings, mailer: MemoryMailer, **kwargs: object) -> RunSummary:
    return asyncio.run(
        send_notices(
            engine=engine,
            settings=settings,
            kind=Kind.DIGEST,
            now=NOW,
            env=make_environment(),
            mailer=mailer,
            run_id=str(kwargs.pop("run_id", "run-1")),
            **kwargs,  # type: ignore[arg-type]
        )
    )


def recipients(mailer: MemoryMailer) -> set[str]:
    return {r for m in mailer.sent for r in m.recipients}


def test_a_dry_run_after_a_real_run_says_all_is_already_sent_and_would_send_nothing(
    register: Engine, settings: Settings
) -> None:
    before = run(register, settings, MemoryMailer(), dry_run=True)
    assert (before.planned, before.already_sent, before.would_send) == (16, 0, 16)
    real = run(register, settings, MemoryMailer())
    assert real.sent == 16
    after = run(register, settings, MemoryMailer(), dry_run=True, run_id="run-2")
    assert (after.planned, after.already_sent, after.would_send) == (16, 16, 0)
    assert after.previews == []


def test_a_dry_run_lists_only_what_a_real_run_would_send_now(
    register: Engine, settings: Settings
) -> None:
    run(register, settings, MemoryMailer(), to="IOM")
    summary = run(register, settings, MemoryMailer(), dry_run=True, run_id="run-2")
    assert (summary.planned, summary.already_sent, summary.would_send) == (16, 3, 13)
    listed = {p.email for notice, _ in summary.previews for p in notice.to}
    assert len(listed) == 13 and not listed & IOM


def test_to_finds_an_organisation_by_its_acronym(register: Engine, settings: Settings) -> None:
    mailer = MemoryMailer()
    summary = run(register, settings, mailer, to="IOM")
    assert summary.sent == 3
    assert recipients(mailer) == IOM


def test_to_finds_an_organisation_by_its_alias(register: Engine, settings: Settings) -> None:
    with transaction(register) as session:
        iom = session.exec(select(Organisation).where(Organisation.acronym == "IOM")).one()
        iom.aliases = ["UN Migration"]
        session.add(iom)
    mailer = MemoryMailer()
    run(register, settings, mailer, to="un migration")
    assert recipients(mailer) == IOM


def test_to_finds_a_group_by_its_name(register: Engine, settings: Settings) -> None:
    mailer = MemoryMailer()
    run(register, settings, mailer, to="CPSS coordination team")
    assert recipients(mailer) == {
        "tarek.akkad@cpss.example.org",
        "jannatun@cpss.example.org",
        "omar.faruk@cpss.example.org",
        "abid.hasan@cpss.example.org",
    }


@pytest.mark.parametrize("who", ["Tarek Akkad", "tarek.akkad@cpss.example.org", "CPSS coordinator"])
def test_to_finds_a_contact_by_name_email_or_alias(
    register: Engine, settings: Settings, who: str
) -> None:
    mailer = MemoryMailer()
    run(register, settings, mailer, to=who)
    assert recipients(mailer) == {"tarek.akkad@cpss.example.org"}


def test_to_that_matches_nothing_says_what_it_tried(register: Engine, settings: Settings) -> None:
    with pytest.raises(UnknownRecipient) as raised:
        run(register, settings, MemoryMailer(), to="XYZ")
    assert str(raised.value) == (
        "no contact, organisation or group matches 'XYZ' (tried contact names and emails, "
        "organisation names, acronyms and aliases, group names)"
    )


def test_a_dry_run_hands_each_preview_to_on_preview_and_keeps_none(
    register: Engine, settings: Settings
) -> None:
    kept = run(register, settings, MemoryMailer(), dry_run=True)
    handed: list[object] = []
    streamed = run(
        register,
        settings,
        MemoryMailer(),
        dry_run=True,
        on_preview=lambda notice, rendered: handed.append((notice, rendered)),
    )
    assert streamed.previews == [] and streamed.would_send == kept.would_send
    assert handed == kept.previews
