"""A document's as-of date: the date its own words say its contents are current as of.

Trackers state it in their title rows (a cell, or a label cell beside a date cell) and
minutes in a line near the top or the bottom; files are built here in each format.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reminder.reading.actions.minutes import read_docx, read_text
from reminder.reading.extraction import Extraction
from reminder.reading.trackers.sheets import read_csv, read_xlsx

DEC_9 = date(2026, 12, 9)

# (the phrase as written, the date it states); numeric dates here are day-first.
PHRASINGS = [
    ("Status as of 9 Dec 2026", DEC_9),
    ("Last updated: 09/12/2026", DEC_9),
    ("Updated on 9.12.26", DEC_9),
    ("As at 30 November 2026", date(2026, 11, 30)),
    ("Data as of December 9, 2026", DEC_9),
    ("Last update 2026-12-09", DEC_9),
    ("Version of 12 December 2026", date(2026, 12, 12)),
    ("Date of last update: 9 December 2026", DEC_9),
    ("Exported 09/12/2026", DEC_9),
    ("Situation au 9 décembre 2026", DEC_9),
    ("Mise à jour : 9/12/2026", DEC_9),
    ("Dernière mise à jour le 9 décembre 2026", DEC_9),
    ("État au 30/11/2026", date(2026, 11, 30)),
    ("Version du 9 déc. 2026", DEC_9),
    ("Actualisé le 09.12.2026", DEC_9),
    ("Actualizado el 9 de diciembre de 2026", DEC_9),
    ("Última actualización: 9 dic. 2026", DEC_9),
    ("Situación al 30 de noviembre de 2026", date(2026, 11, 30)),
    ("Fecha de corte: 30/11/2026", date(2026, 11, 30)),
    ("Actualizada: 09/12/2026 · Próxima reunión: 23/12/2026", DEC_9),
]

# Phrases that state no as-of date: a later moment, a deadline, a plain meeting date.
NOT_AS_OF = [
    "Next update on 9 Jan 2027",
    "Next update date: 9 Jan 2027",
    "Prochaine mise à jour : 9/1/2027",
    "Próxima actualización el 9 de enero de 2027",
    "To be updated by 15 Dec 2026",
    "The tracker will be updated on 15 Dec 2026",
    "Updated deadline: 15 Dec 2026",
    "Date: 9 Dec 2026",
    "Next meeting: 9 Jan 2027",
]


def _csv(tmp_path: Path, title: str, due: str = "end of month") -> Extraction:
    path = tmp_path / "tracker.csv"
    path.write_text(
        f'"{title}",,\nAction,Owner,Due\nShare the map,Partner A,{due}\n', encoding="utf-8"
    )
    return read_csv(path)


def _markdown(tmp_path: Path, *top: str, bottom: str = "", actions: int = 1) -> Extraction:
    path = tmp_path / "minutes.md"
    items = [f"- Share map {n} (Partner {n})" for n in range(1, actions + 1)]
    lines = ["# Shelter WG minutes", *top, "", "## Action points", "", *items]
    path.write_text("\n".join([*lines, "", bottom, ""]), encoding="utf-8")
    return read_text(path)


def _sheet(book: Workbook, title: str | None = None) -> Worksheet:
    sheet = book.active if title is None else book.create_sheet(title)
    assert isinstance(sheet, Worksheet)
    return sheet


@pytest.mark.parametrize(("phrase", "day"), PHRASINGS)
def test_it_reads_the_as_of_date_of_a_tracker_title_row(
    tmp_path: Path, phrase: str, day: date
) -> None:
    meeting = _csv(tmp_path, phrase).meeting
    assert meeting.as_of == day
    assert meeting.as_of_source is not None and meeting.as_of_source.endswith("cell A1")


@pytest.mark.parametrize(("phrase", "day"), PHRASINGS)
def test_it_reads_the_as_of_date_of_a_line_at_the_top_of_minutes(
    tmp_path: Path, phrase: str, day: date
) -> None:
    meeting = _markdown(tmp_path, "Date: 2 December 2026", phrase).meeting
    assert (meeting.as_of, meeting.date) == (day, date(2026, 12, 2))
    assert meeting.as_of_source is not None and meeting.as_of_source.startswith("header line")


@pytest.mark.parametrize("phrase", NOT_AS_OF)
def test_a_later_moment_a_deadline_or_a_meeting_date_is_no_as_of_date(
    tmp_path: Path, phrase: str
) -> None:
    assert _csv(tmp_path, phrase).meeting.as_of is None
    assert _markdown(tmp_path, phrase).meeting.as_of is None


def test_it_says_which_phrase_and_cell_gave_the_date(tmp_path: Path) -> None:
    meeting = _csv(tmp_path, "Shelter tracker – status as of 9 Dec 2026").meeting
    assert meeting.as_of_source == "'status as of' cell A1"


@pytest.mark.parametrize(
    ("due", "day"),
    [("12/15/2026", date(2026, 12, 9)), ("15/12/2026", date(2026, 9, 12))],
)
def test_a_numeric_as_of_date_follows_the_trackers_own_date_order(
    tmp_path: Path, due: str, day: date
) -> None:
    assert _csv(tmp_path, "Last updated: 12/09/2026", due=due).meeting.as_of == day


def test_a_label_cell_takes_the_date_cell_beside_it(tmp_path: Path) -> None:
    book = Workbook()
    sheet = _sheet(book)
    sheet.title = "Tracker"
    sheet.append(["Protection WG action tracker"])
    sheet.append(["Last update", None, datetime(2026, 12, 9)])
    sheet.append(["Action", "Owner", "Deadline"])
    sheet.append(["Share the map", "Partner A", datetime(2026, 12, 20)])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    meeting = read_xlsx(path).meeting
    assert (meeting.as_of, meeting.as_of_source) == (
        DEC_9,
        "'Last update' cell C2 of sheet Tracker",
    )


def test_a_label_cell_may_hold_its_date_as_text(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text("Mise à jour :,9 décembre 2026\nAction,Responsable\nPartager,A\n")
    meeting = read_csv(path).meeting
    assert (meeting.as_of, meeting.as_of_source) == (DEC_9, "'Mise à jour' cell B1")


def test_a_rows_own_updated_cell_is_not_the_trackers_as_of_date(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action,Owner,Due date,Last updated\n"
        "Share the map,Partner A,15/12/2026,Updated on 01/12/2026\n"
        "Count the tents,Partner B,20/12/2026,03/12/2026\n"
    )
    assert read_csv(path).meeting.as_of is None


def test_the_newest_sheet_date_wins_and_the_other_is_noted(tmp_path: Path) -> None:
    book = Workbook()
    open_items = _sheet(book)
    open_items.title = "Open"
    open_items.append(["Status as of 9 Dec 2026"])
    open_items.append(["Action", "Owner"])
    open_items.append(["Share the map", "Partner A"])
    closed = _sheet(book, "Closed")
    closed.append(["Status as of 30 Nov 2026"])
    closed.append(["Action", "Owner"])
    closed.append(["Count the tents", "Partner B"])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert result.meeting.as_of == DEC_9
    assert any("different as-of dates" in note and "2026-11-30" in note for note in result.notes)


def test_minutes_state_it_at_the_bottom_too(tmp_path: Path) -> None:
    minutes = _markdown(
        tmp_path, "Date: 2 Dec 2026", bottom="Last updated on 4 Dec 2026", actions=20
    )
    meeting = minutes.meeting
    assert meeting.as_of == date(2026, 12, 4)
    assert meeting.as_of_source is not None and meeting.as_of_source.startswith("closing line")


def test_a_version_line_is_not_the_meeting_date(tmp_path: Path) -> None:
    meeting = _markdown(tmp_path, "Version of 12 December 2026").meeting
    assert meeting.as_of == date(2026, 12, 12)
    assert meeting.date is None


def test_the_meeting_date_line_stays_the_meeting_date_only(tmp_path: Path) -> None:
    meeting = _markdown(tmp_path, "Date of meeting: 9 December 2026").meeting
    assert (meeting.date, meeting.as_of) == (DEC_9, None)


def test_a_sentence_of_the_minutes_is_no_as_of_statement(tmp_path: Path) -> None:
    meeting = _markdown(tmp_path, "Date: 2 Dec 2026", "The 3W was updated on 5 Dec 2026.").meeting
    assert meeting.as_of is None


def test_a_month_first_document_reads_its_as_of_date_month_first(tmp_path: Path) -> None:
    meeting = _markdown(tmp_path, "Date: 12/15/2026", "Last updated: 12/09/2026").meeting
    assert meeting.as_of == DEC_9


def test_a_word_header_table_gives_the_as_of_date(tmp_path: Path) -> None:
    source = docx.Document()
    source.add_paragraph("Nutrition cluster – minutes")
    header = source.add_table(rows=2, cols=2)
    for row, (label, value) in enumerate(
        [("Date", "2 December 2026"), ("Last updated", "9/12/2026")]
    ):
        header.cell(row, 0).text, header.cell(row, 1).text = label, value
    source.add_paragraph("Action points")
    actions = source.add_table(rows=2, cols=3)
    for col, text in enumerate(["Action", "Responsible", "Last updated"]):
        actions.cell(0, col).text = text
    for col, text in enumerate(["Share the map", "WFP", "Updated on 1 Dec 2026"]):
        actions.cell(1, col).text = text
    path = tmp_path / "minutes.docx"
    source.save(str(path))
    meeting = read_docx(path).meeting
    assert (meeting.date, meeting.as_of) == (date(2026, 12, 2), DEC_9)
    assert meeting.as_of_source == "header line 3 ('Last updated')"


def test_an_action_table_row_is_not_the_as_of_date_of_minutes(tmp_path: Path) -> None:
    source = docx.Document()
    source.add_paragraph("Nutrition cluster – minutes, 2 December 2026")
    actions = source.add_table(rows=2, cols=3)
    for col, text in enumerate(["Action", "Responsible", "Last updated"]):
        actions.cell(0, col).text = text
    for col, text in enumerate(["Share the map", "WFP", "Updated on 1 Dec 2026"]):
        actions.cell(1, col).text = text
    path = tmp_path / "minutes.docx"
    source.save(str(path))
    assert read_docx(path).meeting.as_of is None


def test_a_line_in_the_middle_of_long_minutes_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    items = [f"- Share map {n} (Partner {n})" for n in range(1, 31)]
    middle = ["", "Status as of 9 Dec 2026", ""]
    path.write_text(
        "\n".join(["# WG minutes", "Date: 2 Dec 2026", *items[:15], *middle, *items[15:]])
    )
    assert read_text(path).meeting.as_of is None


def test_an_as_of_line_under_the_table_is_no_action_but_the_as_of_date(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action,Owner,Due\nShare the map,Partner A,15/12/2026\nLast updated: 9 Dec 2026,,\n"
    )
    result = read_csv(path)
    assert [a.text for a in result.actions] == ["Share the map"]
    assert [(s.source.row, s.reason) for s in result.skipped] == [
        (3, "the date the tracker is current as of, not an action point")
    ]
    assert (result.meeting.as_of, result.meeting.as_of_source) == (DEC_9, "'Last updated' cell A3")


def test_an_action_mentioning_an_update_stays_an_action(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action,Owner\nShare the 3W updated on 9 Dec 2026 with all partners,Partner A\n"
    )
    result = read_csv(path)
    assert [a.text for a in result.actions] == [
        "Share the 3W updated on 9 Dec 2026 with all partners"
    ]


def test_an_action_alone_in_its_row_that_mentions_an_update_stays_an_action(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action,Owner\nShare the 3W updated on 9 Dec 2026,\nStatus as of 9 Dec 2026.,\n"
    )
    result = read_csv(path)
    assert [a.text for a in result.actions] == ["Share the 3W updated on 9 Dec 2026"]
    assert [s.source.row for s in result.skipped] == [3]
