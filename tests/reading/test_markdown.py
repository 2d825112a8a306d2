"""The markdown reader builds the document model: paragraphs, lists, checklists, tables."""

from __future__ import annotations

from pathlib import Path

from reminder.reading.document import Cell, Document, Paragraph, Table
from reminder.reading.formats.text import read_text_document


def _read(tmp_path: Path, text: str, name: str = "notes.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_text_document(path)


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def _grid(table: Table) -> list[list[str]]:
    return [row.texts() for row in table.rows]


def test_headings_wrapped_paragraphs_and_property_lines(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "# Shelter meeting\n\nDate: 4 May 2023\nVenue: Town hall\n\n"
        "The partners discussed the distribution plan for the northern camps and\n"
        "agreed to meet again.\n\n**Action points:**\n\nRoads\n=====\n",
    )
    got = [(p.text, p.line, p.level) for p in _paragraphs(document)]
    assert got == [
        ("Shelter meeting", 1, 1),
        ("Date: 4 May 2023", 3, 0),
        ("Venue: Town hall", 4, 0),
        (
            "The partners discussed the distribution plan for the northern camps and "
            "agreed to meet again.",
            6,
            0,
        ),
        ("Action points:", 9, 6),
        ("Roads", 11, 1),
    ]


def test_nested_lists_get_their_depth_and_lose_their_markers(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "- Water\n    - trucking to 3 sites,\n      continued on a second line\n"
        "        1. first site\n    + chlorination\n* Hygiene\n\n"
        "a) one option\nb) another option\n\nNot an item.\n",
    )
    got = [(p.text, p.bullet, p.depth) for p in _paragraphs(document)]
    assert got == [
        ("Water", True, 0),
        ("trucking to 3 sites, continued on a second line", True, 1),
        ("first site", True, 2),
        ("chlorination", True, 1),
        ("Hygiene", True, 0),
        ("one option", True, 0),
        ("another option", True, 0),
        ("Not an item.", False, 0),
    ]


def test_an_unindented_line_after_an_item_is_a_paragraph(tmp_path: Path) -> None:
    document = _read(tmp_path, "Next steps\n- share the list\nIOM to book the venue.\n")
    assert [(p.text, p.bullet) for p in _paragraphs(document)] == [
        ("Next steps", False),
        ("share the list", True),
        ("IOM to book the venue.", False),
    ]


def test_checklists_keep_their_mark_and_strike_sets_struck(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "- [ ] @ana send the **draft** report\n- [x] _book_ the room\n"
        "- [ ] ~~Print the flyers~~ (dropped)\n- Share the ~~old~~ new list\n"
        "- ✓ Done item\n- ~~Call the mayor~~ – no longer needed\n",
    )
    got = [(p.text, p.struck) for p in _paragraphs(document)]
    assert got == [
        ("[ ] @ana send the draft report", False),
        ("[x] book the room", False),
        ("[ ] Print the flyers (dropped)", True),
        ("Share the old new list", False),
        ("✓ Done item", False),
        ("Call the mayor – no longer needed", True),
    ]


def test_pandoc_inline_marks_become_plain_text(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "Report by the 5^th^ of the month -- see [the guide](http://x.org) and `code`.\n\n"
        "\\# not a heading\n",
    )
    assert [p.text for p in _paragraphs(document)] == [
        "Report by the 5th of the month – see the guide and code.",
        "# not a heading",
    ]


def test_pipe_table_with_escaped_bars_breaks_and_html(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "Intro\n\n| Action | Owner \\| lead | Due |\n|:---|---|--:|\n"
        "| Share the map<br>*Partager la carte* | <b>IOM</b> | 5 May |\n"
        "| Book the room |  | |\n\nAfter.\n",
    )
    [table] = _tables(document)
    assert table.index == 1
    assert _grid(table) == [
        ["Action", "Owner | lead", "Due"],
        ["Share the map Partager la carte", "IOM", "5 May"],
        ["Book the room", "", ""],
    ]
    assert [it.text for it in table.rows[1].cells[0].items] == [
        "Share the map",
        "Partager la carte",
    ]
    assert [row.line for row in table.rows] == [3, 5, 6]
    assert _paragraphs(document)[-1].text == "After."


def test_a_headerless_pipe_table_keeps_only_its_rows(tmp_path: Path) -> None:
    document = _read(tmp_path, "| | |\n|---|---|\n| **Date** | 3 May 2024 |\n")
    assert _grid(_tables(document)[0]) == [["Date", "3 May 2024"]]


def test_pandoc_simple_table(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "  Action         Owner    Due\n  -------------- -------- -------\n"
        "  Share the map  IOM      5 May\n  Book a room    UNICEF   TBD\n\nText after.\n",
    )
    [table] = _tables(document)
    assert _grid(table) == [
        ["Action", "Owner", "Due"],
        ["Share the map", "IOM", "5 May"],
        ["Book a room", "UNICEF", "TBD"],
    ]
    assert _paragraphs(document)[0].text == "Text after."


def test_pandoc_multiline_table_joins_the_lines_of_a_cell(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "  ------------------------------------------\n"
        "  **Action**        **Owner**   **Status**\n"
        "  ----------------- ----------- ----------\n"
        "  Share the list    Shelter     Done\n"
        "  of schools        Cluster\n"
        "\n"
        "  Compile needs     IMO         Ongoing\n"
        "  ------------------------------------------\n",
    )
    [table] = _tables(document)
    assert _grid(table) == [
        ["Action", "Owner", "Status"],
        ["Share the list of schools", "Shelter Cluster", "Done"],
        ["Compile needs", "IMO", "Ongoing"],
    ]
    assert [row.line for row in table.rows] == [2, 4, 7]


def test_headerless_multiline_table(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "  ---------- ---------------------\n  **Date:**  Monday 3 May\n\n"
        "  **Chair:** Ana, cluster\n             coordinator\n  ---------- ---------------------\n",
    )
    assert _grid(_tables(document)[0]) == [
        ["Date:", "Monday 3 May"],
        ["Chair:", "Ana, cluster coordinator"],
    ]


def test_grid_table_with_a_cell_merged_down_and_across(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "+--------------+--------+-------+\n"
        "| Action       | Owner  | Due   |\n"
        "+==============+========+=======+\n"
        "| Share the    | IOM    | May   |\n"
        "| map          |        |       |\n"
        "+--------------+        +-------+\n"
        "| Book a room  |        | June  |\n"
        "+--------------+--------+-------+\n"
        "| A note across all columns      |\n"
        "+--------------+--------+-------+\n",
    )
    [table] = _tables(document)
    assert _grid(table) == [
        ["Action", "Owner", "Due"],
        ["Share the map", "IOM", "May"],
        ["Book a room", "", "June"],
        ["A note across all columns", "", ""],
    ]
    assert table.rows[2].cells[1] == Cell(spanned=True)
    assert [c.spanned for c in table.rows[3].cells] == [False, True, True]


def test_notion_callouts_and_toggles(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "<aside>\n📌 Members only.\n\n</aside>\n\n‣ Details\n\n    The closed points reopen.\n",
    )
    got = [(p.text, p.bullet) for p in _paragraphs(document)]
    assert got == [
        ("📌 Members only.", False),
        ("Details", True),
        ("The closed points reopen.", False),
    ]


def test_a_txt_file_in_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    document = _read(tmp_path, "## Actions\n- [ ] share the\n  list\n", name="notes.txt")
    assert [(p.text, p.level) for p in _paragraphs(document)] == [
        ("Actions", 2),
        ("[ ] share the list", 0),
    ]


def test_plain_text_stays_one_paragraph_per_line(tmp_path: Path) -> None:
    document = _read(tmp_path, "ACTION: IOM to share the\nlist of sites\n", name="notes.txt")
    assert [p.text for p in _paragraphs(document)] == ["ACTION: IOM to share the", "list of sites"]


def test_an_html_table_inside_markdown_is_read_as_a_table(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "# Notes\n\n<table>\n<tr><th>Action</th><th>Owner</th></tr>\n"
        "<tr><td>Share the map</td><td>IOM</td></tr>\n</table>\n\nAfter.\n",
    )
    [table] = _tables(document)
    assert [row.texts() for row in table.rows] == [["Action", "Owner"], ["Share the map", "IOM"]]
    assert [row.line for row in table.rows] == [4, 5]
    assert table.index == 1
    assert [p.text for p in _paragraphs(document)] == ["Notes", "After."]


def test_pandoc_spans_quotes_and_line_blocks(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "## [Action points]{.underline} {#actions}\n\n> Quoted line.\n\n"
        "| Chair: Ana\n| Minutes: Omar\n",
    )
    assert [(p.text, p.level) for p in _paragraphs(document)] == [
        ("Action points", 2),
        ("Quoted line.", 0),
        ("Chair: Ana", 0),
        ("Minutes: Omar", 0),
    ]


def test_a_wrapped_item_goes_on_in_an_unindented_line(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "- Partners to share the updated list of learning spaces with the\n"
        "cluster by Thursday.\n- IMO to update the map\nOCHA to book the venue.\n",
    )
    assert [(p.text, p.bullet) for p in _paragraphs(document)] == [
        ("Partners to share the updated list of learning spaces with the cluster by Thursday.",
         True),
        ("IMO to update the map", True),
        ("OCHA to book the venue.", False),
    ]  # fmt: skip


def test_pipe_cells_with_list_lines_and_short_rows(tmp_path: Path) -> None:
    document = _read(
        tmp_path, "| Action | Owner | Due |\n|---|---|---|\n| - Share the map<br>- Book | IOM |\n"
    )
    [table] = _tables(document)
    assert [row.texts() for row in table.rows] == [
        ["Action", "Owner", "Due"],
        ["Share the map Book", "IOM", ""],
    ]
    assert [(it.text, it.bullet) for it in table.rows[1].cells[0].items] == [
        ("Share the map", True),
        ("Book", True),
    ]


def test_a_fenced_block_keeps_its_lines(tmp_path: Path) -> None:
    document = _read(tmp_path, "Notes:\n\n```\n- **not** a list\n| x |\n```\n\nAfter.\n")
    assert [(p.text, p.bullet) for p in _paragraphs(document)] == [
        ("Notes:", False),
        ("- **not** a list", False),
        ("| x |", False),
        ("After.", False),
    ]


def test_tab_separated_tables_of_plain_text_are_indexed(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "Action\tOwner\nShare\tIOM\n" + "A long paragraph that ends the first table here now. " * 2
        + "\nAction\tOwner\nBook\tWFP\n",
        name="notes.txt",
    )  # fmt: skip
    assert [t.index for t in _tables(document)] == [1, 2]
