"""A fuzz test over the values the command line takes (issue 10): for every option and
argument that takes a value, hostile values (huge, negative, NaN and infinite numbers,
dates out of range, empty, unicode, control characters, bytes that are not UTF-8, very
long strings) end in exit 0, 1 or 2 (2 naming the option), never a traceback, never a
hang, and leave the register as it was when the command failed.

Commands run in-process (typer's CliRunner) against a copy of one register seeded with
the example directory and minutes; `serve` is stopped before its loop starts.
"""

from __future__ import annotations

import faulthandler
import itertools
import os
import shutil
import sqlite3
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from reminder.cli import app
from reminder.errors import ReminderError

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
MINUTES = EXAMPLES / "minutes" / "2023-06-19_cxb-cpss.md"
# A command that runs longer than this is taken for a hang: the process is stopped
# with every thread's stack on stderr (a guard, not a timed assertion).
HANG = 120

NASTY = [
    "",
    " ",
    "-",
    "--",
    "-1",
    "0",
    "1",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "1e-309",
    "0x10",
    "1_000",
    "9" * 30,
    "-" + "9" * 30,
    str(2**31),
    str(2**63),
    "\u0663",  # an Arabic-Indic digit
    "\u00b2",  # a superscript two: a digit to str.isdigit, not to int()
    "0001-01-01",
    "1969-12-31",
    "1970-01-01",
    "2199-12-31",
    "2200-01-01",
    "9999-12-31",
    "2023-02-29",
    "2023-13-01",
    "20230619",
    "2023-W25-1",
    "2023-06-19T24:00",
    "2023-06-19T09:00+24:00",
    "1970-01-01T00:00+23:59",
    "2199-12-31T23:59:59-23:59",
    "\udcff",  # the byte 0xff in argv, as Python decodes it
    "a\udce9b",
    "a\x1b[31mb",
    "\x7f",
    "line\nbreak",
    "\u202eevil",
    "\ufeff",
    "\u200b",
    "x" * 5_000,
    "%s%n%x",
    "'; DROP TABLE actionpoint; --",
    "%",
    "_",
    "*",
    "..",
    "CPSS",
    "cpss monthly",
    "C.P.S.S.",
    "Tarek",
    "debug",
    "WARNING",
    "csv",
    "json",
    "xlsx",
    "open",
    "in_progress",
    "--help",
]

_ISO_OFFSET = st.builds(
    lambda sign, minutes: f"{sign}{minutes // 60:02d}:{minutes % 60:02d}",
    st.sampled_from("+-"),
    st.integers(0, 24 * 60),
)
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_characters="\x00"), max_size=40),
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.builds(lambda t, z: t.isoformat() + z, st.datetimes(), st.one_of(st.just(""), _ISO_OFFSET)),
)


@dataclass(frozen=True)
class Case:
    """One value a command takes: `args(value)` is the command line; the option's name
    is what an exit 2 must say."""

    name: str
    args: Callable[[str], list[str]]


def _option(name: str, *before: str, after: tuple[str, ...] = ()) -> Case:
    return Case(name, lambda v: [*before, name, v, *after])


def _argument(name: str, *before: str, after: tuple[str, ...] = ()) -> Case:
    return Case(name, lambda v: [*before, v, *after])


def _path(name: str, *before: str, after: tuple[str, ...] = ()) -> Case:
    """A path value, kept inside the run's folder: a hostile name, never a real file
    elsewhere (the tests may run as root)."""
    return Case(name, lambda v: [*before, name, "./" + v.replace("..", "_"), *after])


def _path_argument(*before: str, after: tuple[str, ...] = ()) -> Case:
    return Case("PATH", lambda v: [*before, "./" + v.replace("..", "_"), *after])


MINUTES_ARG = str(MINUTES)
CASES = [
    _option("--now", "send", "digests", "--dry-run"),
    _option("--now", "send", "escalations", "--dry-run"),
    _option("--now", "send", "report", "--dry-run"),
    _option("--now", "send", "pre-meeting", "--dry-run"),
    _option("--now", "send", "digests"),
    _option("--to", "send", "digests", "--dry-run"),
    _option("--forum", "send", "escalations", "--dry-run"),
    _option("--now", "preview", "digests", "--to", "CPSS", after=("--out", "preview")),
    _option("--to", "preview", "report", after=("--out", "preview")),
    _option("--forum", "preview", "digests", "--to", "CPSS", after=("--out", "preview")),
    _option("--to", "history"),
    _option("--kind", "history"),
    _option("--limit", "history"),
    _option("--owner", "actions"),
    _option("--organisation", "actions"),
    _option("--status", "actions"),
    _option("--due-before", "actions"),
    _option("--forum", "actions"),
    _option("--format", "actions"),
    _option("--today", "actions", "--overdue"),
    _option("--format", "actions", after=("--out", "export.csv")),
    _option("--days", "overview"),
    _option("--today", "overview"),
    _option("--forum", "overview"),
    _option("--meeting-date", "extract", MINUTES_ARG),
    _option("--next-meeting", "extract", MINUTES_ARG, "--json"),
    _option("--meeting-date", "import", MINUTES_ARG),
    _option("--next-meeting", "import", MINUTES_ARG),
    _option("--forum", "import", MINUTES_ARG),
    _option("--forum", "import", MINUTES_ARG, "--new-forum"),
    _option("--date", "meeting", "set", "--forum", "CPSS"),
    _option("--forum", "meeting", "set", "--date", "2023-07-17"),
    _option("--title", "meeting", "set", "--forum", "CPSS", "--date", "2023-07-17"),
    _option("--date", "meeting", "cancel", "--forum", "CPSS"),
    _option("--forum", "meeting", "list"),
    _argument("ID", "action", "show"),
    _argument("ID", "action", "done"),
    _argument("ID", "action", "set", after=("--text", "Share the tool")),
    _option("--due", "action", "set", "1"),
    _option("--owner", "action", "set", "1"),
    _option("--text", "action", "set", "1"),
    _option("--note", "action", "start", "2"),
    _option("--by", "action", "cancel", "3"),
    _argument("A", "actions", "merge", after=("2",)),
    _argument("B", "actions", "merge", "1"),
    _option("--tick", "serve"),
    _option("--log-level", "serve"),
    _path("--out", "actions", "--format", "csv"),
    _path("--out", "actions", "--format", "xlsx"),
    _path("--templates", "send", "digests", "--dry-run"),
    _path("--templates", "serve"),
    _option("--web-port", "serve"),
    _option("--port", "web"),
    _option("--host", "web"),
    _option("--meeting", "export", "review", "--forum", "CPSS", after=("--out", "review.docx")),
    _option("--format", "export", "review", "--forum", "CPSS", after=("--out", "review.docx")),
    _option("--by", "export", "review", "--forum", "CPSS", after=("--out", "review.docx")),
    _option("--forum", "export", "review", "--meeting", "2023-07-17", after=("--out", "r.xlsx")),
    _path("--out", "export", "review", "--forum", "CPSS", "--meeting", "2023-07-17"),
    _path_argument("import"),
    _path_argument("extract"),
    _path_argument("directory", "import"),
    # Given again, a global option wins over the run's own.
    _path("--config", after=("status",)),
    _path("--database", after=("actions",)),
]


def _dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register with the example directory and minutes (copied for each example)."""
    folder = tmp_path_factory.mktemp("seeded")
    database = f"sqlite:///{folder / 'register.db'}"
    config = ["--config", str(ROOT / "config" / "reminder.toml"), "--database", database]
    runner = CliRunner()
    for args in (
        ["directory", "import", str(EXAMPLES / "directory.csv")],
        ["import", *map(str, sorted((EXAMPLES / "minutes").iterdir()))],
    ):
        result = runner.invoke(app, [*config, *args])
        assert result.exit_code == 0, result.output
    return folder / "register.db"


@pytest.fixture(scope="module")
def command() -> object:
    """The command tree, built once (building it took half of each run)."""
    return typer.main.get_command(app)


@pytest.fixture
def workspace(
    seeded: Path, command: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[list[str]], tuple[Result, bool]]]:
    """Runs one command line against a fresh copy of the seeded register, in a folder of
    its own; returns the result and whether the register was left as it was."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("REMINDER_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("REMINDER_OUTBOX", str(tmp_path / "outbox"))
    # `serve` with good values would run until stopped: it stops where its loop starts,
    # after every value was checked and every resource built.
    monkeypatch.setattr("reminder.service.serve.serve", _no_loop)
    monkeypatch.setattr("reminder.logs.configure", lambda **_: None)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _: command)
    config = str(ROOT / "config" / "reminder.toml")
    runner = CliRunner()
    runs = itertools.count()

    def run(args: list[str]) -> tuple[Result, bool]:
        # A register of its own for each run, whatever a previous one left open.
        database = tmp_path / f"register-{next(runs)}.db"
        shutil.copy(seeded, database)
        before = _dump(database)
        faulthandler.dump_traceback_later(HANG, exit=True)
        try:
            result = runner.invoke(
                app, ["--config", config, "--database", f"sqlite:///{database}", *args]
            )
        finally:
            faulthandler.cancel_dump_traceback_later()
        return result, _dump(database) == before

    yield run


async def _no_loop(**_: object) -> None:
    return None


def _check(case: Case, value: str, result: Result, unchanged: bool) -> None:
    """What must hold for every command line, whatever the value."""
    said = result.output
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        # The console script turns a ReminderError into its message and exit 1.
        assert isinstance(exc, ReminderError), "".join(
            traceback.format_exception(*result.exc_info)  # type: ignore[misc]
        )
        said += str(exc)
        code = 1
    else:
        code = result.exit_code
    where = f"{case.args(value)!r} exited {code}:\n{said[-2000:]}"
    assert code in (0, 1, 2), where
    assert "Traceback" not in said, where
    if code == 2:
        named = case.name in said or (case.name.isalpha() and "argument" in said)
        assert named or "No such option" in said, where
    if code != 0:
        assert unchanged, f"the register changed: {where}"


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=st.sampled_from(CASES), value=VALUES)
def test_a_hostile_value_is_a_clean_exit(
    workspace: Callable[[list[str]], tuple[Result, bool]], case: Case, value: str
) -> None:
    result, unchanged = workspace(case.args(value))
    _check(case, value, result, unchanged)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.args('V')[0]}:{c.name}")
def test_each_value_taking_option_refuses_the_worst_values_cleanly(
    workspace: Callable[[list[str]], tuple[Result, bool]], case: Case
) -> None:
    """Every case, whatever the draw above picked: a byte that is not UTF-8 and a
    number no integer type holds."""
    for value in ("\udcff", "9" * 30):
        result, unchanged = workspace(case.args(value))
        _check(case, value, result, unchanged)


# Found by this test in commands of cli/notices.py and cli/service.py.
@pytest.mark.parametrize("verb", ["set", "cancel"])
def test_a_meeting_date_out_of_range_exits_2(
    workspace: Callable[[list[str]], tuple[Result, bool]], verb: str
) -> None:
    result, unchanged = workspace(["meeting", verb, "--forum", "CPSS", "--date", "9999-12-31"])
    assert result.exit_code == 2 and "--date" in result.output and unchanged, result.output


def test_preview_into_a_file_exits_with_a_message(
    workspace: Callable[[list[str]], tuple[Result, bool]], tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    result, _ = workspace(["preview", "digests", "--to", "CPSS", "--out", "taken"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (1, 2) and "taken" in result.output
