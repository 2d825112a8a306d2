"""Configuration: defaults without a file, environment overrides, errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.config import DEFAULT_DATABASE, load_settings
from reminder.errors import ConfigError


def test_it_works_without_any_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.database_url == DEFAULT_DATABASE
    assert settings.forum("anything").working_days == (0, 1, 2, 3, 4)


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[database]\nurl = "sqlite:///file.db"\n')
    settings = load_settings(config_path=path, environ={"REMINDER_DATABASE_URL": "sqlite:///env.db"})
    assert settings.database_url == "sqlite:///env.db"


def test_it_reads_a_forum_working_week_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(
        '[forums."CXB CPSS"]\naliases = ["CPSS"]\n'
        'working_days = ["sun", "mon", "tue", "wed", "thu"]\ntimezone = "Asia/Dhaka"\n'
    )
    forum = load_settings(config_path=path, environ={}).forum("cpss")
    assert forum.name == "CXB CPSS"
    assert forum.working_days == (0, 1, 2, 3, 6)
    assert forum.timezone == "Asia/Dhaka"


def test_it_names_every_bad_key_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(
        '[forums.wg]\nworking_days = ["funday"]\ntimezone = "Mars/Olympus"\n[database]\nurl = 5\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config_path=path, environ={})
    message = str(caught.value)
    assert f"{path}: forums.'wg'.working_days: 'funday' is not a weekday" in message
    assert "forums.'wg'.timezone: unknown time zone 'Mars/Olympus'" in message
    assert "database.url must be a non-empty string" in message


def test_it_reports_invalid_toml_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text("[database\n")
    with pytest.raises(ConfigError, match=str(path)):
        load_settings(config_path=path, environ={})


def test_it_reports_a_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(config_path=tmp_path / "nope.toml", environ={})
