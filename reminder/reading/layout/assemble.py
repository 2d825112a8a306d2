"""Text converted from PDF or Word, reassembled into the document model.

`layout_document(text, paragraphs)` is applied to every plain-text source before it is
read (and to the layout text of a PDF). It gives a `Document` when the text holds a
table written as a converter writes one, else None (the text is then read as it is):

* fixed-width columns (`pdftotext -layout`) back into table rows (`columns.find_table`:
  wrapped cells joined, a row split by a page break and continued under the repeated
  header kept as one row);
* one cell per line back into rows of the header's width (`cells.find_cell_table`).

Before that, and in every case, `pages.page_lines` blanks page furniture (page numbers,
headers and footers repeated at page breaks) and rejoins words hyphenated at line ends;
`text_lines(text)` gives those lines to readers that go on without tables. Lines outside
tables become paragraphs through `paragraphs(line, number)` (the caller's own reading of
headings and bullets; `plain_paragraphs` by default). Line numbers are the file's.

Texts written with tab-separated cells or as markdown/pandoc tables (pipe, grid or
dash-ruled simple tables) are not fixed-width layouts and give None here: their own
readers handle them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from reminder.reading.document import Block, Document, Paragraph, Table, item
from reminder.reading.layout.cells import find_cell_table
from reminder.reading.layout.columns import find_table, joiner
from reminder.reading.layout.pages import known_words, page_lines

Paragraphs = Callable[[str, int], list[Paragraph]]

_MARKUP_TABLE = re.compile(r"^\s*(?:\|.*\||\+[-=+:]+\+|-{3,}(?: +-{3,})+)\s*$", re.M)
_BULLET = re.compile(r"^\s*[-*+]\s+")


def text_lines(text: str) -> list[str]:
    """The text's lines as the file numbers them, page furniture blanked, hyphens undone."""
    return page_lines(text)


def plain_paragraphs(line: str, number: int) -> list[Paragraph]:
    """A text line as a paragraph: a list item when it starts with a bullet ("-", "•" ...)."""
    bullet = bool(_BULLET.match(line))
    made = item(_BULLET.sub("", line), number, bullet=bullet)
    return [Paragraph(made.text, number, bullet=made.bullet)] if made.text else []


def layout_document(text: str, paragraphs: Paragraphs = plain_paragraphs) -> Document | None:
    """The text's blocks with its converter-written tables rebuilt; None when it has none."""
    if "\t" in text or _MARKUP_TABLE.search(text):
        return None
    blocks = layout_blocks(text_lines(text), paragraphs)
    return Document(tuple(blocks)) if any(isinstance(b, Table) for b in blocks) else None


def layout_blocks(
    lines: list[str], paragraphs: Paragraphs, placed: Mapping[str, Table] | None = None
) -> list[Block]:
    """The blocks of cleaned lines: tables rebuilt, other lines through `paragraphs`.

    A line whose stripped text is a key of `placed` stands for that table (the PDF reader
    puts its ruled tables there).
    """
    join = joiner(known_words(lines))
    blocks: list[Block] = []
    tables = 0
    index = 0
    while index < len(lines):
        ready = (placed or {}).get(lines[index].strip())
        found = (ready, index + 1) if ready else None
        found = found or find_table(lines, index, join) or find_cell_table(lines, index)
        if found is not None:
            table, index = found
            tables += 1
            blocks.append(table if table.name else Table(table.rows, name=f"table {tables}"))
            continue
        if lines[index].strip():
            blocks.extend(paragraphs(lines[index], index + 1))
        index += 1
    return blocks
