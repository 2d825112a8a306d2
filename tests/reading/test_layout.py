"""Text converted from PDF/Word: fixed-width tables, one cell per line, furniture, hyphens."""

from __future__ import annotations

from pathlib import Path

from reminder.reading.dispatch import read_source
from reminder.reading.document import Document, Paragraph, Table
from reminder.reading.layout.assemble import layout_document, text_lines
from reminder.reading.layout.pages import join_hyphenated

PAGES = (
    "Water Board - monthly meeting\n"
    "Date: 3 March 2021\n"
    "\n"
    "Actions agreed\n"
    "\n"
    "  Ref   Task                            Owner            Due\n"
    "  A1    Print the pump maintenance      Pump committee   31/03/2021\n"
    "        schedule for every village\n"
    "  A2    Collect the repair invoices     Treasurer        15/03/2021\n"
    "        from the three contrac-         (with help\n"
    "        tors                            from the\n"
    "                                        clerk)\n"
    "  A3    Book the truck for the          Clerk            Next week\n"
    "        follow-up visit\n"
    "\n"
    "Water Board minutes                                  Page 1 of 2\n"
    "\fWater Board - 3 March 2021\n"
    "\n"
    "  Ref   Task                            Owner            Due\n"
    "        and tell the drivers\n"
    "  A4    Send the report to the          Secretary        End of March\n"
    "        district office\n"
    "        Draft the letter to the         Chair            April\n"
    "        district\n"
    "\n"
    "The meeting closed at noon.\n"
    "\n"
    "Water Board minutes                                  Page 2 of 2\n"
)


def _tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def test_fixed_width_table_rows_cells_and_page_break() -> None:
    document = layout_document(PAGES)
    assert document is not None
    (table,) = _tables(document)
    texts = [row.texts() for row in table.rows]
    assert texts[0] == ["Ref", "Task", "Owner", "Due"]
    assert texts[1] == [
        "A1",
        "Print the pump maintenance schedule for every village",
        "Pump committee",
        "31/03/2021",
    ]
    # A hyphenated word rejoined; an owner wrapped over three lines is one cell.
    assert texts[2][1] == "Collect the repair invoices from the three contractors"
    assert texts[2][2] == "Treasurer (with help from the clerk)"
    # Real hyphens stay; the row goes on under the repeated header on the next page.
    assert texts[3][1] == "Book the truck for the follow-up visit and tell the drivers"
    assert len(table.rows) == 5  # header, A1-A4: the repeated header is not a row
    assert table.rows[1].line == 7
    assert table.rows[4].line == 21


def test_a_second_action_in_a_row_is_a_second_item() -> None:
    document = layout_document(PAGES)
    assert document is not None
    row = _tables(document)[0].rows[4]
    assert [it.text for it in row.cells[1].items] == [
        "Send the report to the district office",
        "Draft the letter to the district",
    ]
    assert [it.text for it in row.cells[2].items] == ["Secretary", "Chair"]
    assert [it.text for it in row.cells[3].items] == ["End of March", "April"]


def test_page_furniture_is_removed() -> None:
    document = layout_document(PAGES)
    assert document is not None
    texts = list(document.texts())
    assert not any("Page 1" in text or "Page 2" in text for text in texts)
    assert "Water Board - 3 March 2021" not in texts
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[:3] == [
        "Water Board - monthly meeting",
        "Date: 3 March 2021",
        "Actions agreed",
    ]
    assert paragraphs[-1] == "The meeting closed at noon."


def test_actions_from_a_fixed_width_page(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(PAGES, encoding="utf-8")
    extraction = read_source(path)
    by_text = {action.text: action for action in extraction.actions}
    assert "Collect the repair invoices from the three contractors" in by_text
    owners = by_text["Collect the repair invoices from the three contractors"].owners
    assert owners[0].startswith("Treasurer")  # how "(with help ...)" is kept is reading.owners'
    assert by_text["Book the truck for the follow-up visit and tell the drivers"].owners == (
        "Clerk",
    )


def test_one_cell_per_line_table() -> None:
    text = (
        "Minutes of the 4 May meeting\n\n"
        "Action\nResponsible\nDeadline\n"
        "Share the map\nIM officer\n10 May\n"
        "Call the landlord\nSite lead\nFriday\n"
        "\n\nNext meeting: 18 May\n"
    )
    document = layout_document(text)
    assert document is not None
    (table,) = _tables(document)
    assert [row.texts() for row in table.rows] == [
        ["Action", "Responsible", "Deadline"],
        ["Share the map", "IM officer", "10 May"],
        ["Call the landlord", "Site lead", "Friday"],
    ]
    assert isinstance(document.blocks[-1], Paragraph)
    assert document.blocks[-1].text == "Next meeting: 18 May"


def test_plain_text_without_tables_is_left_to_the_text_reader() -> None:
    assert layout_document("Notes\n\n- Ana to call the office\n") is None
    assert layout_document("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n") is None


def test_hyphens_in_prose_lines() -> None:
    lines = text_lines("We agreed on the vacci-\nnation plan and the follow-\nup calls.\n")
    assert lines == ["We agreed on the vaccination", "plan and the follow-up", "calls."]


def test_join_hyphenated() -> None:
    assert join_hyphenated("vacci-", "nation", set()) == "vaccination"
    assert join_hyphenated("follow-", "up", set()) == "follow-up"
    assert join_hyphenated("Nutrition-", "FSS", set()) == "Nutrition-FSS"
    assert join_hyphenated("co-", "chairs", set()) == "co-chairs"
    assert join_hyphenated("well-", "being", {"well-being"}) == "well-being"
    assert join_hyphenated("road-", "map", {"roadmap"}) == "roadmap"


def test_page_numbers_alone_at_page_edges() -> None:
    lines = text_lines("Title\nfirst page text\n- 1 -\n\fsecond page text\n2\n")
    assert lines == ["Title", "first page text", "", "second page text", ""]


def test_vertically_centred_cells_belong_to_the_nearest_row() -> None:
    text = (
        "No.   Task                          Owner        Due\n"
        "\n"
        "      Repair the fence around the\n"
        "1     clinic and the store            Guard team   Friday\n"
        "      before the rains\n"
        "      Send the invoices to the\n"
        "2     finance unit                    Clerk        10 May\n"
    )
    document = layout_document(text)
    assert document is not None
    (table,) = _tables(document)
    assert [row.texts() for row in table.rows] == [
        ["No.", "Task", "Owner", "Due"],
        [
            "1",
            "Repair the fence around the clinic and the store before the rains",
            "Guard team",
            "Friday",
        ],
        ["2", "Send the invoices to the finance unit", "Clerk", "10 May"],
    ]


def test_header_cells_that_wrap() -> None:
    text = (
        "Ref   Action               Focal         Target\n"
        "                           point         date\n"
        "1     Map the water        Site lead     12 May\n"
        "      points\n"
    )
    document = layout_document(text)
    assert document is not None
    (table,) = _tables(document)
    assert [row.texts() for row in table.rows] == [
        ["Ref", "Action", "Focal point", "Target date"],
        ["1", "Map the water points", "Site lead", "12 May"],
    ]


def test_headers_centred_over_their_columns() -> None:
    text = (
        "   No.          Action point                 Responsible      Deadline\n"
        "    1    Share the updated list of         Cluster          15 Oct\n"
        "         facilities                        Coordinator\n"
        "    2    Print the maps for the            IM officer       Friday\n"
        "         districts\n"
        "\n"
        "The next meeting will be announced by e-mail to all the members of the group.\n"
    )
    document = layout_document(text)
    assert document is not None
    (table,) = _tables(document)
    assert [row.texts() for row in table.rows] == [
        ["No.", "Action point", "Responsible", "Deadline"],
        ["1", "Share the updated list of facilities", "Cluster Coordinator", "15 Oct"],
        ["2", "Print the maps for the districts", "IM officer", "Friday"],
    ]
    assert isinstance(document.blocks[-1], Paragraph)


def test_actions_from_a_one_cell_per_line_table(tmp_path: Path) -> None:
    path = tmp_path / "cells.txt"
    path.write_text(
        "Site meeting, 4 May 2021\n\nFollow-up\n\n"
        "Action\nResponsible\nDeadline\n"
        "Share the map with the partners\nIM officer\n10 May\n"
        "Call the landlord\nSite lead\nFriday\n",
        encoding="utf-8",
    )
    extraction = read_source(path)
    assert [(a.text, a.owners, a.due_phrase) for a in extraction.actions] == [
        ("Share the map with the partners", ("IM officer",), "10 May"),
        ("Call the landlord", ("Site lead",), "Friday"),
    ]


def test_rows_set_apart_by_blank_lines_and_the_paragraph_after() -> None:
    text = (
        "Action                         Responsible        Deadline\n"
        "\n"
        "Share the list of sites        Coordinator        15/04/2022\n"
        "with the partners\n"
        "\n"
        "Update the map of damaged      IM officer         end of April\n"
        "shelters\n"
        "\n"
        "Next meeting: 26/04/2022\n"
    )
    document = layout_document(text)
    assert document is not None
    (table,) = _tables(document)
    assert [row.texts()[0] for row in table.rows] == [
        "Action",
        "Share the list of sites with the partners",
        "Update the map of damaged shelters",
    ]
    last = document.blocks[-1]
    assert isinstance(last, Paragraph)
    assert (last.text, last.line) == ("Next meeting: 26/04/2022", 9)


def test_a_title_block_repeated_as_page_header_keeps_its_first_copy(tmp_path: Path) -> None:
    head = ["            WORKING GROUP – NORTH", "         Meeting minutes · Town, 3 March 2025"]
    body = ["", "1. Action points", "", "Partner A to share the map by 14/03.", ""]
    text = "\n".join([*head, *body, "Page 1 of 2", "\f" + head[0], head[1], *body, "Page 2 of 2"])
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    extraction = read_source(path)
    assert (
        extraction.meeting.date is not None and extraction.meeting.date.isoformat() == "2025-03-03"
    )
