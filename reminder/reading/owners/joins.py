"""Whether a separator in owner text belongs to a name ("M&E", "Fire and Rescue Service",
"Shelter/CCCM Cluster", "Comité de Agua y Saneamiento", "Humanity & Inclusion (HI)").

Pure functions over the text on either side of one separator; the splitting itself is
`split.py`.
"""

from __future__ import annotations

import re

from reminder.reading.owners.words import (
    ends_with_head_noun,
    initials_match,
    is_common_word,
    is_group_word,
    is_role_noun,
    starts_with_head_noun,
)

PAREN = re.compile(r"\s*\(([^()]*)\)")


def inside_token(masked: str, match: re.Match[str]) -> bool:
    """ "M&E", "R&D": an ampersand between short uppercase letters belongs to the name."""
    if match.group().strip() != "&" or match.group() != "&":
        return False
    before = re.search(r"(?<![A-Za-z])[A-Z]{1,2}$", masked[: match.start()])
    after = re.match(r"[A-Z]{1,2}\b", masked[match.end() :])
    return bool(before and after)


def joins(left: str, sep: str, right: str) -> bool:
    """Whether the separator belongs to one name spanning both sides."""
    kind = sep.strip().lower()
    right_name = PAREN.sub("", right).strip()
    if "\n" in sep and right_name:
        # A wrapped cell: "Cluster\nCoordinator", "Health\nworkers" continue one name.
        return right_name[0].islower() or (
            " " not in right_name and is_role_noun(right_name) and " " not in left.strip()
        )
    acronym = re.search(r"\(([A-Z]{2,8})\)\s*$", right)
    if acronym and initials_match(f"{left} {right_name}", acronym[1]):
        return not initials_match(right_name, acronym[1])
    words = right_name.split()
    if kind in {"and", "&", "et", "y", "e"} and is_common_word(left.strip()):
        return 2 <= len(words) <= 3 and ends_with_head_noun(right_name)
    if kind in {"and", "&", "et", "y", "e"} and 1 <= len(words) <= 2:
        # "Comité de Agua y Saneamiento", "Ministerio de Salud y Protección Social"
        tail = not any(w.isupper() or w.startswith("@") or is_group_word(w) for w in words)
        return tail and starts_with_head_noun(left)
    if sep == "/" and " " not in left.strip():
        return 2 <= len(words) <= 3 and ends_with_head_noun(right_name)
    return False
