"""Meeting minutes (.txt/.md, .html, .docx) -> `Extraction`.

`read_text`, `read_html` and `read_docx` read a file into a `Document` and `analyse` it.
The walk over the document's blocks (`_read_blocks`):

1. `lines.logical_blocks` joins wrapped lines of text sources, marks short titles that
   stand alone as headings, and drops quoted e-mail and what follows a signature;
   `lines.list_table` turns a list that a converter wrote as a two-column table
   ("1." / "" / "o" marks) back into list paragraphs;
2. tables go to the table analysis (`tables.Tables`: action tables and reviews written
   as tables); a table goes on across a short paragraph between its parts (a page
   header or footer), anything else closes it;
3. paragraphs go, in order, to `prose.Prose`, which reads them section by section
   (action sections, reviews, discussion, decisions, agenda; line markers anywhere);
4. `dedupe.merge_repeats` makes one action of an action listed twice (inline and in a
   summary), keeping the first position and the later status.

Texts are kept as written, without markers, numbering and trailing owner, deadline and
status fields; a deadline field found after the action goes to `due_phrase`, any other
deadline is left to later stages. Meeting details live in `meeting_info`. `InputError`
(naming the file) when the document has no text at all.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reminder.errors import InputError
from reminder.reading.actions.dedupe import merge_repeats
from reminder.reading.actions.found import Found
from reminder.reading.actions.lines import list_table, logical_blocks
from reminder.reading.actions.prose import Prose
from reminder.reading.actions.sections import is_heading
from reminder.reading.actions.tables.reader import Tables
from reminder.reading.document import Block, Document, Paragraph, Table
from reminder.reading.extraction import Extraction
from reminder.reading.formats.docx.reader import read_docx_document
from reminder.reading.formats.html.reader import read_html_document
from reminder.reading.formats.text import read_text_document
from reminder.reading.limits import MAX_PARAGRAPH_CHARS
from reminder.reading.meeting.details import meeting_info

__all__ = ["analyse", "meeting_info", "read_docx", "read_html", "read_pdf", "read_text"]

# Sources whose paragraphs may be lines wrapped by hand or by a converter.
_WRAPPED = {".txt", ".md", ".markdown", ".text", ".eml"}


def read_text(path: Path) -> Extraction:
    """Read .txt/.md minutes (see `text_reader` for the layouts handled)."""
    return analyse(read_text_document(path), source=str(path))


def read_html(path: Path) -> Extraction:
    """Read HTML minutes."""
    return analyse(read_html_document(path), source=str(path))


def read_pdf(path: Path) -> Extraction:
    """Read PDF minutes (see `formats.pdf` for what is read)."""
    from reminder.reading.formats.pdf.reader import read_pdf_document  # pdfplumber loads slowly

    return analyse(read_pdf_document(path), source=str(path))


def read_docx(path: Path) -> Extraction:
    """Read Word (.docx) minutes."""
    return analyse(read_docx_document(path), source=str(path))


def analyse(document: Document, *, source: str) -> Extraction:
    """The meeting details, action points, skipped items and notes of one document."""
    if not any(document.texts()):
        raise InputError(f"{source}: the document has no text")
    found = Found(source)
    document = _bounded(document, found)
    _read_blocks(document, found, wrapped=Path(source).suffix.lower() in _WRAPPED)
    found.actions[:] = merge_repeats(found.actions)
    notes = (*found.notes, *([] if found.actions else [f"{source}: no action points found"]))
    return Extraction(
        source=source,
        meeting=meeting_info(document),
        actions=tuple(found.actions),
        skipped=tuple(found.skipped),
        notes=notes,
    )


def _bounded(document: Document, found: Found) -> Document:
    """`document` with each paragraph cut at MAX_PARAGRAPH_CHARS, and a note of each cut."""
    if all(len(b.text) <= MAX_PARAGRAPH_CHARS for b in document.blocks if isinstance(b, Paragraph)):
        return document
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Paragraph) and len(block.text) > MAX_PARAGRAPH_CHARS:
            where = f", line {block.line}" if block.line else ""
            found.notes.append(
                f"{found.source}{where}: a paragraph of {len(block.text):,} characters; only "
                f"the first {MAX_PARAGRAPH_CHARS:,} are read"
            )
            block = replace(block, text=block.text[:MAX_PARAGRAPH_CHARS])
        blocks.append(block)
    return Document(tuple(blocks))


def _read_blocks(document: Document, found: Found, *, wrapped: bool) -> None:
    """Feed tables to the table analysis and paragraphs to the prose reading, in order."""
    tables = Tables()
    prose = Prose(found)
    for block in logical_blocks(document.blocks, wrapped=wrapped):
        listed = list_table(block) if isinstance(block, Table) else None
        if isinstance(block, Table) and listed is None:
            prose.flush()
            tables.add(block)
            continue
        for paragraph in listed if listed is not None else [block]:
            assert isinstance(paragraph, Paragraph)
            # A table goes on across a short paragraph between its parts (a page header or
            # footer left by a converter); anything else closes it.
            if is_heading(paragraph) or len(paragraph.text.split()) > 12 or listed is not None:
                tables.emit(found)
                tables = Tables()
            prose.add(paragraph)
    prose.flush()
    tables.emit(found)
