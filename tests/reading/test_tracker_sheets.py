"""Tracker sheets (XLSX, CSV) on small workbooks and files of each structure built here."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from reminder.reading.dispatch import read_source
from reminder.reading.document import Table
from reminder.reading.extraction import Status
from reminder.reading.formats.csv import read_csv_book
from reminder.reading.formats.shown import month_first, shown
from reminder.reading.formats.xlsx import read_xlsx_book
from reminder.reading.trackers.sheets import read_csv, read_xlsx


def _sheet(book: Workbook, title: str | None = None) -> Worksheet:
    sheet = book.active if title is None else book.create_sheet(title)
    assert isinstance(sheet, Worksheet)
    return sheet


def test_hidden_columns_and_a_hidden_template_sheet_are_not_read(tmp_path: Path) -> None:
    book = Workbook()
    main = _sheet(book)
    main.title = "Actions"
    main.append(["Task", "Owner", "Old deadline", "Revised deadline", "Status"])
    main.append(["Count the tents", "Shelter team", "end of May", "end of June", "Open"])
    main.column_dimensions["C"].hidden = True
    template = _sheet(book, "Template")
    template.append(["Task", "Owner"])
    template.append(["e.g. Partner X to share the report", "Organisation"])
    template.sheet_state = "hidden"
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [(a.text, a.due_phrase) for a in result.actions] == [("Count the tents", "end of June")]
    assert f"{path}, sheet 'Template': hidden sheet; not read" in result.notes


def test_a_visible_example_row_and_a_no_action_row_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Action,Owner,Due\n"
        "e.g. Agency X to share the report,Organisation,dd/mm/yyyy\n"
        "Share the report,Cluster,01/02/2024\n"
        "No action,,\n"
        "Next meeting: 8 February,,\n"
    )
    result = read_csv(path)
    assert [a.text for a in result.actions] == ["Share the report"]
    assert [s.reason for s in result.skipped] == [
        "template or example row",
        "no action point ('No action')",
        "next meeting information, not an action point",
    ]


def test_a_spanish_semicolon_csv_with_bom_is_read(tmp_path: Path) -> None:
    text = (
        "Matriz de compromisos;;;;\n"
        "Fecha de reunión;Compromiso;Responsable(s);Fecha límite;Estado\n"
        "02/03/2023;Enviar el informe;Equipo A;10/03/2023;Pendiente\n"
        ";Revisar la ruta;Equipo B;próxima reunión;\n"
        "16/03/2023;Compartir el mapa;Equipo C;fin de mes;\n"
    )
    path = tmp_path / "seguimiento.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    result = read_csv(path)
    assert [(a.text, a.owners, a.due_phrase, a.meeting_date) for a in result.actions] == [
        ("Enviar el informe", ("Equipo A",), "10/03/2023", date(2023, 3, 2)),
        ("Revisar la ruta", ("Equipo B",), "próxima reunión", date(2023, 3, 2)),
        ("Compartir el mapa", ("Equipo C",), "fin de mes", date(2023, 3, 16)),
    ]
    # The next meeting after the one an action was raised at: the next date raised.
    assert result.actions[1].next_meeting == date(2023, 3, 16)


def test_ditto_marks_repeat_owner_deadline_and_status_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Action,Responsible,Due,Status\n"
        "Print the forms,Office,Friday,Ongoing\n"
        'Post the forms,"""",\'\',-"-\n'
        "File the forms,,,\n"
    )
    result = read_csv(path)
    assert [(a.owners, a.due_phrase, a.status) for a in result.actions] == [
        (("Office",), "Friday", Status.IN_PROGRESS),
        (("Office",), "Friday", Status.IN_PROGRESS),
        # Blank: the owner repeats, a blank deadline or status does not.
        (("Office",), None, Status.OPEN),
    ]
    assert f"{path}: deadline (ditto mark) taken from the row above for row 3" in result.notes


def test_a_person_and_an_organisation_column_give_person_with_organisation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Action,Organisation,Focal point\n"
        "Map the sites,Relief Org,Ana Ruiz\n"
        "Share the list,Aid Net,\n"
        "Call the mayor,,Tom Lee\n"
    )
    result = read_csv(path)
    assert [a.owners for a in result.actions] == [
        ("Ana Ruiz (Relief Org)",),
        ("Ana Ruiz (Aid Net)",),  # a blank person cell: the person above
        ("Tom Lee (Aid Net)",),
    ]


def test_a_meetings_sheet_gives_each_row_its_next_meeting(tmp_path: Path) -> None:
    book = Workbook()
    log = _sheet(book)
    log.title = "Log"
    log.append(["Raised", "Action", "Lead", "Due"])
    log.append([datetime(2024, 5, 6), "Agree on the checklist", "Coordinator", "next meeting"])
    log.append([datetime(2024, 5, 13), "Share the snapshot", "IMO", "next meeting"])
    meetings = _sheet(book, "Meetings")
    meetings.append(["Meeting date", "Note"])
    for day in (6, 13, 20):
        meetings.append([datetime(2024, 5, day), "weekly"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [a.next_meeting for a in result.actions] == [date(2024, 5, 13), date(2024, 5, 20)]
    assert f"{path}, sheet 'Meetings': read as the meeting schedule (3 dates)" in result.notes


def test_a_stated_next_meeting_in_the_title_rows_is_the_last_rows_next_meeting(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Tracker - next coordination meeting: 21/03/2024,,\n,,\n"
        "Date,Action,Owner\n14/03/2024,Share the plan,IMO\n"
    )
    result = read_csv(path)
    assert result.actions[0].next_meeting == date(2024, 3, 21)
    assert result.meeting.next_meeting == date(2024, 3, 21)


def test_date_cells_are_shown_as_excel_shows_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = _sheet(book)
    sheet.append(["Action", "Deadline"])
    sheet.append(["Send the list", datetime(2024, 4, 5)])
    sheet.append(["Book the room", datetime(2024, 4, 19)])
    sheet.append(["Print the maps", 45400])  # a serial day number in an unformatted cell
    sheet["B2"].number_format = "dd-mmm-yyyy"
    sheet["B3"].number_format = "dd/mm/yyyy"
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [a.due_phrase for a in result.actions] == ["05-Apr-2024", "19/04/2024", "2024-04-18"]
    assert shown(datetime(2024, 4, 5), "mmmm d, yyyy") == "April 5, 2024"
    assert month_first("mm/dd/yyyy") and not month_first("dd/mm/yyyy")


def test_a_closed_sheet_gives_done_items_and_a_legend_sets_coloured_statuses(
    tmp_path: Path,
) -> None:
    green = PatternFill("solid", fgColor="FF00B050")
    red = PatternFill("solid", fgColor="FFFF0000")
    book = Workbook()
    sheet = _sheet(book)
    sheet.title = "Open items"
    sheet.append(["Action", "Owner", "Status"])
    sheet.append(["Fix the pump", "WASH", None])
    sheet.append(["Clear the road", "Logistics", "G"])
    sheet.append(["Paint the school", "Education", None])
    sheet["C2"].fill = red
    sheet["C4"].fill = green
    sheet.append([])
    sheet.append([None, "Legend"])
    sheet.append([None, None, "Not started"])
    sheet.append([None, None, "Completed", "G = Completed"])
    sheet["B7"].fill = red
    sheet["B8"].fill = green
    closed = _sheet(book, "Closed")
    closed.append(["Action", "Owner", "Status"])
    closed.append(["Train the staff", "Health", None])
    closed.append(["Buy the fuel", "Logistics", "Cancelled"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [(a.text, a.status) for a in result.actions] == [
        ("Fix the pump", Status.OPEN),
        ("Clear the road", Status.DONE),
        ("Paint the school", Status.DONE),  # only coloured: the legend's green
        ("Train the staff", Status.DONE),  # blank, on a sheet of closed items
        ("Buy the fuel", Status.CANCELLED),
    ]


def test_a_block_titled_closed_reads_blank_statuses_as_done(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Action,Owner,Status\n"
        "OPEN ACTIONS,,\nFix the pump,WASH,\n"
        "CLOSED ACTIONS,,\nClear the road,Logistics,\n"
    )
    result = read_csv(path)
    assert [(a.text, a.status) for a in result.actions] == [
        ("Fix the pump", Status.OPEN),
        ("Clear the road", Status.DONE),
    ]


def test_spanish_and_french_meeting_dates_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Fecha de reunión;Acción;Quién\n9 de marzo de 2023;Enviar el mapa;OIM\n"
        "19 juin 2023;Partager la carte;HCR\n"
    )
    result = read_csv(path)
    assert [a.meeting_date for a in result.actions] == [date(2023, 3, 9), date(2023, 6, 19)]


def test_a_workbook_is_one_document_table_per_visible_sheet(tmp_path: Path) -> None:
    book = Workbook()
    first = _sheet(book)
    first.title = "Actions"
    first.append(["Topic", "Action", "Due"])
    first.append(["Water", "Test the wells", datetime(2024, 4, 5)])
    first.append([None, "Chlorinate", None])
    first.append(["hidden row", "not read", None])
    first.merge_cells("A2:A3")
    first["C2"].number_format = "dd/mm/yyyy"
    first.row_dimensions[4].hidden = True
    _sheet(book, "Notes").append(["Read me first"])
    secret = _sheet(book, "Old")
    secret.sheet_state = "hidden"
    path = tmp_path / "t.xlsx"
    book.save(path)
    sheets = read_xlsx_book(path)
    tables = [b for b in sheets.document.blocks if isinstance(b, Table)]
    assert [t.name for t in tables] == ["Actions", "Notes"]
    assert sheets.hidden == ("Old",)
    rows = tables[0].rows
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[1].texts() == ["Water", "Test the wells", "05/04/2024"]
    covered = rows[2].cells[0]
    assert covered.spanned and not covered.items
    assert f"{path}, sheet 'Actions': hidden row not read: 4" in sheets.notes


def test_a_csv_file_is_one_document_table_numbered_by_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Action;Owner\n"Two\nlines";IMO\nThird;WFP\n')
    (table,) = read_csv_book(path).document.blocks
    assert isinstance(table, Table)
    assert [(r.number, r.texts()) for r in table.rows] == [
        (1, ["Action", "Owner"]),
        (2, ["Two lines", "IMO"]),
        (4, ["Third", "WFP"]),
    ]


def test_date_cells_shown_month_first_make_the_tracker_month_first(tmp_path: Path) -> None:
    book = Workbook()
    sheet = _sheet(book)
    sheet.append(["Action", "Due date"])
    sheet.append(["File the report", datetime(2024, 4, 5)])
    sheet["B2"].number_format = "mm/dd/yyyy"
    path = tmp_path / "us.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert result.actions[0].due_phrase == "04/05/2024"
    assert result.meeting.month_first


def test_two_actions_in_one_cell_pair_with_two_owners_by_position(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Action,Owner,Due\n"Send the list\nCheck the list","IMO\nWFP",Friday\n')
    result = read_csv(path)
    assert [(a.text, a.owners, a.due_phrase) for a in result.actions] == [
        ("Send the list", ("IMO",), "Friday"),
        ("Check the list", ("WFP",), "Friday"),
    ]


def test_a_letter_legend_beside_the_table_sets_letter_and_colour_statuses(
    tmp_path: Path,
) -> None:
    amber = PatternFill("solid", fgColor="FFFFD966")
    green = PatternFill("solid", fgColor="FFA9D08E")
    book = Workbook()
    sheet = _sheet(book)
    sheet.append(["Action", "Owner", "RAG", None, "Key"])
    sheet.append(["Fix the pump", "WASH", "A", None, "R", "Late / not started"])
    sheet.append(["Clear the road", "Logistics", None, None, "A", "In progress"])
    sheet.append(["Paint the school", "Education", "G", None, "G", "Completed"])
    sheet["C3"].fill = green
    sheet["E3"].fill = amber
    sheet["E4"].fill = green
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = read_xlsx(path)
    assert [(a.text, a.status) for a in result.actions] == [
        ("Fix the pump", Status.IN_PROGRESS),
        ("Clear the road", Status.DONE),  # only coloured, the key's green
        ("Paint the school", Status.DONE),
    ]


def test_an_apostrophe_that_escapes_a_formula_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Action,Owner\n'=HYPERLINK(x) to be checked,'@IOM\n", encoding="utf-8")
    [action] = read_source(path).actions
    assert action.text == "=HYPERLINK(x) to be checked"
    assert action.owners == ("@IOM",)
