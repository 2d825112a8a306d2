"""The review table as the documents coordinators use: Word (python-docx) and Excel.

Both carry a "Register ID" column, so that the file, filled in during the meeting and
imported back (`reminder import FILE --forum F`), updates the same items by id. The
Excel sheet keeps the export's title row ("Exported on ..."), which dates its facts;
the Word document names the meeting, whose date then dates them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from pathlib import Path

from reminder.register.review import ReviewItem

COLUMNS = ("Register ID", "Action", "Responsible", "Deadline", "Status", "Update / remarks")
OTHER = "Other items"
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run


def heading(*, forum: str, meeting: date) -> str:
    return f"{forum}: review of previous action points, meeting of {meeting:%-d %B %Y}"


def groups(*, items: Sequence[ReviewItem], by: str) -> list[tuple[str, list[ReviewItem]]]:
    """Items under each agenda item, or each item under its first organisation."""

    def key(item: ReviewItem) -> str:
        if by == "organisation":
            return item.organisations[0] if item.organisations else "(no organisation known)"
        return item.agenda or OTHER

    ordered = sorted(items, key=lambda i: (key(i) == OTHER, key(i).lower(), i.id))
    return [(name, list(rows)) for name, rows in groupby(ordered, key=key)]


def _cells(item: ReviewItem) -> list[str]:
    return [str(item.id), item.text, item.responsible, item.deadline, item.status, item.update]


def write_docx(
    *, path: Path, items: Sequence[ReviewItem], forum: str, meeting: date, by: str, exported: str
) -> None:
    """One table per group under a heading, landscape, header rows repeated on each page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    document.core_properties.title = heading(forum=forum, meeting=meeting)
    document.add_heading(heading(forum=forum, meeting=meeting), level=1)
    document.add_paragraph(
        f"{exported}. Fill in Status and Update / remarks during the meeting, then import "
        f"this file back: each row updates the item of its Register ID."
    )
    widths = (Cm(2), Cm(9), Cm(4), Cm(3), Cm(2.5), Cm(6))
    for name, rows in groups(items=items, by=by):
        document.add_heading(name, level=2)
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        header = table.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, title in zip(header.cells, COLUMNS, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(title)
            run.bold = True
        for item in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, _cells(item), strict=True):
                cell.text = text
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
    if not items:
        document.add_paragraph("No action points to review.")
    document.save(str(path))


def write_xlsx(
    *, path: Path, items: Sequence[ReviewItem], forum: str, meeting: date, by: str, exported: str
) -> None:
    """One sheet: the export's title row, then the header, rows sorted by group."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header: tuple[str, ...] = ("Register ID", "Agenda item", *COLUMNS[1:])
    if by == "organisation":
        header = (*header, "Reviewed under")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Review"
    book.properties.title = heading(forum=forum, meeting=meeting)
    sheet.append([exported])
    sheet.append(list(header))
    for n in range(1, len(header) + 1):
        sheet.cell(row=2, column=n).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, rows in groups(items=items, by=by):
        for item in rows:
            values: list[object] = [item.id, item.agenda, *_cells(item)[1:]]
            if by == "organisation":
                values.append(name)
            sheet.append(values)
    for n, width in enumerate((12, 24, 60, 28, 14, 12, 48, 20)[: len(header)], 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, str):
                # Text, never a formula, whatever the item's text begins with.
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA)
    sheet.freeze_panes = "A3"
    book.save(path)
