"""Whether two owner names are one owner written twice, in two languages ("OIM / IOM")."""

from __future__ import annotations

import re

from reminder.reading.owners.words import FUNCTION_WORDS, drop_article, fold_word


def _words(name: str) -> list[tuple[str, bool]]:
    """(folded word, is an acronym) for each content word of a name."""
    out = []
    for raw in re.findall(r"[\w'’-]+", drop_article(name)):
        word = fold_word(raw.strip("'’"))
        if word and word not in FUNCTION_WORDS:
            out.append((word, raw.isupper() and len(raw) >= 2))
    return out


def _cognate(a: str, b: str) -> bool:
    """The same word, or a cognate across languages ("membres"/"members")."""
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:4] == b[:4])


def same_owner(left: str, right: str) -> bool:
    """Whether "left / right" is one owner written twice, in two languages.

    Single acronyms: the same letters in another order or one inside the other ("OIM /
    IOM", "HCR / UNHCR"). Longer names: every word of one has a counterpart in the other,
    a cognate or an acronym of the same length, and at least one real word is a cognate
    ("Coordination GTP / PWG coordination", "Tous les membres / All members"). Two
    different bodies of one kind ("Health WG / Protection WG") are not one owner.
    """
    a, b = _words(left), _words(right)
    if not a or not b:
        return False
    if len(a) == 1 and len(b) == 1:
        (x, x_acr), (y, y_acr) = a[0], b[0]
        if x_acr and y_acr:
            short, long_ = sorted((x, y), key=len)
            return sorted(x) == sorted(y) or (len(short) >= 3 and short in long_)
        return not x_acr and not y_acr and _cognate(x, y)
    if len(a) != len(b):
        return False
    remaining = list(b)
    real = False
    for word, acronym in a:
        match = next((o for o in remaining if _cognate(word, o[0])), None)
        if match is not None:
            real = real or not acronym
        else:
            same_length = (o for o in remaining if acronym and o[1] and len(o[0]) == len(word))
            match = next(same_length, None)
        if match is None:
            return False
        remaining.remove(match)
    return real
