"""Status words, tags and marks as minutes write them in prose (English, French, Spanish).

`status_of(fragment)` finds the status a fragment states ("in progress, draft expected
next week", "This action is ongoing", "No longer required; action withdrawn", "✅",
"[DROPPED]") and returns it with the status word as written; the word goes to
`parse_status` (the shared vocabulary), and the phrase table here decides only what that
vocabulary does not know. `is_status_fragment` says whether a fragment is only a status
report (it starts or ends with a status word), so that it can be cut off an action.
"""

from __future__ import annotations

import re

from reminder.reading.extraction import Status, parse_status

# Ordered: "not done" before "done", "partially done" before "done".
_PHRASES: tuple[tuple[Status, str], ...] = (
    (
        Status.CANCELLED,
        r"withdrawn|dropped|cancel+ed|cancel+ation|no\s+longer\s+(?:required|needed|relevant)|"
        r"not\s+needed|annul[ée]e?s?|abandonn[ée]e?s?|cancelad[oa]s?|anulad[oa]s?|desestimad[oa]|❌|✖",
    ),
    (
        Status.OPEN,
        r"not\s+(?:yet\s+)?(?:done|started|completed|complete)|pending|on\s+hold|deferred|"
        r"postponed|rescheduled|carried\s+(?:over|forward)|no\s+update|outstanding|overdue|"
        r"still\s+open|keep\s+(?:it\s+)?open|open|en\s+attente|report[ée]e?|pendiente|no\s+iniciad[oa]|"
        r"aplazad[oa]|non\s+(?:fait|réalisé)|to\s+do|✘|⬜|☐",
    ),
    (
        Status.IN_PROGRESS,
        r"in\s+progress|on-?\s?going|partially\s+(?:done|completed)|partly\s+done|"
        r"under\s*way|wip|started|en\s+cours|en\s+curso|en\s+proceso|\d{1,3}\s?%|⏳|🔄",
    ),
    (
        Status.DONE,
        r"done|complete[d]?|closed|finali[sz]ed|achieved|fait|réalisé|termin[ée]|"
        r"cumplid[oa]|realizad[oa]|completad[oa]|hech[oa]|✅|✔️?|☑|☒",
    ),
)
_FIND = [
    (status, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)) for status, words in _PHRASES
]
_START = [(status, re.compile(rf"^\W*(?:{words})(?![\w-])", re.I)) for status, words in _PHRASES]
_END = [(status, re.compile(rf"(?<![\w-])(?:{words})\W*$", re.I)) for status, words in _PHRASES]
_TAG = re.compile(r"^\[(?P<tag>[A-Za-z ]{2,20})\]\s*")


def status_of(fragment: str) -> tuple[Status, str] | None:
    """(status, word as written) for the first status phrase in `fragment`, else None."""
    found: list[tuple[int, Status, str]] = []
    for status, pattern in _FIND:
        match = pattern.search(fragment)
        if match:
            found.append((match.start(), status, match.group(0)))
    if not found:
        return None
    # "not done" and "done" overlap at one place: the ordered table decides there.
    first = min(position for position, _, _ in found)
    status, word = next((s, w) for p, s, w in found if p <= first + 4)
    shared = parse_status(word)
    return (status if shared is None else shared), word


def is_status_fragment(fragment: str) -> bool:
    """True when the fragment starts or ends with a status word ("in progress, 60%")."""
    text = fragment.strip(" .;,")
    return bool(text) and any(p.search(text) for _, p in (*_START, *_END))


def tag_status(text: str) -> tuple[str, tuple[Status, str] | None]:
    """Cut a leading "[DONE]"-style tag: (rest, status of the tag) or (text, None)."""
    match = _TAG.match(text)
    if not match:
        return text, None
    found = status_of(match["tag"])
    if found is None and match["tag"].strip().lower() != "new":
        return text, None
    return text[match.end() :], found
