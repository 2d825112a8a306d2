"""Every command-line value is checked at the edge: a clear exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reminder.cli import app


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
    ],
)
def test_a_bad_value_exits_2_with_a_message(tmp_path: Path, args: list[str], said: str) -> None:
    database = f"sqlite:///{tmp_path / 'register.db'}"
    result = CliRunner().invoke(app, ["--database", database, *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
