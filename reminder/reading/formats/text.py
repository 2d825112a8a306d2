"""Plain-text and markdown minutes (.txt/.md) -> `Document`.

Word and PDF minutes reach us flattened to text by converters that write tables in one
of two ways, and the reader picks one per file:

* tab-separated rows: a line with a tab after some content is one table row, its
  cells separated by tabs; a cell may be inline HTML (`<ul><li><p><sup>`), read with
  `html_reader.fragment_items`. Blank lines and repeated page headers between rows do
  not end the table (a table broken by a page break is one table);
* tab-led cells: every line that starts with a tab begins a new cell, and the lines
  that follow without a tab (blank ones included) continue it. The number of columns
  is the run of consecutive one-line cells that opens the table (its header row);
  cells are then grouped into rows of that width.

Lines outside tables are paragraphs: `#` headings get their level, a bold-only
`**line**` level 6, "- "/"* " bullets and bullet glyphs mark list items. A heading
line repeated verbatim (a page header left by the converter) is kept only once.

A file without tab-separated rows that is markdown (a `.md` file, or a `.txt` file with
markdown structure: headings, tables, checklists, bold lines) is read by `markdown`
instead: joined paragraphs, nested lists, checklists, strike-through and pipe, simple,
multi-line and grid tables.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from reminder.reading.document import (
    Block,
    Cell,
    Document,
    Item,
    Paragraph,
    Row,
    Table,
    item,
    read_source_text,
)
from reminder.reading.formats.html.reader import fragment_items
from reminder.reading.formats.markdown.reader import looks_like_markdown, markdown_blocks
from reminder.reading.layout.assemble import layout_document, text_lines

_ROW_TAB = re.compile(r"\S[ ]*\t")  # a tab after content: a tab-separated row
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_BOLD = re.compile(r"^\*\*(.+?)\*\*(:?)$")
_INLINE_HTML = re.compile(r"</?(?:p|ul|ol|li|sup|sub|br|div|span|strong|b|em|i|u|a)\b[^>]*>", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def read_text_document(path: Path) -> Document:
    """Read a .txt/.md file into a `Document`; `InputError` if it is not readable text."""
    text = read_source_text(path)
    raw = text.splitlines()
    markdown = path.suffix.lower() in {".md", ".markdown"}
    if not markdown:
        # Text converted from PDF/Word: fixed-width or one-cell-per-line tables rebuilt.
        laid_out = layout_document(text, _paragraphs)
        if laid_out is not None:
            return laid_out
    lines = _drop_page_headers(text_lines(text))
    if any(_ROW_TAB.search(line) for line in lines):
        return Document(tuple(_tab_rows(lines)))
    if markdown or looks_like_markdown(raw):
        # Repeated headings are a markdown document's own sections, not page headers.
        return Document(tuple(markdown_blocks(raw)))
    return Document(tuple(_tab_led_cells(lines)))


def _drop_page_headers(lines: list[str]) -> list[str]:
    """Blank out the second and later copies of a repeated heading (or title) line."""
    title = next((line.strip() for line in lines if line.strip()), "")
    counts = Counter(line.strip() for line in lines)
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.strip()
        repeated = counts[key] > 1 and (key.startswith("#") or key == title) and key
        out.append("" if repeated and key in seen else line)
        seen.add(key)
    return out


def _tab_rows(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[Row] = []
    for number, line in enumerate(lines, 1):
        if "\t" in line:
            cells = tuple(Cell(tuple(_items(part, number))) for part in line.split("\t"))
            rows.append(Row(cells, line=number))
        elif line.strip():
            if rows:
                blocks.append(Table(tuple(rows), index=_count(blocks) + 1))
                rows = []
            blocks.extend(_paragraphs(line, number))
    if rows:
        blocks.append(Table(tuple(rows), index=_count(blocks) + 1))
    return blocks


def _count(blocks: list[Block]) -> int:
    return sum(isinstance(block, Table) for block in blocks)


def _tab_led_cells(lines: list[str]) -> list[Block]:
    start = next((i for i, line in enumerate(lines) if line.startswith("\t")), len(lines))
    blocks: list[Block] = []
    for number, line in enumerate(lines[:start], 1):
        blocks.extend(_paragraphs(line, number))
    cells: list[list[tuple[int, str]]] = []
    for number, line in enumerate(lines[start:], start + 1):
        if line.startswith("\t"):
            cells.append([(number, line[1:])])
        else:
            cells[-1].append((number, line))
    if not cells:
        return blocks
    # The header row's cells are one line each; the first cell followed by more lines
    # (a blank line at least) closes it.
    width = next((i + 1 for i, cell in enumerate(cells) if len(cell) > 1), len(cells))
    rows = []
    for first in range(0, len(cells), width):
        chunk = cells[first : first + width]
        row_cells = tuple(
            Cell(tuple(it for number, text in cell for it in _items(text, number)))
            for cell in chunk
        )
        rows.append(Row(row_cells, line=chunk[0][0][0]))
    blocks.append(Table(tuple(rows), index=1))
    return blocks


def _items(text: str, line: int) -> list[Item]:
    if _INLINE_HTML.search(text):
        return fragment_items(text, line)
    made = item(_ENTITY.sub(lambda m: html.unescape(m.group()), text), line)
    return [made] if made.text else []


def _paragraphs(line: str, number: int) -> list[Paragraph]:
    heading = _MD_HEADING.match(line.strip())
    if heading:
        made = item(heading.group(2), number)
        return [Paragraph(made.text, number, len(heading.group(1)))] if made.text else []
    bold = _MD_BOLD.match(line.strip())
    if bold:
        return [Paragraph(bold.group(1).strip() + bold.group(2), number, 6)]
    bullet = bool(_MD_BULLET.match(line))
    text = _MD_BULLET.sub("", line) if bullet else line
    return [
        Paragraph(it.text, it.line, 0, it.bullet or bullet)
        for it in _items(text, number)
        if it.text
    ]
