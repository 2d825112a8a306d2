"""Addresses in the configuration are refused when a mail could not carry them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.config.load import load_settings
from reminder.errors import ConfigError


@pytest.mark.parametrize("value", ["a@x.org, b@x.org", "a@x.org; b@x.org", "coordination", "a@b@c"])
def test_a_reply_to_that_is_not_one_address_is_a_problem_naming_the_key(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(f'[forums.wg]\nreply_to = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config_path=path, environ={})
    assert f"{path}: forums.'wg'.reply_to is '{value}'" in str(error.value)


def test_one_address_with_a_quoted_name_holding_a_comma_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text('[mail]\nreply_to = "\\"Doe, Jane\\" <jane@x.org>"\n', encoding="utf-8")
    assert load_settings(config_path=path, environ={}).mail.reply_to == '"Doe, Jane" <jane@x.org>'


def test_the_web_settings_name_their_key_and_never_show_the_secret(tmp_path: Path) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(
        '[web]\nbase_url = "ftp://x"\nlink_days = 0\nsecret_key = "k"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_settings(config_path=path, environ={"REMINDER_SECRET_KEY": "short-secret"})
    text = str(error.value)
    assert f"{path}: web.base_url is 'ftp://x'; expected https://host[/path]" in text
    assert f"{path}: web.link_days must be a whole number from 1 to 365" in text
    assert f"{path}: web.secret_key must not be in the file" in text
    assert "REMINDER_SECRET_KEY must be at least 32 characters" in text
    assert "short-secret" not in text


def test_a_base_url_without_a_key_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="REMINDER_SECRET_KEY is not"):
        load_settings(config_path=None, environ={"REMINDER_BASE_URL": "https://r.example.org"})
