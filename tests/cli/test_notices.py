"""`reminder send` and `reminder preview` as a user runs them: dry-run counts and `--to`."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli.test_app import reminder

ROOT = Path(__file__).parents[2]
CONFIG = str(ROOT / "config" / "reminder.toml")
NOW = ("--now", "2023-07-20T09:00+06:00")
NOT_FOUND = (
    "no contact, organisation or group matches 'XYZ' (tried contact names and emails, "
    "organisation names, acronyms and aliases, group names)"
)


def make_register(where: Path) -> Path:
    """A register with the example directory and minutes, in `where`."""
    for args in (
        ("directory", "import", str(ROOT / "examples" / "directory.csv")),
        ("import", *sorted(str(p) for p in (ROOT / "examples" / "minutes").iterdir())),
    ):
        result = reminder("--config", CONFIG, *args, cwd=where)
        assert result.returncode == 0, result.stderr
    return where


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A register of its own, for a test that sends."""
    return make_register(tmp_path)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One register for the tests that send nothing (dry runs, previews, errors)."""
    return make_register(tmp_path_factory.mktemp("register"))


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())  # rich boxes long messages


def test_a_dry_run_after_a_real_run_says_planned_already_sent_and_would_send(
    folder: Path,
) -> None:
    before = reminder("--config", CONFIG, "send", "digests", "--dry-run", *NOW, cwd=folder)
    assert "planned 16, already sent 0, would send 16" in flat(before.stdout)
    sent = reminder("--config", CONFIG, "send", "digests", *NOW, cwd=folder)
    assert sent.returncode == 0, sent.stderr
    after = reminder("--config", CONFIG, "send", "digests", "--dry-run", *NOW, cwd=folder)
    assert after.returncode == 0, after.stderr
    assert "digests (dry run): planned 16, already sent 16, would send 0" in flat(after.stdout)
    assert "0 digests would be sent now" in flat(after.stdout)
    assert "16 digests would be sent" not in flat(after.stdout)


def test_to_by_acronym_lists_the_organisations_people(shared: Path) -> None:
    result = reminder(
        "--config", CONFIG, "send", "digests", "--to", "IOM", "--dry-run", *NOW, cwd=shared
    )
    assert result.returncode == 0, result.stderr
    assert "planned 3, already sent 0, would send 3" in flat(result.stdout)
    for email in ("jennifer@iom.example.org", "frank@iom.example.org", "nazmun@iom.example.org"):
        assert email in result.stdout


@pytest.mark.parametrize("command", ["send", "preview"])
def test_to_that_matches_nothing_says_what_it_tried_and_does_not_blame_the_directory(
    shared: Path, command: str
) -> None:
    result = reminder("--config", CONFIG, command, "digests", "--to", "XYZ", *NOW, cwd=shared)
    assert result.returncode == 2
    message = flat(result.stderr)
    assert NOT_FOUND in message and "--to" in message
    assert "directory import" not in message + result.stdout
    assert "Traceback" not in result.stderr


def test_preview_by_group_writes_one_mail_per_member_with_items(
    shared: Path, tmp_path: Path
) -> None:
    result = reminder(
        "--config",
        CONFIG,
        "preview",
        "digests",
        "--to",
        "cpss coordination team",
        "--out",
        str(tmp_path / "preview"),
        *NOW,
        cwd=shared,
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "preview").glob("*.txt"))) == 4


def test_a_large_dry_run_lists_its_first_mails_and_says_how_to_see_any_other(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from reminder.cli import notices
    from reminder.cli.app import app

    for name in [k for k in os.environ if k.startswith("REMINDER_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(shared)
    monkeypatch.setattr(notices, "PREVIEW_ROWS", 5)
    result = CliRunner().invoke(
        app, ["--config", CONFIG, "send", "digests", "--dry-run", *NOW], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "planned 16, already sent 0, would send 16" in text
    assert "16 digests would be sent now" in text
    assert "the first 5 shown; `reminder preview digests --to ADDRESS` renders any one" in text
    assert len(set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", result.output))) == 5
