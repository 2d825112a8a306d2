"""The intermediate model every minutes reader produces and `minutes.analyse` consumes.

A `Document` is its blocks in reading order: `Paragraph`s and `Table`s. A table is a
list of `Row`s, a row a list of `Cell`s, and a cell a list of `Item`s (one per paragraph
or list item in the cell). The readers keep the table grid as written: a merged or
repeated cell becomes an empty `Cell` in the positions it covers, so that column
positions still line up with the header row. Every text in the model is already tidied
(`tidy`): whitespace collapsed, bullets and converter noise removed.

A list item has `bullet` set and `depth` its nesting (0 for a top-level item, 1 for an
item of a sub-list, ...); `struck` marks a paragraph or item struck through as a whole
(Word's strike, HTML `<s>`/`<del>`, markdown `~~...~~`), which minutes use for
"dropped". Checkbox marks (`[ ]`, `[x]`, ☐, ☑) stay at the start of the text.

Location fields are whatever the source can tell: a 1-based line number for text and
HTML, a table name and row number for DOCX (which has no lines).

Reading a source file's text (`read_source_text`, and its parts `read_source_bytes` and
`decode_first`, which the CSV tracker reader shares) lives here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reminder.errors import InputError
from reminder.reading.extraction import clean_text

# Bullet glyphs as Word, PDF converters and people type them ("\uf0b7"/"\uf0a7" are
# Word's Symbol-font bullets that survive copy-paste). Check marks and boxes (✓, □, ☐)
# are not bullets: they are status marks the action finders read.
_BULLETS = re.compile(r"^(?:[•○·▪◦●■►➢\uf0b7\uf0a7]\s*)+")
# "[bookmark: _GoBack]" and friends are left behind by docx-to-text converters.
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)
# What text exports are written in: utf-8-sig also reads plain UTF-8 (no BOM), and
# cp1252 is what Windows tools write when they do not write UTF-8.
TEXT_ENCODINGS: Final = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class Item:
    """One paragraph or list item inside a table cell; `bullet` when it was a list item."""

    text: str
    line: int | None = None
    bullet: bool = False
    depth: int = 0
    struck: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell; an empty cell has no items.

    `spanned` marks a grid position covered by a merged cell (rowspan/colspan in HTML,
    vMerge/gridSpan in Word, a merged range in Excel) other than its top-left one: it
    has no items of its own, and means "same as the cell it is merged with".
    """

    items: tuple[Item, ...] = ()
    spanned: bool = False

    @property
    def text(self) -> str:
        """All the items joined with single spaces ("" for an empty cell)."""
        return " ".join(item.text for item in self.items if item.text)


@dataclass(frozen=True)
class Row:
    """A table row: its cells, the source line it starts on, its 1-based number in the table."""

    cells: tuple[Cell, ...]
    line: int | None = None
    number: int | None = None

    def texts(self) -> list[str]:
        """The text of each cell, positions kept."""
        return [cell.text for cell in self.cells]


@dataclass(frozen=True)
class Table:
    """A table; `name` ("table 2") locates it when the source has no line numbers.

    `index` is its 1-based position among the document's tables (nested ones counted in
    reading order), set by every reader, also those whose tables have no name.
    """

    rows: tuple[Row, ...]
    name: str | None = None
    index: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph outside tables; `level` 1-6 for a heading, 0 for body text."""

    text: str
    line: int | None = None
    level: int = 0
    bullet: bool = False
    depth: int = 0
    struck: bool = False


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """A whole document: its blocks in reading order."""

    blocks: tuple[Block, ...]

    def texts(self) -> Iterator[str]:
        """Every non-empty text of the document in reading order (paragraphs and cell items)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                if block.text:
                    yield block.text
                continue
            for row in block.rows:
                for cell in row.cells:
                    yield from (item.text for item in cell.items if item.text)


def tidy(text: str) -> tuple[str, bool]:
    """Clean one paragraph as written: (text, had_bullet).

    Removes converter bookmarks and leading bullet glyphs and collapses whitespace; the
    flag tells whether a bullet was removed, so the paragraph can be kept as a list item.
    """
    text = clean_text(_BOOKMARK.sub("", text))
    stripped = _BULLETS.sub("", text)
    return stripped.strip(), stripped != text


def item(
    text: str,
    line: int | None = None,
    *,
    bullet: bool = False,
    depth: int = 0,
    struck: bool = False,
) -> Item:
    """An `Item` from raw text: tidied, marked as a list item if it was one or had a bullet."""
    cleaned, had_bullet = tidy(text)
    return Item(cleaned, line, bullet or had_bullet, depth, struck)


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a source file; `InputError` naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def decode_first(data: bytes, encodings: Sequence[str] = TEXT_ENCODINGS) -> tuple[str, str] | None:
    """(text, encoding) for the first of `encodings` that decodes `data`; None if none does."""
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def read_source_text(path: Path) -> str:
    """The text of a .txt/.md/.html file: UTF-8 (with or without BOM), else cp1252.

    Raises `InputError` naming the file when it cannot be read, holds binary data (NUL
    bytes, which no text export contains) or decodes in neither encoding.
    """
    data = read_source_bytes(path)
    if b"\x00" in data:
        raise InputError(f"{path}: not a text file (it contains binary data)")
    decoded = decode_first(data)
    if decoded is None:
        raise InputError(f"{path}: the text is neither UTF-8 nor Windows-1252")
    return decoded[0]
