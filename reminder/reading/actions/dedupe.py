"""One action point listed twice in a document is one action.

Minutes repeat their actions: inline ("ACTION: X to do Y") and again in a summary at the
end, or in two languages. `merge_repeats(actions)` keeps the first of two actions whose
texts are the same once case and punctuation are set aside (or one starts the other),
or that name the same owners and the same names and numbers (a translation), at the
first one's position; the later one brings what the
first lacks: a status other than open (a summary's "[DONE]"), a deadline, owners.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reminder.reading.extraction import ExtractedAction, Status


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _same(first: str, second: str) -> bool:
    if not first or not second:
        return False
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 0.8 * len(longer) and longer.startswith(shorter)


def _names_and_numbers(text: str) -> frozenset[str]:
    """The words a translation keeps: names, acronyms and numbers (not the first word)."""
    words = re.findall(r"[\w@'-]+", text)[1:]
    return frozenset(w.lower() for w in words if w[:1].isupper() or w[:1].isdigit() or w[:1] == "@")


def _translated(first: ExtractedAction, second: ExtractedAction) -> bool:
    """True for the same action in two languages: same owners, same names and numbers."""
    if not first.owners or {o.lower() for o in first.owners} != {o.lower() for o in second.owners}:
        return False
    names = _names_and_numbers(first.text)
    if len(names) < 2 or names != _names_and_numbers(second.text):
        return False
    # Two tasks on the same names in one language share their other words too.
    words = [set(re.findall(r"[a-zà-ÿ]+", a.text.lower())) - names for a in (first, second)]
    return len(words[0] & words[1]) <= 0.2 * len(words[0] | words[1])


def _owners_agree(first: ExtractedAction, second: ExtractedAction) -> bool:
    """Two rows with the same text for different owners are two actions."""
    named = {o.lower() for o in first.owners}, {o.lower() for o in second.owners}
    return not named[0] or not named[1] or named[0] == named[1]


def merge_repeats(actions: list[ExtractedAction]) -> list[ExtractedAction]:
    """The actions with repeats merged into their first occurrence (see the docstring)."""
    out: list[ExtractedAction] = []
    keys: list[str] = []
    for action in actions:
        key = _key(action.text)
        match = next(
            (
                i
                for i, k in enumerate(keys)
                if (_same(k, key) and _owners_agree(out[i], action)) or _translated(out[i], action)
            ),
            None,
        )
        if match is None:
            out.append(action)
            keys.append(key)
            continue
        first = out[match]
        out[match] = replace(
            first,
            status=action.status if action.status is not Status.OPEN else first.status,
            status_raw=action.status_raw if action.status is not Status.OPEN else first.status_raw,
            due_phrase=first.due_phrase or action.due_phrase,
            owners=first.owners or action.owners,
            owners_raw=first.owners_raw or action.owners_raw,
        )
    return out
