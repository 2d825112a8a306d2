"""Newer evidence wins, whatever the order of the files; one action stays one across files.

On SQLite and PostgreSQL (the `engine` fixture), through the import service, with
minutes and trackers written as files.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.settings import Settings
from reminder.register.models import ActionPoint, Fact
from reminder.register.summary import ImportSummary
from reminder.service import imports as service

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
SETTINGS = Settings()
MINUTES = """# Shelter Cluster meeting, 18 November 2026

## Action points
- IOM to share the updated site list with partners by 30 November 2026
- NRC to map partners in the north by end of December 2026
"""
TRACKER = """Action,Responsible,Deadline,Status
IOM to share updated site list with partners,IOM,15/12/2026,Done
NRC to map partners in the north,NRC,31/12/2026,
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(engine: Engine, path: Path, meeting_date: date | None = None) -> ImportSummary:
    return service.import_files(
        engine=engine,
        paths=[path],
        settings=SETTINGS,
        now=NOW,
        today=NOW.date(),
        meeting_date=meeting_date,
        forum="Shelter Cluster",
    )


def register(engine: Engine) -> dict[str, ActionPoint]:
    with Session(engine) as session:
        return {a.text: a for a in session.exec(select(ActionPoint))}


def test_older_minutes_after_a_newer_tracker_keep_the_trackers_status(
    engine: Engine, tmp_path: Path
) -> None:
    tracker = write(tmp_path, "tracker.csv", TRACKER)
    minutes = write(tmp_path, "minutes.md", MINUTES)
    run(engine, tracker, meeting_date=date(2026, 12, 9))
    summary = run(engine, minutes)
    actions = register(engine)
    assert len(actions) == 2, "the minutes' wording is the same action as the tracker's"
    site_list = actions["IOM to share updated site list with partners"]
    assert site_list.status == "done"
    assert site_list.due_date == date(2026, 12, 15)
    assert any(
        "kept status 'done' from tracker.csv of 9 Dec 2026 over 'open' from minutes.md of "
        "18 Nov 2026" in line
        for line in summary.kept
    ), summary.kept


def test_a_newer_tracker_after_older_minutes_wins(engine: Engine, tmp_path: Path) -> None:
    minutes = write(tmp_path, "minutes.md", MINUTES)
    tracker = write(tmp_path, "tracker.csv", TRACKER)
    run(engine, minutes)
    summary = run(engine, tracker, meeting_date=date(2026, 12, 9))
    actions = register(engine)
    assert len(actions) == 2
    site_list = actions["IOM to share updated site list with partners"]
    assert (site_list.status, site_list.due_date) == ("done", date(2026, 12, 15))
    assert summary.updated == 2 and not summary.kept


def test_reimporting_an_unchanged_file_is_unchanged_every_time(
    engine: Engine, tmp_path: Path
) -> None:
    minutes = write(tmp_path, "minutes.md", MINUTES)
    tracker = write(tmp_path, "tracker.csv", TRACKER)
    run(engine, minutes)
    run(engine, tracker, meeting_date=date(2026, 12, 9))
    for _ in range(2):
        again = run(engine, tracker, meeting_date=date(2026, 12, 9))
        assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
        older = run(engine, minutes)
        assert (older.new, older.updated, older.unchanged) == (0, 0, 2)


def test_two_sources_of_the_same_date_that_disagree_are_reported_not_resolved(
    engine: Engine, tmp_path: Path
) -> None:
    one = write(tmp_path, "one.csv", "Action,Responsible,Status\nWASH to fix the pumps,WASH,\n")
    two = write(tmp_path, "two.csv", "Action,Responsible,Status\nWASH to fix the pumps,WASH,Done\n")
    run(engine, one, meeting_date=date(2026, 12, 1))
    summary = run(engine, two, meeting_date=date(2026, 12, 1))
    assert register(engine)["WASH to fix the pumps"].status == "open"
    assert len(summary.conflicts) == 1 and "'done' from two.csv" in summary.conflicts[0]


def test_a_corrected_copy_of_the_same_file_replaces_its_earlier_reading(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(tmp_path, "t.csv", "Action,Responsible,Status\nWASH to fix the pumps,WASH,\n")
    run(engine, path, meeting_date=date(2026, 12, 1))
    write(tmp_path, "t.csv", "Action,Responsible,Status\nWASH to fix the pumps,WASH,Done\n")
    summary = run(engine, path, meeting_date=date(2026, 12, 1))
    assert register(engine)["WASH to fix the pumps"].status == "done"
    assert summary.updated == 1 and not summary.conflicts


def test_an_undated_file_speaks_for_its_modification_time(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Action,Responsible,Status\nWASH to fix the pumps,WASH,\n")
    stamp = datetime(2026, 11, 3, 12, 0, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    summary = run(engine, path)
    assert summary.evidence == [f"{path}: facts as of 3 Nov 2026 12:00 UTC (file modified)"]
    with Session(engine) as session:
        facts = session.exec(select(Fact)).all()
    assert {f.field for f in facts} == {"text", "owners", "due", "status"}
    assert {f.as_of for f in facts} == {datetime(2026, 11, 3, 12, 0, tzinfo=UTC)}


def test_a_similar_action_of_other_owners_is_new_and_reported_as_a_probable_duplicate(
    engine: Engine, tmp_path: Path
) -> None:
    one = write(tmp_path, "a.csv", "Action,Responsible\nShare the 4W matrix with partners,IOM\n")
    two = write(
        tmp_path, "b.csv", "Action,Responsible\nShare the 4W matrix with all partners,NRC\n"
    )
    run(engine, one, meeting_date=date(2026, 12, 1))
    summary = run(engine, two, meeting_date=date(2026, 12, 2))
    with Session(engine) as session:
        ids = sorted(a.id or 0 for a in session.exec(select(ActionPoint)))
    assert len(ids) == 2 and summary.new == 1
    [line] = summary.duplicates
    assert f"#{ids[1]} is probably #{ids[0]}" in line
    assert f"reminder actions merge {ids[0]} {ids[1]}" in line


def test_matching_keeps_distinct_actions_of_one_owner_apart(engine: Engine, tmp_path: Path) -> None:
    text = (
        "Action,Responsible\nIOM to share the site list,IOM\n"
        "IOM to share the budget,IOM\nIOM to train the site managers,IOM\n"
    )
    run(engine, write(tmp_path, "a.csv", text), meeting_date=date(2026, 12, 1))
    reworded = (
        "Action,Responsible\nIOM to share the site list.,IOM\nIOM to train site managers,IOM\n"
    )
    summary = run(engine, write(tmp_path, "b.csv", reworded), meeting_date=date(2026, 12, 8))
    assert summary.new == 0 and len(register(engine)) == 3


def test_a_trackers_own_as_of_date_dates_its_facts(engine: Engine, tmp_path: Path) -> None:
    minutes = write(tmp_path, "minutes.md", MINUTES)
    tracker = write(tmp_path, "tracker.csv", "Status as of 9 December 2026\n" + TRACKER)
    run(engine, minutes)
    summary = run(engine, tracker)
    assert summary.evidence == [f"{tracker}: facts as of 9 Dec 2026 (as of)"]
    assert register(engine)["IOM to share updated site list with partners"].status == "done"
    older = run(engine, minutes)
    assert any("from tracker.csv of 9 Dec 2026 over 'open'" in k for k in older.kept)


def test_an_exported_row_updates_exactly_its_action_by_register_id(
    engine: Engine, tmp_path: Path
) -> None:
    run(engine, write(tmp_path, "tracker.csv", TRACKER), meeting_date=date(2026, 12, 9))
    exported = write(
        tmp_path,
        "export.csv",
        "Register ID,Action,Owners,Status\n"
        "1,IOM to share the site list (reworded in Excel),IOM,In progress\n"
        "99,Someone else's action,NRC,\n",
    )
    saved = datetime(2026, 12, 10, 8, 0, tzinfo=UTC).timestamp()  # edited after the tracker
    os.utime(exported, (saved, saved))
    summary = run(engine, exported)
    assert (summary.new, summary.updated) == (0, 1)
    assert [p.detail for p in summary.skipped] == [
        "Register ID 99 is no action of 'Shelter Cluster' in this register"
    ]
    with Session(engine) as session:
        first = session.get(ActionPoint, 1)
    assert first is not None and first.status == "in_progress"
    assert first.text == "IOM to share the site list (reworded in Excel)"


def test_minutes_and_tracker_in_one_import_are_one_set_of_actions_in_either_order(
    engine: Engine, tmp_path: Path
) -> None:
    tracker = write(tmp_path, "tracker.csv", "Status as of 9 December 2026\n" + TRACKER)
    minutes = write(tmp_path, "minutes.md", MINUTES)
    for paths in ([minutes, tracker], [tracker, minutes]):
        summary = service.import_files(
            engine=engine, paths=paths, settings=SETTINGS, now=NOW, forum="Shelter Cluster"
        )
        actions = register(engine)
        assert len(actions) == 2, summary
        assert actions["IOM to share updated site list with partners"].status == "done"


def test_the_same_row_twice_in_one_import_is_one_action_and_the_later_wins(
    engine: Engine, tmp_path: Path
) -> None:
    text = (
        "Action,Responsible,Status\nWASH to fix the pumps,WASH,\nWASH to fix the pumps,WASH,Done\n"
    )
    summary = run(engine, write(tmp_path, "t.csv", text), meeting_date=date(2026, 12, 1))
    actions = register(engine)
    assert list(actions) == ["WASH to fix the pumps"]
    assert actions["WASH to fix the pumps"].status == "done"
    assert any("this later one wins" in note for note in summary.notes)
