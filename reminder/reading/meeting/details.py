"""What a minutes `Document` says about its meeting: forum, title, dates, working week.

Contract of `meeting_info`: the meeting date comes from the document only, in this order:
an e-mail header ("Date: Thu, 9 Feb 2017 17:42:10 +0200" among From:/To:/Subject:), a
labelled date ("Date:", "Meeting date", "Fecha", a "Date" cell of a header table, a page
property), else the first complete date of the title lines (the first paragraphs, leaving
out lines about earlier meetings: "Review of action points from 19 April"). Where it was
found is `MeetingInfo.date_source`. None when the document states none: the file name is
tried later (`date_in_file_name`), and today's date never.

The next meeting (read by `reading.next_meeting`) comes from "Next meeting: ...", "Next
<body> call: ...", "The next meeting will be held on ...", "Prochaine réunion", "Próxima
reunión" lines, cells and headings (the paragraph under a "Next meeting" heading);
"TBC"/"TBD" gives no date. The as-of date ("Last updated ...", "Version of ...") comes
from the lines near the top or bottom (`as_of.minutes_as_of`); a title line stating it
is not read for the meeting date.
Day-first or month-first is decided from the document's own numeric and written dates
(`date_order`) and explained in `month_first_evidence`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from reminder.deadlines.read import date_order, find_full_dates
from reminder.reading.document import Document, Paragraph, Table
from reminder.reading.extraction import MeetingInfo, clean_text
from reminder.reading.meeting.as_of import as_of_in_text, minutes_as_of, without_action_tables
from reminder.reading.meeting.upcoming import next_meeting_in, plain

__all__ = [
    "NEXT_MEETING",
    "date_in_file_name",
    "meeting_info",
    "next_meeting_in",
    "read_lines",
    "title_date",
]

# Public: a "Next meeting ..." row or item is meeting information, never an action.
NEXT_MEETING = re.compile(
    r"^(?:next\s+meeting|prochaine\s+réunion|próxima\s+reunión)\b(?:\s+(?:date|will\s+be"
    r"(?:\s+held)?|is|aura\s+lieu(?:\s+le)?))?\s*[:\-–—]?\s*(?P<rest>.*)$",
    re.I,
)
_DATE_LABEL = re.compile(
    r"^(?:(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?(?:\s*(?:&|and)\s*time)?"
    r"|date\s+de\s+(?:la\s+)?r[ée]union|fecha(?:\s+de\s+(?:la\s+)?reuni[oó]n)?|held\s+on|when)"
    r"\s*(?:[:|\-–—]\s*(?P<rest>.*))?$",
    re.I,
)
_HEADERS = re.compile(r"^(?:from|to|cc|subject|sent|message-id|reply-to)\s*:", re.I)
_EARLIER = re.compile(
    r"\b(?:previous|last|(?:points?|items?|actions?)\s+(?:from|of)|since|review|reviewed"
    r"|follow-?up|suivi|seguimiento|status\s+of"
    r"|updated|created|exported|actualizad[ao]|approv\w*|adopt\w*|motion)\b",
    re.I,
)
# A date after "by"/"before" is a deadline, not the meeting's date.
_DUE_BEFORE = re.compile(r"\b(?:by|before|until|due|deadline|d'ici|avant|antes|hasta)\W*$", re.I)
_TITLE_LINES = 8
_WORK_WEEK = re.compile(
    r"\b(?:sun(?:day)?|dimanche|domingo)\s*(?:-+|–|—|to|through|thru|until|au|a)\s*"
    r"(?:thu(?:rs(?:day)?)?|jeudi|jueves)\b",
    re.I,
)
_FORUM_NOISE = re.compile(
    r"\b(?:meeting\s+)?minutes(?:\s+of(?:\s+the)?)?\b"
    r"|\b(?:(?:monthly|weekly|bi-?weekly|quarterly|regular|coordination)\s+)?meeting\b"
    r"|\b(?:today|this\s+week|yesterday)'?s?\b",
    re.I,
)
_FILE_DATES = (
    (re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)"), (0, 1, 2)),
    (re.compile(r"(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?!\d)"), (2, 1, 0)),
)


def meeting_info(document: Document) -> MeetingInfo:
    """What the document says about its meeting (see the module docstring)."""
    title = next((b.text for b in document.blocks if isinstance(b, Paragraph) and b.text), None)
    if document.blocks and isinstance(document.blocks[0], Table):
        title = None  # the first paragraph after a table is not the document's title
    lines = list(read_lines(document))
    if subject := _subject(lines):
        title = subject  # an e-mail: its subject is the title, not its "From:" line
    month_first, evidence = date_order(text for text, _ in lines)
    found = _meeting_date(lines, _title_lines(document), month_first)
    # Cell by cell, so that a label cell is followed by its value cell.
    cells = [cell for text, row in lines for cell in (row or (text,))]
    phrase, next_date = next_meeting_in(cells, month_first)
    week = _WORK_WEEK.search(" ".join(text for text, _ in lines))
    as_of = minutes_as_of(
        list(read_lines(without_action_tables(document))), month_first=month_first
    )
    return MeetingInfo(
        forum=_forum(title),
        title=title,
        date=found[0] if found else None,
        next_meeting=next_date,
        next_meeting_phrase=phrase,
        month_first=month_first,
        working_days=(6, 0, 1, 2, 3) if week else None,
        date_source=found[1] if found else None,
        month_first_evidence=evidence,
        as_of=as_of[0] if as_of else None,
        as_of_source=as_of[1] if as_of else None,
    )


def read_lines(document: Document) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(text, cells) of every paragraph and table row, markup removed; cells () for a paragraph.

    A paragraph written as a markdown table row ("| **Date** | Oct 3, 2024 |") gives its cells.
    """
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = plain(block.text)
            cells = tuple(plain(c) for c in text.strip("|").split("|")) if "|" in text else ()
            if text and not set(text) <= set("|-: "):
                yield text, tuple(c for c in cells if c)
            continue
        for row in block.rows:
            cells = tuple(plain(text) for text in row.texts())
            if any(cells):
                yield " ".join(c for c in cells if c), tuple(c for c in cells if c)


def date_in_file_name(name: str) -> dt.date | None:
    """The date written in a file name ("notes-2019-04-11.txt", "20190411", "11.04.2019")."""
    stem = re.split(r"[\\/]", name)[-1]
    for pattern, order in _FILE_DATES:
        for match in pattern.finditer(stem):
            parts = [int(match[i + 1]) for i in order]
            if 1990 <= parts[0] <= 2099:
                try:
                    return dt.date(parts[0], parts[1], parts[2])
                except ValueError:
                    continue
    return None


def title_date(lines: Iterable[str], month_first: bool = False) -> dt.date | None:
    """The meeting date stated in title lines (a tracker's title block), or None.

    Lines about another moment ("Last updated 06/09/2022", "Exported ...", "Review of
    action points from ...") and dates after "by"/"before" are not the meeting's date.
    """
    for text in lines:
        dates = find_full_dates(text, month_first=month_first)
        if dates and not _EARLIER.search(text) and not _DUE_BEFORE.search(text[: dates[0][0]]):
            return dates[0][2]
    return None


def _subject(lines: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The subject of an e-mail (a document opening with From:/To:/Subject: headers)."""
    head = [text for text, _ in lines[:15]]
    if sum(bool(_HEADERS.match(text)) for text in head) < 2:
        return None
    for text in head:
        if match := re.match(
            r"^subject\s*:\s*(?:(?:re|fw|fwd|tr)\s*:\s*)*(?P<rest>.+)$", text, re.I
        ):
            return match["rest"]
    return None


def _title_lines(document: Document) -> list[str]:
    """The paragraphs that open the document, up to its first list item (the body)."""
    lines = []
    for block in document.blocks[:_TITLE_LINES]:
        if isinstance(block, Paragraph):
            if block.bullet:
                break
            lines.append(plain(block.text))
    return lines


def _meeting_date(
    lines: list[tuple[str, tuple[str, ...]]], title: list[str], month_first: bool
) -> tuple[dt.date, str] | None:
    """(date, how it was found), or None; see the module docstring for the order."""

    def first(text: str) -> dt.date | None:
        dates = find_full_dates(text, month_first=month_first)
        return dates[0][2] if dates else None

    head = lines[:15]
    if sum(bool(_HEADERS.match(text)) for text, _ in head) >= 2:
        for text, _ in head:
            match = re.match(r"^(?:date|sent)\s*:\s*(?P<rest>.*)$", text, re.I)
            if match and (day := first(match["rest"])):
                return day, "e-mail header"
    for text, cells in lines:
        for position, cell in enumerate(cells or (text,)):
            match = _DATE_LABEL.match(cell)
            if not match:
                continue
            value = match["rest"] or (cells[position + 1] if position + 1 < len(cells) else "")
            if day := first(value or ""):
                return day, "header table" if cells else "Date: line"
    # "Version of 12 December" says when the minutes were written, not when the meeting was.
    plain_titles = [text for text in title if as_of_in_text(text, month_first=month_first) is None]
    if day := title_date(plain_titles, month_first):
        return day, "title"
    return None


def _forum(title: str | None) -> str | None:
    """The title without "Minutes", "(Monthly) Meeting" and dates; None if nothing is left."""
    if not title:
        return None
    text = _FORUM_NOISE.sub(" ", title)
    for start, end, _ in reversed(find_full_dates(text)):
        text = text[:start] + " " + text[end:]
    text = re.sub(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b",
        " ",
        text,
        flags=re.I,
    )
    return clean_text(text).strip(" ,;:|-–—") or None
