"""A failed `reminder import` changes nothing in the register, meetings included (issue
10), on SQLite and PostgreSQL: a hostile second file, a forum that matches none, and a
failure of the register itself after the first document's meeting and actions were
written (injected into the second document's write)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from sqlalchemy import Engine, MetaData, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner, Result

from reminder.cli.app import app
from reminder.cli.context import Context
from reminder.errors import ReminderError
from reminder.register.engine import transaction
from reminder.register.models import Meeting
from reminder.service import imports as service

FORUM = "Shelter Cluster"
FIRST = """# Shelter Cluster meeting, 18 November 2026

## Action points
- IOM to share the updated site list with partners by 30 November 2026
- NRC to map partners in the north by end of December 2026
"""
SECOND = """# Shelter Cluster meeting, 16 December 2026

## Action points
- IOM to share the updated site list with partners by 30 November 2026 (done)
- UNHCR to draft the winterisation plan by 15 January 2027
"""
THIRD = """# Shelter Cluster meeting, 20 January 2027

## Action points
- WFP to circulate the distribution calendar by 31 January 2027
"""


@pytest.fixture(autouse=True)
def quiet_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("REMINDER_CONFIG", "REMINDER_DATABASE_URL", "REMINDER_USER"):
        monkeypatch.delenv(name, raising=False)


def cli(engine: Engine, *args: str) -> Result:
    url = engine.url.render_as_string(hide_password=False)
    with patch.object(Context, "engine", lambda self, settings: engine):
        return CliRunner().invoke(app, ["--database", url, *args])


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    tables = MetaData()
    tables.reflect(bind=engine)
    with engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for name, table in sorted(tables.tables.items())
        }


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def earlier(engine: Engine, tmp_path: Path) -> Engine:
    """A register holding the November meeting, imported before the import that fails."""
    result = cli(engine, "import", str(write(tmp_path, "november.md", FIRST)), "--new-forum")
    assert result.exit_code == 0, result.output
    return engine


def _failed(result: Result) -> str:
    """What the user saw: the console script prints a ReminderError as one line."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        assert isinstance(exc, ReminderError), repr(exc)
        return result.output + str(exc)
    assert result.exit_code in (1, 2), result.output
    return result.output


def test_a_hostile_second_file_imports_nothing(earlier: Engine, tmp_path: Path) -> None:
    before = dump(earlier)
    good = write(tmp_path, "december.md", SECOND)
    hostile = tmp_path / "january.docx"
    hostile.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 16)
    said = _failed(cli(earlier, "import", str(good), str(hostile), "--forum", FORUM))
    assert "january.docx" in said and "Traceback" not in said
    assert dump(earlier) == before


def test_a_file_naming_an_unknown_forum_imports_nothing(earlier: Engine, tmp_path: Path) -> None:
    before = dump(earlier)
    good = write(tmp_path, "december.md", SECOND)
    other = write(tmp_path, "other.md", THIRD.replace("Shelter Cluster", "Food Security Sector"))
    said = _failed(cli(earlier, "import", str(good), str(other)))
    assert "Food Security Sector" in said
    assert dump(earlier) == before


def test_a_register_failure_after_a_meeting_was_written_imports_nothing(
    earlier: Engine, tmp_path: Path
) -> None:
    """The second document's write fails after the first's meeting, actions and status
    changes were flushed to the database: the whole import is rolled back."""
    before = dump(earlier)
    real = service.import_resolved
    calls: list[str] = []

    def failing(**kwargs: Any) -> None:
        calls.append(str(kwargs["resolved"].extraction.source))
        real(**kwargs)
        session = kwargs["session"]
        session.flush()  # the rows are in the database's transaction now
        if len(calls) == 2:
            dated = session.scalars(select(Meeting).where(Meeting.forum == FORUM)).all()
            assert len(dated) == 3, "both new meetings were written before the failure"
            raise OperationalError("INSERT ...", {}, Exception("disk I/O error"))

    december = write(tmp_path, "december.md", SECOND)
    january = write(tmp_path, "january.md", THIRD)
    with patch.object(service, "import_resolved", failing):
        said = _failed(cli(earlier, "import", str(december), str(january), "--forum", FORUM))
    assert len(calls) == 2
    assert "refused the change" in said and "Traceback" not in said
    assert dump(earlier) == before
    with transaction(earlier) as session:
        meetings = session.scalars(select(Meeting).where(Meeting.forum == FORUM)).all()
        assert [m.date.isoformat() for m in meetings if m.date] == ["2026-11-18"]


@pytest.mark.parametrize(
    "fail",
    [
        pytest.param(lambda: KeyboardInterrupt(), id="interrupted"),
        pytest.param(lambda: ReminderError("a reader's late error"), id="reminder-error"),
    ],
)
def test_an_import_stopped_half_way_by_anything_imports_nothing(
    earlier: Engine, tmp_path: Path, fail: Callable[[], BaseException]
) -> None:
    before = dump(earlier)
    real = service.import_resolved
    calls = 0

    def failing(**kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        real(**kwargs)
        kwargs["session"].flush()
        if calls == 2:
            raise fail()

    december = write(tmp_path, "december.md", SECOND)
    january = write(tmp_path, "january.md", THIRD)
    with patch.object(service, "import_resolved", failing):
        result = cli(earlier, "import", str(december), str(january), "--forum", FORUM)
    assert result.exit_code != 0
    assert dump(earlier) == before
