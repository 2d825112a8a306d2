"""Nested lists and topic lines in the lists of minutes.

`children_of(run, index)` gives the list items nested under an item (deeper items, or the
bullets right under a plain paragraph), so that an owner or an intro on the parent line
applies to them. `topic_heading(text)` tells a topic line inside a numbered action list
("4. Storage") from an action: short, without a verb, an owner or a deadline.
"""

from __future__ import annotations

from reminder.deadlines.read import find_deadline_phrase
from reminder.reading.actions.clauses import commitment
from reminder.reading.actions.verbs import is_verb
from reminder.reading.document import Paragraph


def children_of(run: list[Paragraph], index: int) -> list[Paragraph]:
    """The list items nested under run[index] (deeper than it, or bullets under a paragraph)."""
    parent = run[index]
    out: list[Paragraph] = []
    for p in run[index + 1 :]:
        deeper = p.bullet and (p.depth > parent.depth or not parent.bullet)
        if not deeper:
            break
        out.append(p)
    return out


def topic_heading(text: str) -> bool:
    """True for a topic line inside an action list: short, no verb, no owner, no deadline."""
    words = text.split()
    if not words or len(words) > 6 or text.endswith(".") or commitment(text) is not None:
        return False
    return not is_verb(words[0]) and find_deadline_phrase(text) is None and "(" not in text
