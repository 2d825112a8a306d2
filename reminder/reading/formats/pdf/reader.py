"""PDF minutes read directly (pdfplumber) -> `Document`.

Each page is read top to bottom in bands: a ruled table (found by pdfplumber's table
finder from the lines drawn around its cells) becomes a `Table` as drawn (a cell that
a merge covers is a `spanned` empty cell; the lines of a cell are joined into one item,
a bullet or number starting a new one). The words between tables are laid out as
fixed-width text (`lines.layout_lines`, as `pdftotext -layout` would) and read like
any converted text by `layout.layout_blocks`: page headers, footers and numbers
dropped, hyphenation undone, unruled fixed-width and one-cell-per-line tables rebuilt.

Headings are lines in a larger font than the body text (levels by size, largest 1) or
wholly in a bold font (level 6, as a bold-only line in text); "-", "•" and other bullet
lines are list items, their `depth` from their indentation among the list lines.
Locations: a paragraph's `line` counts the laid-out lines over all pages (the pages
separated by a form feed); a ruled table is named "page N, table M", its rows numbered.

Errors, each an `InputError` naming the file: not a PDF (no `%PDF` header: sniffed by
`sniff.check_source` before this reader runs), password-protected, damaged, and a PDF
whose pages hold no text at all ("no text layer; run OCR first").
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, Final

from reminder.errors import InputError
from reminder.reading.document import Cell, Document, Item, Paragraph, Row, Table, item
from reminder.reading.formats.pdf.lines import Line, layout_lines
from reminder.reading.layout.assemble import layout_blocks, plain_paragraphs, text_lines
from reminder.reading.layout.columns import joiner
from reminder.reading.layout.pages import known_words

_ITEM_START = re.compile(r"^(?:[•○·▪◦●■□►➢✓\uf0b7\uf0a7*-]|\d+[.)])\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•○·▪◦●■□►➢✓\uf0b7\uf0a7]|\d+[.)])\s")
_LARGER: Final = 1.15  # a heading's font is this much larger than the body text's
_HEADING_WORDS: Final = 15
_PLACEHOLDER: Final = "\ue000  table  {}"  # three columns: never taken for page furniture


def read_pdf_document(path: Path) -> Document:
    """Read a PDF into a `Document`; `InputError` naming the file when it cannot be."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        # Opened here so that the file is closed even when pdfplumber fails half-way.
        with path.open("rb") as stream, pdfplumber.open(stream) as pdf:
            return _document(path, pdf.pages)
    except InputError:
        raise
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors: the cause is in the first argument.
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(
                f"{path}: the PDF is password-protected; remove the password and save again"
            ) from exc
        # pdfminer raises many kinds of error on a damaged file (PSEOF, PDFSyntaxError,
        # KeyError, struct.error ...); all mean the same to the user.
        raise InputError(f"{path}: damaged PDF, cannot be read ({type(exc).__name__})") from exc


def _document(path: Path, pages: list[Any]) -> Document:
    chars = [char for page in pages for char in page.chars if char["text"].strip()]
    if not chars:
        raise InputError(f"{path}: the PDF has no text layer; run OCR first (is it a scan?)")
    body = Counter(round(char["size"], 1) for char in chars).most_common(1)[0][0]
    char_width = _char_width(pages)
    placed: dict[str, Table] = {}
    laid_out: list[Line] = []
    for number, page in enumerate(pages, 1):
        if laid_out:
            laid_out.append(Line("\f"))
        top = 0.0
        tables = sorted(page.find_tables(), key=lambda found: found.bbox[1])
        for count, found in enumerate(tables, 1):
            laid_out.extend(_band(page, top, found.bbox[1], char_width))
            key = _PLACEHOLDER.format(len(placed) + 1)
            placed[key.strip()] = _ruled_table(found.extract(), f"page {number}, table {count}")
            laid_out.append(Line(key))
            top = found.bbox[3]
        laid_out.extend(_band(page, top, page.height, char_width))
    levels = _levels(laid_out, body)
    lines = text_lines("\n".join(line.text for line in laid_out).replace("\f\n", "\f"))

    depths = _depths(lines)

    def paragraphs(line: str, number: int) -> list[Paragraph]:
        level = levels.get(number, 0)
        return [
            Paragraph(p.text, p.line, level, p.bullet and not level, depths.get(_indent(line), 0))
            for p in plain_paragraphs(line, number)
        ]

    return Document(tuple(layout_blocks(lines, paragraphs, placed)))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _depths(lines: list[str]) -> dict[int, int]:
    """List nesting by indentation: the list items' indents in order, each a level deeper
    than the one before (indents a character apart are one level)."""
    levels: dict[int, int] = {}
    last, depth = None, -1
    for indent in sorted({_indent(line) for line in lines if _LIST_ITEM.match(line)}):
        if last is None or indent - last > 1:
            depth += 1
        levels[indent], last = depth, indent
    return levels


def _char_width(pages: list[Any]) -> float:
    """The width of one text column: narrow enough that no word's text runs past the
    x position of the next column (a low percentile of the words' widths per letter)."""
    widths = sorted(
        (word["x1"] - word["x0"]) / len(word["text"])
        for page in pages
        for word in page.extract_words()
        if len(word["text"]) >= 3
    )
    return max(widths[len(widths) // 20] if widths else 4.0, 1.0)


def _band(page: Any, top: float, bottom: float, char_width: float) -> list[Line]:
    """The laid-out lines of the page between `top` and `bottom`."""
    if bottom - top < 1:
        return []
    band = page.crop((0, top, page.width, bottom))
    return layout_lines(band.extract_words(extra_attrs=["size", "fontname"]), char_width)


def _levels(lines: list[Line], body: float) -> dict[int, int]:
    """Heading level by line number: 1 for the largest font, 2 for the next ...; 6 for a
    bold line in the body size. Long lines are never headings."""
    numbers: dict[int, float] = {}
    number = 1
    for line in lines:
        if line.text != "\f":
            short = 0 < len(line.text.split()) <= _HEADING_WORDS
            if short and line.size >= body * _LARGER:
                numbers[number] = line.size
            elif short and line.bold:
                numbers[number] = 0
            number += 1
    sizes = sorted({size for size in numbers.values() if size}, reverse=True)
    return {n: min(sizes.index(size) + 1, 5) if size else 6 for n, size in numbers.items()}


def _ruled_table(grid: list[list[str | None]], name: str) -> Table:
    known = known_words([cell or "" for row in grid for cell in row])
    join = joiner(known)
    rows = []
    for number, values in enumerate(grid, 1):
        cells = tuple(
            Cell(spanned=True) if value is None else Cell(_cell_items(value, join))
            for value in values
        )
        rows.append(Row(cells, number=number))
    return Table(tuple(rows), name=name)


def _cell_items(value: str, join: Any) -> tuple[Item, ...]:
    parts: list[str] = []
    for line in (line.strip() for line in value.splitlines()):
        if not line:
            continue
        if parts and not _ITEM_START.match(line):
            parts[-1] = join(parts[-1], line)
        else:
            parts.append(line)
    return tuple(made for part in parts if (made := item(part)).text)
