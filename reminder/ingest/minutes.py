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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path

from reminder.errors import InputError
from reminder.ingest.base import (
    ExtractedAction,
    Extraction,
    MeetingInfo,
    Skipped,
    SourceRef,
    Status,
    clean_text,
    parse_status,
)
from reminder.ingest.document import Document, Item, Paragraph, Row, Table
from reminder.ingest.docx_reader import read_docx_document
from reminder.ingest.html_reader import read_html_document
from reminder.ingest.text_reader import read_text_document
from reminder.owners_text import split_owners

_ROLES = (
    ("action", re.compile(r"\baction|\bfollow[- ]?up|\bnext steps?\b|\btasks?\b|\bwhat\b", re.I)),
    ("status", re.compile(r"\bstatus\b|\bprogress\b", re.I)),
    ("responsible", re.compile(r"responsib|\bowners?\b|focal\s*points?|\bwho\b|\blead\b", re.I)),
    ("agenda", re.compile(r"\bagenda|\btopics?\b|\bitems?\b|\bsubject", re.I)),
    ("discussion", re.compile(r"discussion|main points|\bnotes?\b|summary", re.I)),
)
_ACTION_HEADING = re.compile(
    r"action\s*(?:points?|items?)|\bactions\b|next\s*steps|follow[- ]?up", re.I
)
_EMPTY = {"", "-", "–", "—", "n/a", "none", "nil", "tbd"}
_NUMBERING = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z])[.)]\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|vs|St)\.|\b[A-Z]\.)$")
_REMARK = re.compile(r"(?:deadline|due|by|owner|responsible|note|status)\b", re.I)
_SUBJECT = re.compile(r"^(?P<who>.+?)\s+(?:is\s+|are\s+)?to\s+(?P<verb>[a-z]+)")
_NOT_A_NAME = re.compile(
    r"\b(?:will|would|should|shall|must|is|are|was|were|be|been|has|have|had|need|needs|"
    r"agreed|decided|asked|requested|how|what|(?-i:it|this|that|there))\b",
    re.I,
)
_LABEL = re.compile(
    r"(?:^|[\s(–—-])(?P<label>responsible|owner|lead|focal point|deadline|due)\s*:", re.I
)
_PAREN_OWNER = re.compile(r"\((?P<who>[A-Z][\w&/ ,.-]{0,40})\)\.?$")
_DATEISH = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mid|end)", re.I)


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
    found = _Found(source)
    tables = _Tables()
    section: str | None = None  # the action heading the paragraphs are under, if any
    pending: list[Paragraph] = []
    for block in (*document.blocks, None):
        if isinstance(block, Table):
            _paragraphs(pending, section, found)
            pending = []
            tables.add(block)
            continue
        heading = block is not None and _is_heading(block)
        # A table goes on across a short paragraph between its parts (a page header or
        # footer left by a converter); anything else closes it.
        if block is None or heading or section or len(block.text.split()) > 12:
            tables.emit(found)
            tables = _Tables()
        if block is None or heading:
            _paragraphs(pending, section, found)
            pending = []
        if block is not None and heading:
            section = block.text.rstrip(":") if _ACTION_HEADING.search(block.text) else None
        elif block is not None and section:
            pending.append(block)
    notes = (*found.notes, *([] if found.actions else ["no action points found"]))
    return Extraction(
        source=source,
        meeting=meeting_info(document),
        actions=tuple(found.actions),
        skipped=tuple(found.skipped),
        notes=notes,
    )


@dataclass
class _Found:
    source: str
    actions: list[ExtractedAction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def ref(self, table: Table | None, row: Row | None, it: Item | None) -> SourceRef:
        line = it.line if it is not None and it.line is not None else getattr(row, "line", None)
        name = table.name if table is not None else None
        return SourceRef(self.source, name, row.number if row else None, line)


@dataclass
class _Header:
    roles: list[str | None]  # per column: a role, "other", or None for an empty header cell
    carried: bool
    label: str | None


@dataclass
class _Entry:
    """One logical table row: its first physical row, its items by role, where each is."""

    header: _Header
    table: Table
    row: Row
    cells: dict[str, list[Item]]
    joined: dict[int, tuple[Table, Row]] = field(default_factory=dict)  # id(item) -> where

    def ref(self, found: _Found, it: Item | None) -> SourceRef:
        return found.ref(*self.joined.get(id(it), (self.table, self.row)), it)


def _role(text: str) -> str | None:
    if not text:
        return None
    return next((role for role, pattern in _ROLES if pattern.search(text)), "other")


def _header(row: Row) -> _Header | None:
    texts = row.texts()
    if any(len(text.split()) > 8 for text in texts):
        return None  # header cells are short; a long cell mentioning "action" is content
    roles = [_role(text) for text in texts]
    if "action" not in roles or not {"status", "responsible", "agenda", "discussion"} & set(roles):
        return None
    label = texts[roles.index("action")]
    carried = "status" in roles
    return _Header(roles, carried, label if carried and "previous" in label.lower() else None)


def _by_role(row: Row, header: _Header) -> dict[str, list[Item]]:
    pairs: list[tuple[str | None, list[Item]]]
    if len(row.cells) == len(header.roles):
        pairs = [
            (role, list(cell.items)) for role, cell in zip(header.roles, row.cells, strict=True)
        ]
    else:
        # Converters write uneven tab runs, so columns are matched on the non-empty cells:
        # the action is the first one (unless the row continues another), the rest are
        # taken from the right.
        filled = [list(cell.items) for cell in row.cells if cell.items]
        named = [role for role in header.roles if role is not None]
        pairs = []
        if row.cells and row.cells[0].items and filled and named:
            pairs, filled, named = [(named[0], filled[0])], filled[1:], named[1:]
        pairs += list(zip(reversed(named), reversed(filled), strict=False))
    out: dict[str, list[Item]] = {}
    for role, items in pairs:
        if role is not None:
            out.setdefault(role, []).extend(items)
    return out


@dataclass
class _Tables:
    """The rows of an action table read so far, joined into logical rows."""

    header: _Header | None = None
    entries: list[_Entry] = field(default_factory=list)

    def add(self, table: Table) -> None:
        for row in table.rows:
            header = _header(row)
            if header is not None:
                self.header = header
                continue
            if self.header is None or not any(cell.items for cell in row.cells):
                continue
            cells = _by_role(row, self.header)
            last = self.entries[-1] if self.entries else None
            # An empty first cell: the row goes on from the one before (page break, merge).
            if (
                last
                and last.header is self.header
                and self.header.roles[0]
                and not row.cells[0].items
            ):
                for role, items in cells.items():
                    last.cells.setdefault(role, []).extend(items)
                    last.joined.update((id(it), (table, row)) for it in items)
            else:
                self.entries.append(_Entry(self.header, table, row, cells))

    def emit(self, found: _Found) -> None:
        for entry in self.entries:
            if entry.header.carried:
                _carried(entry, found)
            else:
                _discussed(entry, found)


def _useful(items: list[Item]) -> list[Item]:
    return [
        it for it in items if it.text.lower() not in _EMPTY and not _NEXT_MEETING.match(it.text)
    ]


def _carried(entry: _Entry, found: _Found) -> None:
    actions = _useful(entry.cells.get("action", []))
    owners_raw = "; ".join(it.text for it in _useful(entry.cells.get("responsible", [])))
    ref = entry.ref(found, actions[0] if actions else None)
    if not actions:
        if owners_raw:
            found.skipped.append(
                Skipped(ref, f"responsible '{owners_raw}' without an action point")
            )
        return
    text = _strip_numbering(clean_text(" ".join(it.text for it in actions)))
    status_raw = " ".join(it.text for it in entry.cells.get("status", [])) or None
    status = parse_status(status_raw)
    if status is None:
        found.notes.append(f"{ref}: status '{status_raw}' not recognised; the action is kept open")
    owners, supporting, raw = _owners(owners_raw, text)
    found.actions.append(
        ExtractedAction(text, owners, ref, raw, supporting, None, status or Status.OPEN,
                        status_raw, section=entry.header.label, carried_over=True)
    )  # fmt: skip


def _discussed(entry: _Entry, found: _Found) -> None:
    agenda = _useful(entry.cells.get("agenda", []))
    section = _strip_numbering(agenda[0].text) if agenda else None
    if section and _NEXT_MEETING.match(section):
        return  # a "Next meeting | TBD" row is meeting information
    groups = _groups(_useful(entry.cells.get("action", [])))
    responsible = _useful(entry.cells.get("responsible", []))
    flat = [action for group in groups for action in group]
    per_action = len(responsible) == len(flat)
    used = len(flat) if per_action else min(len(groups), len(responsible))
    for extra in responsible[used:]:
        reason = f"responsible '{extra.text}' without an action point"
        found.skipped.append(Skipped(entry.ref(found, extra), reason))
    index = 0
    for number, group in enumerate(groups):
        for text, it in group:
            which = index if per_action else number
            owners_raw = responsible[min(which, len(responsible) - 1)].text if responsible else ""
            owners, supporting, raw = _owners(owners_raw, text)
            ref = entry.ref(found, it)
            found.actions.append(
                ExtractedAction(text, owners, ref, raw, supporting, section=section)
            )
            index += 1


def _groups(items: list[Item]) -> list[list[tuple[str, Item]]]:
    """Actions of an action cell, grouped by the item (or intro + list) they come from."""
    groups: list[list[tuple[str, Item]]] = []
    position = 0
    while position < len(items):
        it = items[position]
        following = items[position + 1 :]
        if it.text.endswith(":") and following and following[0].bullet:
            listed = list(takewhile(lambda sub: sub.bullet, following))
            groups.append([(f"{it.text} {sub.text}", sub) for sub in listed])
            position += 1 + len(listed)
        else:
            groups.append([(sentence, it) for sentence in _sentences(_strip_numbering(it.text))])
            position += 1
    return groups


def _sentences(text: str) -> list[str]:
    """Split on ". " + capital, never after an abbreviation or an initial, nor before a remark."""
    out: list[str] = []
    for part in _SENTENCE_BREAK.split(text):
        if out and (_ABBREVIATION.search(out[-1]) or _REMARK.match(part)):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text).strip()


def _subject(text: str) -> str:
    """The owner written as the subject: "Jennifer to share ..." -> "Jennifer"; "" if none."""
    match = _SUBJECT.match(text)
    if not match or match["verb"] == "be":  # "X to be finalized": nobody is named
        return ""
    who = match["who"]
    return "" if len(who.split()) > 6 or _NOT_A_NAME.search(who) else who


def _owners(owners_raw: str, text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    raw = owners_raw or _subject(text)
    owners, supporting = split_owners(raw)
    return owners, supporting, raw


def _is_heading(paragraph: Paragraph) -> bool:
    if paragraph.level:
        return True
    text = paragraph.text
    if paragraph.bullet or len(text.split()) > 10:
        return False
    keyword = len(text.split()) <= 6 and _ACTION_HEADING.search(text) and not text.endswith(".")
    colon = text.endswith(":") and not _subject(text)  # "X to share the following:" is an action
    return colon or text.isupper() or bool(keyword and not _subject(text))


def _paragraphs(paragraphs: list[Paragraph], section: str | None, found: _Found) -> None:
    """Actions of the paragraphs under an action heading: one per item or sentence."""
    if section is None:
        return
    items = [Item(_strip_numbering(p.text), p.line, p.bullet) for p in paragraphs]
    for text, it in (action for group in _groups(_useful(items)) for action in group):
        text, owner = _owner_trailer(text)
        raw = owner or _subject(text)
        paren = _PAREN_OWNER.search(text)
        if not raw and paren and not _DATEISH.search(paren["who"]):
            raw = paren["who"]  # "Circulate the ToR (WASH Cluster)."
        owners, supporting = split_owners(raw)
        ref = found.ref(None, None, it)
        carried = "previous" in section.lower()
        found.actions.append(
            ExtractedAction(text, owners, ref, raw, supporting, section=section,
                            carried_over=carried)
        )  # fmt: skip


def _owner_trailer(text: str) -> tuple[str, str]:
    """Cut an "– Responsible: X" / "Owner: X" trailer off an action: (text, "X").

    A "Deadline:" trailer stays in the text, where later stages look for deadlines.
    """
    labels = list(_LABEL.finditer(text))
    for index, label in enumerate(labels):
        if label["label"].lower() not in {"deadline", "due"}:
            end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
            owner = text[label.end() : end].strip(" .;,)(–—-")
            return (text[: label.start()] + text[end:]).strip(" ;,(–—-"), owner
    return text, ""


# --- Meeting details ---------------------------------------------------------------------

_NEXT_MEETING = re.compile(
    r"^next\s+meeting\b(?:\s+(?:date|will\s+be(?:\s+held)?|is))?\s*[:\-–—]?\s*(?P<rest>.*)$", re.I
)
_DATE_LABEL = re.compile(
    r"^date\b(?!\s+of)(?:\s*(?:&|and)\s*time)?\s*[:\-–—]?\s*(?P<rest>.*)$", re.I
)
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+\d{{4}}\b", re.I)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORK_WEEK = re.compile(
    r"\bsun(?:day)?\s*(?:-|–|—|to|through|thru|until)\s*thu(?:rs(?:day)?)?\b", re.I
)
_FORUM_NOISE = re.compile(
    r"\b(?:meeting\s+)?minutes(?:\s+of(?:\s+the)?)?\b"
    r"|\b(?:(?:monthly|weekly|bi-?weekly|quarterly|regular|coordination)\s+)?meeting\b",
    re.I,
)


def meeting_info(document: Document) -> MeetingInfo:
    """What the document says about its meeting.

    The date comes from a "Date:"/"DATE & TIME" line or row, else from the title; numbers
    are read day-first unless the date line is written US-style ("June 19, 2023", or a
    numeric date whose second number is over 12), which sets `month_first`. The forum is
    the title without "Minutes", "(Monthly) Meeting" and dates. A "Next meeting ..."
    paragraph, row or cell gives `next_meeting_phrase` (and `next_meeting` when it holds
    a full date); a stated Sunday-Thursday week gives `working_days`.
    """
    title = next((b.text for b in document.blocks if isinstance(b, Paragraph) and b.text), None)
    if document.blocks and isinstance(document.blocks[0], Table):
        title = None  # the first paragraph after a table is not the document's title
    labelled = (text for text in _labelled(document, _DATE_LABEL) if _find_date(text, False))
    date_text = next(labelled, title or "")
    month_first = _us_style(date_text)
    phrases = (text.rstrip(". ") for text in _labelled(document, _NEXT_MEETING))
    phrase = next((text for text in phrases if text), None)
    week = _WORK_WEEK.search(" ".join(document.texts()))
    return MeetingInfo(
        forum=_forum(title),
        title=title,
        date=_find_date(date_text, month_first),
        next_meeting=_find_date(phrase, month_first) if phrase else None,
        next_meeting_phrase=phrase,
        month_first=month_first,
        working_days=(6, 0, 1, 2, 3) if week else None,
    )


def _labelled(document: Document, label: re.Pattern[str]) -> Iterator[str]:
    """The text after `label` in each paragraph, row (label in its first cell) and cell item."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            candidates = [(block.text, "")]
        else:
            candidates = []
            for row in block.rows:
                filled = [text for text in row.texts() if text]
                candidates += [(filled[0], " ".join(filled[1:]))] if filled else []
                candidates += [(it.text, "") for cell in row.cells for it in cell.items]
        for head, tail in candidates:
            match = label.match(head)
            if match and clean_text(f"{match['rest']} {tail}"):
                yield clean_text(f"{match['rest']} {tail}")


def _find_date(text: str, month_first: bool) -> dt.date | None:
    """The first complete date written in `text` (day, month and year), or None."""
    found: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for m in _ISO.finditer(text):
        found.append((m.start(), int(m["y"]), int(m["m"]), int(m["d"])))
    for m in (*_DAY_MONTH.finditer(text), *_MONTH_DAY.finditer(text)):
        found.append((m.start(), int(m["y"]), _MONTHS.index(m["mon"][:3].lower()) + 1, int(m["d"])))
    for m in _NUMERIC.finditer(text):
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        first, second = int(m["a"]), int(m["b"])
        orders = [(first, second), (second, first)] if month_first else [(second, first)]
        found += [(m.start(), year, month, day) for month, day in orders]
    for _, year, month, day in sorted(found, key=lambda entry: entry[0]):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _us_style(text: str) -> bool:
    if _MONTH_DAY.search(text) and not _DAY_MONTH.search(text):
        return True
    return any(int(m["a"]) <= 12 < int(m["b"]) for m in _NUMERIC.finditer(text))


def _forum(title: str | None) -> str | None:
    if not title:
        return None
    text = _FORUM_NOISE.sub(" ", title)
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY, _NUMERIC, _MONTH_YEAR):
        text = pattern.sub(" ", text)
    return clean_text(text).strip(" ,;:|-–—") or None
