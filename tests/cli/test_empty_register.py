"""`reminder actions` on an empty SQLite register answers without SQLAlchemy (issue 13):
what it prints and its exit code are those of the usual path, which the probe hands
every case it cannot tell for certain (another backend, no file yet, an older schema,
a register with actions)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest.mock import patch

import pytest
from rich.console import Console
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from reminder.cli import actions as cli_actions
from reminder.cli.app import app
from reminder.register.engine import make_engine, migrate
from reminder.register.probe import head_revision, holds_no_action
from tests.cli.test_startup import _loaded

LISTINGS = [
    [],
    ["--format", "csv"],
    ["--format", "json"],
    ["--status", "open", "--status", "done"],
    ["--overdue", "--today", "2026-12-01"],
    ["--owner", "IOM", "--organisation", "UNHCR", "--due-before", "2027-01-31"],
]


@pytest.fixture(autouse=True)
def quiet_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("REMINDER_CONFIG", "REMINDER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli_actions, "out", Console(width=120, no_color=True))
    monkeypatch.setattr(cli_actions, "err", Console(width=120, no_color=True, stderr=True))


def migrated(path: Path, revision: str = "head") -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine=engine, revision=revision)
    engine.dispose()
    return url


def run(url: str, *args: str, probe: bool = True) -> Result:
    if probe:
        return CliRunner().invoke(app, ["--database", url, "actions", *args])
    with patch.object(cli_actions, "holds_no_action", lambda url: False):
        return CliRunner().invoke(app, ["--database", url, "actions", *args])


@pytest.mark.parametrize("args", LISTINGS)
def test_an_empty_register_lists_as_the_usual_path_does(tmp_path: Path, args: list[str]) -> None:
    url = migrated(tmp_path / "r.db")
    assert holds_no_action(url)
    quick, usual = run(url, *args), run(url, *args, probe=False)
    assert (quick.exit_code, quick.stdout, quick.stderr) == (
        usual.exit_code,
        usual.stdout,
        usual.stderr,
    )
    assert quick.exit_code == 0


def test_bad_values_are_refused_as_before_on_an_empty_register(tmp_path: Path) -> None:
    url = migrated(tmp_path / "r.db")
    for args in (["--due-before", "soon"], ["--status", "late"], ["--forum", "Nowhere"]):
        quick, usual = run(url, *args), run(url, *args, probe=False)
        assert quick.exit_code == usual.exit_code == 2, args
        assert quick.stderr == usual.stderr


def test_the_quick_answer_loads_no_database_library(tmp_path: Path) -> None:
    url = migrated(tmp_path / "r.db")
    loaded, shown = _loaded(["actions", "--format", "json"], tmp_path, url)
    assert shown.strip() == "[]"
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "psycopg"}


def test_a_register_with_an_action_takes_the_usual_path(tmp_path: Path) -> None:
    url = migrated(tmp_path / "r.db")
    minutes = tmp_path / "minutes.md"
    minutes.write_text(
        "# Shelter Cluster meeting, 18 November 2026\n\n## Action points\n"
        "- IOM to share the site list by 30 November 2026\n",
        encoding="utf-8",
    )
    imported = CliRunner().invoke(
        app, ["--database", url, "import", str(minutes), "--forum", "Shelter Cluster"]
    )
    assert imported.exit_code == 0, imported.output
    assert not holds_no_action(url)
    assert "IOM" in run(url).stdout


def test_no_file_yet_is_created_by_the_usual_path(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert not holds_no_action(url)
    assert not (tmp_path / "new.db").exists()  # the probe never creates the file
    result = run(url)
    assert result.exit_code == 0 and "0 action point(s)" in result.stdout
    assert (tmp_path / "new.db").exists()
    assert holds_no_action(url)


def test_an_older_schema_is_upgraded_by_the_usual_path(tmp_path: Path) -> None:
    url = migrated(tmp_path / "r.db", revision="0006")
    assert head_revision() != "0006"
    assert not holds_no_action(url)
    assert run(url).exit_code == 0
    with sqlite3.connect(tmp_path / "r.db") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]


def test_a_file_that_is_no_register_gives_the_usual_error(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    assert not holds_no_action(url)
    quick, usual = run(url), run(url, probe=False)
    assert quick.exit_code == usual.exit_code != 0
    assert quick.output == usual.output


def test_other_backends_and_url_forms_are_not_probed(engine: Engine, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    plain = url.startswith("sqlite:///")
    assert holds_no_action(url) is plain  # SQLite here; PostgreSQL takes the usual path
    path = tmp_path / "r.db"
    migrated(path)
    assert holds_no_action(str(path))  # a bare path means SQLite
    assert not holds_no_action(f"sqlite+pysqlite:///{path}")
    assert not holds_no_action(f"sqlite:///{path}?timeout=5")
