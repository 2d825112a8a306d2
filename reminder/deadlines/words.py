"""Words of deadline phrases (months, weekdays, numbers, ordinals) and text folding.

Part of reminder.deadlines. English, French and Spanish words, accents removed: every
table here is looked up with *folded* text (see fold).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _table(rows: tuple[str, ...], start: int = 1) -> dict[str, int]:
    """Number the rows from start; every word of a row maps to its row's number."""
    return {word: number for number, row in enumerate(rows, start) for word in row.split()}


_MONTH_ROWS = (
    "january jan janvier janv enero ene",
    "february feb fevrier fevr fev febrero",
    "march mar mars marzo",
    "april apr avril avr abril abr",
    "may mai mayo",
    "june jun juin junio",
    "july jul juillet juil julio",
    "august aug aout agosto ago",
    "september sept sep septembre septiembre setiembre",
    "october oct octobre octubre",
    "november nov novembre noviembre",
    "december dec decembre diciembre dic",
)
_WEEKDAY_ROWS = (
    "monday mon lundi lunes",
    "tuesday tue tues mardi martes",
    "wednesday wed weds mercredi miercoles",
    "thursday thu thur thurs jeudi jueves",
    "friday fri vendredi viernes",
    "saturday sat samedi sabado",
    "sunday sun dimanche domingo",
)
MONTHS = _table(_MONTH_ROWS)
WEEKDAYS = _table(_WEEKDAY_ROWS, start=0)
MONTH_NAMES = tuple(row.split()[0].title() for row in _MONTH_ROWS)
WEEKDAY_NAMES = tuple(row.split()[0].title() for row in _WEEKDAY_ROWS)
NUMBERS = _table(
    (
        "a an one un une uno",
        "two deux dos",
        "three trois tres",
        "four quatre cuatro",
        "five cinq cinco",
        "six seis",
        "seven sept siete",
        "eight huit ocho",
        "nine neuf nueve",
        "ten dix diez",
        "eleven onze",
        "twelve douze",
    )
)
# "last" is -1: the reader counts it from the end of the month (or takes the last quarter).
ORDINALS = {
    **_table(
        (
            "first 1st premiere premier primera primer",
            "second 2nd deuxieme segunda",
            "third 3rd troisieme tercera",
        )
    ),
    **_table(("fourth 4th quatrieme cuarta",), start=4),
    **dict.fromkeys(("last", "derniere", "dernier", "ultima"), -1),
}

_PLAIN = str.maketrans(
    "\u2018\u2019\u02bc`\u2010\u2011\u2012\u2013\u2014\u2212\u00a0", "''''------ "
)


@lru_cache(maxsize=4096)  # the same cell texts are folded by several readers
def fold(text: str) -> str:
    """Lower-case text and drop accents, keeping exactly one character per input character."""
    if text.isascii():  # no accents, and lower-casing ASCII keeps one character per one
        return text.translate(_PLAIN).lower()
    out = []
    for char in text.translate(_PLAIN):
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.lower()
        out.append(lower if len(lower) == 1 else base)
    return "".join(out)


def alternation(table: dict[str, int]) -> str:
    """The words of a table as a regex alternation, e.g. "march|mars|mar" (no group)."""
    # Longest first, so "march" is tried before "mar" and "septembre" before "sept".
    return "|".join(sorted(table, key=len, reverse=True))
