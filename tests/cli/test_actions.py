"""`reminder actions`: listing as before, the editable export (XLSX, CSV) and its round
trip, through typer's CliRunner on SQLite and PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path
from unittest.mock import patch

import pytest
from openpyxl import load_workbook
from rich.console import Console
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from reminder.cli import actions as cli_actions
from reminder.cli import edit as cli_edit
from reminder.cli import story as cli_story
from reminder.cli.app import app
from reminder.cli.context import Context
from reminder.cli.export import HEADER

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
FORUM = "Shelter Cluster"
MINUTES = """# Shelter Cluster meeting, 18 November 2026

## Action points
- IOM to share the updated site list with partners by 30 November 2026
- NRC to map partners in the north by end of December 2026
- =HYPERLINK("http://x.example") partners to check the link by 15 December 2026
"""


@pytest.fixture(autouse=True)
def quiet_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No configuration file, a fixed clock, a known author and wide tables."""
    monkeypatch.chdir(tmp_path)
    for name in ("REMINDER_CONFIG", "REMINDER_DATABASE_URL", "REMINDER_USER"):
        monkeypatch.delenv(name, raising=False)
    ticks = count()
    # Each command a second after the one before: two edits are never of the same instant.
    monkeypatch.setattr("reminder.clock.now", lambda: NOW + timedelta(seconds=next(ticks)))
    for module in (cli_actions, cli_edit, cli_story):
        monkeypatch.setattr(module, "out", Console(width=400, no_color=True))
        monkeypatch.setattr(module, "err", Console(width=400, no_color=True, stderr=True))


def cli(engine: Engine, *args: str) -> Result:
    """Run `reminder ARGS` on the test's register (its engine, so that no connection of a
    command's own engine outlives the test)."""
    url = engine.url.render_as_string(hide_password=False)
    with patch.object(Context, "engine", lambda self, settings: engine):
        return CliRunner().invoke(app, ["--database", url, *args])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(engine: Engine, path: Path, *more: str) -> Result:
    result = cli(engine, "import", str(path), "--forum", FORUM, *more)
    assert result.exit_code == 0, result.output
    return result


def ids(engine: Engine) -> dict[str, int]:
    listed = cli(engine, "actions", "--format", "json")
    assert listed.exit_code == 0, listed.output
    return {row["text"]: row["id"] for row in json.loads(listed.stdout)}


def test_it_lists_the_register_as_before(engine: Engine, tmp_path: Path) -> None:
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    table = cli(engine, "actions", "--status", "open")
    assert table.exit_code == 0, table.output
    assert "3 action point(s), Shelter Cluster" in table.stdout
    listed = cli(engine, "actions", "--format", "csv", "--owner", "NRC")
    assert listed.stdout.splitlines()[0].startswith("id,forum,meeting_date,text")
    assert len(listed.stdout.strip().splitlines()) == 2
    bad = cli(engine, "actions", "--status", "finished")
    assert bad.exit_code == 2 and "'finished'; expected one of open" in bad.output


def test_it_exports_xlsx_with_the_register_id_first_and_formulas_neutralised(
    engine: Engine, tmp_path: Path
) -> None:
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    known = ids(engine)
    out = tmp_path / "export.xlsx"
    result = cli(engine, "actions", "--format", "xlsx", "--out", str(out), "--owner", "NRC")
    assert result.exit_code == 0, result.output
    assert "exported 1 action point(s)" in result.stdout
    assert f"`reminder import {out} --forum 'Shelter Cluster'` updates them" in result.stdout
    sheet = load_workbook(out).active
    assert sheet is not None
    title, *rows = list(sheet.iter_rows(values_only=True))
    assert title[0] == "Exported on 10 December 2026 from the action register"
    assert rows[0] == HEADER and rows[0][0] == "Register ID"
    assert sheet.freeze_panes == "A3" and sheet["A2"].font.b
    nrc = rows[1]
    assert nrc[:5] == (
        known["NRC to map partners in the north by end of December 2026"],
        "NRC to map partners in the north by end of December 2026",
        "NRC",
        "2026-12-31",
        "open",
    )
    assert nrc[6] == FORUM and nrc[7] == datetime(2026, 11, 18)
    everything = tmp_path / "all.xlsx"
    cli(engine, "actions", "--format", "xlsx", "--out", str(everything))
    sheet = load_workbook(everything).active
    assert sheet is not None
    formula = next(c for c in sheet["B"] if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s" and formula.quotePrefix, "text, never run as a formula"


def test_it_exports_csv_with_a_quote_before_what_would_be_a_formula(
    engine: Engine, tmp_path: Path
) -> None:
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    out = tmp_path / "export.csv"
    result = cli(engine, "actions", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        title, *rows = list(csv.reader(handle))
    assert title == ["Exported on 10 December 2026 from the action register"]
    assert tuple(rows[0]) == HEADER
    texts = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x.example") partners to check the link by 15 December 2026' in (
        texts
    )
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_xlsx_needs_a_file_and_a_file_is_xlsx_or_csv(engine: Engine, tmp_path: Path) -> None:
    result = cli(engine, "actions", "--format", "xlsx")
    assert result.exit_code == 2 and "add --out FILE" in result.output
    wrong = cli(engine, "actions", "--format", "json", "--out", str(tmp_path / "a.json"))
    assert wrong.exit_code == 2 and "--out writes xlsx or csv, not json" in wrong.output
    by_name = cli(engine, "actions", "--out", str(tmp_path / "a.csv"))
    assert by_name.exit_code == 0, by_name.output
    assert (
        (tmp_path / "a.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("Exported on 10 December 2026 from the action register\nRegister ID,")
    )


def test_it_reads_its_own_export_back_as_a_tracker(engine: Engine, tmp_path: Path) -> None:
    """What the tracker reader sees in an unedited export: the same actions, deadlines and
    statuses (the Register ID column is read by the reader once it knows it)."""
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    cli(engine, "action", "done", str(ids(engine)["NRC to map partners in the north by end of "
        "December 2026"]))  # fmt: skip
    out = tmp_path / "export.xlsx"
    cli(engine, "actions", "--format", "xlsx", "--out", str(out))
    result = cli(engine, "extract", str(out), "--json")
    assert result.exit_code == 0, result.output
    items = {i["text"]: i for i in json.loads(result.stdout)}
    nrc = items["NRC to map partners in the north by end of December 2026"]
    assert (nrc["owners"], nrc["due_date"], nrc["status"]) == (["NRC"], "2026-12-31", "done")
    assert len(items) == 3


def test_an_edited_export_updates_exactly_those_actions_by_id(
    engine: Engine, tmp_path: Path
) -> None:
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    known = ids(engine)
    out = tmp_path / "export.xlsx"
    cli(engine, "actions", "--format", "xlsx", "--out", str(out), "--owner", "NRC")
    book = load_workbook(out)
    sheet = book.active
    assert sheet is not None
    sheet["B3"] = "NRC to map all partners in the north"  # reworded: only the id finds it
    sheet["E3"] = "Done"
    book.save(out)
    result = imported(engine, out)
    assert "new 0, updated 1" in result.stdout, result.stdout
    after = ids(engine)
    assert set(after.values()) == set(known.values())
    assert (
        after["NRC to map all partners in the north"]
        == known["NRC to map partners in the north by end of December 2026"]
    )
    done = cli(engine, "actions", "--status", "done", "--format", "json")
    assert [r["text"] for r in json.loads(done.stdout)] == ["NRC to map all partners in the north"]
    assert date(2026, 12, 31).isoformat() in done.stdout
