"""The example configuration shipped in config/ must always load."""

from pathlib import Path

from reminder.config.load import load_settings


def test_the_shipped_example_configuration_is_valid() -> None:
    path = Path(__file__).parents[2] / "config" / "reminder.toml"
    settings = load_settings(config_path=path, environ={})
    assert settings.forum("CPSS").working_days == (0, 1, 2, 3, 6)
    assert settings.forum("CPSS").coordinators == ("tarek.akkad@cpss.example.org",)
