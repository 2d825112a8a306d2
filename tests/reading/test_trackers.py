"""Action trackers read from .xlsx workbooks and CSV exports (reminder.reading.trackers)."""

from __future__ import annotations

import csv
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reminder.errors import InputError
from reminder.reading.extraction import ExtractedAction, Extraction, SourceRef, Status
from reminder.reading.trackers.headers import SYNONYMS, TEXT_EXPECTED, classify, find_header
from reminder.reading.trackers.sheets import read_csv, read_xlsx

FIXTURES = Path(__file__).parents[1] / "fixtures" / "trackers"


def _by_text(extraction: Extraction) -> dict[str, ExtractedAction]:
    return {action.text: action for action in extraction.actions}


def _new_sheet(book: Workbook, title: str) -> Worksheet:
    sheet = book.create_sheet(title)
    assert isinstance(sheet, Worksheet)
    return sheet


def _two_sheet_workbook(path: Path) -> Path:
    """June: title row, header on row 3, merged section titles and owners, date deadlines,
    an unknown 'Budget' column. July: other header spellings. Old: hidden."""
    book = Workbook()
    june = book.active
    assert isinstance(june, Worksheet)
    june.title = "June"
    june.append(["CPSS Action Tracker 2023"])  # row 1
    june.append([])  # row 2
    june.append(  # row 3
        ["Action point(s)", "Responsible agency", "By when", "Status", "Remarks", "Budget"]
    )
    june.append(["Protection Sector"])  # row 4, merged A4:F4
    june.merge_cells("A4:F4")
    # Row 5; its owner cell is merged down to row 7.
    june.append(
        [
            "Map CP service providers in the IDP sites",
            "UNICEF",
            datetime(2023, 7, 31),
            "Ongoing",
            "Draft map shared",
            500,
        ]
    )
    june.append(["Update the referral pathway", None, datetime(2023, 8, 15), "Done"])  # row 6
    june.append(["Share the 4W with the sub-sector", None, "Mid Aug", None])  # row 7
    june.merge_cells("B5:B7")
    # Row 8: a status the reader does not know.
    june.append(["Train community volunteers on PFA", "Save the Children", "TBD", "Blocked?"])
    june.append([None, "CPSS coordination team", "before the next meeting"])  # row 9
    june.append([])  # row 10
    june.append(["Education"])  # row 11, merged A11:F11
    june.merge_cells("A11:F11")
    june.append(  # row 12
        ["Agree on school referral focal points", "Education Cluster", "by the end of July"]
    )
    june.append(["Share the list of schools", None, "Mid Aug"])  # row 13: owner filled down
    june.append(["Action point(s)", "Responsible agency", "By when"])  # row 14: header again

    july = _new_sheet(book, "July")
    july.append(["Task", "Focal point", "Deadline", "Progress", "Comments", "Date"])
    july.append(["Circulate the 5W template", "CPSS and PSEA", "31/07/2023", "", "", "19/06/2023"])
    july.append(
        [
            "Nominate UASC focal points",
            "UNICEF (with support from Save the Children)",
            "Mid Aug",
            "En cours",
            "",
            None,
        ]
    )

    old = _new_sheet(book, "Old")
    old.append(["Action", "Owner"])
    old.append(["Something from last year", "UNHCR"])
    old.sheet_state = "hidden"
    book.save(path)
    return path


@pytest.fixture
def two_sheets(tmp_path: Path) -> Extraction:
    return read_xlsx(_two_sheet_workbook(tmp_path / "tracker.xlsx"))


def _write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- the committed example tracker ------------------------------------------------------


def test_it_reads_the_committed_cpss_tracker_workbook() -> None:
    result = read_xlsx(FIXTURES / "cpss_tracker.xlsx")
    assert len(result.actions) == 8
    assert result.meeting.title == "CPSS Action Tracker 2023"
    assert result.meeting.date == date(2023, 6, 19)
    assert result.notes == ()
    assert result.skipped == ()
    first, third = result.actions[0], result.actions[2]
    assert first.source == SourceRef(str(FIXTURES / "cpss_tracker.xlsx"), "Action points", 4)
    assert first.ref == "1"
    assert first.status is Status.DONE
    assert third.owners == ("CPSS", "PSEA")
    assert third.status is Status.OPEN
    assert third.status_raw is None
    assert [a.source.row for a in result.actions] == list(range(4, 12))
    assert [a.due_phrase for a in result.actions] == [
        "by the end of July",
        "Mid Aug",
        "31/07/2023",
        "before the next meeting",
        "TBD",
        "by the end of July",
        "14/07/2023",
        "Mid Aug",
    ]
    sixth = result.actions[5]
    assert sixth.owners == ("UNICEF",)
    assert sixth.supporting == ("Save the Children",)
    assert sixth.owners_raw == "UNICEF (with support from Save the Children)"


def test_the_committed_csv_holds_the_same_actions_as_the_workbook() -> None:
    from_csv = read_csv(FIXTURES / "cpss_tracker.csv")
    from_xlsx = read_xlsx(FIXTURES / "cpss_tracker.xlsx")
    assert [a.source.row for a in from_csv.actions] == list(range(2, 10))
    assert all(a.source.sheet is None for a in from_csv.actions)
    assert from_csv.meeting.date == date(2023, 6, 19)
    for csv_action, xlsx_action in zip(from_csv.actions, from_xlsx.actions, strict=True):
        assert csv_action.text == xlsx_action.text
        assert csv_action.owners == xlsx_action.owners
        assert csv_action.status == xlsx_action.status
        assert csv_action.remarks == xlsx_action.remarks
    assert from_csv.actions[6].due_phrase == "14/07/2023"  # CSV keeps the string


# --- workbooks ----------------------------------------------------------------------------


def test_it_finds_the_header_below_a_title_row_and_keeps_the_title(
    two_sheets: Extraction,
) -> None:
    assert two_sheets.meeting.title == "CPSS Action Tracker 2023"
    first = two_sheets.actions[0]
    assert first.text == "Map CP service providers in the IDP sites"
    assert (first.source.sheet, first.source.row) == ("June", 5)


def test_it_fills_merged_owner_cells_down(two_sheets: Extraction) -> None:
    june = [a for a in two_sheets.actions if a.source.sheet == "June"]
    assert [(a.source.row, a.owners) for a in june[:3]] == [
        (5, ("UNICEF",)),
        (6, ("UNICEF",)),
        (7, ("UNICEF",)),
    ]
    # Merged cells are said to be merged, apart from blank cells filled from above.
    assert any("owner (merged cell) taken from the row above for rows 6, 7" in n
               for n in two_sheets.notes)  # fmt: skip
    assert not any("owner taken from the row above for rows 6" in n for n in two_sheets.notes)


def test_a_merged_section_title_row_sets_the_section_of_the_rows_below(
    two_sheets: Extraction,
) -> None:
    sections = {a.source.row: a.section for a in two_sheets.actions if a.source.sheet == "June"}
    assert sections == {
        5: "Protection Sector",
        6: "Protection Sector",
        7: "Protection Sector",
        8: "Protection Sector",
        12: "Education",
        13: "Education",
    }
    assert not any(s.source.row in (4, 11) for s in two_sheets.skipped)


def test_excel_date_cells_in_the_deadline_column_become_iso_dates(two_sheets: Extraction) -> None:
    dues = {a.source.row: a.due_phrase for a in two_sheets.actions if a.source.sheet == "June"}
    assert dues[5] == "2023-07-31"
    assert dues[6] == "2023-08-15"
    assert dues[7] == "Mid Aug"


def test_it_reads_every_visible_sheet_with_its_own_header_spelling(
    two_sheets: Extraction,
) -> None:
    july = [a for a in two_sheets.actions if a.source.sheet == "July"]
    assert [a.source.row for a in july] == [2, 3]
    assert july[0].owners == ("CPSS", "PSEA")
    assert july[0].due_phrase == "31/07/2023"
    assert july[0].status is Status.OPEN
    assert july[1].status is Status.IN_PROGRESS
    assert july[1].status_raw == "En cours"
    assert july[0].meeting_date == date(2023, 6, 19)
    # The blank meeting date repeats the one above.
    assert july[1].meeting_date == date(2023, 6, 19)
    # June rows have no meeting date, so the workbook as a whole has none.
    assert two_sheets.meeting.date is None


def test_a_hidden_sheet_is_noted_and_not_read(two_sheets: Extraction, tmp_path: Path) -> None:
    assert f"{tmp_path / 'tracker.xlsx'}, sheet 'Old': hidden sheet; not read" in two_sheets.notes
    assert all(a.source.sheet != "Old" for a in two_sheets.actions)


def test_an_unknown_column_is_noted_once_per_sheet(two_sheets: Extraction, tmp_path: Path) -> None:
    expected = f"{tmp_path / 'tracker.xlsx'}, sheet 'June': column 'Budget' not used"
    assert two_sheets.notes.count(expected) == 1


def test_an_unknown_status_keeps_the_action_open_with_a_note(
    two_sheets: Extraction, tmp_path: Path
) -> None:
    action = _by_text(two_sheets)["Train community volunteers on PFA"]
    assert action.status is Status.OPEN
    assert action.status_raw == "Blocked?"
    note = f"{tmp_path / 'tracker.xlsx'}, sheet 'June', row 8: status 'Blocked?' not understood"
    assert any(n.startswith(note) and n.endswith("kept as open") for n in two_sheets.notes)


def test_a_row_with_an_owner_but_no_action_text_is_skipped_with_the_reason(
    two_sheets: Extraction, tmp_path: Path
) -> None:
    skipped = [s for s in two_sheets.skipped if s.source.row == 9]
    assert len(skipped) == 1
    assert skipped[0].source == SourceRef(str(tmp_path / "tracker.xlsx"), "June", 9)
    assert skipped[0].reason == (
        "no action text (owner 'CPSS coordination team', deadline 'before the next meeting')"
    )
    assert "June" in str(skipped[0].source) and "row 9" in str(skipped[0].source)


def test_blank_owner_cells_in_a_workbook_repeat_the_owner_above_with_one_note(
    two_sheets: Extraction, tmp_path: Path
) -> None:
    action = _by_text(two_sheets)["Share the list of schools"]
    assert action.owners == ("Education Cluster",)
    note = f"{tmp_path / 'tracker.xlsx'}, sheet 'June': owner taken from the row above for row 13"
    assert note in two_sheets.notes


def test_a_repeated_header_row_is_skipped_and_blank_rows_are_ignored(
    two_sheets: Extraction,
) -> None:
    june_skipped = {s.source.row: s.reason for s in two_sheets.skipped if s.source.sheet == "June"}
    assert june_skipped[14] == "repeated header row"
    assert 10 not in june_skipped
    assert set(june_skipped) == {9, 14}


def test_a_text_file_renamed_xlsx_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "minutes.xlsx"
    path.write_text("Action;Owner\nShare the 4W;UNICEF\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"minutes\.xlsx: not a readable \.xlsx workbook"):
        read_xlsx(path)


def test_an_old_xls_or_password_protected_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "protected.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError, match=r"protected\.xlsx: .*old \.xls file or password"):
        read_xlsx(path)


def test_a_damaged_zip_is_an_input_error(tmp_path: Path) -> None:
    good = _two_sheet_workbook(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:400])
    with pytest.raises(InputError, match=r"bad\.xlsx"):
        read_xlsx(bad)


def test_a_missing_workbook_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.xlsx: no such file"):
        read_xlsx(tmp_path / "nowhere.xlsx")


def test_a_workbook_whose_sheets_have_no_action_column_is_an_input_error(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)
    first.title = "Contacts"
    first.append(["Name", "Agency", "Email"])
    first.append(["Amina", "UNICEF", "amina@example.org"])
    _new_sheet(book, "Budget").append(["Item", "Amount"])
    _new_sheet(book, "Notes")
    path = tmp_path / "contacts.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_xlsx(path)
    assert str(caught.value) == (
        f"{path}: no usable sheet: sheets 'Contacts', 'Budget': no header row with an "
        f"'Action' column found in the first 15 rows; expected one of: {TEXT_EXPECTED}"
        " | sheet 'Notes': empty; nothing read"
    )


def test_an_unusable_sheet_beside_a_usable_one_is_only_a_note(tmp_path: Path) -> None:
    book = Workbook()
    readme = book.active
    assert isinstance(readme, Worksheet)
    readme.title = "Read me"
    readme.append(["This workbook lists the agreed actions."])
    actions = _new_sheet(book, "Actions")
    actions.append(["Action", "Owner"])
    actions.append(["Share the 4W", "UNICEF"])
    _new_sheet(book, "Sheet3")
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [a.text for a in result.actions] == ["Share the 4W"]
    assert any(n.startswith(f"{path}, sheet 'Read me': no header row") for n in result.notes)
    assert f"{path}, sheet 'Sheet3': empty; nothing read" in result.notes


def test_a_workbook_with_headers_but_no_rows_is_an_input_error(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Action", "Owner", "Deadline"])
    path = tmp_path / "template.xlsx"
    book.save(path)
    with pytest.raises(InputError, match=r"template\.xlsx: no rows below the header row"):
        read_xlsx(path)


def test_openpyxl_warnings_become_notes(tmp_path: Path) -> None:
    source = tmp_path / "plain.xlsx"
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Action", "Owner"])
    sheet.append(["Share the 4W", "UNICEF"])
    book.save(source)
    target = tmp_path / "with_extension.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>",
                    b'<extLst><ext uri="{00000000-0000-0000-0000-000000000000}"/>'
                    b"</extLst></worksheet>",
                )
            dst.writestr(item, data)
    result = read_xlsx(target)  # pytest turns escaped warnings into errors
    assert [a.text for a in result.actions] == ["Share the 4W"]
    assert any("extension is not supported" in note for note in result.notes)


def test_a_section_column_and_meeting_dates_fill_down_silently(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Meeting date", "Sector", "Action", "Who", "Due"])
    sheet.append([datetime(2023, 6, 5), "Protection", "Share the 4W", "UNICEF", None])
    sheet.append([None, None, "Update the referral pathway", "UNHCR", "Friday"])
    sheet.append(["19 juin 2023", "GBV", "Map safe spaces", "UNFPA", None])
    sheet.append(["sometime in June", None, "Train volunteers", "UNFPA", None])
    path = tmp_path / "dates.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [(a.meeting_date, a.section) for a in result.actions] == [
        (date(2023, 6, 5), "Protection"),
        (date(2023, 6, 5), "Protection"),
        (date(2023, 6, 19), "GBV"),
        (None, "GBV"),
    ]
    assert result.actions[0].due_phrase is None
    assert (
        f"{path}, sheet 'Sheet', row 5: meeting date 'sometime in June' not understood; "
        "left empty" in result.notes
    )
    assert result.meeting.date is None


def test_ticked_done_boxes_are_read_as_statuses(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Action", "Done?"])
    sheet.append(["Share the 4W", True])
    sheet.append(["Map the services", False])
    path = tmp_path / "ticks.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [(a.status, a.status_raw) for a in result.actions] == [
        (Status.DONE, "TRUE"),
        (Status.OPEN, "FALSE"),
    ]


def test_rows_holding_only_a_number_are_summarised_in_one_note(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["N°", "Action", "Responsable"])
    sheet.append([1, "Partager le 4W", "UNICEF"])
    for number in range(2, 6):
        sheet.append([number])
    path = tmp_path / "template.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert len(result.actions) == 1
    assert result.skipped == ()
    assert result.notes == (
        f"{path}, sheet 'Sheet': only a number in column 'N°' on rows 3-6; ignored",
    )


def test_several_remarks_columns_are_joined_and_a_person_keeps_the_organisation(
    tmp_path: Path,
) -> None:
    path = _write_csv(
        tmp_path / "t.csv",
        "Action,Agency,Focal point,Update,Comments\nShare the 4W,UNICEF,Amina,Sent,Check Q3\n",
    )
    result = read_csv(path)
    (action,) = result.actions
    # A person column beside an organisation column: the person, with the organisation.
    assert action.owners == ("Amina (UNICEF)",)
    assert action.remarks == "Sent; Check Q3"
    assert result.notes == ()


def test_in_a_csv_a_lone_heading_in_the_action_column_is_a_section_title(tmp_path: Path) -> None:
    text = (
        "Action,Owner\n"
        "PROTECTION SECTOR,\n"
        "Map the services,UNHCR\n"
        "Education:,\n"
        "Share the list of schools,\n"
        "Follow up with the cluster,UNICEF\n"
        "Send the minutes,\n"
    )
    result = read_csv(_write_csv(tmp_path / "t.csv", text))
    assert [(a.source.row, a.section, a.owners) for a in result.actions] == [
        (3, "PROTECTION SECTOR", ("UNHCR",)),
        (5, "Education:", ()),  # a new section does not inherit the owner above it
        (6, "Education:", ("UNICEF",)),
        (7, "Education:", ("UNICEF",)),
    ]
    assert result.skipped == ()


def test_a_cell_in_an_unnamed_column_without_action_text_is_skipped(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["Action", "Owner"])
    sheet.append(["Share the 4W", "UNICEF"])
    sheet.cell(row=3, column=5, value="last checked 12/07")
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_xlsx(path)
    (skipped,) = result.skipped
    assert skipped.source.row == 3
    assert skipped.reason == "no action text (column 5 'last checked 12/07')"


# --- CSV ----------------------------------------------------------------------------------

FRENCH_CSV = (
    "Action à mener;Responsable;Échéance;Statut\r\n"
    "Cartographier les services de protection de l'enfance;UNICEF;Mi-août;En cours\r\n"
    "Partager le modèle 5W;CPSS et PSEA;31/07/2023;Fait\r\n"
    "Former les bénévoles communautaires;;avant la prochaine réunion;\r\n"
)


def test_it_reads_a_semicolon_csv_in_cp1252_with_french_headers(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "suivi.csv", FRENCH_CSV, "cp1252")
    result = read_csv(path)
    assert [a.text for a in result.actions] == [
        "Cartographier les services de protection de l'enfance",
        "Partager le modèle 5W",
        "Former les bénévoles communautaires",
    ]
    first, second, third = result.actions
    assert first.due_phrase == "Mi-août"
    assert first.status is Status.IN_PROGRESS
    assert second.owners == ("CPSS", "PSEA")
    assert second.status is Status.DONE
    assert third.status is Status.OPEN
    assert [a.source for a in result.actions] == [
        SourceRef(str(path), None, 2),
        SourceRef(str(path), None, 3),
        SourceRef(str(path), None, 4),
    ]
    assert f"{path}: not UTF-8; read as Windows-1252 (cp1252)" in result.notes


def test_it_fills_blank_owner_cells_down_in_a_csv_and_says_so_once(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "suivi.csv", FRENCH_CSV)
    result = read_csv(path)
    assert result.actions[2].owners == ("CPSS", "PSEA")
    assert result.actions[2].owners_raw == "CPSS et PSEA"
    assert result.notes == (f"{path}: owner taken from the row above for row 4",)


def test_owner_fill_down_notes_list_every_filled_row(tmp_path: Path) -> None:
    rows = "".join(f"Action {n},{'UNICEF' if n in (1, 6) else ''}\n" for n in range(1, 11))
    path = _write_csv(tmp_path / "t.csv", "Action,Owner\n" + rows)
    result = read_csv(path)
    assert all(a.owners == ("UNICEF",) for a in result.actions)
    assert result.notes == (f"{path}: owner taken from the row above for rows 3-6, 8-11",)


def test_a_utf8_csv_with_bom_and_tabs_is_read(tmp_path: Path) -> None:
    text = "\ufeffNo.\tAction point\tFocal point\tDue date\n12\tShare the 4W\tUNICEF\tTBD\n"
    result = read_csv(_write_csv(tmp_path / "t.csv", text))
    (action,) = result.actions
    assert (action.ref, action.text, action.owners, action.due_phrase) == (
        "12",
        "Share the 4W",
        ("UNICEF",),
        "TBD",
    )
    assert result.notes == ()


def test_csv_rows_are_the_line_where_each_record_starts(tmp_path: Path) -> None:
    text = (
        "Tracker of the CPSS meeting\n"
        "\n"
        "Action,Owner,Remarks\n"
        '"Share the 4W","UNICEF","first line\nsecond line"\n'
        "\n"
        "Map the services,UNHCR,\n"
    )
    result = read_csv(_write_csv(tmp_path / "t.csv", text))
    assert [a.source.row for a in result.actions] == [4, 7]
    assert result.actions[0].remarks == "first line second line"
    assert result.meeting.title == "Tracker of the CPSS meeting"


def test_a_ragged_csv_row_is_noted_and_its_extra_cells_ignored(tmp_path: Path) -> None:
    text = "Action,Owner\nShare the 4W,UNICEF,oops,more\nMap services,UNHCR,,\n,,stray\n"
    path = _write_csv(tmp_path / "t.csv", text)
    result = read_csv(path)
    assert [a.owners for a in result.actions] == [("UNICEF",), ("UNHCR",)]
    # Empty trailing cells (a common export artefact) are not worth a note.
    assert result.notes == (
        f"{path}, row 2: 4 cells but the header has 2; extra cells ignored",
        f"{path}, row 4: 3 cells but the header has 2; extra cells ignored",
    )
    (skipped,) = result.skipped
    assert (skipped.source.row, skipped.reason) == (
        4,
        "no action text (only cells right of the table)",
    )


def test_a_csv_row_without_action_text_is_skipped_naming_the_row(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "t.csv", "Action,Owner,Deadline\n,UNICEF,Mid Aug\nDo it,UNHCR,\n")
    result = read_csv(path)
    (skipped,) = result.skipped
    assert skipped.source == SourceRef(str(path), None, 2)
    assert str(skipped.source) == f"{path}, row 2"
    assert skipped.reason == "no action text (owner 'UNICEF', deadline 'Mid Aug')"
    assert [a.text for a in result.actions] == ["Do it"]


def test_an_unknown_status_in_a_csv_is_noted_with_the_row(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "t.csv", "Action,Status\nShare the 4W,Blocked?\n")
    result = read_csv(path)
    assert result.actions[0].status is Status.OPEN
    assert result.notes == (f"{path}, row 2: status 'Blocked?' not understood; kept as open",)


def test_an_empty_csv_is_an_input_error(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "empty.csv", "")
    with pytest.raises(InputError, match=r"empty\.csv: no rows"):
        read_csv(path)


def test_a_header_only_csv_is_an_input_error(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "header.csv", "Action;Responsible;Deadline\n\n")
    with pytest.raises(InputError, match=r"header\.csv: no rows below the header row \(line 1\)"):
        read_csv(path)


def test_a_csv_without_an_action_column_is_an_input_error_naming_what_was_expected(
    tmp_path: Path,
) -> None:
    path = _write_csv(tmp_path / "contacts.csv", "Name,Agency\nAmina,UNICEF\n")
    with pytest.raises(InputError) as caught:
        read_csv(path)
    assert str(caught.value).startswith(
        f"{path}: no header row with an 'Action' column found in the first 15 rows; "
        "expected one of: Action, Action point"
    )


def test_a_binary_file_named_csv_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00\x81\x8d\x00binary")
    with pytest.raises(InputError, match=r"tracker\.csv"):
        read_csv(path)


# --- header recognition -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "name"), [(field, name) for field, names in SYNONYMS.items() for name in names]
)
def test_every_listed_header_name_is_recognised(field: str, name: str) -> None:
    match = classify(name)
    assert match is not None
    assert match.field == field
    assert classify(f"  {name.upper()} ") == match


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Action point(s) agreed", "text"),
        ("Responsible agency/person", "org"),
        ("ACTION POINTS", "text"),
        ("Responsibel", "owner"),
        ("Deadine", "deadline"),
        ("Time frame", "deadline"),
        ("Followup", "remarks"),
        ("Who is responsible?", "owner"),
        ("Agenda item / topic", "section"),
        ("Comments on the action", "remarks"),
        ("Action No.", "ref"),
        ("ECHEANCE", "deadline"),
        ("date de reunion", "meeting_date"),
        ("Status/Progress", "status"),
    ],
)
def test_headers_are_matched_despite_typos_and_extra_words(header: str, field: str) -> None:
    match = classify(header)
    assert match is not None and match.field == field


@pytest.mark.parametrize(
    "header",
    [
        "Budget",
        "Name",
        "Completion date",
        "Next meeting",
        "",
        "Email",
        42,
        None,
        "Share the action points with the protection sector partners",
    ],
)
def test_other_headers_are_not_taken_for_tracker_columns(header: object) -> None:
    assert classify(header) is None


def test_a_title_row_mentioning_action_is_not_taken_for_the_header() -> None:
    rows: list[list[object]] = [
        ["CPSS Action Tracker 2023", None],
        [None, None],
        ["Action", "Owner"],
    ]
    header = find_header(rows)
    assert header is not None and header.index == 2
    assert find_header([["CPSS Action Tracker 2023"]]) is None


def test_a_large_tracker_is_read_row_by_row(tmp_path: Path) -> None:
    lines = ["Action,Owner,Due"] + [f"Action {n},Agency {n % 7},Mid Aug" for n in range(20_000)]
    result = read_csv(_write_csv(tmp_path / "big.csv", "\n".join(lines) + "\n"))
    assert len(result.actions) == 20_000
    assert result.actions[-1].source.row == 20_001


_CELL = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=5), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_under_an_action_header_gives_an_extraction_or_an_input_error(
    rows: list[list[str]], delimiter: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(["Action", "Owner", "Deadline", "Status"])
            writer.writerows(rows)
        try:
            result = read_csv(path)
        except InputError as exc:
            assert str(exc).startswith(str(path))
            return
        for action in result.actions:
            assert action.text and action.source.row is not None and action.source.row >= 2
        assert all(item.reason for item in result.skipped)
