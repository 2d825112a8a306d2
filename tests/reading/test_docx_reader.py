"""The Word reader builds the document model: list depth, strike, merged cells, headings."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from reminder.reading.document import Cell, Document, Paragraph, Table
from reminder.reading.formats.docx.reader import read_docx_document


def _numbered(paragraph: DocxParagraph, level: int) -> None:
    """Give a paragraph Word numbering at `level` (numId 1 exists in the default template)."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "1")
    num_pr.append(ilvl)
    num_pr.append(num_id)
    ppr.append(num_pr)


def _save(document: docx.document.Document, tmp_path: Path) -> Document:
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    return read_docx_document(path)


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def test_numbered_paragraphs_get_their_depth_from_ilvl_and_list_styles(tmp_path: Path) -> None:
    source = docx.Document()
    for text, level in [("Water", 0), ("Trucking", 1), ("Site A", 2), ("Hygiene", 0)]:
        _numbered(source.add_paragraph(text), level)
    source.add_paragraph("Sub point by style", style="List Bullet 2")
    source.add_paragraph("Plain text.")
    got = [(p.text, p.bullet, p.depth) for p in _paragraphs(_save(source, tmp_path))]
    assert got == [
        ("Water", True, 0),
        ("Trucking", True, 1),
        ("Site A", True, 2),
        ("Hygiene", True, 0),
        ("Sub point by style", True, 1),
        ("Plain text.", False, 0),
    ]


def test_a_paragraph_struck_through_as_a_whole_is_struck(tmp_path: Path) -> None:
    source = docx.Document()
    whole = source.add_paragraph()
    whole.add_run("Print the flyers").font.strike = True
    whole.add_run(" ")
    partial = source.add_paragraph("Share the ")
    partial.add_run("old").font.strike = True
    partial.add_run(" new list")
    double = source.add_paragraph()
    double.add_run("Call the mayor").font.double_strike = True
    got = [(p.text, p.struck) for p in _paragraphs(_save(source, tmp_path))]
    assert got == [("Print the flyers", True), ("Share the old new list", False),
                   ("Call the mayor", True)]  # fmt: skip


def test_headings_by_style_outline_level_and_bold(tmp_path: Path) -> None:
    source = docx.Document()
    source.add_heading("Minutes", level=1)
    outlined = source.add_paragraph("Action points")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    outlined._p.get_or_add_pPr().append(level)
    source.add_paragraph().add_run("Decisions").bold = True
    source.add_paragraph("Body text.")
    got = [(p.text, p.level) for p in _paragraphs(_save(source, tmp_path))]
    assert got == [("Minutes", 1), ("Action points", 2), ("Decisions", 6), ("Body text.", 0)]


def test_merged_cells_leave_spanned_positions(tmp_path: Path) -> None:
    source = docx.Document()
    table = source.add_table(rows=4, cols=3)
    for column, text in enumerate(["Action", "Owner", "Due"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "Share the map"
    table.cell(2, 0).text = "Book a room"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "IOM"  # vMerge
    table.cell(1, 2).text = "May"
    table.cell(2, 2).text = "June"
    table.cell(3, 0).merge(table.cell(3, 2)).text = "A note"  # gridSpan
    [read] = [b for b in _save(source, tmp_path).blocks if isinstance(b, Table)]
    assert (read.name, read.index) == ("table 1", 1)
    assert [row.texts() for row in read.rows] == [
        ["Action", "Owner", "Due"],
        ["Share the map", "IOM", "May"],
        ["Book a room", "", "June"],
        ["A note", "", ""],
    ]
    assert read.rows[2].cells[1] == Cell(spanned=True)
    assert [c.spanned for c in read.rows[3].cells] == [False, True, True]
    assert [row.number for row in read.rows] == [1, 2, 3, 4]


def test_list_items_in_cells_and_nested_tables_are_indexed(tmp_path: Path) -> None:
    source = docx.Document()
    outer = source.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Actions"
    cell = outer.cell(0, 1)
    cell.text = "Intro:"
    _numbered(cell.add_paragraph("first"), 0)
    _numbered(cell.add_paragraph("second"), 1)
    cell.add_table(rows=1, cols=1).cell(0, 0).text = "inner"
    source.add_table(rows=1, cols=1).cell(0, 0).text = "after"
    tables = [b for b in _save(source, tmp_path).blocks if isinstance(b, Table)]
    assert [(t.name, t.index) for t in tables] == [("table 1", 1), ("table 1.1", 2),
                                                   ("table 2", 3)]  # fmt: skip
    items = tables[0].rows[0].cells[1].items
    assert [(it.text, it.bullet, it.depth) for it in items] == [
        ("Intro:", False, 0),
        ("first", True, 0),
        ("second", True, 1),
    ]


def _wrap_in_content_control(element: object) -> None:
    """Move `element` into a new w:sdt/w:sdtContent at its place (as Word's controls do)."""
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    element.addprevious(sdt)  # type: ignore[attr-defined]
    content.append(element)


def test_rows_and_cell_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    source = docx.Document()
    table = source.add_table(rows=3, cols=2)
    for row, texts in enumerate([["Action", "Owner"], ["Share the map", "IOM"], ["Book", "WFP"]]):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    extra = table.cell(2, 0).add_paragraph("a room")
    _wrap_in_content_control(extra._p)
    _wrap_in_content_control(table.rows[1]._tr)  # a repeating-section row
    [read] = [b for b in _save(source, tmp_path).blocks if isinstance(b, Table)]
    assert [row.texts() for row in read.rows] == [
        ["Action", "Owner"],
        ["Share the map", "IOM"],
        ["Book a room", "WFP"],
    ]


def test_a_paragraph_bold_by_its_style_is_a_heading(tmp_path: Path) -> None:
    source = docx.Document()
    style = source.styles.add_style("Section label", 1)  # WD_STYLE_TYPE.PARAGRAPH
    style.font.bold = True
    source.add_paragraph("Follow-up", style="Section label")
    source.add_paragraph("Body text.")
    got = [(p.text, p.level) for p in _paragraphs(_save(source, tmp_path))]
    assert got == [("Follow-up", 6), ("Body text.", 0)]
