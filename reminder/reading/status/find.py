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

from reminder.reading.status.read import (
    EDGE,
    LOOKUP,
    MARK_PATTERN,
    MARKS_FOLDED,
    fold,
    is_status_word,
    parse_status,
    read,
    strict,
)
from reminder.reading.status.words import TIMING_WORDS, Status

__all__ = ["Status", "find_status", "is_status_word", "parse_status"]


# A status at the end after these separators may carry any remark after its word.
_DASH = re.compile(r"\s[-–—]+\s|\s?[–—]+\s?|(?<=~~)\s+")  # "~~struck~~ cancelled, …" too
# A new sentence that opens with a status ("… partners. This action is ongoing; …").
_SENTENCE = re.compile(r"[.!](?=\s+[A-ZÀ-Þ])")
# After these, only a date, number or parenthesis may follow the word ("done 9/30").
_STOP = re.compile(r"[.;:,](?=\s)|\s\|\s")
_BOX = r"\[[^\]\d]{0,20}\]|\([^()\d]{2,30}\)"  # "[x]", "[DONE]", "(Done)"
_START_MARK = re.compile(rf"^\s*(?:[-*+]\s+)?({MARK_PATTERN}|{_BOX})\s*")
_START_WORD = re.compile(r"^\s*([A-Za-zÀ-ÿ' ]{2,25}?)\s*(?::|\s[-–—])\s+")
_TIMING = frozenset(fold(w) for w in TIMING_WORDS)
_LABEL_END = re.compile(r"[\s,;.–—-]*\b(?:status|statut|estado|état|etat)\s*$", re.IGNORECASE)
_END_MARK = re.compile(rf"\s*({MARK_PATTERN})\s*$")
_END_PAREN = re.compile(r"\s*\(([^()]*)\)\s*[.;]?\s*$")


def find_status(text: str) -> tuple[Status | None, str | None, str]:
    """(status, fragment as written, text without it) for a status at the start or end."""
    head_status, head, rest = _find_start(text)
    tail_status, tail, rest = _find_end(rest)
    if head is None and tail is None:
        whole = strict(text.strip(EDGE + "[]"))
        if whole is None:
            return None, None, text
        return whole, text.strip(), ""
    fragments = " ".join(f for f in (head, tail) if f)
    unticked = head is not None and head_status is Status.OPEN and fold(head) in {"[ ]", "[]", "☐"}
    if head_status is not None and not (unticked and tail_status is not None):
        return head_status, fragments, rest
    return tail_status, fragments, rest


def _find_start(text: str) -> tuple[Status | None, str | None, str]:
    match = _START_MARK.match(text)
    if match:
        token = fold(match[1])
        word = token.strip("[]() ")
        status = MARKS_FOLDED.get(token) or MARKS_FOLDED.get(word)
        if status is None and word not in {"-", "–", "—"}:
            status = read(word, sentences=False) if word else Status.OPEN
        if token.startswith("(") and not is_status_word(word):
            status = None  # "(Done) Share …" yes, "(Shelter) Share …" no
        if status is not None:
            return status, match[1], text[match.end() :]
    match = _START_WORD.match(text)
    if match and fold(match[1]) in LOOKUP and fold(match[1]) not in {"", "no", "yes", "new"}:
        return LOOKUP[fold(match[1])], match[0].strip(), text[match.end() :]
    return None, None, text


def _find_end(text: str) -> tuple[Status | None, str | None, str]:
    """The status at the end; a second one just before it joins the fragment."""
    status, fragment, rest = _one_end(text)
    if status is None:
        return None, None, text
    before, more, rest2 = _one_end(rest, timing=True)
    if before is not None and more is not None:
        return before, text[len(rest2) :].strip(EDGE), rest2
    return status, fragment, rest


def _one_end(text: str, *, timing: bool = False) -> tuple[Status | None, str | None, str]:
    """The status at the very end; a bare timing word counts only if `timing`."""
    skip = frozenset() if timing else _TIMING
    match = _END_MARK.search(text) or _END_PAREN.search(text)
    if match and fold(match[1]).strip(" .") not in skip:
        inner = fold(match[1])
        status = MARKS_FOLDED.get(inner) or strict(inner, remark="marked")
        if status is not None:
            return status, match[0].strip(), text[: match.start()].rstrip(EDGE)
    for rx, remark in ((_DASH, "marked"), (_SENTENCE, "any"), (_STOP, "date")):
        for cut in list(rx.finditer(text))[::-1][:3]:
            segment = text[cut.end() :]
            if fold(segment).strip(" .!;") in skip:
                break  # ", ongoing": when it is due, not how it stands
            status = strict(fold(segment).strip(" .!;"), remark=remark)
            if status is not None:
                before = text[: cut.start()]
                label = _LABEL_END.search(before)  # "… Status: done"
                if label:
                    segment, before = text[label.start() :], before[: label.start()]
                return status, segment.strip(" ,;"), before.rstrip(EDGE)
    return None, None, text
