"""The paragraphs of minutes as read: wrapped lines joined, quoted e-mail and signatures cut.

`logical_blocks(blocks)` returns the blocks in the same order, with these changes only:

* a body line that continues the line just above it (the next source line, not a list
  item, number, heading, label or marker, under a line long enough to have wrapped) is
  joined to it with a space; a word hyphenated at the line end is rejoined. Readers that
  already join wrapped lines are unaffected (their paragraphs are not on adjacent lines);
* quoted e-mail is dropped: `>` lines, and everything after "-----Original Message-----",
  "On <date>, <name> wrote:", a second
  "From:" header after the body, a closing formula alone on its line ("Best regards,",
  "Cordialement", "Saludos") or a signature delimiter ("--" alone on a line), where the
  minutes end.

Paragraphs are joined only in plain text and markdown (`wrapped`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reminder.reading.actions.clauses import commitment
from reminder.reading.actions.verbs import is_verb
from reminder.reading.document import Block, Paragraph, Table

# A line that starts something of its own: a number, a "Label:" field, a marker, a tag,
# an IRC nick, a checkbox, a struck or bold run.
_STARTS_OWN = re.compile(
    r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-z][.)]\s|[\w][\w '’/&+-]{0,30}\s?:(?!\S)|"
    r"[\w][\w '’/&+-]{0,30}:-|<[^>]+>|\[[^\]]*\]|[☐☑☒✔✅❌*~_|]|(?:ap|action)\b)",
    re.I,
)
_END_OF_MINUTES = re.compile(
    r"^(?:-{2,}\s*original message\s*-{2,}|-{5,}\s*forwarded message|--|"
    # A closing formula alone on its line: what follows is a signature or quoted mail.
    r"(?:(?:best|kind|warm|with\s+best)\s+regards|regards|(?:many\s+)?thanks|thank\s+you|"
    r"cordialement|bien\s+à\s+vous|salutations|saludos(?:\s+cordiales)?|atentamente|"
    r"un\s+saludo|cheers)\s*[,.!]?|"
    r"(?:on|le|el)\s.{4,120}\s(?:wrote|a écrit|escribió)\s*:)$",
    re.I,
)
# The fields of an e-mail header block ("From:", "Sent:", ...), in EN/FR/ES.
_MAIL_FIELD = re.compile(
    r"^(?:from|sent|to|cc|bcc|subject|date|de|à|envoyé|objet|para|enviado|asunto|fecha)\s*:",
    re.I,
)
_FURNITURE = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/|de|sur)\s*\d+)?|p\.\s*\d+|-?\s*\d+\s*-?)$", re.I
)
_WRAP_MIN = 35  # a line shorter than this did not wrap (a title, a label, a heading)


def logical_blocks(blocks: Sequence[Block], *, wrapped: bool = True) -> list[Block]:
    """The blocks with wrapped lines joined and quoted mail and signatures left out.

    `wrapped` is False for sources whose paragraphs are never wrapped lines (Word, HTML).
    """
    out: list[Block] = []
    ends: list[int | None] = []  # the source line each block of `out` ends on
    end: int | None = None  # the source line the last paragraph of `out` ends on
    tail = ""  # and the text of that line
    body = False  # a paragraph other than an e-mail header field has been read
    for block in blocks:
        if not isinstance(block, Paragraph):
            out.append(block)
            ends.append(None)
            end, tail = None, ""
            continue
        if _END_OF_MINUTES.match(block.text):
            break
        header_field = bool(_MAIL_FIELD.match(block.text))
        if header_field and body and block.text.lower().startswith(("from:", "de:")):
            break  # a second header block: the quoted earlier message
        body = body or not header_field
        if block.text.startswith(">"):
            continue
        previous = out[-1] if out else None
        if wrapped and isinstance(previous, Paragraph) and _continues(previous, end, tail, block):
            out[-1] = replace(previous, text=_join(previous.text, block.text))
            ends[-1] = block.line
        else:
            out.append(block)
            ends.append(block.line)
        end, tail = block.line, block.text
    return _isolated_titles(out, ends) if wrapped else out


def _isolated_titles(blocks: list[Block], ends: list[int | None]) -> list[Block]:
    """Mark a short title line standing alone between blank lines as a heading (level 6).

    Plain-text minutes write their section titles so ("Location vocabulary"); a list
    item, a numbered line, a sentence or a label line is never taken for one.
    """
    out = list(blocks)
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.level or block.bullet or block.line is None:
            continue
        before = ends[index - 1] if index else None
        after = getattr(blocks[index + 1], "line", None) if index + 1 < len(blocks) else None
        alone = (before is None or block.line - before > 1) and (
            after is None or after - block.line > 1
        )
        text = block.text
        title = len(text.split()) <= 5 and text[:1].isupper() and not re.search(r"[.,;:!?]$", text)
        if not alone or not title or _STARTS_OWN.match(text) or _FURNITURE.match(text):
            continue
        if commitment(text) is None and not is_verb(text.split()[0]):  # "Partners to share data"
            out[index] = replace(block, level=6)
    return out


def _continues(previous: Paragraph, end: int | None, tail: str, block: Paragraph) -> bool:
    """True when `block` is the wrapped rest of `previous`, whose last line is `end`: `tail`."""
    if end is None or block.line is None or block.line != end + 1:
        return False
    if previous.level or block.level or block.bullet or block.struck != previous.struck:
        return False
    if len(tail) < _WRAP_MIN or previous.text.isupper() or block.text.isupper():
        return False
    return not _STARTS_OWN.match(block.text) or block.text[:1].islower()


def _join(first: str, second: str) -> str:
    """Two wrapped lines as one: "vacci-" + "nation" gives "vaccination"."""
    if re.search(r"[a-zà-ÿ]-$", first) and second[:1].islower():
        return first[:-1] + second
    return f"{first} {second}"


# The first cell of a list flattened into a table: a number, a sub-bullet glyph, or empty
# (a bullet glyph that the reader removed).
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]?|[a-z][.)]|[o§▪◦\-–•*])?$")


def list_table(table: Table) -> list[Paragraph] | None:
    """The paragraphs of a list that a converter wrote as a two-column table, else None.

    Each row is "<mark> <text>": a number gives a numbered line, an empty mark a list
    item, a sub-bullet glyph ("o", "▪", "-") a nested list item.
    """
    rows = [row.texts() for row in table.rows]
    if not rows or any(len([t for t in texts if t]) > 2 or len(texts) > 2 for texts in rows):
        return None
    if any(len(texts) < 2 or not _LIST_MARK.match(texts[0].strip()) for texts in rows):
        return None
    out = []
    for row, (mark, text) in zip(table.rows, ((t[0].strip(), t[1]) for t in rows), strict=True):
        if not text:
            continue
        if mark[:1].isdigit() or re.match(r"^[a-z][.)]$", mark):
            out.append(Paragraph(f"{mark} {text}", row.line))
        else:
            out.append(Paragraph(text, row.line, bullet=True, depth=1 if mark else 0))
    return out
