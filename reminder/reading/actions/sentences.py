"""Action texts of minutes: items split into sentences, numbering cut, owners as subjects.

Shared by the table analysis (`minutes_tables`) and the paragraph analysis
(`minutes_paragraphs`).
"""

from __future__ import annotations

import re
from itertools import takewhile

from reminder.reading.document import Item
from reminder.reading.meeting.details import NEXT_MEETING
from reminder.reading.owners.split import split_owners

_EMPTY = {"", "-", "–", "—", "n/a", "none", "nil", "tbd"}
_NUMBERING = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z])[.)]\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|vs|St)\.|\b[A-Z]\.)$")
_REMARK = re.compile(r"(?:deadline|due|by|owner|responsible|note|status)\b", re.I)
# "Jennifer to share ...", and in French minutes "OIM à partager ..." (an infinitive).
_SUBJECT = re.compile(
    r"^(?P<who>.+?)\s+(?:(?:is\s+|are\s+)?to\s+(?P<verb>[a-z]+)|à\s+(?P<verbe>\w+(?:er|ir|re)))\b"
)
_NOT_A_NAME = re.compile(
    r"\b(?:will|would|should|shall|must|is|are|was|were|be|been|has|have|had|need|needs|"
    r"agreed|decided|asked|requested|how|what|(?-i:it|this|that|there))\b",
    re.I,
)

Action = tuple[str, Item]  # an action's text and the item it comes from


def useful(items: list[Item]) -> list[Item]:
    """The items that can hold an action: not a placeholder ("-", "N/A"), not a next meeting."""
    return [it for it in items if it.text.lower() not in _EMPTY and not NEXT_MEETING.match(it.text)]


def groups(items: list[Item]) -> list[list[Action]]:
    """Actions of an action cell, grouped by the item (or intro + list) they come from.

    An item ending in ":" followed by list items gives "<intro> <item>" per list item;
    any other item gives one action per sentence.
    """
    out: list[list[Action]] = []
    position = 0
    while position < len(items):
        it = items[position]
        following = items[position + 1 :]
        if it.text.endswith(":") and following and following[0].bullet:
            listed = list(takewhile(lambda sub: sub.bullet, following))
            out.append([(f"{it.text} {sub.text}", sub) for sub in listed])
            position += 1 + len(listed)
        else:
            out.append([(sentence, it) for sentence in sentences(strip_numbering(it.text))])
            position += 1
    return out


def sentences(text: str) -> list[str]:
    """Split on ". " + capital, never after an abbreviation or an initial, nor before a remark."""
    out: list[str] = []
    for part in _SENTENCE_BREAK.split(text):
        if out and (_ABBREVIATION.search(out[-1]) or _REMARK.match(part)):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def strip_numbering(text: str) -> str:
    """The text without a leading "1.", "2.3)", "(a)" or "b." item number."""
    return _NUMBERING.sub("", text).strip()


def subject(text: str) -> str:
    """The owner written as the subject: "Jennifer to share ..." -> "Jennifer"; "" if none."""
    match = _SUBJECT.match(text)
    # "X to be finalized" / "X à être finalisé": nobody is named.
    if not match or match["verb"] == "be" or match["verbe"] == "être":
        return ""
    who = match["who"]
    return "" if len(who.split()) > 6 or _NOT_A_NAME.search(who) else who


def owners(owners_raw: str, text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(owners, supporting, raw) from a Responsible text, else from the action's subject."""
    raw = owners_raw or subject(text)
    named, supporting = split_owners(raw)
    return named, supporting, raw
