"""The role of a minutes-table header cell ("Action", "Responsible", "Deadline"...).

`role(text)` is the first of `_ROLES` whose pattern matches; else the tracker header
vocabulary's field under its minutes-table name, else "other".
"""

from __future__ import annotations

import functools
import re
from typing import Final

from reminder.reading.trackers.headers import classify

_DEADLINE = (
    r"deadline|\bdue\b|\bby when\b|\bwhen\b|timeline|time\s*frame|target date|échéance|"
    r"echeance|date limite|délai|fecha l[íi]mite|\bplazo|\bcu[áa]ndo\b|\bquand\b|date butoir"
)


_ROLES: Final = (
    # Before "action": "Action deadline" is a deadline column.
    ("deadline", re.compile(_DEADLINE, re.I)),
    ("discussion", re.compile(r"^\W*(?:decisions?|décisions?|decisi[óo]n(?:es)?)\W*$", re.I)),
    (
        "action",
        re.compile(
            r"\baction|\bfollow[- ]?up|\bnext steps?\b|\btasks?\b|^\W*what\W*$|recomm[ae]ndation|"
            r"compromiso|\bacci[óo]n|acuerdo|\btareas?\b|\bmesures?\b|points? d.action",
            re.I,
        ),
    ),
    (
        "status",
        re.compile(
            r"\bstatus\b|\bprogress\b|\bstatut\b|\bétat\b|\bestado\b|\bavance|avancement", re.I
        ),
    ),
    (
        "org",
        re.compile(
            r"^\W*(?:agency|agencies|organi[sz]ations?|organisme|agence|organizaci[óo]n|entidad|"
            r"agencia|partners?)\W*$",
            re.I,
        ),
    ),
    (
        "responsible",
        re.compile(
            r"respons[ia]b|\bowners?\b|focal\s*points?|\bpoints? focal|\bwho\b|\blead\b|\bqui\b|"
            r"\bqui[ée]n\b|assign|encargad|\bagency\b|\bby whom\b",
            re.I,
        ),
    ),
    (
        "meeting_date",
        re.compile(
            r"date raised|\braised\b|meeting date|date of (?:the )?meeting|fecha de (?:la )?reuni|"
            r"date de (?:la )?réunion",
            re.I,
        ),
    ),
    (
        "agenda",
        re.compile(
            r"\bagenda|\btopics?\b|\bitems?\b|\bsubject|\btema\b|\bsujet\b|"
            r"\bthème|ordre du jour",
            re.I,
        ),
    ),
    (
        "discussion",
        re.compile(
            r"discuss|main points|summary|débat|discusi[óo]n|résumé|resumen|"
            r"\bpoints? discutés",
            re.I,
        ),
    ),
    (
        "remarks",
        re.compile(
            r"\bremarks?\b|\bcomments?\b|\bnotes?\b|commentaires?|observa|\bupdates?\b|remarques?|"
            r"comentarios?",
            re.I,
        ),
    ),
)


_FROM_FIELD: Final[dict[str, str]] = {
    "text": "action",
    "owner": "responsible",
    "org": "org",
    "deadline": "deadline",
    "status": "status",
    "remarks": "remarks",
    "section": "agenda",
    "meeting_date": "meeting_date",
    "ref": "other",
    "register_id": "register_id",  # a review table this tool exported: updates by id
}


@functools.lru_cache(maxsize=4096)
def role(text: str) -> str | None:
    """The role of a minutes-table header cell; "other" when unknown, None when empty."""
    if not text:
        return None
    found = next((name for name, pattern in _ROLES if pattern.search(text)), None)
    if found is not None:
        return found
    match = classify(text) if len(text) <= 40 else None
    return _FROM_FIELD.get(match.field, "other") if match is not None else "other"
