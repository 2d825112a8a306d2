"""Reading each extracted action's deadline against its meeting (pure).

Turns an `Extraction` into `ResolvedAction`s: the deadline phrase (the tracker's
deadline cell, or a phrase found inside the action text) and the date it means.

Contract: a deadline is read against its anchor, which is the row's own "date raised",
else the `meeting_date` given by the user (--meeting-date), else the date the document
states (for a tracker without dates raised, its title row), else the date in its file
name. Today's date is never an anchor: when there is none, every deadline that needs one
is left without a date (Method.NO_ANCHOR) and a note names the file. "Next meeting" is,
for an item raised at an earlier meeting, the meeting after the one where it was raised
(the row's `next_meeting`, else the next date the tracker or document knows), and the
stated next meeting otherwise.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from reminder.collector import collector_paused
from reminder.deadlines.read import (
    MON_FRI,
    Deadline,
    Method,
    WorkWeek,
    date_order,
    find_deadline_phrase,
    resolve_deadline,
)
from reminder.reading.extraction import ExtractedAction, Extraction, MeetingInfo
from reminder.reading.meeting.details import date_in_file_name, next_meeting_in, title_date


@dataclass(frozen=True, slots=True)
class ResolvedAction:
    action: ExtractedAction
    deadline: Deadline
    meeting_date: date | None  # the date the deadline was read against, None when unknown


@dataclass(frozen=True)
class ResolvedExtraction:
    extraction: Extraction
    meeting: MeetingInfo
    actions: tuple[ResolvedAction, ...]
    notes: tuple[str, ...]


def resolve_extraction(
    extraction: Extraction,
    *,
    meeting_date: date | None = None,
    next_meeting: date | None = None,
    workweek: WorkWeek | None = None,
) -> ResolvedExtraction:
    """Resolve every deadline in `extraction` (see the module docstring for the anchors).

    The meeting returned states the date used and how it was found (`date_source`), the
    next meeting, and whether numeric dates were read month-first and why.
    """
    with collector_paused():  # bulk work on a large tracker's actions: see reminder.collector
        return _resolve(extraction, meeting_date, next_meeting, workweek)


def _resolve(
    extraction: Extraction,
    meeting_date: date | None,
    next_meeting: date | None,
    workweek: WorkWeek | None,
) -> ResolvedExtraction:
    info = _anchored(extraction, meeting_date)
    anchor = info.date
    week = workweek or (WorkWeek(frozenset(info.working_days)) if info.working_days else MON_FRI)
    nxt = next_meeting or info.next_meeting
    if nxt is None and info.next_meeting_phrase and anchor is not None:
        nxt = resolve_deadline(info.next_meeting_phrase, meeting_date=anchor, workweek=week).due
    info = replace(info, next_meeting=nxt)
    known = sorted(
        {d for a in extraction.actions for d in (a.meeting_date, a.next_meeting) if d}
        | {d for d in (anchor, nxt) if d}
    )
    resolved = []
    for action in extraction.actions:
        base = action.meeting_date or anchor
        raised_earlier = action.meeting_date is not None and action.meeting_date != anchor
        after: date | None
        if action.next_meeting is not None:
            after = action.next_meeting
        elif raised_earlier and action.meeting_date is not None:
            later = bisect.bisect_right(known, action.meeting_date)
            after = known[later] if later < len(known) else None
        elif action.carried_over and action.meeting_date is None:
            after = anchor  # raised at an earlier meeting: the one after it is this one
        else:
            after = nxt
        phrase = action.due_phrase if action.due_phrase else find_deadline_phrase(action.text)
        deadline = resolve_deadline(
            phrase,
            meeting_date=base,
            next_meeting=after,
            workweek=week,
            month_first=info.month_first,
            # A row read against its own date raised is new at that meeting.
            carried_over=action.carried_over and action.meeting_date is None,
        )
        resolved.append(ResolvedAction(action=action, deadline=deadline, meeting_date=base))
    return ResolvedExtraction(
        extraction=extraction,
        meeting=info,
        actions=tuple(resolved),
        notes=_notes(extraction.source, info, resolved),
    )


def _anchored(extraction: Extraction, meeting_date: date | None) -> MeetingInfo:
    """The document's meeting info with the anchor date, its source and the date order set."""
    info = extraction.meeting
    texts = [t for a in extraction.actions for t in (a.due_phrase or "", a.text)]
    if info.month_first_evidence is None:
        month_first, evidence = date_order(texts)
        info = replace(
            info, month_first=month_first or info.month_first, month_first_evidence=evidence
        )
    if info.next_meeting is None and info.next_meeting_phrase is None:
        phrase, day = next_meeting_in([info.title or "", *extraction.notes], info.month_first)
        info = replace(info, next_meeting=day, next_meeting_phrase=phrase)
    if meeting_date is not None:
        return replace(info, date=meeting_date, date_source="--meeting-date")
    if info.date is not None:
        return replace(info, date_source=info.date_source or "document")
    if not any(a.meeting_date for a in extraction.actions) and (
        titled := title_date([info.title or ""], info.month_first)
    ):
        return replace(info, date=titled, date_source="title")  # a tracker's title row
    if (named := date_in_file_name(Path(extraction.source).name)) is not None:
        return replace(info, date=named, date_source="file name")
    return info


def _notes(source: str, info: MeetingInfo, resolved: list[ResolvedAction]) -> tuple[str, ...]:
    """A note naming the file when it has no meeting date, and what that left undated."""
    if info.date is not None:
        return ()
    unanchored = [r for r in resolved if r.meeting_date is None]
    if resolved and not unanchored:
        return ()
    waiting = sum(r.deadline.method is Method.NO_ANCHOR for r in unanchored)
    return (
        f"{source}: no meeting date found in the document or its file name; "
        f"{waiting} deadline(s) that need one are left without a date (give --meeting-date)",
    )
