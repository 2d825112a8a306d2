"""Owner, deadline and status fields written after an action, cut off its text.

`trailing_fields(text)` reads from the end of an action back to its sentence:

* a field after a dash or "--" separator (" — UNHCR & WFP, by mid-May", " - IOM",
  " – in progress (40 of 65)", " -- due 2018-03-22", " — 10/17/2024"), after a comma
  when it is a deadline or a status (", Q3", ", ongoing"), after a colon when it is a
  status (": sent on 1 Feb. DONE."), a date lozenge ("📅 Oct 10, 2024", "@June 12, 2024"),
  and "Owner:"/"Responsible:"/"Deadline:"/"Due:" labels;
* a trailing parenthesis: a status ("(done 9/30)", "(in progress)") or a deadline
  ("(end of April)") is cut; an owner ("(UNICEF)", "(WFP, UNHCR)") is read but stays in
  the text, as the corpus conventions keep it.

A field that is none of these (a remark, a counterpart) stops the reading and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reminder.deadlines.read import find_deadline_phrase
from reminder.reading.actions.clauses import is_name
from reminder.reading.actions.statuses import is_status_fragment, status_of
from reminder.reading.actions.verbs import is_verb
from reminder.reading.extraction import Status

_DASH = re.compile(r"\s+(?:—|–|--|-)\s+|\s*(?:—|–)\s*(?=\S)")
_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*\.?$")
_LOZENGE = re.compile(
    r"\s*(?:📅\s*|(?<=\s)@)(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d[\d/.-]+)\s*$"
)
_LABEL = re.compile(
    r"[\s(,;–—-]*\b(?P<label>responsible|owner|lead|focal\s+point|assigned\s+to|who|deadline|due|"
    r"responsable|échéance|date\s+limite|plazo|fecha|status|statut|état|estado)\s*:\s*"
    # A value ends at the next " – " separator: "Responsable : X – Statut : Fait".
    r"(?P<value>(?:(?!\s[–—-]\s)[^;])*?)\s*\)?\.?$",
    re.I,
)
_DUE_WORD = re.compile(
    r"^(?:by|before|due|deadline|date|until|within|no\s+later|asap|tbd|tbc|ongoing|next\s+meeting|"
    r"continu|permanente?|en\s+continu|por\s+definir|à\s+définir|"
    r"avant|d.ici|antes|para\s+el|cada|every|weekly|monthly|end\s+of|mid|early|q[1-4]|h[12])\b",
    re.I,
)
_MARKUP = re.compile(r"\*\*|__|~~")


@dataclass(frozen=True)
class Fields:
    """An action's text without its trailing fields, and the fields found."""

    text: str
    owner: str = ""
    due: str | None = None
    status: tuple[Status, str] | None = None
    # An owner in a trailing parenthesis, which the sentence's own subject outranks.
    paren_owner: str = ""


def trailing_fields(text: str) -> Fields:
    """Cut the trailing owner/deadline/status fields off `text` (see the module docstring)."""
    owner, paren_owner, due, status = "", "", None, None
    for _ in range(6):  # a few fields at most; each pass cuts one
        text = text.strip()
        lozenge = _LOZENGE.search(text)
        label = _LABEL.search(text)
        paren = _PAREN.search(text)
        if lozenge and due is None:
            mention = text[lozenge.start() :].strip().startswith("@")  # a Notion date mention
            due, text = ("@" if mention else "") + lozenge["date"], text[: lozenge.start()]
        elif label:
            value = label["value"].strip(" .")
            if label["label"].lower() in {"status", "statut", "état", "estado"}:
                status = status or status_of(value)
            elif label["label"].lower() in {
                "deadline",
                "due",
                "échéance",
                "date limite",
                "plazo",
                "fecha",
            }:
                due = due or value
            else:
                owner = owner or value
            text = text[: label.start()]
        elif paren and _paren_field(paren["inner"]) != "":
            kind = _paren_field(paren["inner"])
            inner = paren["inner"].strip()
            if kind == "status" and status is None:
                status, text = status_of(inner), text[: paren.start()]
            elif kind == "due" and due is None:
                due, text = inner, text[: paren.start()]
            elif kind == "owner":
                paren_owner = inner
                break
            else:
                break
        else:
            cut = _last_field(text)
            if cut is None:
                break
            head, kind, value = cut
            if kind == "status" and status is None:
                status = status_of(value)
            elif kind == "due" and due is None:
                due = value
            elif kind == "owner" and not owner:
                owner = value
            else:
                break
            text = head
    return Fields(text.strip(" ,;"), owner, due, status, paren_owner)


def _paren_field(inner: str) -> str:
    """What a trailing parenthesis holds: "status", "due", "owner" or "" (a remark)."""
    inner = inner.strip()
    if is_status_fragment(inner) and status_of(inner) is not None:
        return "status"
    if _is_due(inner):
        return "due"
    if (
        is_name(inner)
        and inner[:1].isupper()
        and not re.search(r"\b(?:see|no|not|with|or)\b", inner)
    ):
        return "owner"
    return ""


def _last_field(text: str) -> tuple[str, str, str] | None:
    """(text before, kind, field) for the last separated field of `text`, else None."""
    plain = _MARKUP.sub("", text)
    dashes = list(_DASH.finditer(plain))
    candidates: list[tuple[int, int, str]] = []
    if dashes:
        last = dashes[-1]
        value = plain[last.end() :].strip(" .")
        if is_status_fragment(value) and status_of(value) is not None:
            return plain[: last.start()], "status", value  # " – ongoing, 60%": one field
        candidates.append((last.start(), last.end(), "dash"))
    comma = plain.rfind(", ")
    if comma > 0:
        candidates.append((comma, comma + 2, "comma"))
    colon = plain.rfind(": ")
    if colon > 0 and len(plain[:colon].split()) > 3:
        candidates.append((colon, colon + 2, "colon"))
    for start, end, sep in sorted(candidates, reverse=True):
        value = plain[end:].strip(" .")
        if not value:
            continue
        if is_status_fragment(value) and status_of(value) is not None:
            return plain[:start], "status", value
        if sep == "colon":
            continue  # after a colon only a status ("sent on 1 Feb" is when it was done)
        if _is_due(value):
            return plain[:start], "due", value
        if sep == "dash" and is_name(value) and not find_deadline_phrase(value):
            return plain[:start], "owner", value
        if sep == "dash":
            return None  # a remark after a dash ends the fields
    return None


def _is_due(value: str) -> bool:
    """True when a field is a deadline: "by mid-May", "10/17/2024", "date TBD", "Q3"."""
    if _DUE_WORD.match(value):
        return True
    phrase = find_deadline_phrase(value)
    return phrase is not None and len(phrase) >= 0.6 * len(value.strip(" ."))


def is_imperative(text: str) -> bool:
    """True for a task written as an order or with its fields ("Circulate the ToR (UNICEF).")."""
    words = text.split()
    if words and is_verb(words[0].strip("*_")):
        return True
    fields = trailing_fields(text)
    return bool(fields.owner or fields.paren_owner or fields.due)
