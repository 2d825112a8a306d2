"""Word minutes (.docx) -> `Document`, with python-docx.

Body paragraphs and tables come in body order. A paragraph's `line` is its 1-based index
among the body paragraphs (empty ones counted, as in `docx.Document.paragraphs`); table
rows carry their 1-based `number` and the table its name ("table 2", nested tables
"table 2.1", placed right after the table holding them), since a Word file has no lines.

python-docx repeats a merged cell's object in every grid position the merge covers,
across (gridSpan) and down (vMerge). The first position keeps the content and the
others become empty cells, so the grid still lines up with the header row and a
vertically merged first column reads as "this row continues the previous one".
Styles "Heading N"/"Title" give heading levels, a short all-bold paragraph level 6;
list styles and numbering mark list items.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from reminder.errors import InputError
from reminder.reading.document import Block, Cell, Document, Item, Paragraph, Row, Table, item

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def read_docx_document(path: Path) -> Document:
    """Read a .docx file into a `Document`; `InputError` naming the file if it is not one."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        opened = docx.Document(str(path))
        return Document(tuple(_blocks(opened)))
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a Word .docx file (not a zip package)") from exc
    # A zip that is not a complete Word package raises KeyError; broken XML, lxml's
    # XMLSyntaxError (a SyntaxError); odd attribute values, ValueError.
    except (KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"{path}: damaged Word document ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def _body_items(opened: docx.document.Document) -> Iterator[DocxParagraph | DocxTable]:
    """Paragraphs and tables in body order, including those inside content controls
    (w:sdt), which python-docx's own iteration passes over."""
    body = opened._body

    def walk(element: Any) -> Iterator[DocxParagraph | DocxTable]:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield DocxParagraph(child, body)
            elif child.tag == qn("w:tbl"):
                yield DocxTable(child, body)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content)

    yield from walk(body._element)


def _text(paragraph: DocxParagraph) -> str:
    """The paragraph's text with tracked insertions (which `paragraph.text` leaves out)
    and without tracked deletions: what the document says once changes are accepted."""
    parts = []
    for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == qn("w:tab") else "\n")
    return "".join(parts)


def _blocks(opened: docx.document.Document) -> Iterator[Block]:
    paragraphs = tables = 0
    for block in _body_items(opened):
        if isinstance(block, DocxParagraph):
            paragraphs += 1
            made = _paragraph(block, paragraphs)
            if made is not None:
                yield made
        else:
            tables += 1
            yield from _tables(block, f"table {tables}")


def _is_list(paragraph: DocxParagraph) -> bool:
    ppr = paragraph._p.pPr
    style = paragraph.style.name if paragraph.style is not None else ""
    return (ppr is not None and ppr.numPr is not None) or "list" in (style or "").lower()


def _paragraph(paragraph: DocxParagraph, index: int) -> Paragraph | None:
    made = item(_text(paragraph), index, bullet=_is_list(paragraph))
    if not made.text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style)
    level = int(heading.group(1)) if heading else {"title": 1, "subtitle": 2}.get(style.lower(), 0)
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not level and not made.bullet and runs and len(made.text.split()) <= 12:
        level = 6 if all(run.bold for run in runs) else 0  # bold lines are headings in practice
    return Paragraph(made.text, made.line, level, made.bullet)


def _cell_items(cell: _Cell) -> tuple[Item, ...]:
    made = (item(_text(p), bullet=_is_list(p)) for p in cell.paragraphs)
    return tuple(it for it in made if it.text)


def _tables(table: DocxTable, name: str) -> Iterator[Table]:
    """This table, then the tables nested in its cells."""
    rows: list[Row] = []
    nested: list[DocxTable] = []
    above: list[object] = []  # the <w:tc> at each grid position of the previous row
    for number, docx_row in enumerate(table.rows, 1):
        cells: list[Cell] = [Cell() for _ in range(docx_row.grid_cols_before)]
        tcs: list[object] = [None] * len(cells)
        for cell in docx_row.cells:
            tc = cell._tc
            position = len(cells)
            repeated = any(tc is seen for seen in tcs) or (
                position < len(above) and above[position] is tc
            )
            if repeated:
                cells.append(Cell())
            else:
                cells.append(Cell(_cell_items(cell)))
                nested.extend(cell.tables)
            tcs.append(tc)
        above = tcs
        rows.append(Row(tuple(cells), number=number))
    yield Table(tuple(rows), name)
    for index, inner in enumerate(nested, 1):
        yield from _tables(inner, f"{name}.{index}")
