"""Tracker rows that hold no action point, recognised from the action cell alone.

A template or example row ("e.g. Partner X to share ...", "Example:", "dd/mm/yyyy"
placeholders), a "no action"/"N/A" row, a "Next meeting ..." row, an as-of line alone in
its row ("Last updated: 9 Dec 2026", `AS_OF_LINE`) and the sheet's status legend
("Legend", "G = Done") are furniture: each becomes a `Skipped` with the reason
`skip_reason` returns. Minutes tables use the same test on their action cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from reminder.reading.actions.columns import is_ditto
from reminder.reading.meeting.as_of import is_as_of_line
from reminder.reading.trackers.legend import is_legend_text

_EXAMPLE: Final = re.compile(
    r"^\s*(?:e\.?\s?g\.?|ex\.|example|exemple|ejemplo|p\.\s?ej\.|por ejemplo|sample|"
    r"\[(?:insert|add|enter|type)\b|\.\.\.$|xxx\b)",
    re.I,
)
_PLACEHOLDER: Final = re.compile(r"^\s*(?:dd|mm|jj|aaaa|yyyy)[/.-](?:mm|dd|aaaa|yyyy|aa|yy)", re.I)
_NO_ACTION: Final = re.compile(
    r"^\W*(?:no(?:ne)?(?:\s+(?:new\s+)?actions?(?:\s+(?:points?|required|needed|agreed))?)?|"
    r"n/?a|nil|nothing|aucune?(?:\s+action)?|pas d.action|ningun[oa]|sin acci[óo]n|"
    r"sin compromisos?|nada|rien)\W*$",
    re.I,
)
_NEXT_MEETING: Final = re.compile(
    r"^\W*(?:next|prochaine|pr[óo]xima)\s+(?:\w+\s+)?(?:meeting|réunion|reunion|reuni[óo]n|call)\b",
    re.I,
)


AS_OF_LINE: Final = "the date the tracker is current as of, not an action point"


def skip_reason(text: str, others: Sequence[str]) -> str | None:
    """Why a row with action text `text` (other cells `others`) is not an action, or None."""
    if is_ditto(text):
        return "a ditto mark in the action column, not an action text"
    if is_legend_text(text):
        return "the sheet's status legend, not an action point"
    if _NO_ACTION.match(text):
        return f"no action point ('{text}')"
    if _NEXT_MEETING.match(text):
        return "next meeting information, not an action point"
    if not any(other.strip() for other in others) and is_as_of_line(text):
        return AS_OF_LINE
    if _EXAMPLE.match(text) or any(_PLACEHOLDER.match(other) for other in others):
        return "template or example row"
    return None
