"""Resolving owner names as written to directory entries (pure, given a `Directory`).

Matching is tolerant of case, spacing, punctuation and small typos, and says how it
matched, so a coordinator can check every guess. An owner that matches nothing is
returned as unresolved, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

# Words that turn an organisation into "its people": "PSEA FP", "CPSS coordination team".
_ROLE_SUFFIX = re.compile(
    r"\s+(?:fp|fps|focal\s+points?|coordination\s+team|team|coordinator|co-?chairs?|"
    r"members|partners|actors|secretariat|staff|colleagues|lead|office|colleague)$"
)
_NOT_WORD = re.compile(r"[^\w]+")
_FUZZY_CUTOFF = 88
_MIN_FUZZY_LENGTH = 5


def normalise(name: str) -> str:
    """Lowercase, without accents or punctuation: 'Save-the Children ' -> 'save the children'."""
    text = name
    if not text.isascii():  # ASCII has no accents to remove (the common case: fast)
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Whitespace is not a word character: no two spaces are left to squeeze.
    return _NOT_WORD.sub(" ", text.lower().replace("'", "")).strip()


@dataclass(frozen=True)
class Entry:
    """A directory entry an owner can resolve to."""

    kind: str  # "contact", "organisation" or "group"
    id: int
    name: str
    names: tuple[str, ...] = ()  # full names
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """What an owner name resolved to; `kind` is "unresolved" when nothing matched."""

    name: str
    kind: str = "unresolved"
    id: int | None = None
    how: str = ""  # name, acronym, alias, first_name, role_suffix, fuzzy, ambiguous

    @property
    def resolved(self) -> bool:
        return self.kind != "unresolved"


@dataclass
class Directory:
    """An index over directory entries for quick, explainable matching."""

    entries: list[Entry]
    _exact: dict[str, list[tuple[Entry, str]]] = field(init=False)
    _compact: dict[str, list[tuple[Entry, str]]] = field(init=False)
    _first_names: dict[str, list[Entry]] = field(init=False)
    _fuzzy_keys: list[str] = field(init=False)
    # Owner names repeat on thousands of rows; each is resolved once (entries are fixed).
    _resolved: dict[str, Resolution] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._exact = defaultdict(list)
        self._compact = defaultdict(list)
        self._first_names = defaultdict(list)
        for entry in self.entries:
            for how, values in (
                ("name", (entry.name, *entry.names)),
                ("acronym", entry.acronyms),
                ("alias", entry.aliases),
            ):
                for value in values:
                    key = normalise(value)
                    if key:
                        self._exact[key].append((entry, how))
                        self._compact[key.replace(" ", "")].append((entry, how))
            if entry.kind == "contact" and " " in normalise(entry.name):
                self._first_names[normalise(entry.name).split()[0]].append(entry)
        self._fuzzy_keys = [k for k in self._exact if len(k) >= _MIN_FUZZY_LENGTH]

    def resolve(self, name: str) -> Resolution:
        """Resolve one owner name; see the module docstring for the order of attempts."""
        found = self._resolved.get(name)
        if found is None:
            found = self._resolved[name] = self._resolve(name)
        return found

    def _resolve(self, name: str) -> Resolution:
        key = normalise(name)
        if not key:
            return Resolution(name=name)
        found = self._lookup(key)
        if found:
            return _pick(name, found)
        stripped = _ROLE_SUFFIX.sub("", key)
        if stripped != key and (found := self._lookup(stripped)):
            return _pick(name, [(e, "role_suffix") for e, _ in found])
        people = self._first_names.get(key, [])
        if len(people) == 1:
            return Resolution(name=name, kind="contact", id=people[0].id, how="first_name")
        if len(people) > 1:
            return Resolution(name=name, how="ambiguous")
        if len(key) >= _MIN_FUZZY_LENGTH and self._fuzzy_keys:
            best = process.extractOne(
                key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
            )
            if best is not None:
                return _pick(name, [(e, "fuzzy") for e, _ in self._exact[best[0]]])
        return Resolution(name=name)

    def _lookup(self, key: str) -> list[tuple[Entry, str]]:
        return self._exact.get(key) or self._compact.get(key.replace(" ", ""), [])


def _pick(name: str, found: list[tuple[Entry, str]]) -> Resolution:
    # A name shared by two different entries is not guessed between.
    distinct = {(entry.kind, entry.id) for entry, _ in found}
    if len(distinct) > 1:
        preferred = [(e, h) for e, h in found if e.kind == "group"] or [
            (e, h) for e, h in found if e.kind == "organisation"
        ]
        if len({(e.kind, e.id) for e, _ in preferred}) != 1:
            return Resolution(name=name, how="ambiguous")
        found = preferred
    entry, how = found[0]
    return Resolution(name=name, kind=entry.kind, id=entry.id, how=how)
