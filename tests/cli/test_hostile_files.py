"""`reminder import` of a hostile file: exit 1, one message naming the file, no
traceback, and the register exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reading.test_bounded import (
    bomb_docx,
    bomb_xlsx,
    far_cell_xlsx,
    huge_csv,
    long_csv,
    wide_csv,
)

SEED = Path(__file__).parents[1] / "fixtures" / "minutes" / "001_1a84e44fc280ee80.txt"


def _random_bytes(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _broken_zip(path: Path) -> Path:
    far_cell_xlsx(path)
    data = bytearray(path.read_bytes())
    data[100:400] = bytes(300)  # packed data destroyed, zip directory intact
    path.write_bytes(bytes(data))
    return path


def _reminder(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
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


def _rows(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register holding one imported set of minutes (copied by each test)."""
    folder = tmp_path_factory.mktemp("seeded")
    database = folder / "register.db"
    first = _reminder("--database", f"sqlite:///{database}", "import", str(SEED), cwd=folder)
    assert first.returncode == 0, first.stderr
    return database


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("bomb.xlsx", bomb_xlsx),
        ("bomb.docx", bomb_docx),
        ("wide.csv", wide_csv),
        ("long.csv", long_csv),
        ("huge.csv", huge_csv),
        ("noise.docx", _random_bytes),
        ("noise.pdf", _random_bytes),
        ("broken.xlsx", _broken_zip),
    ],
)
def test_it_refuses_a_hostile_file_and_leaves_the_register_as_it_was(
    tmp_path: Path, seeded: Path, name: str, build: Callable[[Path], Path]
) -> None:
    database = Path(shutil.copy(seeded, tmp_path / "register.db"))
    url = ("--database", f"sqlite:///{database}")
    before = _rows(database)
    assert sum(before.values()) > 0
    path = build(tmp_path / name)
    result = _reminder(*url, "import", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert _rows(database) == before
