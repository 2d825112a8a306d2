"""Reading each extracted action's deadline against its meeting (pure).

Turns an `Extraction` into `ResolvedAction`s: the deadline phrase (the tracker's
deadline cell, or a phrase found inside the action text) and the date it means.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reminder.deadlines import (
    MON_FRI,
    Deadline,
    WorkWeek,
    detect_month_first,
    find_deadline_phrase,
    resolve_deadline,
)
from reminder.reading.extraction import ExtractedAction, Extraction, MeetingInfo


@dataclass(frozen=True)
class ResolvedAction:
    action: ExtractedAction
    deadline: Deadline
    meeting_date: date  # the date the deadline was read against


@dataclass(frozen=True)
class ResolvedExtraction:
    extraction: Extraction
    meeting: MeetingInfo
    actions: tuple[ResolvedAction, ...]
    notes: tuple[str, ...]


def resolve_extraction(
    extraction: Extraction,
    *,
    today: date,
    meeting_date: date | None = None,
    next_meeting: date | None = None,
    workweek: WorkWeek | None = None,
) -> ResolvedExtraction:
    """Resolve every deadline in `extraction`.

    The meeting date is, in order: the `meeting_date` override, the date the document
    states, the row's own meeting date (trackers), else `today` (noted). The next
    meeting is the override, the document's date, or its phrase read like a deadline.
    """
    info = extraction.meeting
    notes: list[str] = []
    anchor = meeting_date or info.date
    week = workweek or (WorkWeek(frozenset(info.working_days)) if info.working_days else MON_FRI)
    phrases = [a.due_phrase or a.text for a in extraction.actions]
    month_first = info.month_first or detect_month_first(phrases)
    nxt = next_meeting or info.next_meeting
    if nxt is None and info.next_meeting_phrase and anchor is not None:
        read = resolve_deadline(info.next_meeting_phrase, meeting_date=anchor, workweek=week)
        nxt = read.due
    if anchor is None and any(a.meeting_date is None for a in extraction.actions):
        notes.append(
            f"{extraction.source}: no meeting date found; relative deadlines are read "
            f"from {today.isoformat()} (use --meeting-date to set it)"
        )
    info = replace(info, date=anchor, next_meeting=nxt, month_first=month_first)
    resolved = []
    for action in extraction.actions:
        base = action.meeting_date or anchor or today
        phrase = action.due_phrase if action.due_phrase else find_deadline_phrase(action.text)
        deadline = resolve_deadline(
            phrase,
            meeting_date=base,
            next_meeting=action.next_meeting or nxt,
            workweek=week,
            month_first=month_first,
            carried_over=action.carried_over,
        )
        resolved.append(ResolvedAction(action=action, deadline=deadline, meeting_date=base))
    return ResolvedExtraction(
        extraction=extraction, meeting=info, actions=tuple(resolved), notes=tuple(notes)
    )
