"""A coordinator edits the register: `reminder action done|start|reopen|cancel|set|show`,
`reminder actions merge` and `reminder meeting list`, through typer's CliRunner on SQLite
and PostgreSQL (the `engine` fixture). Each change is evidence dated now: it wins over
older evidence and loses to newer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.register.models import ActionPoint, StatusChange
from tests.cli.test_actions import FORUM, MINUTES, cli, ids, imported, quiet_world, write

__all__ = ["quiet_world"]  # the autouse fixture: no config, a fixed clock, wide tables

SITE_LIST = "IOM to share the updated site list with partners by 30 November 2026"
NORTH = "NRC to map partners in the north by end of December 2026"
# A tracker that speaks for 11 December, the day after the coordinator's command.
LATER_TRACKER = f"Action,Responsible,Deadline,Status\n{SITE_LIST},IOM,30/11/2026,In progress\n"


@pytest.fixture
def minutes(engine: Engine, tmp_path: Path) -> dict[str, int]:
    imported(engine, write(tmp_path, "minutes.md", MINUTES))
    return ids(engine)


def status_of(engine: Engine, action_id: int) -> str:
    with Session(engine) as session:
        action = session.get(ActionPoint, action_id)
        assert action is not None
        return action.status


def test_it_marks_actions_done_and_says_so_once(engine: Engine, minutes: dict[str, int]) -> None:
    one, two = minutes[SITE_LIST], minutes[NORTH]
    result = cli(engine, "action", "done", str(one), str(two), "--note", "shared", "--by", "Ana")
    assert result.exit_code == 0, result.output
    assert f"#{one} status 'open' -> 'done'" in result.stdout
    assert f"#{two} status 'open' -> 'done'" in result.stdout
    again = cli(engine, "action", "done", str(one))
    assert again.stdout.strip() == f"#{one} already done"
    with Session(engine) as session:
        change = session.exec(select(StatusChange).where(StatusChange.new_status == "done")).first()
    assert change is not None and (change.author, change.note) == ("coordinator Ana", "shared")


@pytest.mark.parametrize(
    ("command", "status"),
    [("start", "in_progress"), ("cancel", "cancelled"), ("reopen", "open")],
)
def test_each_status_command_sets_its_status(
    engine: Engine, minutes: dict[str, int], command: str, status: str
) -> None:
    action = minutes[NORTH]
    cli(engine, "action", "done", str(action))
    result = cli(engine, "action", command, str(action))
    assert result.exit_code == 0, result.output
    assert status_of(engine, action) == status


def test_the_author_is_reminder_user_when_not_given(
    engine: Engine, minutes: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMINDER_USER", "Bea")
    cli(engine, "action", "start", str(minutes[NORTH]))
    shown = cli(engine, "action", "show", str(minutes[NORTH]))
    assert "coordinator Bea" in shown.stdout


def test_an_unknown_id_is_an_error_that_changes_nothing(
    engine: Engine, minutes: dict[str, int]
) -> None:
    result = cli(engine, "action", "done", str(minutes[NORTH]), "999")
    assert result.exit_code == 1
    assert "there is no action #999 in the register" in result.output
    assert status_of(engine, minutes[NORTH]) == "open", "one transaction: nothing was done"
    for args in (("show", "999"), ("set", "999", "--due", "2026-12-20")):
        assert cli(engine, "action", *args).exit_code == 1


def test_set_changes_deadline_owners_and_wording(engine: Engine, minutes: dict[str, int]) -> None:
    action = str(minutes[NORTH])
    result = cli(
        engine, "action", "set", action, "--due", "2027-01-15",
        "--owner", "NRC", "--owner", "DRC", "--text", "NRC and DRC to map partners in the north",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"#{action} deadline 'by end of December 2026' -> '2027-01-15'" in result.stdout
    assert f"#{action} owners 'NRC' -> 'NRC, DRC'" in result.stdout
    assert f"#{action} text '{NORTH}' -> 'NRC and DRC to map partners in the north'" in (
        result.stdout
    )
    with Session(engine) as session:
        row = session.get(ActionPoint, int(action))
        assert row is not None
        assert (str(row.due_date), row.owners) == ("2027-01-15", ["NRC", "DRC"])


def test_set_rejects_a_bad_date_and_an_empty_request(
    engine: Engine, minutes: dict[str, int]
) -> None:
    bad = cli(engine, "action", "set", str(minutes[NORTH]), "--due", "15/01/2027")
    assert bad.exit_code == 2 and "'15/01/2027' is not a date; expected YYYY-MM-DD" in bad.output
    empty = cli(engine, "action", "set", str(minutes[NORTH]))
    assert empty.exit_code == 2 and "give --due, --owner or --text" in empty.output


def test_a_coordinators_done_wins_over_an_older_import_and_loses_to_a_newer_tracker(
    engine: Engine, minutes: dict[str, int], tmp_path: Path
) -> None:
    action = minutes[SITE_LIST]
    cli(engine, "action", "done", str(action), "--by", "Ana")
    older = imported(engine, tmp_path / "minutes.md")
    assert status_of(engine, action) == "done"
    assert "kept status 'done' from Ana's command of 10 Dec 2026" in older.stdout
    tracker = write(tmp_path, "tracker.csv", LATER_TRACKER)
    imported(engine, tracker, "--meeting-date", "2026-12-11")
    assert status_of(engine, action) == "in_progress", "the tracker speaks for a later day"
    late = cli(engine, "action", "done", str(action), "--by", "Ana")
    assert late.exit_code == 0, late.output
    assert late.stdout.startswith(f"#{action} kept status 'in_progress' from tracker.csv")
    assert "(newer than this change); 'done' not applied" in late.stdout
    assert status_of(engine, action) == "in_progress"


def test_show_tells_the_item_its_sources_and_whole_history(
    engine: Engine, minutes: dict[str, int]
) -> None:
    action = str(minutes[SITE_LIST])
    cli(engine, "action", "done", action, "--note", "list shared", "--by", "Ana")
    result = cli(engine, "action", "show", action)
    assert result.exit_code == 0, result.output
    text = result.stdout
    for expected in (
        f"Action: {SITE_LIST}",
        f"Forum: {FORUM}",
        "Meeting: Wed 18 Nov 2026",
        "Owners: IOM",
        "Resolved to: IOM -> unresolved",
        "Deadline: by 30 November 2026 (Mon 30 Nov 2026)",
        "Status: done",
        "minutes.md, line 4 (minutes.md of 18 Nov 2026)",
        "History of #",
    ):
        assert expected in text, expected
    history = text[text.index("History of #") :].splitlines()
    status_rows = [line for line in history if "│ status" in line]
    assert "open" in status_rows[0] and "import" in status_rows[0]
    assert "done" in status_rows[-1] and "coordinator Ana" in status_rows[-1]
    assert "list shared" in status_rows[-1]


def test_merge_keeps_the_absorbed_actions_history(engine: Engine, minutes: dict[str, int]) -> None:
    keep, absorb = minutes[SITE_LIST], minutes[NORTH]
    cli(engine, "action", "cancel", str(absorb), "--note", "duplicate of the site list")
    result = cli(engine, "actions", "merge", str(keep), str(absorb))
    assert result.exit_code == 0, result.output
    assert f"#{absorb} merged into #{keep}" in result.stdout
    assert f"#{keep} status 'open' -> 'cancelled' (newer evidence from #{absorb})" in (
        result.stdout
    )
    shown = cli(engine, "action", "show", str(keep))
    assert "duplicate of the site list" in shown.stdout, "B's status change is A's history now"
    assert NORTH in shown.stdout
    gone = cli(engine, "action", "show", str(absorb))
    assert f"merged into #{keep}" in gone.stdout
    listed = cli(engine, "actions", "--format", "csv")
    assert f"\n{absorb}," not in listed.stdout, "a merged action is not listed"
    again = cli(engine, "actions", "merge", str(keep), str(absorb))
    assert again.exit_code == 1 and f"action #{absorb} was merged into #{keep}" in again.output
    edit = cli(engine, "action", "done", str(absorb))
    assert edit.exit_code == 1 and "edit that" in edit.output


def test_merge_of_an_unknown_id_or_itself_is_an_error(
    engine: Engine, minutes: dict[str, int]
) -> None:
    itself = cli(engine, "actions", "merge", str(minutes[NORTH]), str(minutes[NORTH]))
    assert itself.exit_code == 1 and "cannot merge action" in itself.output
    unknown = cli(engine, "actions", "merge", str(minutes[NORTH]), "999")
    assert unknown.exit_code == 1 and "there is no action #999" in unknown.output


def test_meeting_list_shows_the_registers_meetings(engine: Engine, minutes: dict[str, int]) -> None:
    cli(engine, "meeting", "set", "--forum", FORUM, "--date", "2026-12-16", "--title", "December")
    cli(engine, "meeting", "cancel", "--forum", FORUM, "--date", "2026-12-30")
    result = cli(engine, "meeting", "list", "--forum", FORUM)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "2026" in line]
    assert "Wed 18 Nov 2026" in lines[0] and "minutes.md" in lines[0]
    assert "Wed 16 Dec 2026" in lines[1] and "December" in lines[1]
    assert "Wed 30 Dec 2026" in lines[2] and "cancelled" in lines[2]
    loose = cli(engine, "meeting", "list", "--forum", "shelter cluster meeting")
    assert loose.exit_code == 0 and f"3 meeting(s), {FORUM}" in loose.stdout
    other = cli(engine, "meeting", "list", "--forum", "Health Cluster")
    assert other.exit_code == 2 and "Shelter Cluster" in other.output, "the known forums"
