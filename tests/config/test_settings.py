"""Configuration: defaults without a file, environment overrides, errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.config.load import load_settings
from reminder.config.settings import DEFAULT_DATABASE
from reminder.errors import ConfigError


def test_it_works_without_any_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.database_url == DEFAULT_DATABASE
    assert settings.forum("anything").working_days == (0, 1, 2, 3, 4)


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[database]\nurl = "sqlite:///file.db"\n')
    settings = load_settings(
        config_path=path, environ={"REMINDER_DATABASE_URL": "sqlite:///env.db"}
    )
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


def test_smtp_settings_come_from_the_environment_and_the_password_only_from_there(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[smtp]\nhost = "smtp.file.example"\nusername = "file-user"\n')
    settings = load_settings(
        config_path=path,
        environ={
            "REMINDER_SMTP_HOST": "smtp.env.example",
            "REMINDER_SMTP_PORT": "2525",
            "REMINDER_SMTP_PASSWORD": "s3cret",
            "REMINDER_SMTP_SECURITY": "tls",
            "REMINDER_SMTP_FROM": "CPSS <cpss@example.org>",
        },
    )
    smtp = settings.mail.smtp
    assert smtp is not None
    assert (smtp.host, smtp.port, smtp.username, smtp.password, smtp.security) == (
        "smtp.env.example",
        2525,
        "file-user",
        "s3cret",
        "tls",
    )
    assert settings.mail.sender == "CPSS <cpss@example.org>"
    assert "s3cret" not in repr(smtp)


def test_without_an_smtp_host_mail_goes_to_the_outbox(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text("[mail]\noutbox = 'mails'\n")
    mail = load_settings(config_path=path, environ={}).mail
    assert mail.smtp is None and str(mail.outbox) == "mails"


def test_a_password_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[smtp]\nhost = "h"\npassword = "oops"\n')
    with pytest.raises(ConfigError, match=r"smtp\.password must not be in the file"):
        load_settings(config_path=path, environ={})


def test_it_reads_the_escalation_ladder_and_reports_bad_steps(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(
        '[rules]\nescalation = [{days = 5, to = "owner"}, {days = 2, to = "owner", cc = "lead"}]\n'
        '[forums.wg]\nescalation = [{days = 0, to = "boss"}]\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config_path=path, environ={})
    message = str(caught.value)
    assert "forums.'wg'.escalation[1].days must be a whole number from 1 to 365" in message
    assert "forums.'wg'.escalation[1].to is 'boss'; expected one of owner, coordinator" in message
    path.write_text('[rules]\nescalation = [{days = 5}, {days = 2, cc = "lead"}]\n')
    ladder = load_settings(config_path=path, environ={}).forum("any").escalation
    assert [(s.days, s.cc) for s in ladder] == [(2, "lead"), (5, None)]


def test_it_names_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text("[rules]\nhorizon = 7\n")
    with pytest.raises(ConfigError, match=r"rules\.horizon is not a known setting"):
        load_settings(config_path=path, environ={})


def test_it_refuses_a_sender_that_is_not_an_address(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[mail]\nsender = "CPSS reminders"\n')
    with pytest.raises(ConfigError, match=r"mail\.sender is 'CPSS reminders'; expected an address"):
        load_settings(config_path=path, environ={})


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[forums.wg]\nreply_to = "the coordinator"\n',
            "forums.'wg'.reply_to is 'the coordinator'; expected an address",
        ),
        ('[rules]\nreply_to = "team@"\n', "rules.reply_to is 'team@'; expected an address"),
        (
            '[forums.wg]\ncoordinators = ["ana@@example.org"]\n',
            "forums.'wg'.coordinators has 'ana@@example.org'; expected an address",
        ),
        (
            '[database]\nurl = "mysql://db/register"\n',
            "database.url uses 'mysql'; expected sqlite:///PATH",
        ),
        (
            '[forums.wg.schedule]\nmeeting_rule = "FREQ=HOURLY"\n',
            "forums.'wg'.schedule.meeting_rule fires more often than daily",
        ),
    ],
)
def test_it_refuses_what_would_fail_at_send_time(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(config_path=path, environ={})
    assert message in str(caught.value)
