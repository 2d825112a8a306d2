"""Finding deadline phrases inside free action text; private to reminder.deadlines.

Phrases are spotted with the `find` form of each Shape, in folded text so that a span found
is also the span of the original text. A phrase that marks a start ("from 1 July") is not
a deadline.
"""

from __future__ import annotations

import re

from reminder.deadlines.parts import unnamed
from reminder.deadlines.patterns import SHAPES
from reminder.deadlines.words import MONTHS, WEEKDAYS, alternation, fold

Candidate = tuple[int, int, int]  # (rank, start, end) of a phrase in the text

# Inside free text a phrase may carry a preposition and "COB", and may sit in brackets after them:
# "by COB (9.9.19)". A bare month, weekday or "Q3" counts only with such a lead ("in May").
_LEAD = (
    r"(?:(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|on|in"
    r"|d'ici|avant|jusqu'(?:au|a)|au\s+plus\s+tard(?:\s+le)?|le)\s+"
    r"(?:(?:cob|eod|close\s+of\s+business)\s*,?\s*)?|(?:cob|eod|close\s+of\s+business)\s*,?\s*)"
)
_FINDERS = tuple(
    (
        shape,
        re.compile(
            rf"(?<![\w.-])(?<!\d/)(?P<lead>{_LEAD})?(?:\(\s*(?P<pcore>{core})\s*\)|(?P<core>{core}))"
            r"(?![\w']|[./-]\d)"
        ),
    )
    for shape in SHAPES
    if shape.find is not None
    for core in [shape.find or unnamed(shape.core)]
)
_WEAK = re.compile(
    rf"(?:{alternation(MONTHS)}|{alternation(WEEKDAYS)}|q\s*[1-4]|h[12]"
    r"|(?:the\s+|le\s+|el\s+)?\d{1,2}(?:st|nd|rd|th|er)(?:\s+of\s+the\s+month)?)\.?"
)
_PERIOD_RANK = 4  # months, quarters, halves, years (Shape.rank of the period shapes)
# A period right after "for"/"of"/"with" (no "by"/"in" before it) names the subject of the
# action: "the survey calendar for Q1 2020", "the 3W of March", "a plan for H2".
_SUBJECT = re.compile(
    r"(?<![\w])(?:for|of|with|covering|about|on|pour|de|du|para|del)(?:\s+the|\s+la|\s+le|\s+el)?\s*$"
)
# A date after a completion word is when it was done: "Done - shared on 3 May", "(completed
# 1/9/25)", "fait le 3 mai".
_COMPLETED = re.compile(
    r"(?<![\w])(?:done|completed?|finished|closed|achieved|fait|realise|termine|cumplido|terminado"
    r"|realizado)(?![\w])"
)
_SHORT_DATE = re.compile(r"\d{1,2}[./]\d{1,2}")
_NOT_A_DEADLINE_BEFORE = re.compile(
    r"(?<![\w])(?:from|after|starting|start|since|as\s+of|as\s+from|beginning|commencing"
    r"|effective|following|a\s+partir\s+(?:de|du|d'))(?:\s+(?:on|in|the|by|of|de|du|le))?\s*$"
)


def _widest(found: list[Candidate]) -> list[Candidate]:
    """Candidates not inside a longer one: "weekly on Monday" is read whole, not "on Monday"."""
    return [
        c
        for c in found
        if not any(o[1] <= c[1] and c[2] <= o[2] and o[2] - o[1] > c[2] - c[1] for o in found)
    ]


def _candidates(text: str) -> list[Candidate]:
    """(rank, start, end) of every deadline-like phrase in text."""
    folded = fold(text)
    found, starts = [], []
    for shape, finder in _FINDERS:
        for match in finder.finditer(folded):
            start, end = match.span()
            core = match["core"] if match["core"] is not None else match["pcore"]
            if match["lead"] is None:
                if _WEAK.fullmatch(core.strip(" .")):
                    continue
                if match["core"] is not None and _SHORT_DATE.fullmatch(core):
                    continue  # "3/5" alone may be a fraction; "(24/08)" or "by 24/08" is a date
                start, end = match.span("core" if match["core"] is not None else "pcore")
            while end > start and folded[end - 1] in " .,;:":
                end -= 1
            if _NOT_A_DEADLINE_BEFORE.search(folded[:start]):
                starts.append((start, end))  # "from 1 July": a start date, nor is "July" in it
            elif _COMPLETED.search(folded[:start]):
                starts.append((start, end))  # "Done - shared on 3 May": when it was done
            elif (
                shape.rank == _PERIOD_RANK
                and match["lead"] is None
                and _SUBJECT.search(folded[:start])
            ):
                starts.append((start, end))  # "the calendar for Q1 2020": what it is about
            # Lower-case "may" is the verb ("partners may share"), not the month.
            elif not (re.search(r"\bmay\b", text[start:end]) and not re.search(r"\d{4}", core)):
                found.append((shape.rank, start, end))
    return [c for c in found if not any(s <= c[1] and c[2] <= e for s, e in starts)]


def best_phrase(text: str) -> str | None:
    """The most specific phrase in text, then the longest, then the first; None if none."""
    found = _widest(_candidates(text))
    if not found:
        return None
    _, start, end = max(found, key=lambda c: (c[0], c[2] - c[1], -c[1]))
    opening = text[:start].rstrip()
    if opening.endswith("("):  # "at the next ECC meeting (24/08)": the date of the phrase before
        paren = len(opening) - 1
        before = [c for c in found if c[2] <= paren and not text[c[2] : paren].strip()]
        if before:
            start, end = min(c[1] for c in before), end + (text[end : end + 1] == ")")
    return text[start:end]


def inner_phrases(given: str) -> list[str]:
    """Deadline phrases inside a longer phrase, leaving out any that lies within another."""
    spans = sorted({(start, end) for _, start, end in _widest(_candidates(given))})
    return [given[start:end] for start, end in spans if end - start < len(given)]
