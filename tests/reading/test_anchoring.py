"""Deadlines are read against the document's own meeting date, never against today."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from reminder.deadlines.read import Method
from reminder.reading.dispatch import read_source
from reminder.reading.extraction import ExtractedAction, Extraction, MeetingInfo, SourceRef
from reminder.reading.resolve import ResolvedExtraction, resolve_extraction

NOTES = """Quick notes - logistics WG
present: WFP, IOM

Action points:
- IOM to share the warehouse list by Friday
- WFP to send the fuel plan within 10 days
- IOM to confirm the convoy dates by 12 May 2024
"""


def resolve(path: Path, **kwargs: date) -> ResolvedExtraction:
    return resolve_extraction(read_source(path), **kwargs)


def dues(resolved: ResolvedExtraction) -> list[tuple[str | None, date | None]]:
    return [(r.deadline.phrase, r.deadline.due) for r in resolved.actions]


def test_without_a_meeting_date_relative_deadlines_stay_undated_with_the_reason(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    resolved = resolve(path)
    assert resolved.meeting.date is None
    assert dues(resolved) == [
        ("by Friday", None),
        ("within 10 days", None),
        ("by 12 May 2024", date(2024, 5, 12)),  # a complete date needs no anchor
    ]
    friday = resolved.actions[0].deadline
    assert (friday.method, friday.flags) == (Method.NO_ANCHOR, ("no_meeting_date",))
    assert "--meeting-date" in friday.note
    assert len(resolved.notes) == 1
    assert str(path) in resolved.notes[0] and "no meeting date" in resolved.notes[0]


def test_the_meeting_date_given_by_the_user_anchors_them(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    resolved = resolve(path, meeting_date=date(2024, 5, 2))  # a Thursday
    assert (resolved.meeting.date, resolved.meeting.date_source) == (
        date(2024, 5, 2),
        "--meeting-date",
    )
    assert dues(resolved)[:2] == [
        ("by Friday", date(2024, 5, 3)),
        ("within 10 days", date(2024, 5, 12)),
    ]
    assert resolved.notes == ()


def test_a_date_in_the_file_name_anchors_the_deadlines(tmp_path: Path) -> None:
    path = tmp_path / "logistics-notes-2024-05-02.txt"
    path.write_text(NOTES, encoding="utf-8")
    resolved = resolve(path)
    assert (resolved.meeting.date, resolved.meeting.date_source) == (date(2024, 5, 2), "file name")
    assert dues(resolved)[0] == ("by Friday", date(2024, 5, 3))


def test_the_e_mail_date_header_anchors_the_deadlines(tmp_path: Path) -> None:
    path = tmp_path / "mail.txt"
    path.write_text(
        "From: Chair <chair@forum.org>\nTo: Members <members@forum.org>\n"
        "Date: Thu, 9 Feb 2017 17:42:10 +0200\nSubject: Minutes of today's meeting\n\n"
        + NOTES.split("\n", 1)[1],
        encoding="utf-8",
    )
    resolved = resolve(path)
    assert (resolved.meeting.date, resolved.meeting.date_source) == (
        date(2017, 2, 9),
        "e-mail header",
    )
    assert dues(resolved)[1] == ("within 10 days", date(2017, 2, 19))


def test_a_next_meeting_raised_earlier_is_the_meeting_after_the_one_where_it_was_raised() -> None:
    def row(text: str, raised: date, phrase: str) -> ExtractedAction:
        return ExtractedAction(text, (), SourceRef("t.csv"), due_phrase=phrase, meeting_date=raised)

    extraction = Extraction(
        "t.csv",
        MeetingInfo(next_meeting=date(2024, 4, 29)),
        (
            row("Present the survey", date(2024, 4, 1), "next meeting"),
            row("Agree the checklist", date(2024, 4, 15), "next meeting"),
            row("Share the figures", date(2024, 4, 15), "within 10 days"),
        ),
    )
    resolved = resolve_extraction(extraction)
    assert [r.deadline.due for r in resolved.actions] == [
        date(2024, 4, 15),  # the next date the tracker knows after 1 April
        date(2024, 4, 29),  # the stated next meeting
        date(2024, 4, 25),  # read against its own date raised
    ]
    assert resolved.notes == ()


def test_a_row_s_stated_next_meeting_wins() -> None:
    action = ExtractedAction(
        "Present the survey",
        (),
        SourceRef("t.xlsx"),
        due_phrase="next meeting",
        meeting_date=date(2024, 3, 18),
        next_meeting=date(2024, 3, 25),
    )
    resolved = resolve_extraction(Extraction("t.xlsx", MeetingInfo(), (action,)))
    assert resolved.actions[0].deadline.due == date(2024, 3, 25)


def test_a_carried_over_item_s_next_meeting_is_this_meeting() -> None:
    action = ExtractedAction(
        "Present the plan", (), SourceRef("m.txt"), due_phrase="next meeting", carried_over=True
    )
    info = MeetingInfo(date=date(2024, 3, 18), next_meeting=date(2024, 4, 15))
    resolved = resolve_extraction(Extraction("m.txt", info, (action,)))
    assert resolved.actions[0].deadline.due == date(2024, 3, 18)


def test_a_tracker_s_title_row_gives_its_meeting_date(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Shelter WG action tracker - meeting of 12 March 2024\n\n"
        "Action,Responsible,Deadline\n"
        "Share the site list,IOM,within 10 days\n",
        encoding="utf-8",
    )
    resolved = resolve(path)
    assert (resolved.meeting.date, resolved.meeting.date_source) == (date(2024, 3, 12), "title")
    assert [r.deadline.due for r in resolved.actions] == [date(2024, 3, 22)]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    env["COLUMNS"] = "200"
    command = [sys.executable, "-m", "reminder", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_extract_names_the_file_without_a_meeting_date_and_keeps_its_json(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    result = _cli("extract", str(path), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["due_date"] for i in items] == [None, None, "2024-05-12"]
    assert all(set(i) == {"text", "owners", "due_phrase", "due_date", "status"} for i in items)
    assert "no meeting date" in result.stderr and str(path) in result.stderr


def test_extract_shows_the_meeting_how_it_was_found_and_where_each_action_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wg-notes-2024-05-02.txt"
    path.write_text(NOTES, encoding="utf-8")
    result = _cli("extract", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Thu 02 May 2024 (from the file name)" in result.stdout
    assert "day-first" in result.stdout
    assert "line 5" in result.stdout
