"""Every number of the configuration is checked (issue 10): a non-number or a number out
of range is a problem naming the file and the key (or the environment variable), never a
traceback, and `check-config` refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reminder.cli import app
from reminder.config.load import load_settings
from reminder.errors import ConfigError

# (TOML table, key, the value's name in a problem, a good value, an out-of-range value)
NUMBERS = [
    ("smtp", "port", "smtp.port", "2525", "65536"),
    ("smtp", "timeout", "smtp.timeout", "2.5", "601"),
    ("smtp", "rate_per_minute", "smtp.rate_per_minute", "60", "0"),
    ("smtp", "concurrency", "smtp.concurrency", "2", "65"),
    ("smtp", "max_attempts", "smtp.max_attempts", "3", "0"),
    ("smtp", "backoff_seconds", "smtp.backoff_seconds", "0.5", "-1"),
    ("rules", "horizon_days", "rules.horizon_days", "10", "366"),
    ("rules", "pre_meeting_days", "rules.pre_meeting_days", "2", "-1"),
    ("rules.schedule", "report_days", "rules.schedule.report_days", "1", "31"),
    ("rules.schedule", "catch_up_hours", "rules.schedule.catch_up_hours", "12", "0"),
    ('forums."WG"', "horizon_days", "forums.'WG'.horizon_days", "3", "99999999999999999999"),
    ('forums."WG"', "pre_meeting_days", "forums.'WG'.pre_meeting_days", "1", "61"),
    ('forums."WG".schedule', "report_days", "forums.'WG'.schedule.report_days", "0", "-5"),
    (
        'forums."WG".schedule',
        "catch_up_hours",
        "forums.'WG'.schedule.catch_up_hours",
        "48",
        "337",
    ),
]
NOT_NUMBERS = ['"abc"', '"12"', "true", "nan", "inf", "-inf", "[1]", "{ a = 1 }", '""']


def _toml(table: str, key: str, value: str) -> str:
    head = f"[{table}]\n"
    host = 'host = "smtp.example.org"\n' if table == "smtp" else ""
    return f"{head}{host}{key} = {value}\n"


def _problems(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> str:
    path = tmp_path / "reminder.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config_path=path, environ=environ or {})
    return str(caught.value)


@pytest.mark.parametrize(("table", "key", "name", "good", "far"), NUMBERS)
def test_a_number_in_range_is_read(
    tmp_path: Path, table: str, key: str, name: str, good: str, far: str
) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(_toml(table, key, good), encoding="utf-8")
    load_settings(config_path=path, environ={})


@pytest.mark.parametrize("value", NOT_NUMBERS)
@pytest.mark.parametrize(("table", "key", "name", "good", "far"), NUMBERS)
def test_a_non_number_names_the_file_and_the_key(
    tmp_path: Path, table: str, key: str, name: str, good: str, far: str, value: str
) -> None:
    said = _problems(tmp_path, _toml(table, key, value))
    assert f"{tmp_path / 'reminder.toml'}: {name} must be a " in said, said


@pytest.mark.parametrize(("table", "key", "name", "good", "far"), NUMBERS)
def test_a_number_out_of_range_names_the_file_and_the_key(
    tmp_path: Path, table: str, key: str, name: str, good: str, far: str
) -> None:
    said = _problems(tmp_path, _toml(table, key, far))
    assert f"{tmp_path / 'reminder.toml'}: {name} must be a " in said, said
    assert " from " in said  # the range is said


@pytest.mark.parametrize("days", ['"3"', "0", "366", "1.5", "nan", "true"])
def test_an_escalation_step_of_no_whole_number_of_days_is_named(tmp_path: Path, days: str) -> None:
    said = _problems(tmp_path, f"[rules]\nescalation = [{{ days = 3 }}, {{ days = {days} }}]\n")
    assert "rules.escalation[2].days must be a whole number from 1 to 365" in said, said


def test_smtp_numbers_are_checked_without_a_host(tmp_path: Path) -> None:
    """The host often comes from the deployment's environment, later than check-config."""
    said = _problems(tmp_path, '[smtp]\nport = "abc"\nconcurrency = 0\n')
    assert "smtp.port must be a whole number" in said
    assert "smtp.concurrency must be a whole number" in said


@pytest.mark.parametrize("port", ["abc", "-1", "0", "65536", "1e3", "25.0", "\u00b2", "\u0663"])
def test_an_smtp_port_from_the_environment_names_the_variable(tmp_path: Path, port: str) -> None:
    said = _problems(
        tmp_path, "", {"REMINDER_SMTP_HOST": "smtp.example.org", "REMINDER_SMTP_PORT": port}
    )
    assert (
        f"environment: REMINDER_SMTP_PORT={port!r} must be a whole number from 1 to 65535" in said
    )


def test_check_config_lists_every_bad_number_with_its_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "reminder.toml"
    config.write_text(
        '[smtp]\nport = "abc"\ntimeout = nan\n'
        "[rules]\nhorizon_days = -1\n"
        '[forums."WG".schedule]\ncatch_up_hours = "soon"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("REMINDER_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("REMINDER_SMTP_PORT", "twenty-five")
    result = CliRunner().invoke(
        app,
        ["--config", str(config), "--database", f"sqlite:///{tmp_path / 'r.db'}", "check-config"],
    )
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in said
    for name in (
        "smtp.timeout",
        "rules.horizon_days",
        "forums.'WG'.schedule.catch_up_hours",
    ):
        assert f"{config}: {name} must be a" in said, said
    assert "environment: REMINDER_SMTP_PORT='twenty-five' must be a whole number" in said
    assert not (tmp_path / "r.db").exists(), "the register is not touched"


def test_an_unreadable_configuration_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "reminder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(config_path=folder, environ={})
    with pytest.raises(ConfigError, match="/proc/self/mem: cannot be read"):
        load_settings(config_path=Path("/proc/self/mem"), environ={})


@pytest.mark.parametrize(
    "name", ["REMINDER_SMTP_HOST", "REMINDER_SMTP_FROM", "REMINDER_OUTBOX", "REMINDER_DATABASE_URL"]
)
def test_a_variable_that_is_not_utf8_names_the_variable(tmp_path: Path, name: str) -> None:
    said = _problems(tmp_path, "", {name: "a\udcffb"})
    assert f"environment: {name} is not valid UTF-8 text" in said
