"""Reading status text: the vocabulary lookups behind `find.py` (see its contracts).

`parse_status` (a status cell) and `is_status_word` live here; `find.py` re-exports
them beside `find_status`. The helpers `fold`, `strict`, `read`, `MARKS_FOLDED`,
`MARK_PATTERN` and `EDGE` are shared with `find.py` only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from reminder.reading.status.words import FILLERS, MARKS, STATUS_WORDS, Status


def fold(text: str) -> str:
    """Lowercase, accents removed, markdown emphasis and spacing normalised."""
    if not text.isascii():  # ASCII has no accents to remove (the common case: fast)
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = re.sub(r"[*_`~]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


LOOKUP = {fold(w): status for status, words in STATUS_WORDS.items() for w in words}
LOOKUP[""] = Status.OPEN  # an empty cell
# Phrases that may be followed by a remark; the shortest ones are too ambiguous for that.
_PREFIXES = sorted(
    (w for w in LOOKUP if len(w) > 2 and w not in {"yes", "late", "new"}), key=len, reverse=True
)
_FILLERS = sorted({fold(f) for f in FILLERS}, key=len, reverse=True)
MARKS_FOLDED = {fold(m): s for m, s in MARKS.items()}
MARK_PATTERN = "|".join(re.escape(m) for m in sorted(MARKS, key=len, reverse=True))
# Before a status word these make it a plan or a negation: "to be completed", "pas fait".
_NOT_YET = re.compile(
    r"\b(?:to|be|will|shall|should|must|not|yet|never|pas|non|ne|a|à|etre|sera|sin|por|ser|"
    r"no|nunca|va|sera|will\s+be|to\s+be|not\s+yet)$"
)
_MARK_CHARS = {m[0] for m in MARKS}
_BULLETS = {"So", "Po", "Pd", "Sm"}  # a symbol or bullet in front that is not a mark
_PERCENT = re.compile(r"^(\d{1,3})\s*%")
_TAG = re.compile(r"^\[([a-z ]{0,20})\]\s*")
EDGE = " .!;:,-–—\t"


def is_status_word(text: str) -> bool:
    """Whether the text is a status phrase or mark and nothing else ("pending", "✅")."""
    folded = fold(text).strip(" .!;:[]")
    return (
        bool(folded)
        and folded not in {"-", "no", "yes"}
        and (folded in LOOKUP or folded in MARKS_FOLDED)
    )


def parse_status(raw: str | None, *, legend: Mapping[str, Status] | None = None) -> Status | None:
    """The status of a status cell; OPEN for no cell or an empty one; None if unrecognised.

    `legend` is a document's own key ("Green" -> done, "R" -> open), read first.
    """
    if raw is None:
        return Status.OPEN
    text = fold(raw).strip(" .!;:")
    if legend:
        own = {fold(key).strip(" .!;:"): status for key, status in legend.items()}
        if text in own:
            return own[text]
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(" .!;:")  # "(done during the meeting)"
    if "?" in text:
        return None  # "Blocked?", "done?": the writer was not sure, and neither are we
    return read(text, sentences=True)


def read(text: str, *, sentences: bool) -> Status | None:
    """The status of folded text: a word, mark, tag or percentage, then (if asked) clauses."""
    if text in LOOKUP:
        return LOOKUP[text]
    if text[:1] and unicodedata.category(text[0]) in _BULLETS and text[0] not in _MARK_CHARS:
        rest = text[1:].strip(EDGE)  # "🟢 Done", "• Done"; a symbol alone says nothing
        return read(rest, sentences=sentences) if rest else None
    found = _mark(text) or _tag(text) or _percent(text) or _prefix(_unfill(text))
    found = found or _suffix(text)
    if found is not None or not sentences:
        return found
    # A short sentence: every clause that names a status must agree.
    seen = {read(c.strip(EDGE), sentences=False) for c in re.split(r"[.;,:!()]", text)}
    seen.discard(None)
    return seen.pop() if len(seen) == 1 else None


def _mark(text: str) -> Status | None:
    """A mark at either end: the words beside it win when they say something."""
    for mark, status in MARKS_FOLDED.items():
        if text.startswith(mark) or text.endswith(mark):
            rest = text.removeprefix(mark) if text.startswith(mark) else text.removesuffix(mark)
            rest = rest.strip(EDGE)
            if not rest:
                return status
            return read(rest, sentences=False) or status
    return None


def _tag(text: str) -> Status | None:
    match = _TAG.match(text)
    if not match or not match[1].strip():
        return None
    return read(match[1].strip(), sentences=False)


def _percent(text: str) -> Status | None:
    match = _PERCENT.match(text)
    if not match:
        return None
    value = int(match[1])
    if value > 100:
        return None
    return Status.OPEN if value == 0 else Status.DONE if value == 100 else Status.IN_PROGRESS


def _unfill(text: str) -> str:
    """Drop words in front of a status: "This action is ongoing" -> "ongoing"."""
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if text.startswith(filler + " ") or text.startswith(filler + ":"):
                text = text[len(filler) :].lstrip(" :")
                changed = True
    return text


def _prefix_match(text: str) -> tuple[Status, str] | None:
    """(status, remainder) for the longest status phrase the text starts with."""
    if text in LOOKUP:
        return LOOKUP[text], ""
    for phrase in _PREFIXES:
        if text.startswith(phrase) and not text[len(phrase) : len(phrase) + 1].isalnum():
            return LOOKUP[phrase], text[len(phrase) :]
    return None


def _suffix(text: str) -> Status | None:
    """A short clause ending in a status phrase: "Training done", "Carte pas encore faite"."""
    if len(text.split()) > 6:
        return None
    for phrase in _PREFIXES:
        if text.endswith(phrase) and not text[-len(phrase) - 1 : -len(phrase)].isalnum():
            before = text[: -len(phrase)].strip()
            return None if _NOT_YET.search(before) else LOOKUP[phrase]
    return None


def _prefix(text: str) -> Status | None:
    found = _prefix_match(text)
    return found[0] if found else None


# After a status word in an action line, only a date, number or parenthesis ("done 9/30").
_DATE_REMARK = re.compile(r"^\s*(?:\(.*\)|(?:on|le|el|in|at|the)?\s*\d.*)?$")
_MARKED_REMARK = re.compile(r"^\s*[,;:(–—-]|^\s+[-–—]")  # "done – shared", "dropped, see …"


# A tracker's status column repeats a few words on every row: each is read once.
@lru_cache(maxsize=4096)
def strict(text: str, *, remark: str = "date") -> Status | None:
    """A status phrase alone, or followed by a remark: any remark (`remark="any"`), one set
    off by punctuation or a date ("marked": "done – shared", "in progress (40 of 65)"), or
    only a date or number ("date": "done 9/30")."""
    text = fold(text)
    if not text:
        return None
    if text in MARKS_FOLDED:
        return MARKS_FOLDED[text]
    if (found := _percent(text)) is not None:
        return found
    match = _prefix_match(_unfill(text)) or _prefix_match(text)
    if match is None:
        return None
    status, rest = match
    if remark == "any" or _DATE_REMARK.match(rest):
        return status
    return status if remark == "marked" and _MARKED_REMARK.match(rest) else None
