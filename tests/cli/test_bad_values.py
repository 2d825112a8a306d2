"""Every command-line value is checked at the edge: a clear exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from reminder.cli import app
from reminder.cli.context import Context
from reminder.errors import ReminderError


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["send", "digests", "--now", "9999-12-31"], "out of range"),
        (["send", "digests", "--now", "yesterday"], "not an ISO date"),
        (["actions", "--today", "0001-01-01"], "out of range"),
        (["overview", "--days", "999999999999"], "--days"),
        (["overview", "--days", "-1"], "--days"),
        (["serve", "--tick", "-1"], "not a number of seconds"),
        (["serve", "--tick", "nan"], "not a number of seconds"),
        (["serve", "--tick", "inf"], "not a number of seconds"),
        (["serve", "--log-level", "loud"], "not a log level"),
        (["history", "--limit", "0"], "--limit"),
        (["actions", "--owner", "\udcff"], "--owner"),  # the byte 0xff in argv
        (["actions", "--owner=a\udce9"], "--owner"),
        (["action", "set", "1", "--text", "a\x1b[2Jb"], "control character U+001B"),
        (["action", "show", "\udcff"], "not valid UTF-8"),
        (["action", "show", "99999999999999999999"], "ID"),
        (["action", "done", "1", str(2**31)], "ID"),
        (["actions", "merge", "1", str(2**63)], "B"),
        (["action", "set", "1", "--due", "9999-12-31"], "out of range"),
        (["import", "x.md", "--forum", " ", "--new-forum"], "--forum"),
        (["import", "x.md", "--forum", "x" * 500, "--new-forum"], "--forum"),
        (["import", "x.md", "--meeting-date", "0001-01-01"], "--meeting-date"),
        (["--database", "mysql://db/register", "actions"], "--database"),
        (["--database", "postgresql://host:abc/db", "actions"], "--database"),
        (["--database", "postgresql://[::1/db", "actions"], "--database"),
        (["--database", "x://", "actions"], "--database"),
        (["--database", "://", "actions"], "--database"),
        (["--database", "/proc/nope/register.db", "actions"], "--database"),
    ],
)
def test_a_bad_value_exits_2_with_a_message(tmp_path: Path, args: list[str], said: str) -> None:
    database = f"sqlite:///{tmp_path / 'register.db'}"
    result = CliRunner().invoke(app, ["--database", database, *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert "\udcff" not in result.output and "\x1b" not in result.output


def test_a_database_url_from_the_configuration_that_names_no_register_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMINDER_DATABASE_URL", "postgresql://ana:s3cret@host:abc/db")
    result = CliRunner().invoke(app, ["actions"])
    assert isinstance(result.exception, ReminderError)
    said = str(result.exception)
    assert said.startswith("REMINDER_DATABASE_URL: 'postgresql://…' is not a database URL")
    assert "s3cret" not in said
    config = tmp_path / "reminder.toml"
    config.write_text('[database]\nurl = "sqlite:////proc/nope/r.db"\n', encoding="utf-8")
    monkeypatch.delenv("REMINDER_DATABASE_URL")
    checked = CliRunner().invoke(app, ["--config", str(config), "check-config"])
    assert checked.exit_code == 1
    assert f"{config}: database.url: 'sqlite:////proc/nope/r.db' cannot be created" in (
        " ".join(checked.output.split())
    )


def test_an_export_never_overwrites_the_register(tmp_path: Path) -> None:
    register = tmp_path / "register.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--database", str(register), "migrate"]).exit_code == 0
    before = register.read_bytes()
    result = runner.invoke(
        app,
        [
            "--database",
            f"sqlite:///{register}",
            "actions",
            "--format",
            "csv",
            "--out",
            str(register),
        ],
    )
    assert result.exit_code == 2 and "--out" in result.output, result.output
    assert "is the register itself" in " ".join(result.output.replace("│", " ").split())
    assert register.read_bytes() == before


def test_an_author_from_the_environment_that_is_not_text_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMINDER_USER", "ana\udcff")
    database = f"sqlite:///{tmp_path / 'register.db'}"
    result = CliRunner().invoke(app, ["--database", database, "action", "done", "1"])
    assert result.exit_code == 1
    assert "environment: REMINDER_USER is not valid UTF-8 text" in result.output


LARGEST = [
    ["action", "show", str(2**31 - 1)],
    ["action", "done", str(2**31 - 1)],
    ["actions", "merge", "1", str(2**31 - 1)],
    ["actions", "--owner", "%_\\'\""],
    ["actions", "--organisation", "x" * 5000],
    ["history", "--to", "%_\\"],
    ["actions", "--due-before", "2199-12-31", "--today", "1970-01-01", "--overdue"],
]


def test_the_largest_values_allowed_are_clean_on_both_registers(engine: Engine) -> None:
    """No raw SQL error: the largest id PostgreSQL holds, LIKE's wildcards, long text."""
    url = engine.url.render_as_string(hide_password=False)
    for args in LARGEST:
        with patch.object(Context, "engine", lambda self, settings: engine):
            result = CliRunner().invoke(app, ["--database", url, *args])
        exc = result.exception
        assert exc is None or isinstance(exc, SystemExit | ReminderError), repr(exc)
        assert result.exit_code in (0, 1), (args, result.output)
        said = result.output + (str(exc) if isinstance(exc, ReminderError) else "")
        assert "psycopg" not in said and "sqlite3" not in said and "refused" not in said, said
