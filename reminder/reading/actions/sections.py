"""Actions written as paragraphs under an "Action points"/"Next steps"/"Follow-up" heading.

Each paragraph or list item gives one action per sentence, its owner from an
"Owner:"/"Responsible:" trailer, the subject before " to ", or a trailing "(ORG)".
Prose under any other heading is never taken.
"""

from __future__ import annotations

import re

from reminder.owners_text import split_owners
from reminder.reading.actions.found import Found
from reminder.reading.actions.sentences import groups, strip_numbering, subject, useful
from reminder.reading.document import Item, Paragraph
from reminder.reading.extraction import ExtractedAction, Skipped

_ACTION_HEADING = re.compile(
    r"action\s*(?:points?|items?)|\bactions\b|next\s*steps|follow[- ]?up|"
    r"points?\s+d.actions?|actions?\s+à\s+mener|prochaines?\s+étapes|\bsuivi\b",
    re.I,
)
_LABEL = re.compile(
    r"(?:^|[\s(–—-])(?P<label>responsible|owner|lead|focal point|deadline|due)\s*:", re.I
)
_PAREN_OWNER = re.compile(r"\((?P<who>[A-Z][\w&/ ,.-]{0,40})\)\.?$")
_DATEISH = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mid|end)", re.I)


def is_heading(paragraph: Paragraph) -> bool:
    """True for a heading: styled as one, all capitals, or a short title-like line.

    A line ending in ":" or naming action points is a heading unless it reads as an
    action itself ("X to share the following:").
    """
    if paragraph.level:
        return True
    text = paragraph.text
    if paragraph.bullet or len(text.split()) > 10:
        return False
    keyword = len(text.split()) <= 6 and _ACTION_HEADING.search(text) and not text.endswith(".")
    colon = text.endswith(":") and not subject(text)  # "X to share the following:" is an action
    return colon or text.isupper() or bool(keyword and not subject(text))


def action_section(heading: str) -> str | None:
    """The section name of an action heading ("Action points:" -> "Action points"), else None."""
    return heading.rstrip(":") if _ACTION_HEADING.search(heading) else None


def paragraph_actions(paragraphs: list[Paragraph], section: str | None, found: Found) -> None:
    """Actions of the paragraphs under an action heading: one per item or sentence."""
    if section is None:
        return
    items = [Item(strip_numbering(p.text), p.line, p.bullet) for p in paragraphs]
    for text, it in (action for group in groups(useful(items)) for action in group):
        text, raw = _with_owner(text)
        owners, supporting = split_owners(raw)
        ref = found.ref(None, None, it)
        if not text:  # an owner line with no action before it
            found.skipped.append(Skipped(ref, f"owner '{raw}' without an action point"))
            continue
        carried = "previous" in section.lower()
        found.actions.append(
            ExtractedAction(text, owners, ref, raw, supporting, section=section,
                            carried_over=carried)
        )  # fmt: skip


def _with_owner(text: str) -> tuple[str, str]:
    """(text, owner as written): from a trailer, else the subject, else a trailing "(ORG)"."""
    text, owner = _owner_trailer(text)
    raw = owner or subject(text)
    paren = _PAREN_OWNER.search(text)
    if not raw and paren and not _DATEISH.search(paren["who"]):
        raw = paren["who"]  # "Circulate the ToR (WASH Cluster)."
    return text, raw


def _owner_trailer(text: str) -> tuple[str, str]:
    """Cut an "– Responsible: X" / "Owner: X" trailer off an action: (text, "X").

    A "Deadline:" trailer stays in the text, where later stages look for deadlines.
    """
    labels = list(_LABEL.finditer(text))
    for index, label in enumerate(labels):
        if label["label"].lower() not in {"deadline", "due"}:
            end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
            owner = text[label.end() : end].strip(" .;,)(–—-")
            return (text[: label.start()] + text[end:]).strip(" ;,(–—-"), owner
    return text, ""
