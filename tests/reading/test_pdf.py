"""PDF read directly: ruled tables, fixed-width text, headings and bullets; built with fpdf2."""

from __future__ import annotations

import json
from pathlib import Path

from fpdf import FPDF
from typer.testing import CliRunner

from reminder.cli.app import app
from reminder.reading.dispatch import read_source
from reminder.reading.document import Paragraph, Table
from reminder.reading.formats.pdf.reader import read_pdf_document


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str, style: str = "", size: int = 11) -> None:
    pdf.set_font("Helvetica", style, size=size)
    pdf.cell(text=text, new_x="LMARGIN", new_y="NEXT")


def _table_pdf(path: Path) -> Path:
    pdf = _pdf()
    _line(pdf, "Water Committee - Minutes", "B", 18)
    _line(pdf, "Date: 12 May 2022")
    _line(pdf, "Action points", "B", 14)
    pdf.set_font("Helvetica", size=11)
    rows = [
        ("Action", "Responsible", "Deadline"),
        (
            "Repair the hand pump at the market and report the cost to the committee",
            "Pump mechanic",
            "20/05/2022",
        ),
        ("Print the hygiene leaflets", "Health officer", "end of May"),
    ]
    with pdf.table() as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.output(str(path))
    return path


def _bullets_pdf(path: Path) -> Path:
    pdf = _pdf()
    _line(pdf, "Youth Forum - 3 June 2023", "B", 18)
    _line(pdf, "The forum discussed the summer camp.")
    _line(pdf, "Action points", "B", 14)
    _line(pdf, "- Ana to book the hall by Friday")
    _line(pdf, "- Luis to send the invitations (end of June)")
    pdf.output(str(path))
    return path


def test_ruled_table_headings_and_lines(tmp_path: Path) -> None:
    document = read_pdf_document(_table_pdf(tmp_path / "minutes.pdf"))
    first = document.blocks[0]
    assert isinstance(first, Paragraph)
    assert (first.text, first.level) == ("Water Committee - Minutes", 1)
    heading = document.blocks[2]
    assert isinstance(heading, Paragraph)
    assert (heading.text, heading.level) == ("Action points", 2)
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    assert table.name == "page 1, table 1"
    assert [row.texts() for row in table.rows] == [
        ["Action", "Responsible", "Deadline"],
        [
            "Repair the hand pump at the market and report the cost to the committee",
            "Pump mechanic",
            "20/05/2022",
        ],
        ["Print the hygiene leaflets", "Health officer", "end of May"],
    ]


def test_actions_from_a_pdf_table(tmp_path: Path) -> None:
    extraction = read_source(_table_pdf(tmp_path / "minutes.pdf"))
    assert extraction.meeting.date is not None
    assert extraction.meeting.date.isoformat() == "2022-05-12"
    assert [(a.text, a.owners, a.due_phrase) for a in extraction.actions] == [
        (
            "Repair the hand pump at the market and report the cost to the committee",
            ("Pump mechanic",),
            "20/05/2022",
        ),
        ("Print the hygiene leaflets", ("Health officer",), "end of May"),
    ]


def test_bulleted_action_points_through_the_cli(tmp_path: Path) -> None:
    path = _bullets_pdf(tmp_path / "forum.pdf")
    document = read_pdf_document(path)
    bullets = [b for b in document.blocks if isinstance(b, Paragraph) and b.bullet]
    assert [b.text for b in bullets] == [
        "Ana to book the hall by Friday",
        "Luis to send the invitations (end of June)",
    ]
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    actions = json.loads(result.output)
    assert [(a["owners"], a["due_date"]) for a in actions] == [
        (["Ana"], "2023-06-09"),
        (["Luis"], "2023-06-30"),
    ]
    assert actions[0]["text"].startswith("Ana to book the hall")


def test_unruled_columns_are_rebuilt(tmp_path: Path) -> None:
    pdf = _pdf()
    _line(pdf, "Next steps", "B", 14)
    pdf.set_font("Courier", size=10)
    for text in (
        "Task                      Owner          Due",
        "Send the site report      Site lead      15/06/2023",
        "to the donors",
        "Check the stock           Storekeeper    Friday",
    ):
        pdf.cell(text=text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "plain.pdf"
    pdf.output(str(path))
    document = read_pdf_document(path)
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    assert [row.texts() for row in table.rows] == [
        ["Task", "Owner", "Due"],
        ["Send the site report to the donors", "Site lead", "15/06/2023"],
        ["Check the stock", "Storekeeper", "Friday"],
    ]


def test_unruled_table_in_a_proportional_font_across_pages(tmp_path: Path) -> None:
    from fpdf.enums import TableBordersLayout

    pdf = _pdf()
    _line(pdf, "Action points", "B", 14)
    pdf.set_font("Helvetica", size=10)
    with pdf.table(
        borders_layout=TableBordersLayout.NONE, col_widths=(10, 80, 40, 30), v_align="T"
    ) as table:
        for values in [("No.", "Action", "Responsible", "Deadline")] + [
            (
                str(i),
                f"Write the monthly site report number {i} and send it to the partners "
                "of the working group",
                "Site lead",
                f"{i}/06/2023",
            )
            for i in range(1, 25)
        ]:
            row = table.row()
            for value in values:
                row.cell(value)
    path = tmp_path / "long.pdf"
    pdf.output(str(path))
    extraction = read_source(path)
    assert [a.text for a in extraction.actions] == [
        f"Write the monthly site report number {i} and send it to the partners of the working group"
        for i in range(1, 25)
    ]
    assert {a.owners for a in extraction.actions} == {("Site lead",)}
    assert [a.due_phrase for a in extraction.actions] == [f"{i}/06/2023" for i in range(1, 25)]


class _Paged(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 8, "Camp Committee - minutes of 2 May 2023", align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def test_page_headers_footers_and_numbers_are_dropped(tmp_path: Path) -> None:
    pdf = _Paged()
    pdf.add_page()
    _line(pdf, "Camp Committee", "B", 18)
    _line(pdf, "Date: 2 May 2023")
    _line(pdf, "Action points", "B", 14)
    for number in range(1, 121):
        _line(pdf, f"- Block {number} leader to check the latrines by Friday")
    path = tmp_path / "paged.pdf"
    pdf.output(str(path))
    document = read_pdf_document(path)
    texts = list(document.texts())
    assert not [text for text in texts if "Page" in text or "minutes of 2 May" in text]
    extraction = read_source(path)
    assert len(extraction.actions) == 120
    assert extraction.actions[119].owners == ("Block 120 leader",)
    assert len(read_pdf_document(path).blocks) == 123  # title, date, heading, 120 items


def test_nested_bullets_get_their_depth(tmp_path: Path) -> None:
    pdf = _pdf()
    _line(pdf, "Next steps", "B", 14)
    pdf.set_font("Helvetica", size=11)
    for indent, text in (
        (0, "- Health partners:"),
        (8, "- share the stock report"),
        (8, "- update the map"),
        (0, "- Ana to call the office"),
    ):
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(text=text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "nested.pdf"
    pdf.output(str(path))
    items = [b for b in read_pdf_document(path).blocks if isinstance(b, Paragraph) and b.bullet]
    assert [(b.text, b.depth) for b in items] == [
        ("Health partners:", 0),
        ("share the stock report", 1),
        ("update the map", 1),
        ("Ana to call the office", 0),
    ]
