"""Reviews of earlier action points written as prose: where the status of each one is.

Minutes that review the last meeting's actions write the status after the action, in
the same item ("X to do Y. Action complete.", "X to do Y. Deferred to the February
meeting.") or on the line below it ("• X to do Y" then "o Done."). `split_review` reads
the first form, `status_after` the second. A status that moves the action to a later
meeting ("Deferred to ...", "Postponed until ...") also gives its deadline phrase.
"""

from __future__ import annotations

import re

from reminder.reading.actions.sentences import sentences
from reminder.reading.actions.statuses import is_status_fragment, status_of
from reminder.reading.document import Paragraph
from reminder.reading.extraction import Status

_MOVED = re.compile(
    r"^(?:deferred|postponed|rescheduled|moved|pushed|carried\s+over|report[ée]e?|aplazad[oa])\s+"
    r"(?:back\s+)?(?:to|until|till|au|à|a|hasta|para)\b",
    re.I,
)
# A sentence that reports on an action rather than being one ("This action is ongoing").
_REPORT = re.compile(
    r"^(?:this|the)\s+(?:action|item|task)\b|^there\s+is\s+no\s+update|^no\s+update|"
    r"^(?:action|item)\s+(?:complete|closed|done|withdrawn)",
    re.I,
)

Found = tuple[tuple[Status, str] | None, str | None]


def split_review(text: str) -> tuple[str, tuple[Status, str] | None, str | None]:
    """(action, status, deadline) of a reviewed item whose status follows in sentences."""
    parts = sentences(text)
    for position, part in enumerate(parts[1:], 1):
        status, due = _status_sentence(part)
        if status is not None:
            # "X to send the letter: sent on 1 Feb. DONE.": the remark after the colon
            # belongs to the status.
            body = re.sub(r":\s+(?:\S+\s+){0,6}\S+$", "", " ".join(parts[:position]))
            return body, status, due
    return text, None, None


def status_after(item: Paragraph, line: Paragraph) -> Found | None:
    """(status, deadline) when `line`, just below a reviewed `item`, reports its status."""
    below = (line.bullet and line.depth > item.depth) or (not line.bullet and item.bullet)
    if not below or line.level:
        return None
    first = sentences(line.text)[0] if line.text else ""
    status, due = _status_sentence(first)
    return (status, due) if status is not None else None


def _status_sentence(sentence: str) -> Found:
    """(status, deadline) when a sentence is a status report, else (None, None)."""
    text = sentence.strip()
    if not (_REPORT.match(text) or is_status_fragment(text) or _MOVED.match(text)):
        return None, None
    found = status_of(text)
    if found is None:
        return None, None
    return found, (text.rstrip(" .") if _MOVED.match(text) else None)
