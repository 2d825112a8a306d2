"""Status text -> `Status`: a status cell (`parse_status`) or a status inside an action line
(`find_status`).

Contracts:
- `parse_status(raw)` reads a status cell as people write it, in English, French or
  Spanish: words and sentences ("Done", "En cours", "This action is ongoing", "There is
  no update to provide"), a word with a remark ("Done – shared on 3 May", "Postponed (new
  date TBC)"), tags (`[DONE]`), marks and emoji (✔ ✅ ⏳ ✘), checkboxes (`[x]`, `[ ]`),
  percentages (0 % open, 100 % done, between in progress) and bilingual cells ("Fait /
  Done"). A question mark makes it unrecognised ("Blocked?"). None (no cell) and an
  empty cell are `Status.OPEN`. Text it does not recognise gives None, never a guess:
  the caller keeps the action open and notes the text.
- `is_status_word(text)`: the text is a status phrase or mark and nothing else.
- `find_status(text)` finds a status written at the start or the end of an action
  line ("[DONE] …", "✅ …", "… (completed 1/9/25)", "… — in progress", "…: sent on 1 Feb.
  DONE.") and returns (status, the fragment as written, the text without it). A remark after a
  status word is part of the fragment ("— in progress (40 of 65 reviewed)"). A date in
  the fragment is a completion date, not a deadline. Nothing found: (None, None, text).
  An unticked box followed by a status word at the end takes the word's status. A bare
  "ongoing" / "permanente" / "(continu)" at the end is timing (no deadline), not a
  status, and is left in the text for the deadline reader; "ongoing, 60%" is a status.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from reminder.reading.status_words import FILLERS, MARKS, STATUS_WORDS, TIMING_WORDS, Status

__all__ = ["Status", "find_status", "is_status_word", "parse_status"]


def _fold(text: str) -> str:
    """Lowercase, accents removed, markdown emphasis and spacing normalised."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[*_`~]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_LOOKUP = {_fold(w): status for status, words in STATUS_WORDS.items() for w in words}
_LOOKUP[""] = Status.OPEN  # an empty cell
# Phrases that may be followed by a remark; the shortest ones are too ambiguous for that.
_PREFIXES = sorted(
    (w for w in _LOOKUP if len(w) > 2 and w not in {"yes", "late", "new"}), key=len, reverse=True
)
_FILLERS = sorted({_fold(f) for f in FILLERS}, key=len, reverse=True)
_MARKS = {_fold(m): s for m, s in MARKS.items()}
_MARK_RE = "|".join(re.escape(m) for m in sorted(MARKS, key=len, reverse=True))
# Before a status word these make it a plan or a negation: "to be completed", "pas fait".
_NOT_YET = re.compile(
    r"\b(?:to|be|will|shall|should|must|not|yet|never|pas|non|ne|a|à|etre|sera|sin|por|ser|"
    r"no|nunca|va|sera|will\s+be|to\s+be|not\s+yet)$"
)
_MARK_CHARS = {m[0] for m in MARKS}
_BULLETS = {"So", "Po", "Pd", "Sm"}  # a symbol or bullet in front that is not a mark
_PERCENT = re.compile(r"^(\d{1,3})\s*%")
_TAG = re.compile(r"^\[([a-z ]{0,20})\]\s*")
_EDGE = " .!;:,-–—\t"


def is_status_word(text: str) -> bool:
    """Whether the text is a status phrase or mark and nothing else ("pending", "✅")."""
    folded = _fold(text).strip(" .!;:[]")
    return (
        bool(folded)
        and folded not in {"-", "no", "yes"}
        and (folded in _LOOKUP or folded in _MARKS)
    )


def parse_status(raw: str | None, *, legend: Mapping[str, Status] | None = None) -> Status | None:
    """The status of a status cell; OPEN for no cell or an empty one; None if unrecognised.

    `legend` is a document's own key ("Green" -> done, "R" -> open), read first.
    """
    if raw is None:
        return Status.OPEN
    text = _fold(raw).strip(" .!;:")
    if legend:
        own = {_fold(key).strip(" .!;:"): status for key, status in legend.items()}
        if text in own:
            return own[text]
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(" .!;:")  # "(done during the meeting)"
    if "?" in text:
        return None  # "Blocked?", "done?": the writer was not sure, and neither are we
    return _read(text, sentences=True)


def _read(text: str, *, sentences: bool) -> Status | None:
    """The status of folded text: a word, mark, tag or percentage, then (if asked) clauses."""
    if text in _LOOKUP:
        return _LOOKUP[text]
    if text[:1] and unicodedata.category(text[0]) in _BULLETS and text[0] not in _MARK_CHARS:
        rest = text[1:].strip(_EDGE)  # "🟢 Done", "• Done"; a symbol alone says nothing
        return _read(rest, sentences=sentences) if rest else None
    found = _mark(text) or _tag(text) or _percent(text) or _prefix(_unfill(text))
    found = found or _suffix(text)
    if found is not None or not sentences:
        return found
    # A short sentence: every clause that names a status must agree.
    seen = {_read(c.strip(_EDGE), sentences=False) for c in re.split(r"[.;,:!()]", text)}
    seen.discard(None)
    return seen.pop() if len(seen) == 1 else None


def _mark(text: str) -> Status | None:
    """A mark at either end: the words beside it win when they say something."""
    for mark, status in _MARKS.items():
        if text.startswith(mark) or text.endswith(mark):
            rest = text.removeprefix(mark) if text.startswith(mark) else text.removesuffix(mark)
            rest = rest.strip(_EDGE)
            if not rest:
                return status
            return _read(rest, sentences=False) or status
    return None


def _tag(text: str) -> Status | None:
    match = _TAG.match(text)
    if not match or not match[1].strip():
        return None
    return _read(match[1].strip(), sentences=False)


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
    if text in _LOOKUP:
        return _LOOKUP[text], ""
    for phrase in _PREFIXES:
        if text.startswith(phrase) and not text[len(phrase) : len(phrase) + 1].isalnum():
            return _LOOKUP[phrase], text[len(phrase) :]
    return None


def _suffix(text: str) -> Status | None:
    """A short clause ending in a status phrase: "Training done", "Carte pas encore faite"."""
    if len(text.split()) > 6:
        return None
    for phrase in _PREFIXES:
        if text.endswith(phrase) and not text[-len(phrase) - 1 : -len(phrase)].isalnum():
            before = text[: -len(phrase)].strip()
            return None if _NOT_YET.search(before) else _LOOKUP[phrase]
    return None


def _prefix(text: str) -> Status | None:
    found = _prefix_match(text)
    return found[0] if found else None


# A status at the end after these separators may carry any remark after its word.
_DASH = re.compile(r"\s[-–—]+\s|\s?[–—]+\s?|(?<=~~)\s+")  # "~~struck~~ cancelled, …" too
# A new sentence that opens with a status ("… partners. This action is ongoing; …").
_SENTENCE = re.compile(r"[.!](?=\s+[A-ZÀ-Þ])")
# After these, only a date, number or parenthesis may follow the word ("done 9/30").
_STOP = re.compile(r"[.;:,](?=\s)|\s\|\s")
_DATE_REMARK = re.compile(r"^\s*(?:\(.*\)|(?:on|le|el|in|at|the)?\s*\d.*)?$")
_BOX = r"\[[^\]\d]{0,20}\]|\([^()\d]{2,30}\)"  # "[x]", "[DONE]", "(Done)"
_START_MARK = re.compile(rf"^\s*(?:[-*+]\s+)?({_MARK_RE}|{_BOX})\s*")
_START_WORD = re.compile(r"^\s*([A-Za-zÀ-ÿ' ]{2,25}?)\s*(?::|\s[-–—])\s+")
_TIMING = frozenset(_fold(w) for w in TIMING_WORDS)
_LABEL_END = re.compile(r"[\s,;.–—-]*\b(?:status|statut|estado|état|etat)\s*$", re.IGNORECASE)
_END_MARK = re.compile(rf"\s*({_MARK_RE})\s*$")
_END_PAREN = re.compile(r"\s*\(([^()]*)\)\s*[.;]?\s*$")


def find_status(text: str) -> tuple[Status | None, str | None, str]:
    """(status, fragment as written, text without it) for a status at the start or end."""
    head_status, head, rest = _find_start(text)
    tail_status, tail, rest = _find_end(rest)
    if head is None and tail is None:
        whole = _strict(text.strip(_EDGE + "[]"))
        if whole is None:
            return None, None, text
        return whole, text.strip(), ""
    fragments = " ".join(f for f in (head, tail) if f)
    unticked = head is not None and head_status is Status.OPEN and _fold(head) in {"[ ]", "[]", "☐"}
    if head_status is not None and not (unticked and tail_status is not None):
        return head_status, fragments, rest
    return tail_status, fragments, rest


def _find_start(text: str) -> tuple[Status | None, str | None, str]:
    match = _START_MARK.match(text)
    if match:
        token = _fold(match[1])
        word = token.strip("[]() ")
        status = _MARKS.get(token) or _MARKS.get(word)
        if status is None and word not in {"-", "–", "—"}:
            status = _read(word, sentences=False) if word else Status.OPEN
        if token.startswith("(") and not is_status_word(word):
            status = None  # "(Done) Share …" yes, "(Shelter) Share …" no
        if status is not None:
            return status, match[1], text[match.end() :]
    match = _START_WORD.match(text)
    if match and _fold(match[1]) in _LOOKUP and _fold(match[1]) not in {"", "no", "yes", "new"}:
        return _LOOKUP[_fold(match[1])], match[0].strip(), text[match.end() :]
    return None, None, text


def _find_end(text: str) -> tuple[Status | None, str | None, str]:
    """The status at the end; a second one just before it joins the fragment."""
    status, fragment, rest = _one_end(text)
    if status is None:
        return None, None, text
    before, more, rest2 = _one_end(rest, timing=True)
    if before is not None and more is not None:
        return before, text[len(rest2) :].strip(_EDGE), rest2
    return status, fragment, rest


def _one_end(text: str, *, timing: bool = False) -> tuple[Status | None, str | None, str]:
    """The status at the very end; a bare timing word counts only if `timing`."""
    skip = frozenset() if timing else _TIMING
    match = _END_MARK.search(text) or _END_PAREN.search(text)
    if match and _fold(match[1]).strip(" .") not in skip:
        inner = _fold(match[1])
        status = _MARKS.get(inner) or _strict(inner, remark=True)
        if status is not None:
            return status, match[0].strip(), text[: match.start()].rstrip(_EDGE)
    for rx, remark in ((_DASH, True), (_SENTENCE, True), (_STOP, False)):
        for cut in list(rx.finditer(text))[::-1][:3]:
            segment = text[cut.end() :]
            if _fold(segment).strip(" .!;") in skip:
                break  # ", ongoing": when it is due, not how it stands
            status = _strict(_fold(segment).strip(" .!;"), remark=remark)
            if status is not None:
                before = text[: cut.start()]
                label = _LABEL_END.search(before)  # "… Status: done"
                if label:
                    segment, before = text[label.start() :], before[: label.start()]
                return status, segment.strip(" ,;"), before.rstrip(_EDGE)
    return None, None, text


def _strict(text: str, *, remark: bool = False) -> Status | None:
    """A status phrase, with any remark after it if `remark`, else only a date or number."""
    text = _fold(text)
    if not text:
        return None
    if text in _MARKS:
        return _MARKS[text]
    if (found := _percent(text)) is not None:
        return found
    match = _prefix_match(_unfill(text)) or _prefix_match(text)
    if match is None:
        return None
    status, rest = match
    return status if remark or _DATE_REMARK.match(rest) else None
