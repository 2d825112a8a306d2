"""Recognising the header row of an action tracker, with column names as people write them.

Header matching ignores case, accents, spacing and punctuation, accepts the English,
French and Spanish names of `actions.columns.SYNONYMS`, small typos (rapidfuzz ratio
>= 88 on the normalised text) and extra words around a known name ("Action point(s)
agreed", "Responsible agency/person").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from reminder.reading.actions.columns import REVISED, SYNONYMS, Field
from reminder.reading.trackers.cells import blank

SCAN_ROWS: Final = 15
_MAX_HEADER_WORDS: Final = 6
FUZZY_MIN_RATIO: Final = 88.0

# Names too generic to be found inside a longer header or by fuzzy matching: "Date" in
# "Completion date" or "No" in "Action no" must not claim the column.
_WHOLE_ONLY: Final = frozenset(
    {
        "date",
        "no",
        "id",
        "sn",
        "s n",
        "ref",
        "meeting",
        "who",
        "due",
        "qui",
        "quien",
        "rag",
        "partner",
        "partenaire",
        "socio",
        "reunion",
        "area",
        "person",
        "num",
        "numero",
        "quand",
        "cuando",
        "when",
        "lead",
        "raised",
        "register id",
    }
)

# A few of the names, in each language; the full list is `SYNONYMS["text"]`.
TEXT_EXPECTED: Final = (
    "Action, Action point, Task, Activity, Point d'action, Recommandation, Compromiso, "
    "Acción, Tarea, ..."
)
NO_HEADER: Final = (
    f"no header row with an 'Action' column found in the first {SCAN_ROWS} rows; "
    f"expected one of: {TEXT_EXPECTED}"
)


def normalise(raw: str) -> str:
    """Lower-case, drop accents and "(s)", map "#"/"N°" to "no", punctuation to single spaces."""
    text = raw.lower().replace("(s)", "").replace("n°", "no ").replace("#", " no ")
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class _Synonym:
    field: Field
    norm: str
    tokens: tuple[str, ...]


_SYNS: Final = tuple(
    _Synonym(fld, normalise(name), tuple(normalise(name).split()))
    for fld, names in SYNONYMS.items()
    for name in names
)
# Reversed so that the first field listing a name keeps it.
_EXACT: Final[dict[str, Field]] = {syn.norm: syn.field for syn in reversed(_SYNS)}
_FIELD_ORDER: Final = {fld: i for i, fld in enumerate(SYNONYMS)}


@dataclass(frozen=True)
class HeaderMatch:
    """A header cell taken as `field`; `whole` when the cell is the name itself (maybe misspelt)."""

    field: Field
    whole: bool


def classify(raw: object) -> HeaderMatch | None:
    """The field a header cell names, or None when it is not a known column name."""
    if not isinstance(raw, str):
        return None
    norm = normalise(raw)
    if not norm:
        return None
    if norm in _EXACT:
        return HeaderMatch(_EXACT[norm], whole=True)
    best: tuple[float, Field] | None = None
    for syn in _SYNS:
        if syn.norm in _WHOLE_ONLY or min(len(syn.norm), len(norm)) < 4:
            continue
        score = fuzz.ratio(norm, syn.norm)
        if score >= FUZZY_MIN_RATIO and (best is None or score > best[0]):
            best = (score, syn.field)
    if best is not None:
        return HeaderMatch(best[1], whole=True)
    tokens = norm.split()
    # Longer cells are sentences (an action that mentions "action points"), not names.
    found = _contained(tokens) if len(tokens) <= _MAX_HEADER_WORDS else None
    return HeaderMatch(found, whole=False) if found else None


def _contained(tokens: list[str]) -> Field | None:
    """The field whose name appears inside a longer header; longest name, then leftmost, wins."""
    best: tuple[int, int, int, int] | None = None
    best_field: Field | None = None
    for syn in _SYNS:
        if syn.norm in _WHOLE_ONLY:
            continue
        width = len(syn.tokens)
        for start in range(len(tokens) - width + 1):
            window = " ".join(tokens[start : start + width])
            exact = window == syn.norm
            if not exact and (len(syn.norm) < 6 or fuzz.ratio(window, syn.norm) < FUZZY_MIN_RATIO):
                continue
            rank = (width, -start, int(exact), -_FIELD_ORDER[syn.field])
            if best is None or rank > best:
                best, best_field = rank, syn.field
    return best_field


@dataclass(frozen=True)
class HeaderRow:
    """Where the table starts and what each column holds (0-based column indexes).

    `columns` maps each field to the first column naming it; remarks alone may come from
    several columns, all listed in `remarks`. `unused` lists the header cells
    that are not read, with the reason, in column order.
    """

    index: int
    columns: dict[Field, int]
    remarks: tuple[int, ...]
    unused: tuple[tuple[int, str], ...]
    first_column: int


def find_header(rows: Sequence[Sequence[object]]) -> HeaderRow | None:
    """The row among `rows` naming the most known columns, at least an action-text one.

    A row naming only an action column counts only if that cell is the name alone, so a
    title such as "CPSS Action Tracker 2023" is not taken for a header. Ties go to the
    earlier row.
    """
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows):
        matches = [classify(value) for value in row]
        fields = {m.field for m in matches if m is not None}
        text_whole = any(m is not None and m.field == "text" and m.whole for m in matches)
        if "text" not in fields or (len(fields) == 1 and not text_whole):
            continue
        if best is None or len(fields) > best[0]:
            best = (len(fields), index)
    return None if best is None else _layout(best[1], rows[best[1]])


def _layout(index: int, row: Sequence[object]) -> HeaderRow:
    """What each cell of header row `index` names; the first cell naming a field wins."""
    columns: dict[Field, int] = {}
    remarks: list[int] = []
    unused: list[tuple[int, str]] = []
    for col, value in enumerate(row):
        if blank(value):
            continue
        name = " ".join(str(value).split())
        match = classify(value)
        if match is None:
            unused.append((col, f"column '{name}' not used"))
        elif match.field == "remarks":
            remarks.append(col)
            columns.setdefault("remarks", col)
        elif match.field == "deadline" and "deadline" in columns and REVISED.search(name):
            # "Revised deadline" supersedes the deadline beside it.
            old = columns["deadline"]
            kept = " ".join(str(row[old]).split())
            unused.append((old, f"column '{kept}' not used (column '{name}' is read instead)"))
            columns["deadline"] = col
        elif match.field in columns:
            kept = " ".join(str(row[columns[match.field]]).split())
            unused.append((col, f"column '{name}' not used (column '{kept}' is read instead)"))
        else:
            columns[match.field] = col
    first = min([*columns.values(), *(col for col, _ in unused)])
    return HeaderRow(index, columns, tuple(remarks), tuple(unused), first)
