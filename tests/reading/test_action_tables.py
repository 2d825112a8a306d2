"""Action tables in minutes, on small tables of each structure built here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from reminder.reading.actions.minutes import analyse, read_docx
from reminder.reading.document import Cell, Document, Item, Paragraph, Row, Table
from reminder.reading.extraction import Extraction, Status


def _cell(*texts: str, spanned: bool = False, bullet: bool = False) -> Cell:
    return Cell(tuple(Item(text, bullet=bullet) for text in texts), spanned)


def _table(*rows: tuple[Cell, ...]) -> Document:
    return Document(
        (
            Paragraph("Minutes of the coordination meeting, 12 March 2024", level=1),
            Table(tuple(Row(cells, number=n) for n, cells in enumerate(rows, start=1)), "t1"),
        )
    )


def _read(*rows: tuple[Cell, ...]) -> Extraction:
    return analyse(_table(*rows), source="minutes")


def _rows(result: Extraction) -> list[tuple[str, tuple[str, ...], str | None, Status]]:
    return [(a.text, a.owners, a.due_phrase, a.status) for a in result.actions]


def test_a_vertically_merged_responsible_cell_in_word_applies_to_both_rows(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for col, text in enumerate(["Action", "Responsible", "Deadline"]):
        table.cell(0, col).text = text
    table.cell(1, 0).text = "Share the site list"
    table.cell(2, 0).text = "Update the contact sheet"
    table.cell(3, 0).text = "Book the venue"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Site team"
    table.cell(3, 1).text = "Chair"
    for row, due in ((1, "Friday"), (2, "Monday"), (3, "TBC")):
        table.cell(row, 2).text = due
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    result = read_docx(path)
    assert [(a.text, a.owners, a.due_phrase) for a in result.actions] == [
        ("Share the site list", ("Site team",), "Friday"),
        ("Update the contact sheet", ("Site team",), "Monday"),
        ("Book the venue", ("Chair",), "TBC"),
    ]


def test_merged_owner_and_deadline_cells_repeat_the_row_above_with_a_note() -> None:
    header = (_cell("Topic"), _cell("Discussion"), _cell("Action"), _cell("Owner"), _cell("Due"))
    result = _read(
        header,
        (_cell("Water"), _cell("Talked."), _cell("Test the wells"), _cell("WASH lead"),
         _cell("15/03/2024")),
        (_cell(spanned=True), _cell(spanned=True), _cell("Chlorinate the tanks"),
         _cell(spanned=True), _cell(spanned=True)),
    )  # fmt: skip
    assert _rows(result) == [
        ("Test the wells", ("WASH lead",), "15/03/2024", Status.OPEN),
        ("Chlorinate the tanks", ("WASH lead",), "15/03/2024", Status.OPEN),
    ]
    assert any("owner, deadline taken from the row above" in note for note in result.notes)


def test_two_actions_in_one_cell_pair_with_owners_and_deadlines_by_position() -> None:
    result = _read(
        (_cell("Agenda item"), _cell("Action points"), _cell("Responsible"), _cell("Deadline")),
        (_cell("Reporting"), _cell("Send the 5W", "Clean the dataset"), _cell("Partners", "IMO"),
         _cell("Friday", "End of month")),
    )  # fmt: skip
    assert _rows(result) == [
        ("Send the 5W", ("Partners",), "Friday", Status.OPEN),
        ("Clean the dataset", ("IMO",), "End of month", Status.OPEN),
    ]


def test_responsible_and_deadline_sub_paragraphs_belong_to_the_action_above() -> None:
    result = _read(
        (_cell("Discussion"), _cell("Action points")),
        (_cell("Stocks are low."),
         _cell("Order more kits", "Responsible: Logistics", "Deadline: 20 March",
               "Share the pipeline", "Responsible: Supply team", "Deadline: next meeting")),
    )  # fmt: skip
    assert _rows(result) == [
        ("Order more kits", ("Logistics",), "20 March", Status.OPEN),
        ("Share the pipeline", ("Supply team",), "next meeting", Status.OPEN),
    ]


def test_decision_lines_in_the_action_column_are_not_actions() -> None:
    result = _read(
        (_cell("Agenda item"), _cell("Decision / Action point"), _cell("Responsible"),
         _cell("Timeline")),
        (_cell("Review"), _cell("Decision: the plan is adopted.", "Action: Chair to send it.",
                                "Action: Members to comment."),
         _cell("Chair", "All members"), _cell("Monday", "TBD")),
    )  # fmt: skip
    assert _rows(result) == [
        ("Chair to send it.", ("Chair",), "Monday", Status.OPEN),
        ("Members to comment.", ("All members",), "TBD", Status.OPEN),
    ]
    assert [s.reason for s in result.skipped] == ["a decision or note, not an action"]


def test_a_spanish_review_table_is_read_with_its_statuses_as_carried_over() -> None:
    result = _read(
        (_cell("N°"), _cell("Compromiso"), _cell("Responsable(s)"), _cell("Estado")),
        (_cell("1"), _cell("Enviar el mapa"), _cell("Subgrupo"), _cell("Done")),
        (_cell("2"), _cell("Revisar la ruta"), _cell(), _cell("Pending")),
    )
    assert _rows(result) == [
        ("Enviar el mapa", ("Subgrupo",), None, Status.DONE),
        # A blank owner cell in a review table: same as above.
        ("Revisar la ruta", ("Subgrupo",), None, Status.OPEN),
    ]
    assert all(a.carried_over for a in result.actions)


def test_ditto_marks_repeat_the_owner_and_deadline_above() -> None:
    result = _read(
        (_cell("Action"), _cell("Who"), _cell("By when"), _cell("Status")),
        (_cell("Print the forms"), _cell("Office"), _cell("Friday"), _cell("Open")),
        (_cell("Post the forms"), _cell('"'), _cell("''"), _cell('-"-')),
    )
    assert _rows(result)[1] == ("Post the forms", ("Office",), "Friday", Status.OPEN)


def test_a_person_and_an_organisation_column_give_person_with_organisation() -> None:
    result = _read(
        (_cell("Action"), _cell("Agency"), _cell("Focal point"), _cell("Date raised"),
         _cell("Status")),
        (_cell("Map the shelters"), _cell("Relief Org"), _cell("Ana Ruiz"), _cell("05/03/2024"),
         _cell("Ongoing")),
    )  # fmt: skip
    (action,) = result.actions
    assert action.owners == ("Ana Ruiz (Relief Org)",)
    assert action.meeting_date == date(2024, 3, 5)
    assert action.status is Status.IN_PROGRESS


def test_section_heading_rows_and_no_action_rows_give_no_actions() -> None:
    result = _read(
        (_cell("Action"), _cell("Responsible"), _cell("Status")),
        (_cell("HEALTH"), _cell(spanned=True), _cell(spanned=True)),
        (_cell("Vaccinate the children"), _cell("Health team"), _cell("Done")),
        (_cell("No action"), _cell("-"), _cell("-")),
    )
    assert [(a.text, a.section) for a in result.actions] == [("Vaccinate the children", "HEALTH")]
    assert any("no action point" in s.reason for s in result.skipped)


def test_a_wrapped_action_line_goes_on_from_the_line_before() -> None:
    result = _read(
        (_cell("Action point"), _cell("Responsible"), _cell("Status")),
        (_cell("Share the list of schools used as", "shelters in the north"),
         _cell("Education team"), _cell("Done")),
    )  # fmt: skip
    assert _rows(result) == [
        ("Share the list of schools used as shelters in the north", ("Education team",), None,
         Status.DONE),
    ]  # fmt: skip


def test_a_date_raised_column_gives_each_action_the_next_meeting_after_it() -> None:
    result = _read(
        (_cell("Date raised"), _cell("Action"), _cell("Owner"), _cell("Due")),
        (_cell("4 March 2024"), _cell("Send the map"), _cell("IMO"), _cell("next meeting")),
        (_cell("11 March 2024"), _cell("Print the map"), _cell("IMO"), _cell("Friday")),
    )
    assert [(a.meeting_date, a.next_meeting) for a in result.actions] == [
        (date(2024, 3, 4), date(2024, 3, 11)),
        (date(2024, 3, 11), None),
    ]


def test_who_what_when_headers_and_a_second_owner_column_are_understood() -> None:
    result = _read(
        (_cell("What"), _cell("Lead agency"), _cell("Who"), _cell("When"), _cell("Follow-up")),
        (_cell("Fix the pump"), _cell("WASH Org"), _cell("Sam"), _cell("Friday"),
         _cell("Parts ordered")),
    )  # fmt: skip
    assert _rows(result) == [("Fix the pump", ("Sam (WASH Org)",), "Friday", Status.OPEN)]


def test_a_bare_date_column_beside_actions_is_their_deadline() -> None:
    result = _read(
        (_cell("Acuerdos"), _cell("Responsable"), _cell("Fecha")),
        (_cell("Enviar el acta"), _cell("Secretaría"), _cell("15/03/2024")),
    )
    assert _rows(result) == [("Enviar el acta", ("Secretaría",), "15/03/2024", Status.OPEN)]


def test_a_lone_short_action_in_the_first_column_is_not_taken_for_a_heading() -> None:
    result = _read(
        (_cell("Action"), _cell("Responsible"), _cell("Status")),
        (_cell("Share the 4W"), _cell(), _cell()),
        (_cell("PROTECTION"), _cell(), _cell()),
        (_cell("Map the services"), _cell("UNHCR"), _cell("Open")),
    )
    assert [(a.text, a.section) for a in result.actions] == [
        ("Share the 4W", None),
        ("Map the services", "PROTECTION"),
    ]


def test_a_row_split_by_a_page_break_goes_on_under_the_repeated_header() -> None:
    header = (_cell("Action"), _cell("Responsible"), _cell("Deadline"))
    result = _read(
        header,
        (_cell("Prepare the cholera preparedness plan for"), _cell("Health"), _cell("Friday")),
        header,
        (_cell(), _cell("cluster"), _cell()),
        (_cell("Share the plan"), _cell("IMO"), _cell("Monday")),
    )
    assert [(a.text, a.owners_raw) for a in result.actions] == [
        ("Prepare the cholera preparedness plan for", "Health cluster"),
        ("Share the plan", "IMO"),
    ]
