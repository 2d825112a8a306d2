"""The `reminder` command end to end, as a user runs it (a real process, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED_2019 = FIXTURES / "minutes" / "000_269016093f408b22.txt"
SEED_2023 = FIXTURES / "minutes" / "001_1a84e44fc280ee80.txt"


def reminder(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    env["COLUMNS"] = "200"
    return subprocess.run(
        [sys.executable, "-m", "reminder", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_extract_prints_the_json_contract(tmp_path: Path) -> None:
    result = reminder("extract", str(SEED_2023), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert all(
        set(item) == {"text", "owners", "due_phrase", "due_date", "status"} for item in items
    )
    dpisp = next(i for i in items if i["text"].startswith("DPISP"))
    assert dpisp == {
        "text": "DPISP finalization by the end of July",
        "owners": ["CPSS", "CMTWG"],
        "due_phrase": "by the end of July",
        "due_date": "2023-07-31",
        "status": "open",
    }
    assert not (tmp_path / "reminder.db").exists(), "extract must not touch the register"


def test_extract_takes_the_meeting_date_from_the_command_line(tmp_path: Path) -> None:
    result = reminder(
        "extract", str(SEED_2023), "--json", "--meeting-date", "2024-06-19", cwd=tmp_path
    )
    items = json.loads(result.stdout)
    dpisp = next(i for i in items if i["text"].startswith("DPISP"))
    assert dpisp["due_date"] == "2024-07-31"


def test_extract_shows_a_readable_table(tmp_path: Path) -> None:
    result = reminder("extract", str(SEED_2019), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Jennifer to share report with WG." in result.stdout
    assert "Mon 09 Sep 2019" in result.stdout


def test_import_then_actions_lists_the_register(tmp_path: Path) -> None:
    first = reminder("import", str(SEED_2019), str(SEED_2023), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "new 32, updated 0, unchanged 0" in first.stdout
    again = reminder("import", str(SEED_2019), str(SEED_2023), cwd=tmp_path)
    assert "new 0, updated 0, unchanged 32" in again.stdout
    listed = reminder("actions", "--format", "json", "--owner", "Jennifer", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 3


def test_actions_writes_csv(tmp_path: Path) -> None:
    reminder("import", str(SEED_2023), cwd=tmp_path)
    result = reminder("actions", "--format", "csv", "--status", "in_progress", cwd=tmp_path)
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("id,forum,meeting_date,text")
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.docx"], "missing.docx: no such file"),
        (["extract", "notes.pdf"], "notes.pdf: damaged PDF"),
        (["import", "notes.pdf"], "nothing was imported"),
        (["actions", "--status", "finished"], "'finished'; expected one of"),
        (["extract", "x.txt", "--meeting-date", "19/06/2023"], "expected YYYY-MM-DD"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_non_zero_exit(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "x.txt").write_text("Jennifer to share report with WG.\n")
    result = reminder(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert message in " ".join((result.stderr + result.stdout).split())
    assert "Traceback" not in result.stderr
