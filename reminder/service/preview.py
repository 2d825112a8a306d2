"""What an import of one uploaded file would do, before anything is written (the desk).

`read_upload` reads and resolves the file as `reminder import` does, with the file named
by the name it was uploaded under (not where the server keeps it). `preview_file` says
per action what the import would make of it: the owners as the directory resolves them,
the deadline as read against the meeting, and which register action it is (or probably
duplicates) by the import's own matching (`register.identity`). Nothing is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.settings import Settings
from reminder.errors import InputError
from reminder.reading.dispatch import read_source
from reminder.reading.extraction import Extraction
from reminder.reading.resolve import ResolvedAction, ResolvedExtraction
from reminder.register.bulk import Rows
from reminder.register.directory import load_directory
from reminder.register.identity import Identity, Match
from reminder.register.matching import Directory
from reminder.register.pending import NewActions
from reminder.register.wordings import fingerprint
from reminder.service.forums import configured_forum
from reminder.service.imports import resolve_read

_HOW = {
    "register id": "its Register ID",
    "tracker id": "the same tracker ID",
    "wording": "the same wording",
}


@dataclass(frozen=True)
class Owner:
    name: str  # as written
    resolved: str | None  # "organisation CPSS", None when the directory has no match
    how: str  # name, acronym, alias, first_name, role_suffix, fuzzy, ambiguous


@dataclass(frozen=True)
class Row:
    """One action as the import would take it; `index` is its place in the file."""

    index: int
    text: str
    owners: tuple[Owner, ...]
    due_phrase: str
    due: date | None
    due_how: str
    status: str
    source: str
    match: str  # what the import would do with it, in words
    updates: int | None = None  # the register action it is
    duplicate_of: int | None = None  # the register action it probably is (imported as new)
    importable: bool = True
    same_as: int | None = None  # an earlier row of this file that is the same action

    @property
    def owners_text(self) -> str:
        return ", ".join(o.name for o in self.owners)


@dataclass(frozen=True)
class Preview:
    file: str
    forum: str
    meeting_date: date | None
    date_source: str | None
    next_meeting: date | None
    rows: tuple[Row, ...]
    skipped: tuple[tuple[str, str], ...]  # (where, why)
    notes: tuple[str, ...]
    digest: str  # the actions as read: a confirm checks the file still reads the same


def read_upload(*, path: Path, name: str, settings: Settings, forum: str) -> ResolvedExtraction:
    """The file at `path`, uploaded as `name`, read and resolved for `forum`; InputError
    naming `name` when it cannot be used."""
    try:
        extraction = read_source(path)
    except InputError as exc:
        raise type(exc)(str(exc).replace(str(path), name)) from exc
    named = _named(extraction, old=str(path), new=name)
    return resolve_read(
        extraction=named, settings=settings, forum=configured_forum(settings=settings, name=forum)
    )


def digest_of(actions: Sequence[ResolvedAction]) -> str:
    """A fingerprint of what was read, row by row."""
    lines = (f"{fingerprint(a.action.text)}|{a.action.source}" for a in actions)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def preview_file(
    *, engine: Engine, settings: Settings, path: Path, name: str, forum: str
) -> Preview:
    """What importing the file at `path` (uploaded as `name`) into `forum` would do."""
    resolved = read_upload(path=path, name=name, settings=settings, forum=forum)
    with Session(engine) as session:
        directory = load_directory(session)
        names = {(e.kind, e.id): f"{e.kind} {e.name}" for e in directory.entries}
        matches = _matches(session=session, forum=forum, resolved=resolved)
        rows = _within_file(
            [
                _row(index=i, item=item, match=m, directory=directory, names=names)
                for i, (item, m) in enumerate(zip(resolved.actions, matches, strict=True))
            ]
        )
        session.rollback()  # the matching writes nothing; and nothing is ever kept
    info = resolved.meeting
    return Preview(
        file=name,
        forum=forum,
        meeting_date=info.date,
        date_source=info.date_source,
        next_meeting=info.next_meeting,
        rows=rows,
        skipped=tuple((str(s.source), s.reason) for s in resolved.extraction.skipped),
        notes=(*resolved.extraction.notes, *resolved.notes),
        digest=digest_of(resolved.actions),
    )


def _matches(*, session: Session, forum: str, resolved: ResolvedExtraction) -> list[Match]:
    """The register action each item is, found as `import_resolved` finds it (an item
    of the same file is not seen: nothing of this file is in the register yet)."""
    keys = [fingerprint(i.action.text) for i in resolved.actions]
    added = NewActions(session=session, rows=Rows(), on_insert=lambda _: None)
    identity = Identity(
        session=session, forum=forum, items=resolved.actions, keys=keys, added=added
    )
    found = []
    for item, key in zip(resolved.actions, keys, strict=True):
        match = identity.find(item, key)
        if match.action is not None and match.how != "likely":
            identity.claim(match.action)
        found.append(match)
    return found


def _within_file(rows: list[Row]) -> tuple[Row, ...]:
    """`rows`, each one that is the same action as an earlier row (the same wording, or
    the same register item) said so: the import takes the later row as the newer word
    on it and reports it only afterwards, so the review says it before."""
    first: dict[object, Row] = {}
    out = []
    for row in rows:
        keys: list[object] = [fingerprint(row.text)]
        if row.updates is not None:
            keys.append(row.updates)
        earlier = next((first[k] for k in keys if k in first), None)
        if earlier is not None and row.importable:
            said = (
                f"{row.match}; the same action as row {earlier.index + 1} of this file: "
                "this later row updates it (drop one of them if that is not meant)"
            )
            row = replace(row, match=said, same_as=earlier.index)
        for k in keys:
            first.setdefault(k, row)
        out.append(row)
    return tuple(out)


def _row(
    *,
    index: int,
    item: ResolvedAction,
    match: Match,
    directory: Directory,
    names: dict[tuple[str, int], str],
) -> Row:
    action, deadline = item.action, item.deadline
    owners = []
    for owner in action.owners:
        found = directory.resolve(owner)
        key = (found.kind, found.id or 0)
        owners.append(Owner(owner, names.get(key) if found.resolved else None, found.how))
    held = match.action.id if match.action is not None else None
    if match.how == "unknown register id":
        said, importable = f"skipped: Register ID {action.register_id} is no action here", False
    elif match.how == "likely":
        said, importable = f"new; probably the same as #{held} ({match.score}% alike)", True
    elif held is not None:
        how = _HOW.get(match.how, f"{match.score}% alike, same owners")
        said, importable = f"updates #{held} ({how})", True
    else:
        said, importable = "new", True
    how = deadline.method.value.replace("_", " ")
    return Row(
        index=index,
        text=action.text,
        owners=tuple(owners),
        due_phrase=deadline.phrase or "",
        due=deadline.due,
        due_how=f"{how}: {deadline.note}" if deadline.note else how,
        status=action.status.value,
        source=str(action.source),
        match=said,
        updates=held if match.how != "likely" else None,
        duplicate_of=held if match.how == "likely" else None,
        importable=importable,
    )


def _named(extraction: Extraction, *, old: str, new: str) -> Extraction:
    """`extraction` as if read from a file called `new` (it was read from `old`)."""
    actions = tuple(replace(a, source=replace(a.source, file=new)) for a in extraction.actions)
    skipped = tuple(replace(s, source=replace(s.source, file=new)) for s in extraction.skipped)
    notes = tuple(n.replace(old, new) for n in extraction.notes)
    return replace(extraction, source=new, actions=actions, skipped=skipped, notes=notes)
