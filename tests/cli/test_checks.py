"""`reminder check-config` refuses what would fail at send time."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from reminder.cli import app


def check(tmp_path: Path, toml: str, database: str) -> tuple[int, str]:
    config = tmp_path / "reminder.toml"
    config.write_text(toml, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--config", str(config), "--database", database, "check-config"]
    )
    return result.exit_code, result.output


def test_a_coordinator_named_but_not_in_the_directory_is_refused(tmp_path: Path) -> None:
    code, said = check(
        tmp_path, '[forums.wg]\ncoordinators = ["Ana Lopez"]\n', f"sqlite:///{tmp_path / 'r.db'}"
    )
    assert code == 1
    assert "forums.'wg'.coordinators: 'Ana Lopez' is no contact of the directory" in said


def test_a_register_that_cannot_be_opened_is_refused_without_its_password(
    tmp_path: Path,
) -> None:
    code, said = check(tmp_path, "", "postgresql://ana:s3cret@127.0.0.1:1/register")
    assert code == 1
    assert "database.url" in said and "127.0.0.1" in said and "s3cret" not in said


def test_a_good_configuration_passes(tmp_path: Path) -> None:
    code, said = check(
        tmp_path,
        '[forums.wg]\ncoordinators = ["ana@example.org"]\n',
        f"sqlite:///{tmp_path / 'r.db'}",
    )
    assert code == 0, said
    assert "configuration OK" in said
