"""One action point from a line of prose: text, owner, deadline and status put together.

`prose_action(text, ...)` cuts the trailing fields off the text (`fields.trailing_fields`),
takes the owner from, in order: a marker ("ACTION name:", "@Name", "Name: will"), a
trailing owner field, a "Responsible:" label, the subject of the sentence, a trailing
"(ORG)"; the status from a strike-through, a trailing status, a status tag or box, else
open. For a new action "ongoing" is its deadline, not a status; for an earlier one under
review it means in progress. Markdown markers are dropped from the text.
"""

from __future__ import annotations

import re

from reminder.reading.actions.clauses import commitment
from reminder.reading.actions.fields import trailing_fields
from reminder.reading.extraction import ExtractedAction, SourceRef, Status
from reminder.reading.owners.split import split_owners

_MARKUP = re.compile(r"\*\*|__|~~|`")
_ONGOING = re.compile(r"^(?:on-?\s?going|continu(?:e|ous)?|permanent[e]?|en\s+continu)$", re.I)
_ALTERNATIVE = re.compile(r"\(\s*or\s+(?P<alt>[^()]+?)\s+if\b[^()]*\)", re.I)


def prose_action(
    text: str,
    *,
    source: SourceRef,
    section: str | None,
    review: bool,
    owner: str = "",
    status: tuple[Status, str] | None = None,
    struck: bool = False,
) -> ExtractedAction | None:
    """The action point a line states, or None when nothing is left of its text."""
    text = re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip()
    fields = trailing_fields(text)
    action = fields.text.strip(" -–—:;")
    if not action:
        return None
    due = fields.due
    found_status = fields.status or status
    if found_status and not review and fields.status and _ONGOING.match(fields.status[1]):
        due, found_status = due or fields.status[1], status
    clause = commitment(action)
    raw = owner or fields.owner or (clause.owner if clause else "") or fields.paren_owner
    owners, supporting = split_owners(raw)
    alternative = _ALTERNATIVE.search(raw)
    if alternative and alternative["alt"].strip() not in owners:
        owners = (*owners, alternative["alt"].strip())
        supporting = tuple(s for s in supporting if alternative["alt"] not in s)
    final = Status.CANCELLED if struck else (found_status[0] if found_status else Status.OPEN)
    raw_status = "struck through" if struck else (found_status[1] if found_status else None)
    return ExtractedAction(
        action, owners, source, raw, supporting, due_phrase=due, status=final,
        status_raw=raw_status, section=section, carried_over=review,
    )  # fmt: skip
