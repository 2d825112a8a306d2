"""The outbox and the SQLite register are readable by their owner only."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reminder.delivery.outbox.mailer import OutboxMailer
from reminder.register.engine import make_engine, migrate
from tests.smtp_server import sample_mail


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems have: what it lets through, these files must not."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_outbox_folder_and_its_mails_are_private(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    asyncio.run(OutboxMailer(outbox).send([sample_mail()], on_result=lambda d: None))
    assert mode(outbox) == 0o700
    files = [p for p in outbox.rglob("*") if p.is_file()]
    assert files and {mode(p) for p in files} == {0o600}


def test_a_new_sqlite_register_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reminder.db"
    migrate(engine=make_engine(f"sqlite:///{path}"))
    assert mode(path.parent) == 0o700
    assert {mode(p) for p in path.parent.iterdir()} == {0o600}
