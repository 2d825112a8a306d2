"""Word minutes (.docx) -> `Document`, with python-docx.

Body paragraphs and tables come in body order. A paragraph's `line` is its 1-based index
among the body paragraphs (empty ones counted, as in `docx.Document.paragraphs`); table
rows carry their 1-based `number` and the table its name ("table 2", nested tables
"table 2.1", placed right after the table holding them), since a Word file has no lines.

The grid is read from the XML: a merged cell keeps its content in its first position
and the others it covers, across (`w:gridSpan`) and down (`w:vMerge` continuations),
are empty `spanned` cells, so the grid still lines up with the header row and a
vertically merged first column reads as "this row continues the previous one". Rows,
cells, paragraphs and tables inside content controls (`w:sdt`, such as repeating
sections) are read like the others.
Styles "Heading N"/"Title" and an outline level (on the paragraph or its style) give
heading levels, a short all-bold paragraph level 6. List styles and numbering
(`w:numPr`) mark list items; their `depth` is the numbering level (`w:ilvl`), else the
list style's number ("List Bullet 2" is depth 1). A paragraph whose every run with text
is struck through (`w:strike`/`w:dstrike`, on the run or its paragraph style) is
`struck`. Tables carry their 1-based `index` in reading order.
"""

from __future__ import annotations

import zipfile
import zlib
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
from reminder.reading.document import Block, Cell, Document, Item, Row, Table
from reminder.reading.formats.docx.paragraphs import block_children, made, paragraph


def read_docx_document(path: Path) -> Document:
    """Read a .docx file into a `Document`; `InputError` naming the file if it is not one."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        opened = docx.Document(str(path))
        return Document(tuple(_blocks(opened)))
    except PackageNotFoundError as exc:
        raise InputError(f"{path}: not a Word .docx file (not a zip package)") from exc
    # A part whose packed data is broken: the zip layer's errors, whatever the part.
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"{path}: damaged Word document; its zip package is broken") from exc
    # A zip that is not a complete Word package raises KeyError; broken XML, lxml's
    # XMLSyntaxError (a SyntaxError); odd attribute values, ValueError; an unknown XML
    # encoding, LookupError; a part whose root or children are not what Word writes
    # (python-docx reaching for a missing child), AttributeError, TypeError or IndexError
    # (a LookupError, as KeyError is).
    except (LookupError, ValueError, SyntaxError, AttributeError, TypeError) as exc:
        raise InputError(f"{path}: damaged Word document ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def _blocks(opened: docx.document.Document) -> Iterator[Block]:
    paragraphs = top = 0
    tables = [0]  # tables read so far, nested ones included (shared with `_tables`)
    for block in block_children(opened._body._element, opened._body):
        if isinstance(block, DocxParagraph):
            paragraphs += 1
            made = paragraph(block, paragraphs)
            if made is not None:
                yield made
        else:
            top += 1
            yield from _tables(block, f"table {top}", tables)


def _rows(element: Any) -> Iterator[Any]:
    """The `w:tr` rows of a table, also those inside content controls (repeating sections)."""
    for child in element.iterchildren():
        if child.tag == qn("w:tr"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _rows(content)


def _tcs(element: Any) -> Iterator[Any]:
    """The `w:tc` cells of a row, also those inside content controls."""
    for child in element.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _tcs(content)


def _tables(table: DocxTable, name: str, count: list[int]) -> Iterator[Table]:
    """This table, then the tables nested in its cells; `count` holds the tables so far.

    The grid is built from the XML: a `w:gridSpan` cell fills its extra positions with
    spanned cells, and a `w:vMerge` continuation is a spanned cell.
    """
    count[0] += 1
    index = count[0]
    rows: list[Row] = []
    nested: list[DocxTable] = []
    for number, tr in enumerate(_rows(table._tbl), 1):
        cells: list[Cell] = [Cell() for _ in range(tr.grid_before)]
        for tc in _tcs(tr):
            span = max(int(tc.grid_span or 1), 1)
            if tc.vMerge == "continue":
                cells.append(Cell(spanned=True))
            else:
                cell = _Cell(tc, table)
                items: list[Item] = []
                for block in block_children(tc, cell):
                    if isinstance(block, DocxTable):
                        nested.append(block)
                        continue
                    it = made(block, None)
                    if it.text:
                        items.append(it)
                cells.append(Cell(tuple(items)))
            cells.extend(Cell(spanned=True) for _ in range(min(span, 64) - 1))
        rows.append(Row(tuple(cells), number=number))
    yield Table(tuple(rows), name, index)
    for number, inner in enumerate(nested, 1):
        yield from _tables(inner, f"{name}.{number}", count)
