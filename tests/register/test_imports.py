"""The register on SQLite and PostgreSQL: imports, re-imports, history, directory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.settings import Settings
from reminder.errors import InputError
from reminder.register.load import load_snapshot
from reminder.register.models import ActionOwner, ActionPoint, Meeting, StatusChange
from reminder.register.queries import ActionFilter
from reminder.service import imports as service

NOW = datetime(2023, 6, 20, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
SETTINGS = Settings()

TRACKER = """Action point,Responsible,Deadline,Status
CPSS to share the PSS curriculum with partners,CPSS and PSEA,by the end of July,
UNICEF to circulate the referral pathway,UNICEF,31/07/2023,Ongoing
Nominate CPFPP focal points,Save the Children,TBD,
"""

DIRECTORY = """name,email,organisation,role,aliases,groups
Tarek Akkad,tarek@cpss.example.org,Child Protection Sub-Sector (CPSS),focal point,,CPSS team
Bora Ozbek,bora@iscg.example.org,ISCG PSEA Network (PSEA),focal point,,
Melissa Bencik,melissa@unicef.example.org,UNICEF,,,
Asma Tandra,asma@unicef.example.org,UNICEF,focal point,,
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_import(engine: Engine, *paths: Path, **kwargs: object) -> service.ImportSummary:
    kwargs.setdefault("meeting_date", date(2023, 6, 19))
    return service.import_files(
        engine=engine,
        paths=list(paths),
        settings=SETTINGS,
        now=NOW,
        today=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


def actions(engine: Engine) -> list[ActionPoint]:
    with Session(engine) as session:
        return list(session.exec(select(ActionPoint).order_by(ActionPoint.id)))  # type: ignore[arg-type]


def test_it_imports_a_tracker_with_resolved_deadlines(engine: Engine, tmp_path: Path) -> None:
    summary = run_import(engine, write(tmp_path, "tracker.csv", TRACKER))
    assert (summary.new, summary.updated, summary.unchanged) == (3, 0, 0)
    rows = actions(engine)
    assert [a.due_date for a in rows] == [date(2023, 7, 31), date(2023, 7, 31), None]
    assert rows[0].owners == ["CPSS", "PSEA"]
    assert rows[1].status == "in_progress"
    assert rows[2].due_phrase == "TBD"


def test_it_reports_owners_not_in_the_directory_and_deadlines_without_a_date(
    engine: Engine, tmp_path: Path
) -> None:
    summary = run_import(engine, write(tmp_path, "tracker.csv", TRACKER))
    assert {p.detail for p in summary.unresolved_owners} >= {"'CPSS' not in the directory"}
    assert [p.detail for p in summary.without_date] == ["deadline 'TBD' has no date"]


def test_reimporting_the_same_tracker_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "tracker.csv", TRACKER)
    run_import(engine, path)
    summary = run_import(engine, path)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert len(actions(engine)) == 3


def test_a_status_change_on_reimport_updates_the_item_and_its_history(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(tmp_path, "tracker.csv", TRACKER)
    run_import(engine, path)
    write(tmp_path, "tracker.csv", TRACKER.replace("31/07/2023,Ongoing", "31/07/2023,Done"))
    summary = run_import(engine, path)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 2)
    with Session(engine) as session:
        item = session.exec(select(ActionPoint).where(ActionPoint.status == "done")).one()
        history = session.exec(
            select(StatusChange).where(StatusChange.action_id == item.id).order_by(StatusChange.id)  # type: ignore[arg-type]
        ).all()
    assert [(h.old_status, h.new_status) for h in history] == [
        (None, "in_progress"),
        ("in_progress", "done"),
    ]


def test_a_failed_import_leaves_the_register_as_it_was(engine: Engine, tmp_path: Path) -> None:
    good = write(tmp_path, "tracker.csv", TRACKER)
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a workbook")
    with pytest.raises(InputError, match=r"broken\.xlsx"):
        run_import(engine, good, bad)
    assert actions(engine) == []


def test_keep_going_imports_the_readable_files_and_reports_the_rest(
    engine: Engine, tmp_path: Path
) -> None:
    good = write(tmp_path, "tracker.csv", TRACKER)
    bad = write(tmp_path, "notes.pdf", "%PDF-1.4")
    summary = run_import(engine, good, bad, keep_going=True)
    assert summary.new == 3
    assert any("notes.pdf" in note for note in summary.notes)


def test_importing_the_directory_resolves_owners_already_in_the_register(
    engine: Engine, tmp_path: Path
) -> None:
    run_import(engine, write(tmp_path, "tracker.csv", TRACKER))
    summary = service.import_contacts(engine=engine, path=write(tmp_path, "dir.csv", DIRECTORY))
    assert (summary.contacts_new, summary.organisations, summary.groups) == (4, 3, 1)
    assert (summary.owners_resolved, summary.owners_unresolved) == (3, 1)
    with Session(engine) as session:
        owners = session.exec(
            select(ActionOwner).order_by(ActionOwner.action_id, ActionOwner.position)
        ).all()  # type: ignore[arg-type]
    assert [(o.name, o.kind, o.how) for o in owners] == [
        ("CPSS", "organisation", "acronym"),
        ("PSEA", "organisation", "acronym"),
        ("UNICEF", "organisation", "name"),
        ("Save the Children", "unresolved", ""),
    ]


def test_an_organisation_owner_reaches_its_focal_points(engine: Engine, tmp_path: Path) -> None:
    service.import_contacts(engine=engine, path=write(tmp_path, "dir.csv", DIRECTORY))
    run_import(engine, write(tmp_path, "tracker.csv", TRACKER))
    with Session(engine) as session:
        snapshot = load_snapshot(
            session=session, forum=None, coordinators=(), now=NOW, timezone="UTC"
        )
    unicef = next(p for p in snapshot.items if p.item.owners == ("UNICEF",))
    assert [snapshot.people[c].email for c in unicef.reach] == ["asma@unicef.example.org"]
    cpss = next(p for p in snapshot.items if p.item.owners == ("CPSS", "PSEA"))
    assert {snapshot.people[c].email for c in cpss.reach} == {
        "tarek@cpss.example.org",
        "bora@iscg.example.org",
    }


def test_the_directory_reports_rows_it_cannot_use(engine: Engine, tmp_path: Path) -> None:
    text = DIRECTORY + "No Mail,,UNICEF,,,\nBad Mail,not-an-email,UNICEF,,,\n"
    summary = service.import_contacts(engine=engine, path=write(tmp_path, "dir.csv", text))
    assert summary.contacts_new == 4
    assert any("line 6: no email for 'No Mail'" in s for s in summary.skipped)
    assert any("line 7: email 'not-an-email' is not valid" in s for s in summary.skipped)


def test_a_directory_without_an_email_column_is_refused(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "dir.csv", "name,organisation\nTarek,CPSS\n")
    with pytest.raises(InputError, match="missing column"):
        service.import_contacts(engine=engine, path=path)


def test_it_filters_actions_by_owner_organisation_status_and_overdue(
    engine: Engine, tmp_path: Path
) -> None:
    service.import_contacts(engine=engine, path=write(tmp_path, "dir.csv", DIRECTORY))
    run_import(engine, write(tmp_path, "tracker.csv", TRACKER))

    def texts(**kwargs: object) -> list[str]:
        views = service.find_actions(engine=engine, filters=ActionFilter(**kwargs))  # type: ignore[arg-type]
        return [v.text[:20] for v in views]

    assert texts(owner="pSEA") == ["CPSS to share the PS"]
    assert texts(organisation="UNICEF") == ["UNICEF to circulate "]
    assert texts(statuses=("in_progress",)) == ["UNICEF to circulate "]
    assert texts(overdue_on=date(2023, 8, 1)) == ["CPSS to share the PS", "UNICEF to circulate "]
    assert texts(due_before=date(2023, 7, 1)) == []


def test_minutes_create_a_meeting_with_its_next_meeting(engine: Engine, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "minutes.md",
        "# Minutes: Shelter WG, 02.03.2024\n\n## Action points\n"
        "- UNHCR to share the draft by 15.3.24\n\nNext meeting: 4 April 2024\n",
    )
    service.import_files(engine=engine, paths=[path], settings=SETTINGS, now=NOW, today=TODAY)
    with Session(engine) as session:
        meeting = session.exec(select(Meeting)).one()
    assert (meeting.forum, meeting.date) == ("Shelter WG", date(2024, 3, 2))
    assert meeting.next_meeting_date == date(2024, 4, 4)


def test_a_renumbered_tracker_does_not_overwrite_other_actions(
    engine: Engine, tmp_path: Path
) -> None:
    first = (
        "No.,Action,Responsible,Status\n"
        "1,IOM to share the site list,IOM,\n2,NRC to map partners,NRC,\n"
    )
    second = "No.,Action,Responsible,Status\n1,NRC to map partners,NRC,Done\n"
    run_import(engine, write(tmp_path, "t1.csv", first))
    # The second tracker is of a later meeting: its word wins.
    run_import(engine, write(tmp_path, "t2.csv", second), meeting_date=date(2023, 7, 17))
    rows = {a.text: a.status for a in actions(engine)}
    assert rows == {"IOM to share the site list": "open", "NRC to map partners": "done"}


def test_minutes_imported_together_leave_the_newest_status(engine: Engine, tmp_path: Path) -> None:
    table = "Action points from previous meeting\tStatus\tResponsible\n{}\t{}\tCPSS\n"
    july = write(
        tmp_path,
        "a_july.md",
        "## Minutes: CPSS, 17.07.2023\n\n" + table.format("CPSS to share the tool", "Done"),
    )
    june = write(
        tmp_path,
        "b_june.md",
        "## Minutes: CPSS, 19.06.2023\n\n" + table.format("CPSS to share the tool", "Ongoing"),
    )
    service.import_files(engine=engine, paths=[july, june], settings=SETTINGS, now=NOW, today=TODAY)
    [item] = actions(engine)
    assert item.status == "done"


def test_correcting_the_meeting_date_moves_the_actions_to_that_meeting(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(tmp_path, "minutes.md", "## Action points\n- UNHCR to share the draft\n")
    service.import_files(engine=engine, paths=[path], settings=SETTINGS, now=NOW, today=TODAY)
    service.import_files(
        engine=engine,
        paths=[path],
        settings=SETTINGS,
        now=NOW,
        today=TODAY,
        meeting_date=date(2024, 2, 14),
    )
    with Session(engine) as session:
        [item] = session.exec(select(ActionPoint)).all()
        meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None and meeting.date == date(2024, 2, 14)


def test_an_organisation_written_as_its_acronym_is_the_same_organisation(
    engine: Engine, tmp_path: Path
) -> None:
    text = (
        "name,email,organisation\nA,a@iom.example.org,IOM\n"
        "B,b@iom.example.org,International Organization for Migration (IOM)\n"
    )
    summary = service.import_contacts(engine=engine, path=write(tmp_path, "dir.csv", text))
    assert summary.organisations == 1
