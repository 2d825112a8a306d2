"""Coordinators' edits are evidence like any other, and merging keeps both histories."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.errors import InputError
from reminder.register import edits, merging
from reminder.register.engine import transaction
from reminder.register.evidence import Verdict
from reminder.register.models import ActionPoint, StatusChange
from reminder.register.queries import ActionFilter, list_actions
from reminder.service import imports as service
from tests.register.test_evidence import SETTINGS

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
TRACKER = "Action,Responsible,Status\nWASH to fix the pumps,WASH,\nWASH to test the water,WASH,\n"


def run(engine: Engine, path: Path, meeting_date: date) -> service.ImportSummary:
    return service.import_files(
        engine=engine,
        paths=[path],
        settings=SETTINGS,
        now=NOW,
        meeting_date=meeting_date,
        forum="WASH",
    )


@pytest.fixture
def tracker(engine: Engine, tmp_path: Path) -> Path:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    run(engine, path, date(2026, 12, 1))
    return path


def action(engine: Engine, action_id: int) -> ActionPoint:
    with Session(engine) as session:
        found = session.get(ActionPoint, action_id)
        assert found is not None
        return found


def test_a_coordinators_done_wins_over_an_older_import(engine: Engine, tracker: Path) -> None:
    with transaction(engine) as session:
        [edit] = edits.change_status(
            session=session, action_ids=[1], status="done", author="ana", now=NOW, note="seen"
        )
    assert edit.verdict is Verdict.APPLIED and (edit.before, edit.after) == ("'open'", "'done'")
    summary = run(engine, tracker, date(2026, 12, 1))
    assert action(engine, 1).status == "done"
    assert any("kept status 'done' from ana's command of 10 Dec 2026" in k for k in summary.kept)
    with Session(engine) as session:
        change = session.exec(select(StatusChange).where(StatusChange.new_status == "done")).one()
    assert (change.author, change.note) == ("coordinator ana", "seen")


def test_a_tracker_dated_after_the_edit_wins_over_it(
    engine: Engine, tracker: Path, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        edits.change_due(
            session=session, action_id=1, due=date(2026, 12, 24), author="ana", now=NOW
        )
    later = tmp_path / "later.csv"
    later.write_text(
        "Action,Responsible,Deadline,Status\nWASH to fix the pumps,WASH,31/12/2026,\n",
        encoding="utf-8",
    )
    run(engine, later, date(2026, 12, 15))
    assert action(engine, 1).due_date == date(2026, 12, 31)


def test_merging_keeps_the_history_and_later_imports_find_the_merged_wording(
    engine: Engine, tracker: Path
) -> None:
    with transaction(engine) as session:
        edits.change_status(
            session=session, action_ids=[2], status="in_progress", author="ana", now=NOW
        )
        merging.merge(session=session, keep=1, absorb=2, author="ana", now=NOW)
    kept, gone = action(engine, 1), action(engine, 2)
    assert (gone.merged_into, gone.status) == (1, "merged")
    assert kept.status == "in_progress", "the newer evidence of the absorbed action wins"
    with Session(engine) as session:
        moved = session.exec(select(StatusChange).where(col(StatusChange.action_id) == 1)).all()
    assert {c.new_status for c in moved} >= {"open", "in_progress"}
    summary = run(engine, tracker, date(2026, 12, 1))
    assert summary.new == 0
    with Session(engine) as session:
        assert len(session.exec(select(ActionPoint)).all()) == 2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s: edits.change_status(
                session=s, action_ids=[99], status="done", author="a", now=NOW
            ),
            "no action #99",
        ),
        (
            lambda s: edits.change_status(
                session=s, action_ids=[1], status="finished", author="a", now=NOW
            ),
            "'finished' is not a status",
        ),
        (
            lambda s: merging.merge(session=s, keep=1, absorb=1, author="a", now=NOW),
            "into itself",
        ),
        (
            lambda s: edits.change_text(
                session=s, action_id=1, text="WASH to test the water", author="a", now=NOW
            ),
            "merge 2 1",
        ),
    ],
)
def test_an_edit_that_cannot_be_made_says_why(
    engine: Engine, tracker: Path, call: object, message: str
) -> None:
    with pytest.raises(InputError, match=message), transaction(engine) as session:
        call(session)  # type: ignore[operator]


def test_a_merged_action_is_no_longer_listed(engine: Engine, tracker: Path) -> None:
    with transaction(engine) as session:
        merging.merge(session=session, keep=1, absorb=2, author="ana", now=NOW)
    with Session(engine) as session:
        views = list_actions(session=session, filters=ActionFilter())
    assert [v.id for v in views] == [1]


def test_an_export_edited_after_a_command_applies_its_edits_and_keeps_the_command(
    engine: Engine, tracker: Path, tmp_path: Path
) -> None:
    header = (
        "Exported on 10 December 2026 from the action register\nRegister ID,Action,Owners,Status\n"
    )
    untouched = tmp_path / "untouched.csv"
    untouched.write_text(
        header + "1,WASH to fix the pumps,WASH,open\n2,WASH to test the water,WASH,open\n",
        encoding="utf-8",
    )
    assert run(engine, untouched, date(2026, 12, 1)).updated == 0
    with transaction(engine) as session:  # after the export, before its import
        edits.change_status(
            session=session,
            action_ids=[2],
            status="done",
            author="ana",
            now=datetime(2026, 12, 10, 10, 0, tzinfo=UTC),
        )
    edited = tmp_path / "edited.csv"
    edited.write_text(
        header + "1,WASH to fix the pumps,WASH,done\n2,WASH to test the water,WASH,open\n",
        encoding="utf-8",
    )
    summary = run(engine, edited, date(2026, 12, 1))
    assert (action(engine, 1).status, action(engine, 2).status) == ("done", "done")
    assert any("#2" in k and "ana's command of 10 Dec 2026" in k for k in summary.kept)
    assert action(engine, 1).source_file == str(tracker), "an export is no source document"
