"""Plain data handed from the importers to the rest of the program.

`Status` and `parse_status` live in `status/find.py` and are re-exported here for callers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from reminder.reading.status.find import Status, parse_status

__all__ = [
    "ExtractedAction",
    "Extraction",
    "MeetingInfo",
    "Skipped",
    "SourceRef",
    "Status",
    "parse_status",
]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where an item came from: always the file, then sheet and row, or line."""

    file: str
    sheet: str | None = None
    row: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ExtractedAction:
    """One action point as written in a source.

    `owners` are the owner names after splitting ("CPSS and PSEA" -> ("CPSS", "PSEA"));
    `supporting` the parties named in parentheses ("PHAP (with inputs from WG)" -> ("WG",)).
    `due_phrase` is the deadline cell of a tracker, or None when the source had no
    deadline column; later stages look for a deadline inside `text` in that case.
    `carried_over` marks items listed under "action points from previous meeting".
    `ref` is the tracker's own identifier (an "ID" or "#" column) when it has one;
    `meeting_date` the date the action was raised when a tracker row states it, and
    `next_meeting` the meeting after that one (from the tracker's meeting dates or its
    schedule sheet): what "next meeting" means for this action.
    """

    text: str
    owners: tuple[str, ...]
    source: SourceRef
    owners_raw: str = ""
    supporting: tuple[str, ...] = ()
    due_phrase: str | None = None
    status: Status = Status.OPEN
    status_raw: str | None = None
    remarks: str | None = None
    section: str | None = None
    carried_over: bool = False
    ref: str | None = None
    meeting_date: dt.date | None = None
    next_meeting: dt.date | None = None
    # The register's own id of the action, from a file this tool exported ("Register ID"
    # column): an import of that file updates exactly that action.
    register_id: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row or line that could not be used, with the reason, so nothing vanishes silently."""

    source: SourceRef
    reason: str


@dataclass(frozen=True)
class MeetingInfo:
    """What a document says about its meeting; every field may be unknown.

    `date_source` says where the date was found ("title", "Date: line", "header table",
    "e-mail header", "file name", "--meeting-date"); `month_first_evidence` what showed
    the document writes numeric dates month-first or day-first ("14/03/2019 has a day
    above 12", "US-style date 'January 14, 2025'"), None when nothing did (then day-first).
    """

    forum: str | None = None
    title: str | None = None
    date: dt.date | None = None
    next_meeting: dt.date | None = None
    next_meeting_phrase: str | None = None
    month_first: bool = False
    working_days: tuple[int, ...] | None = None  # weekday numbers, Monday=0, when stated
    date_source: str | None = None
    month_first_evidence: str | None = None
    # The date the document's facts speak for when it says so itself ("Status as of 9
    # Dec", "Last updated: ..."), and where that was read; None when it does not.
    as_of: dt.date | None = None
    as_of_source: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything an importer read from one file."""

    source: str
    meeting: MeetingInfo
    actions: tuple[ExtractedAction, ...]
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = field(default=())


_SPACES = re.compile(r"\s+")


def is_one_clean_line(text: str) -> bool:
    """True when collapsing whitespace and trimming leaves text as it is, on one line.

    A printable string holds no whitespace but the ASCII space (tabs, line breaks and
    non-breaking spaces are all unprintable), so only doubled or outer spaces could change.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


@lru_cache(maxsize=4096)  # tracker cells repeat the same texts row after row
def clean_text(text: str) -> str:
    """Collapse runs of whitespace (tabs, non-breaking spaces, newlines) and trim."""
    if is_one_clean_line(text):
        return text
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
