"""Word paragraphs -> model paragraphs and items: text, list depth, strike, heading level.

`block_children(element, parent)` gives the paragraphs and tables directly in a body or
a table cell, including those inside content controls (`w:sdt`), which python-docx's
own iteration passes over. `paragraph(p, index)` and `made(p, line)` read one paragraph
(see `docx` for the contract): the text with tracked changes accepted, list items by
numbering or list style with their depth, `struck` when every run with text is struck,
heading levels from the style, the outline level or a short all-bold line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reminder.reading.document import Item, Paragraph, item

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_LIST_STYLE_LEVEL = re.compile(r"\blist\b.*?(\d)$", re.IGNORECASE)
_OFF = {"0", "false", "off", "none"}


def block_children(element: Any, parent: Any) -> Iterator[DocxParagraph | DocxTable]:
    """Paragraphs and tables directly in `element`, also inside content controls."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield DocxParagraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from block_children(content, parent)


def text(paragraph: DocxParagraph) -> str:
    """The paragraph's text with tracked insertions (which `paragraph.text` leaves out)
    and without tracked deletions: what the document says once changes are accepted."""
    parts = []
    for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == qn("w:tab") else "\n")
    return "".join(parts)


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


def made(paragraph: DocxParagraph, line: int | None) -> Item:
    listed = _is_list(paragraph)
    depth = _depth(paragraph) if listed else 0
    return item(text(paragraph), line, bullet=listed, depth=depth, struck=_struck(paragraph))


def paragraph(source: DocxParagraph, index: int) -> Paragraph | None:
    it = made(source, index)
    if not it.text:
        return None
    style = _style_name(source)
    heading = _HEADING_STYLE.match(style)
    level = int(heading.group(1)) if heading else {"title": 1, "subtitle": 2}.get(style.lower(), 0)
    level = level or _outline_level(source)
    runs = [run for run in source.runs if run.text.strip()]
    style_bold = bool(source.style is not None and source.style.font.bold)

    def bold(run: Any) -> bool:  # direct formatting, else the character or paragraph style
        if run.bold is not None:
            return bool(run.bold)
        return bool(run.style is not None and run.style.font.bold) or style_bold

    if not level and not it.bullet and runs and len(it.text.split()) <= 12:
        level = 6 if all(bold(run) for run in runs) else 0  # bold lines are headings in practice
    return Paragraph(it.text, it.line, level, it.bullet, it.depth, it.struck)
