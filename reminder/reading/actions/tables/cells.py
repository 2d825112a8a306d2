"""The cells of an action table's logical row (`rows.Entry`), read as text.

`units` splits the action cell into actions: an item "Responsible: X" / "Deadline: Y" /
"Status: Z" (any of the column words, EN/FR/ES) under an action gives that action's
fields; "Decision:" and "Note:" items, "no action" and example items are not actions
(each becomes a `Skipped` with the reason); a leading "Action:" is dropped; an item that
starts in lower case goes on from the one before (a wrapped line). `kept` gives a
column's items that say something, wrapped lines joined; `texts` their texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from reminder.reading.actions.found import Found
from reminder.reading.actions.sentences import useful
from reminder.reading.actions.tables.rows import Entry
from reminder.reading.document import Item
from reminder.reading.extraction import Skipped, clean_text
from reminder.reading.trackers.skips import skip_reason

_ACTION_PREFIX: Final = re.compile(
    r"^(?:action(?:\s+points?)?|ap|acci[óo]n|compromiso|point d.action)\s*[:\-–—]\s*", re.I
)
_NOT_ACTION: Final = re.compile(
    r"^(?:decisions?|d[ée]cisions?|decisi[óo]n|resolutions?|r[ée]solution|resoluci[óo]n|"
    r"notes?|nota|remarque|info(?:rmation)?)\s*[:\-–—]",
    re.I,
)
_SUB_LINES: Final = (
    ("responsible", re.compile(
        r"^(?:responsibles?|responsables?|owners?|lead|who|focal\s*points?|points?\s+focal|"
        r"qui|qui[ée]n|assigned\s+to|assignee|encargad[oa]|by\s+whom)\s*[:\-–—]\s*(?P<v>.+)$",
        re.I)),
    ("deadline", re.compile(
        r"^(?:deadline|due(?:\s+date)?|by\s+when|when|timeline|time\s*frame|[ée]ch[ée]ance|"
        r"date\s+limite|d[ée]lai|fecha\s+l[íi]mite|plazo|cu[áa]ndo|quand)\s*[:\-–—]\s*(?P<v>.+)$",
        re.I)),
    ("status", re.compile(r"^(?:status|statut|[ée]tat|estado)\s*[:\-–—]\s*(?P<v>.+)$", re.I)),
)  # fmt: skip


@dataclass
class Unit:
    """The items of an action cell that make one action, and what its sub-lines say."""

    items: list[Item]
    fields: dict[str, str] = field(default_factory=dict)


def units(entry: Entry, found: Found) -> list[Unit]:
    """The action cell's items as actions, with sub-lines attached and decisions left out.

    An item that starts in lower case (not a list item) goes on from the one before: a
    line wrapped by a converter.
    """
    units: list[Unit] = []
    for it in useful(entry.cells.get("action", [])):
        sub = next(((n, m["v"]) for n, p in _SUB_LINES if (m := p.match(it.text))), None)
        if sub is not None and units:
            units[-1].fields.setdefault(sub[0], clean_text(sub[1]))
        elif units and not units[-1].fields and _continues(it):
            last = units[-1].items[-1]
            units[-1].items[-1] = _joined(entry, last, f"{last.text} {it.text}")
        elif _NOT_ACTION.match(it.text):
            found.skipped.append(Skipped(entry.ref(found, it), "a decision or note, not an action"))
        elif (reason := skip_reason(it.text, [])) is not None:
            found.skipped.append(Skipped(entry.ref(found, it), reason))
        else:
            units.append(Unit([_joined(entry, it, _ACTION_PREFIX.sub("", it.text))]))
    return units


def _continues(it: Item) -> bool:
    """True for a wrapped line: not a list item, and it starts with a lower-case letter."""
    return not it.bullet and it.text[:1].islower()


def _joined(entry: Entry, it: Item, text: str) -> Item:
    """`it` with `text`, located where `it` is."""
    if text == it.text:
        return it
    new = Item(text, it.line, it.bullet, it.depth, it.struck)
    if id(it) in entry.joined:
        entry.joined[id(new)] = entry.joined[id(it)]
    return new


_BLANK: Final = frozenset({"", "-", "–", "—", "n/a", "none", "nil"})


def kept(entry: Entry, name: str) -> list[Item]:
    """The items of a column that say something (a deadline of "TBD" is a deadline), with
    wrapped lines (starting in lower case) joined to the line before."""
    items = entry.cells.get(name, [])
    if name == "deadline":
        items = [it for it in items if it.text.lower() not in _BLANK]
    else:
        items = useful(items)
    out: list[Item] = []
    for it in items:
        if out and _continues(it):
            out[-1] = _joined(entry, out[-1], f"{out[-1].text} {it.text}")
        else:
            out.append(it)
    return out


def texts(entry: Entry, name: str) -> list[str]:
    return [it.text for it in kept(entry, name)]
