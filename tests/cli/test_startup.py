"""A command loads only what it uses: `reminder --help` starts without the register's
and the readers' libraries, and `reminder actions` on a migrated register without
Alembic or the readers (issue 13). What is imported is asserted, never how long it took:
the figures come from bench/startup.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reminder.cli.app import app

_PROBE = """
import json, sys
from reminder.cli import main
sys.argv = ["reminder", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def _loaded(args: list[str], cwd: Path, database: str) -> tuple[set[str], str]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "REMINDER_DATABASE_URL": database},
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1])), proc.stdout


def test_help_loads_no_database_reader_or_migration_library(tmp_path: Path) -> None:
    loaded, shown = _loaded(["--help"], tmp_path, f"sqlite:///{tmp_path / 'r.db'}")
    assert not loaded & {"sqlalchemy", "sqlmodel", "pydantic", "alembic", "openpyxl", "jinja2"}
    for command in ("import", "actions", "send", "serve", "directory"):
        assert command in shown


def test_actions_on_a_migrated_register_loads_no_reader_or_alembic(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'r.db'}"
    _loaded(["migrate"], tmp_path, database)
    loaded, shown = _loaded(["actions"], tmp_path, database)
    assert "0 action point(s)" in shown
    assert not loaded & {"alembic", "openpyxl", "mako", "pygments", "jinja2"}


@pytest.mark.parametrize("command", [[], ["actions"], ["send"], ["serve"], ["import"]])
def test_help_started_lazily_reads_as_the_loaded_app_prints_it(
    tmp_path: Path, command: list[str]
) -> None:
    """A fresh process (commands' libraries not loaded) prints the help this process
    prints with the register, the services and the web app all imported."""
    import reminder.service.scheduler
    import reminder.web.app  # noqa: F401

    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "100", "TERM": "dumb"}
    entry = "import sys; sys.argv[0] = 'reminder'; from reminder.cli import main; main()"
    fresh = subprocess.run(
        [sys.executable, "-c", entry, *command, "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    loaded = CliRunner().invoke(app, [*command, "--help"], env=env, prog_name="reminder")
    assert loaded.exit_code == 0
    assert fresh.stdout == loaded.stdout
