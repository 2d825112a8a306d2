"""Splitting an owner cell as written into owner names (pure text work, no directory)."""

from __future__ import annotations

import re

_SUPPORT_PREFIX = re.compile(
    r"^(?:with\s+(?:the\s+)?(?:\w+\s+)?(?:from|of|by)|with|supported\s+by|support(?:ed)?\s+from|"
    r"in\s+(?:collaboration|coordination|consultation)\s+with|assisted\s+by|and)\s+",
    re.IGNORECASE,
)
# Not "&": it joins words inside names ("Humanity & Inclusion", "M&E team").
_SEPARATORS = re.compile(r"\s*(?:[,;/+\n]|\band\b|\bet\b)\s*", re.IGNORECASE)
_PARENS = re.compile(r"\(([^()]*)\)")
_NOISE = {"", "-", "–", "—", "etc", "etc.", "n/a", "tbd", "all", "?"}


def _names(text: str) -> list[str]:
    names = []
    for part in _SEPARATORS.split(text):
        name = re.sub(r"\s+", " ", part).strip(" .:-–—\t")
        if name.lower() not in _NOISE:
            names.append(name)
    return names


def split_owners(raw: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split an owner cell into (owners, supporting parties), both in the order written.

    "CPSS and PSEA" -> (("CPSS", "PSEA"), ()); "CPSS, MHPSS" -> (("CPSS", "MHPSS"), ());
    "PHAP (with inputs from WG)" -> (("PHAP",), ("WG",)). A parenthesis that is only an
    acronym ("Humanity and Inclusion (HI)") is dropped rather than taken as a supporter.
    Duplicates are removed, case-insensitively, keeping the first spelling.
    """
    if not raw:
        return (), ()
    supporting: list[str] = []

    def take_parens(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        if _SUPPORT_PREFIX.match(inner) or " " in inner.strip():
            supporting.extend(_names(_SUPPORT_PREFIX.sub("", inner)))
        return " "

    main = _PARENS.sub(take_parens, raw)
    owners = _dedupe(_names(main))
    return owners, _dedupe(supporting)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return tuple(out)
