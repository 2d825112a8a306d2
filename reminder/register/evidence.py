"""Newer evidence wins: weighing a value against the one the register holds.

Every value of an action's text, owners, deadline and status comes from a piece of
evidence: an imported document (dated by what it says it is current as of, else its
meeting's date, else its file's modification time) or a coordinator's command (dated
by when it was given). A value replaces the current one only when its evidence is newer;
older evidence is kept out and said; evidence of the same date from another source is a
conflict, kept out and said. The same source read again with the same date (a corrected
copy of one document) replaces its own earlier reading. Every weighed value is recorded
as a `Fact`, so `reminder action show` tells the whole story.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from reminder.register.bulk import Rows
from reminder.register.models import ActionPoint, Fact

if TYPE_CHECKING:  # a type only: an edit of the register loads no reader
    from reminder.reading.resolve import ResolvedExtraction

FIELDS = ("text", "owners", "due", "status")
COMMAND, DESK = "command", "desk"  # the origins of coordinators' edits (CLI, web desk)


class Verdict(enum.StrEnum):
    APPLIED = "applied"  # the value is new, and its evidence is newer: it now stands
    SAME = "same"  # the register already holds this value
    OLDER = "older"  # the register's value comes from newer evidence: kept
    CONFLICT = "conflict"  # same date, another source, another value: kept, and said


@dataclass(frozen=True)
class Evidence:
    """Where values come from, and the moment they speak for.

    `origin` names the document (its file) or command; `label` says it in a sentence
    ("tracker.xlsx of 9 Dec 2026"); `author` is "import" or "coordinator <name>".
    """

    as_of: datetime
    origin: str
    label: str
    author: str = "import"
    how: str = ""  # how the date was found: "as of", "meeting date", "file modified", "command"

    @property
    def echoes(self) -> bool:
        """True for a file this tool exported: its unchanged cells repeat the register."""
        return self.how in ("export", "edited export")

    def said(self) -> str:
        """The date these facts speak for, and how it was found, for an import summary."""
        if self.how == "undated":
            return "no date found, and the file's modification time unknown: older than anything"
        when = f"{self.as_of.day} {self.as_of:%b %Y}"
        if self.how in ("file modified", "edited export"):
            when += f" {self.as_of:%H:%M} UTC"
        return f"facts as of {when} ({self.how})"


def day_start(day: date) -> datetime:
    """A date-only piece of evidence speaks from the start of its day (UTC)."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def of_document(
    *, resolved: ResolvedExtraction, modified: datetime | None, exported: bool = False
) -> Evidence:
    """The evidence of an imported document: its own "as of" date, else the meeting's
    date, else its file's modification time (`modified`, None when unknown: then the
    evidence is the oldest possible, so it never overrides anything dated).

    A file this tool exported (`exported`) and a coordinator edited speaks for when it
    was saved: its modification time, when later than the date it states."""
    info, source = resolved.meeting, resolved.extraction.source
    name = Path(source).name
    if exported and info.as_of is not None:
        # The export's own date (its title row): cells a coordinator did not touch then
        # lose to anything the register learnt later, edited ones win over older news.
        when = day_start(info.as_of)
        return Evidence(when, source, f"{name} (exported {_day(info.as_of)})", how="export")
    if exported and modified is not None:
        stated_day = info.as_of or info.date
        stated = day_start(stated_day) if stated_day else None
        when = max(modified.astimezone(UTC), stated) if stated else modified.astimezone(UTC)
        return Evidence(when, source, f"{name} (saved {_day(when.date())})", how="edited export")
    if info.as_of is not None:
        return Evidence(
            day_start(info.as_of), source, f"{name} (as of {_day(info.as_of)})", how="as of"
        )
    if info.date is not None:
        return Evidence(
            day_start(info.date), source, f"{name} of {_day(info.date)}", how="meeting date"
        )
    if modified is not None:
        when = modified.astimezone(UTC)
        return Evidence(when, source, f"{name} (modified {_day(when.date())})", how="file modified")
    return Evidence(datetime.min.replace(tzinfo=UTC), source, f"{name} (undated)", how="undated")


def of_command(*, who: str, now: datetime) -> Evidence:
    """The evidence of a coordinator's command, given at `now`."""
    return Evidence(
        now, "command", f"{who}'s command of {_day(now.date())}", f"coordinator {who}", "command"
    )


def desk_author(who: str) -> str:
    """How a change made on the desk by the coordinator `who` (an address) is signed."""
    return f"coordinator {who}"


def of_desk(*, who: str, now: datetime) -> Evidence:
    """The evidence of a coordinator's edit on the desk (the web pages), made at `now`."""
    label = f"{who}'s desk edit of {_day(now.date())}"
    return Evidence(now, DESK, label, desk_author(who), DESK)


def file_time(path: str) -> datetime | None:
    """The modification time of the file at `path`, None when it cannot be read."""
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime, tz=UTC)
    except OSError:
        return None


def weigh(
    *,
    session: Session,
    action: ActionPoint,
    field: str,
    value: Any,
    current: Any,
    evidence: Evidence,
    source: str,
    now: datetime,
    note: str = "",
    rows: Rows | None = None,
) -> Verdict:
    """Weigh `value` for `field` of `action` (whose value is `current`) and record it.

    Returns APPLIED when the caller must now set the value (the as-of date is already
    set), SAME when nothing changes (a newer as-of date is kept), OLDER or CONFLICT when
    the register keeps its value. An action without an id (new) always takes the value.
    """
    held = getattr(action, f"{field}_as_of")
    origins = dict(action.origins or {})
    held_origin = origins.get(field, action.source_file)
    if value == current and action.id is not None:
        # A newer document saying the same confirms it; a cell of an export only echoes
        # the register back (it is no news, and must not outweigh what came since).
        if (held is None or evidence.as_of > held) and not evidence.echoes:
            setattr(action, f"{field}_as_of", evidence.as_of)  # confirmed by newer news
            action.origins = {**origins, field: evidence.origin}
        return Verdict.SAME
    if action.id is None or held is None or evidence.as_of > held:
        verdict = Verdict.APPLIED
    elif evidence.as_of == held and evidence.origin == held_origin:
        verdict = Verdict.APPLIED  # the same document, read again: a corrected copy
    elif evidence.as_of < held:
        verdict = Verdict.OLDER
    else:
        verdict = Verdict.CONFLICT
    if verdict is Verdict.APPLIED:
        setattr(action, f"{field}_as_of", evidence.as_of)
        action.origins = {**origins, field: evidence.origin}
    if action.id is not None:
        fact = fact_row(
            action_id=action.id,
            field=field,
            value=value,
            evidence=evidence,
            source=source,
            verdict=verdict,
            now=now,
            note=note,
        )
        if rows is not None:
            rows.add(Fact, fact)
        else:
            session.add(Fact(**fact))
    return verdict


def current_label(*, session: Session, action: ActionPoint, field: str) -> str:
    """How to name the evidence the register's value of `field` comes from."""
    origin = (action.origins or {}).get(field) or action.source_file
    held = getattr(action, f"{field}_as_of")
    day = _day(held.date()) if held is not None else "an unknown date"
    if origin not in (COMMAND, DESK):
        return f"{Path(origin).name} of {day}"
    query = (
        select(Fact)
        .where(Fact.action_id == action.id, Fact.field == field, Fact.source == origin)
        .order_by(col(Fact.id).desc())
    )
    fact = session.exec(query).first()
    who = fact.author.removeprefix("coordinator ") if fact is not None else "a coordinator"
    return f"{who}'s {'command' if origin == COMMAND else 'desk edit'} of {day}"


def fact_row(
    *,
    action_id: int,
    field: str,
    value: Any,
    evidence: Evidence,
    source: str,
    verdict: Verdict,
    now: datetime,
    note: str = "",
) -> dict[str, Any]:
    """The columns of the `Fact` that records `value` for `field` from `evidence`."""
    return {
        "action_id": action_id,
        "field": field,
        "value": value,
        "as_of": evidence.as_of,
        "source": source,
        "author": evidence.author,
        "note": note or evidence.label,
        "outcome": verdict.value,
        "recorded_at": now,
    }


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
