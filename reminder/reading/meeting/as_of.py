"""The date a document says its contents are current as of ("Status as of 9 Dec 2026").

A document's as-of date is what its own words say about when its facts were true:
"Status as of ...", "As at ...", "Last updated: ...", "Updated on ...", "Version of ...",
"Date of last update", "Data cut-off", "Exported ..."; "Situation au ...", "État au ...",
"Mise à jour : ...", "Dernière mise à jour", "Actualisé le ...", "Version du ...",
"Exporté le ..."; "Actualizado el ...", "Última actualización", "Situación al ...",
"Fecha de corte", "A fecha de ...", "Versión del ...", "Generado el ...". The date is
the first complete date after the phrase, at most a few words after it (read by
`deadlines.find_full_dates`, day-first unless the document shows month-first writing).

Not an as-of date: a phrase about a later moment ("Next update on ...", "Prochaine mise
à jour", "Próxima actualización", "to be updated by ...", "will be updated"), a date
after "by"/"before"/"due"/"deadline" ("Updated deadline: 15 Dec"), and a plain meeting
date ("Date: 9 Dec 2026"), which is the meeting's date, not an as-of date.

`as_of_in_text` reads one line or cell; `is_as_of_line` tells a text that is only an
as-of statement (a tracker row that is no action); `as_of_label` a cell that is only the
phrase ("Last update", "Mise à jour :"), whose date is in the next cell; `minutes_as_of`
reads the lines near the top and the bottom of minutes. Trackers use the first two on
their title rows (`trackers.as_of`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

from reminder.deadlines.read import find_full_dates
from reminder.deadlines.words import fold
from reminder.reading.actions.columns import role
from reminder.reading.document import Document, Table
from reminder.reading.meeting.upcoming import plain

__all__ = [
    "as_of_in_text",
    "as_of_label",
    "is_as_of_line",
    "minutes_as_of",
    "without_action_tables",
]

# The phrases, on folded text (lower case, no accents), EN / FR / ES.
_PHRASES: Final = (
    # English
    r"(?:last|latest|most\s+recent)\s+(?:updated?|updates|revision|revised|modified|modification"
    r"|edited|edit|changed|reviewed)(?:\s+(?:on|at|date))?",
    r"updated(?:\s+(?:on|at|as\s+(?:of|at)))?",
    r"date\s+of\s+(?:the\s+)?(?:last\s+)?(?:update|revision)|update\s+date|as[\s-]+of\s+date",
    r"data\s+cut[\s-]?off",
    r"as\s+(?:of|at)",
    r"version\s+(?:of|dated|from)|revised(?:\s+on)?",
    r"(?:exported|generated|extracted)(?:\s+(?:on|at))?|(?:export|extraction)\s+date",
    # French
    r"(?:derniere\s+)?(?:date\s+de\s+(?:la\s+)?(?:derniere\s+)?)?mise?\s+a\s+jour"
    r"(?:\s+(?:le|au|du|en\s+date\s+du))?",
    r"a\s+jour\s+(?:au|du)",
    r"actualisee?s?(?:\s+(?:le|au))?",
    r"(?:situation|etat|point\s+de\s+situation|statut|donnees|bilan)"
    r"\s+(?:au|a\s+la\s+date\s+du|en\s+date\s+du)",
    r"arretee?s?\s+au",
    r"version\s+du|derniere\s+(?:modification|revision)(?:\s+le)?|modifiee?\s+le",
    r"(?:exportee?s?|generee?s?|extraite?s?)\s+le|date\s+d'(?:export|extraction)",
    # Spanish
    r"(?:ultima\s+)?actualizacion(?:\s+(?:el|al|del))?|fecha\s+de\s+(?:la\s+)?(?:ultima\s+)?"
    r"(?:actualizacion|corte)",
    r"actualizad[oa]s?(?:\s+(?:el|al|a|en))?",
    r"(?:situacion|estado|datos|informacion|avance)\s+(?:al|a\s+fecha\s+del?)",
    r"(?:con\s+)?corte\s+al?|a\s+fecha\s+del?",
    r"version\s+del?|ultima\s+(?:modificacion|revision)|(?:revisad|modificad)[oa]\s+el",
    r"(?:exportad|generad|extraid)[oa]s?(?:\s+el)?|fecha\s+de\s+(?:exportacion|extraccion)",
)
_PHRASE: Final = re.compile(r"(?<![a-z])(?:" + "|".join(_PHRASES) + r")(?![a-z])")
# Words before the phrase that make it about another moment than the document's own.
_LATER: Final = re.compile(
    r"(?<![a-z])(?:next|upcoming|planned|scheduled|following|future|expected|proposed"
    r"|prochaine?s?|futur[ea]?s?|proxim[oa]s?|siguientes?"
    r"|to\s+be|will\s+be|shall\s+be|must\s+be|should\s+be|needs?\s+to\s+be|be|being"
    r"|pending|awaiting|sera|seront|doit\s+etre|a\s+etre|en\s+attente\s+de|a\s+faire"
    r"|ser[aa]n?|debe\s+ser|por\s+ser|pendiente\s+de|sin)(?:\s+\w+)?\s*$"
)
# Between the phrase and the date: a deadline, or another moment.
_NOT_AS_OF_GAP: Final = re.compile(
    r"(?<![a-z])(?:next|prochaine?|proxim[oa]|siguiente|due|deadline|echeance|plazo|limite)"
    r"(?![a-z])"
    r"|(?<![a-z])(?:by|before|until|till|d'ici|avant|antes\s+del?|hasta|jusqu'au)(?:\s+(?:le|el|the))?"
    r"\W*$"
)
_MAX_GAP: Final = 40
# The phrase as a whole cell: a few words of subject before it ("Tracker last updated:").
_LABEL: Final = re.compile(r"^\W*(?:[\w'-]+\s+){0,3}?(?P<phrase>" + _PHRASE.pattern + r")\W*$")
# In minutes, a sentence about something else ("The 3W was updated on 5 Dec") is no label.
_VERB: Final = re.compile(
    r"(?<![a-z])(?:was|were|is|are|has|have|had|been|est|sont|ete|fue|fueron|ha|han|sido)(?![a-z])"
)
_SEPARATOR: Final = re.compile(r"[,;:|·•()\[\]–—]|\s-\s")
_TOP_LINES: Final = 15
_BOTTOM_LINES: Final = 10


def _phrases(folded: str) -> list[re.Match[str]]:
    """The as-of phrases of folded text that are not about a later moment."""
    return [m for m in _PHRASE.finditer(folded) if not _LATER.search(folded[: m.start()])]


def as_of_in_text(
    text: str, *, month_first: bool = False, strict: bool = False
) -> tuple[dt.date, str] | None:
    """(date, phrase as written) of the as-of statement in one line or cell, or None.

    The date is the first complete date after the phrase, within a few words of it, with
    no deadline or "next" word between. `strict` (for minutes) also asks the phrase to
    open the line or follow a separator (",", ":", "(", "–", ...) after at most three
    words, none a verb ("The report was updated on ..." is a sentence, not a statement).
    """
    folded = fold(text)
    dates = find_full_dates(text, month_first=month_first)
    for match in _phrases(folded):
        if strict and not _opens(folded[: match.start()]):
            continue
        for start, end, day in dates:
            # "mise à jour le 9 décembre": the date may start with the phrase's last word.
            if end <= match.end() or start < match.start():
                continue
            gap = folded[match.end() : max(start, match.end())]
            if len(gap) > _MAX_GAP or _NOT_AS_OF_GAP.search(gap):
                break
            return day, _written(text, match)
    return None


def is_as_of_line(text: str) -> bool:
    """True when `text` is only an as-of statement: "[Status] as of <date>" and nothing after.

    "Last updated: 9 Dec 2026" is; "Share the 3W updated on 9 Dec 2026" (an action) is not.
    """
    if as_of_in_text(text) is None:
        return False
    folded = fold(text)
    dates = find_full_dates(text)
    for match in _phrases(folded):
        before = folded[: match.start()].split()
        if len(before) > 2 or any(_VERB.fullmatch(word) for word in before):
            continue
        after = [end for _, end, _ in dates if end > match.end()]
        if after and not folded[after[0] :].strip(" .;)"):
            return True
    return False


def as_of_label(text: str) -> str | None:
    """The phrase as written when the cell is only an as-of phrase ("Last update:"), else None."""
    folded = fold(text)
    match = _LABEL.match(folded)
    if match is None or _LATER.search(folded[: match.start("phrase")]):
        return None
    if find_full_dates(text):
        return None
    return clean(text)


def without_action_tables(document: Document) -> Document:
    """The document without its action tables (a table whose first row names an action
    column): a row's own "Updated" cell is not the document's as-of date."""
    return Document(tuple(b for b in document.blocks if not _action_table(b)))


def minutes_as_of(
    lines: Sequence[tuple[str, tuple[str, ...]]], *, month_first: bool
) -> tuple[dt.date, str] | None:
    """(date, where) of the as-of statement near the top or the bottom of minutes.

    `lines` are (text, cells) of the paragraphs and table rows (`details.read_lines`),
    without action tables (`without_action_tables`). Read: the first 15 and the last 10
    lines; a row's label cell may hold the phrase and the next cell the date. `where`
    is "header line N ('phrase')" or "closing line N ('phrase')", N counting the lines.
    """
    top = range(min(_TOP_LINES, len(lines)))
    bottom = range(max(len(top), len(lines) - _BOTTOM_LINES), len(lines))
    for zone, numbers in (("header", top), ("closing", bottom)):
        for number in numbers:
            text, cells = lines[number]
            if found := _line_as_of(text, cells, month_first):
                return found[0], f"{zone} line {number + 1} ('{found[1]}')"
    return None


def _line_as_of(text: str, cells: tuple[str, ...], month_first: bool) -> tuple[dt.date, str] | None:
    """A minutes line's as-of statement: in one cell, or a label cell and its value cell."""
    for position, cell in enumerate(cells or (text,)):
        if found := as_of_in_text(cell, month_first=month_first, strict=True):
            return found
        label = as_of_label(cell) if cells else None
        if label and position + 1 < len(cells):
            dates = find_full_dates(cells[position + 1], month_first=month_first)
            if dates:
                return dates[0][2], label
    return None


def _opens(before: str) -> bool:
    """True when the text before a phrase is a line start or a short subject after a separator."""
    parts = _SEPARATOR.split(before)
    words = parts[-1].split()
    return len(words) <= 3 and not any(_VERB.fullmatch(word) for word in words)


def _action_table(block: object) -> bool:
    """True for a table whose first row names an action column: its rows are actions."""
    if not isinstance(block, Table) or not block.rows:
        return False
    return any(role(plain(text)) == "action" for text in block.rows[0].texts())


def _written(text: str, match: re.Match[str]) -> str:
    """The phrase as written, with up to two words of subject before it ("Status as of")."""
    before = text[: match.start()]
    start = match.start()
    subject = _SEPARATOR.split(fold(before))[-1]
    if 0 < len(subject.split()) <= 2:
        start -= len(subject)
    return clean(text[start : match.end()])


def clean(phrase: str) -> str:
    """A phrase as written, trimmed of spaces and punctuation around it."""
    return " ".join(phrase.split()).strip(" :;,.-–—|")
