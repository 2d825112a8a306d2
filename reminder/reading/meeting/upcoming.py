"""The next meeting as minutes and trackers state it (see `next_meeting_in`).

"Next meeting: ...", "Next <body> call: ...", "NEXT SC MEETING: ...", "The next meeting
will be held on ...", "Prochaine réunion", "Próxima reunión", a "Next meeting" heading
with the date on the following line, or a label inside a title line ("Updated 06/09 ·
Next meeting: 20/09/2022"). Also `plain`, the markup-free text both meeting modules read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from reminder.deadlines.read import find_deadline_phrase, find_full_dates
from reminder.reading.extraction import clean_text

_NEXT_LABEL = re.compile(
    r"(?:^(?:\d{1,2}[.)]\s*)?|[·|•;/]\s*|\s[-–—]\s+)(?:the\s+|la\s+|el\s+)?"
    r"(?:date\s+(?:of\s+(?:the\s+)?)?)?"
    r"(?:next|prochaine|pr[oó]xima)\s+(?!(?:steps?|actions?|weeks?|months?|year|time|phase|stage"
    r"|round|few|days?|pasos|etapes)\b)(?P<words>(?:[\w&/'-]+(?:\s+|(?=\s*:))){0,3}?)"
    r"(?P<what>meetings?|calls?|sessions?|r[ée]union|reuni[oó]n)?(?![\w])"
    r"(?:\s+(?:of|du|de|del)\s+(?:the\s+|la\s+|el\s+)?[\w&/'-]+(?:\s+[\w&/'-]+)?)?"
    r"(?:\s+(?:date|will\s+be\s+held|will\s+take\s+place|is\s+scheduled|is\s+planned|is|will\s+be"
    r"|aura\s+lieu|se\s+tiendra|tendr[aá]\s+lugar|ser[aá]))*(?:\s+(?:on|for|at|le|el))?"
    r"\s*(?P<sep>[:\-–—])?\s*(?P<rest>.*)$",
    re.I,
)
_TO_BE_SET = re.compile(
    r"\b(?:tbc|tbd|to\s+be\s+(?:confirmed|decided|determined)|à\s+confirmer"
    r"|por\s+(?:definir|confirmar))\b",
    re.I,
)
_MARKUP = re.compile(r"[*^`~]+|^#+\s*|^<[^>\s]+>\s*|^\.\.\.\s*|^@(?=\w)")


def next_meeting_in(texts: Iterable[str], month_first: bool) -> tuple[str | None, dt.date | None]:
    """(phrase, date) of the next meeting stated in texts; the date when it is complete.

    A heading with nothing after it ("6. Next meeting") takes the following line. A phrase
    saying the date is still to be set ("TBC") gives ("TBC", None). The first statement
    with a complete date or "TBC" wins; else the first with a deadline phrase to read
    against the meeting date ("Thu 18/4", "later this month").
    """
    lines = [plain(t) for t in texts]
    readable: str | None = None
    for index, line in enumerate(lines):
        for match in _NEXT_LABEL.finditer(line):
            # "Prochaine réunion / Next meeting: ...": the label repeated in another language.
            while (again := _NEXT_LABEL.match(match["rest"])) and (again["what"] or again["sep"]):
                match = again
            rest = clean_text(match["rest"]).rstrip(". ")
            if not match["what"] and not match["sep"]:
                continue  # "next steps", "next week": not a meeting
            following = lines[index + 1 : index + 3]
            heading = line[:1].isupper() or line[:1].isdigit()
            if not rest and following and heading and not line.endswith("."):
                # A heading ("6. Next meeting"): the date is on the next line.
                rest, following = following[0].rstrip(". "), following[1:]
            # A sentence wrapped over two lines: "... will be held on Wednesday" / "1 February".
            if dates := find_full_dates(rest, month_first=month_first):
                return rest, dates[0][2]
            if to_be_set := _TO_BE_SET.search(rest):
                return to_be_set[0], None
            joined = " ".join((rest, *following[:1]))
            if rest and (dates := find_full_dates(joined, month_first=month_first)):
                return joined, dates[0][2]
            if readable is None and rest and find_deadline_phrase(rest):
                readable = rest  # "Thu 18/4 same time": read later against the meeting date
    return readable, None


def plain(text: str) -> str:
    """Text without markdown emphasis, heading marks, superscript carets or an IRC nick."""
    return clean_text(_MARKUP.sub("", clean_text(text).replace("**", "")))
