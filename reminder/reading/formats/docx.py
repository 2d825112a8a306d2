"""Word minutes (.docx) -> `Document`, with python-docx.

Body paragraphs and tables come in body order. A paragraph's `line` is its 1-based index
among the body paragraphs (empty ones counted, as in `docx.Document.paragraphs`); table
rows carry their 1-based `number` and the table its name ("table 2", nested tables
"table 2.1", placed right after the table holding them), since a Word file has no lines.

python-docx repeats a merged cell's object in every grid position the merge covers,
across (gridSpan) and down (vMerge). The first position keeps the content and the
others become empty cells, so the grid still lines up with the header row and a
vertically merged first column reads as "this row continues the previous one".
Those other positions are `spanned` cells.
Styles "Heading N"/"Title" and an outline level (on the paragraph or its style) give
heading levels, a short all-bold paragraph level 6. List styles and numbering
(`w:numPr`) mark list items; their `depth` is the numbering level (`w:ilvl`), else the
list style's number ("List Bullet 2" is depth 1). A paragraph whose every run with text
is struck through (`w:strike`/`w:dstrike`, on the run or its paragraph style) is
`struck`. Tables carry their 1-based `index` in reading order.
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
_LIST_STYLE_LEVEL = re.compile(r"\blist\b.*?(\d)$", re.IGNORECASE)
_OFF = {"0", "false", "off", "none"}


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
    paragraphs = top = 0
    tables = [0]  # tables read so far, nested ones included (shared with `_tables`)
    for block in _body_items(opened):
        if isinstance(block, DocxParagraph):
            paragraphs += 1
            made = _paragraph(block, paragraphs)
            if made is not None:
                yield made
        else:
            top += 1
            yield from _tables(block, f"table {top}", tables)


def _style_name(paragraph: DocxParagraph) -> str:
    return (paragraph.style.name if paragraph.style is not None else "") or ""


def _num_pr(paragraph: DocxParagraph) -> Any:
    ppr = paragraph._p.pPr
    num_pr: Any = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None and num_pr.numId.val == 0:
        return None  # numId 0 switches the numbering of the style off
    return num_pr


def _is_list(paragraph: DocxParagraph) -> bool:
    return _num_pr(paragraph) is not None or "list" in _style_name(paragraph).lower()


def _depth(paragraph: DocxParagraph) -> int:
    """The list nesting level: `w:ilvl`, else the number of a "List Bullet 2" style."""
    num_pr = _num_pr(paragraph)
    if num_pr is not None and num_pr.ilvl is not None and num_pr.ilvl.val is not None:
        return min(int(num_pr.ilvl.val), 8)
    styled = _LIST_STYLE_LEVEL.search(_style_name(paragraph))
    return max(int(styled.group(1)) - 1, 0) if styled else 0


def _on(element: Any) -> bool:
    """A w:strike-like toggle is on unless its w:val says off."""
    return element is not None and str(element.get(qn("w:val"), "1")).lower() not in _OFF


def _struck(paragraph: DocxParagraph) -> bool:
    """True when every run holding text is struck through (directly or by the style)."""
    style_font = paragraph.style.font if paragraph.style is not None else None
    by_style = bool(style_font is not None and (style_font.strike or style_font.double_strike))
    runs = [r for r in paragraph._p.iter(qn("w:r")) if "".join(r.itertext()).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        marks = [] if rpr is None else [rpr.find(qn("w:strike")), rpr.find(qn("w:dstrike"))]
        explicit = [m for m in marks if m is not None]
        if not (any(_on(m) for m in explicit) if explicit else by_style):
            return False
    return True


def _outline_level(paragraph: DocxParagraph) -> int:
    """Heading level 1-6 from `w:outlineLvl` (0-based, 9 = body) on the paragraph or style."""
    sources = [paragraph._p.pPr]
    if paragraph.style is not None:
        sources.append(paragraph.style.element.pPr)
    for ppr in sources:
        found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        value = found.get(qn("w:val")) if found is not None else None
        if value is not None and value.isdigit():
            return int(value) + 1 if int(value) < 6 else 0
    return 0


def _made(paragraph: DocxParagraph, line: int | None) -> Item:
    listed = _is_list(paragraph)
    depth = _depth(paragraph) if listed else 0
    return item(_text(paragraph), line, bullet=listed, depth=depth, struck=_struck(paragraph))


def _paragraph(paragraph: DocxParagraph, index: int) -> Paragraph | None:
    made = _made(paragraph, index)
    if not made.text:
        return None
    style = _style_name(paragraph)
    heading = _HEADING_STYLE.match(style)
    level = int(heading.group(1)) if heading else {"title": 1, "subtitle": 2}.get(style.lower(), 0)
    level = level or _outline_level(paragraph)
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not level and not made.bullet and runs and len(made.text.split()) <= 12:
        level = 6 if all(run.bold for run in runs) else 0  # bold lines are headings in practice
    return Paragraph(made.text, made.line, level, made.bullet, made.depth, made.struck)


def _cell_items(cell: _Cell) -> tuple[Item, ...]:
    made = (_made(p, None) for p in cell.paragraphs)
    return tuple(it for it in made if it.text)


def _tables(table: DocxTable, name: str, count: list[int]) -> Iterator[Table]:
    """This table, then the tables nested in its cells; `count` holds the tables so far."""
    count[0] += 1
    index = count[0]
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
                cells.append(Cell(spanned=True))
            else:
                cells.append(Cell(_cell_items(cell)))
                nested.extend(cell.tables)
            tcs.append(tc)
        above = tcs
        rows.append(Row(tuple(cells), number=number))
    yield Table(tuple(rows), name, index)
    for number, inner in enumerate(nested, 1):
        yield from _tables(inner, f"{name}.{number}", count)
