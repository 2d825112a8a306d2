"""Meeting minutes (.txt/.md, .html, .docx) -> `Extraction`.

`read_text`, `read_html` and `read_docx` read a file into a `Document` and `analyse` it:

* a table whose header row names an action column and a Status column ("Action points
  from previous meeting | Status | Responsible") gives one carried-over action per row,
  with its status and owners from the Responsible column;
* a table whose header names an action column beside agenda/discussion columns gives
  the actions of the action column only, never of the discussion: one per paragraph or
  sentence; an item ending in ":" followed by list items gives one action per list item
  ("<intro> <item>"). The Responsible items are matched to the actions in order, the
  last one applying to the rest; without one the owner is the subject before " to ";
* a row whose first cell is empty continues the row before it (a row split by a page
  break, or a merged first column);
* without tables, paragraphs under an "Action points"/"Next steps"/"Follow-up" heading
  are actions, with owners from an "Owner:"/"Responsible:" trailer, the subject before
  " to ", or a trailing "(ORG)". Prose elsewhere is never taken.

Texts are kept as written (whitespace collapsed); `due_phrase` is left to later stages.
A status word that is not recognised keeps the action open and adds a note; a
Responsible item without an action becomes a `Skipped`. Meeting details live in
`meeting_info`. `InputError` (naming the file) when the document has no text at all.

The work is split by kind of block: `minutes_tables` (action tables),
`minutes_paragraphs` (paragraphs under action headings), both on `minutes_sentences`;
`meeting_info` reads the meeting details.
"""

from __future__ import annotations

from pathlib import Path

from reminder.errors import InputError
from reminder.reading.actions.dedupe import merge_repeats
from reminder.reading.actions.found import Found
from reminder.reading.actions.lines import list_table, logical_blocks
from reminder.reading.actions.prose import Prose
from reminder.reading.actions.sections import is_heading
from reminder.reading.actions.tables import Tables
from reminder.reading.document import Document, Paragraph, Table
from reminder.reading.extraction import Extraction
from reminder.reading.formats.docx import read_docx_document
from reminder.reading.formats.html import read_html_document
from reminder.reading.formats.text import read_text_document
from reminder.reading.meeting import meeting_info

__all__ = ["analyse", "meeting_info", "read_docx", "read_html", "read_text"]

# Sources whose paragraphs may be lines wrapped by hand or by a converter.
_WRAPPED = {".txt", ".md", ".markdown", ".text", ".eml"}


def read_text(path: Path) -> Extraction:
    """Read .txt/.md minutes (see `text_reader` for the layouts handled)."""
    return analyse(read_text_document(path), source=str(path))


def read_html(path: Path) -> Extraction:
    """Read HTML minutes."""
    return analyse(read_html_document(path), source=str(path))


def read_docx(path: Path) -> Extraction:
    """Read Word (.docx) minutes."""
    return analyse(read_docx_document(path), source=str(path))


def analyse(document: Document, *, source: str) -> Extraction:
    """The meeting details, action points, skipped items and notes of one document."""
    if not any(document.texts()):
        raise InputError(f"{source}: the document has no text")
    found = Found(source)
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
