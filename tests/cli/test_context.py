"""What every command shares: the settings the global options give."""

from __future__ import annotations

from pathlib import Path

from reminder.cli.context import Context

ROOT = Path(__file__).parents[2]


def test_database_changes_the_register_only() -> None:
    config = ROOT / "config" / "reminder.toml"
    plain = Context(config=config, database=None).settings()
    moved = Context(config=config, database="sqlite:///elsewhere.db").settings()
    assert moved.database_url == "sqlite:///elsewhere.db"
    assert moved.mail == plain.mail
    assert moved.forums == plain.forums and moved.defaults == plain.defaults
    assert moved.mail.sender == "Action point reminders <reminders@example.org>"
