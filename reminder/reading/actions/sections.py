"""Headings of minutes and the kind of section each one opens.

`is_heading(paragraph)` tells a heading from body text: a styled heading, an all-capitals
line, a short line ending in ":", or a short line naming action points or decisions.
`section_kind(heading)` says what the paragraphs under it are:

* `Kind.ACTIONS`: new action points ("Action points", "Action items", "Next steps",
  "Follow-up", "Actions agreed", "Points d'action", "Actions à mener", "Prochaines
  étapes", "Compromisos", "Acuerdos y compromisos", "Summary of action items");
* `Kind.REVIEW`: earlier action points reviewed ("Follow-up from the last meeting",
  "Review of pending action points", "Previous action items", "Action log",
  "Actions from the last call", "Old business", "Suivi des actions", "Seguimiento");
* `Kind.DECISIONS` ("Decisions", "Resolutions", "Décisions", "Acuerdos"), `Kind.AGENDA`
  ("Agenda", "Contents", "Ordre du jour", "Orden del día"), and `Kind.OTHER` (discussion).

A heading that names both decisions and actions ("Decisions and actions") is
`Kind.MIXED`: its action sentences are kept, its decisions are not.
"""

from __future__ import annotations

import enum
import re

from reminder.reading.actions.clauses import commitment
from reminder.reading.document import Paragraph


class Kind(enum.Enum):
    ACTIONS = "actions"
    REVIEW = "review"
    DECISIONS = "decisions"
    MIXED = "mixed"
    AGENDA = "agenda"
    OTHER = "other"


_ACTIONS = re.compile(
    r"action\s*(?:points?|items?|log|tracker|plan)|\bactions?\b|next\s*steps|follow[- ]?ups?|"
    r"points?\s+d.actions?|actions?\s+à\s+mener|prochaines?\s+étapes|\bsuivi\b|compromisos?|"
    r"acciones|pr[oó]ximos\s+pasos|tareas|seguimiento|to-?dos?|tasks",
    re.I,
)
_REVIEW = re.compile(
    r"previous|last\s+(?:meeting|call|session)|earlier|pending|outstanding|review|old\s+business|"
    r"carried|action\s+log|\bfrom\s+(?:the\s+)?(?:\d|meeting|last|previous|[A-Z][a-z]+\s+\d)|"
    r"matters\s+arising|status\s+of|\bfrom\s+(?:the\s+)?\S+\s+(?:of|du|del)\s+\d|précédente?|dernière|anterior(?:es)?|pendientes?|suivi\s+des|"
    r"seguimiento\s+(?:a|de)\s+(?:los\s+)?(?:compromisos|acuerdos)",
    re.I,
)
_DECISIONS = re.compile(
    r"decisions?|resolutions?|décisions?|acuerdos|resoluciones|agreed\s+points", re.I
)
_AGENDA = re.compile(
    r"^(?:\d+\.\s*)?(?:agenda|contents|table\s+of\s+contents|ordre\s+du\s+jour|orden\s+del\s+d[ií]a)\b",
    re.I,
)
_INTRO = re.compile(r"\b(?:\w+ed|following|suivant(?:e|s|es)?|siguientes?)\b", re.I)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<rest>\S.*)$")


def is_heading(paragraph: Paragraph) -> bool:
    """True for a heading: styled as one, all capitals, or a short title-like line.

    A line ending in ":" or naming action points is a heading unless it reads as an
    action itself ("X to share the following:").
    """
    if paragraph.level:
        return True
    text = paragraph.text
    if paragraph.bullet or len(text.split()) > 10:
        return False
    words = len(text.split())
    named = words <= 8 and (_ACTIONS.search(text) or _DECISIONS.search(text) or _AGENDA.match(text))
    # "The committee noted the following:" introduces a list; "Follow-up:" heads a section.
    colon = (
        text.endswith(":")
        and commitment(text) is None
        and (bool(named) or (words <= 6 and not _INTRO.search(text)))
    )
    bare = re.sub(r"\([^)]*\)", "", text)  # "FOLLOW-UP FROM THE LAST MEETING (26 January)"
    upper = bare.isupper() and any(ch.isalpha() for ch in bare)
    return colon or upper or bool(named and not text.endswith(".") and commitment(text) is None)


def section_kind(heading: str) -> Kind:
    """The kind of section a heading opens (see the module docstring)."""
    text = heading.strip().rstrip(":")
    if _AGENDA.match(text):
        return Kind.AGENDA
    actions = _ACTIONS.search(text)
    decisions = _DECISIONS.search(text)
    if actions and decisions and not re.search(r"acuerdos\s+y\s+compromisos", text, re.I):
        return Kind.MIXED
    if actions:
        return Kind.REVIEW if _REVIEW.search(text) else Kind.ACTIONS
    if decisions:
        return Kind.DECISIONS
    if re.search(r"old\s+business|matters\s+arising", text, re.I):
        return Kind.REVIEW
    return Kind.OTHER


def heading_number(text: str) -> int | None:
    """The number a numbered heading or list line starts with ("3. Funding" -> 3)."""
    match = _NUMBERED.match(text)
    return int(match["n"]) if match else None


def action_section(heading: str) -> str | None:
    """The section name of an action heading ("Action points:" -> "Action points"), else None."""
    kind = section_kind(heading)
    return heading.rstrip(":") if kind in {Kind.ACTIONS, Kind.REVIEW, Kind.MIXED} else None
