"""Thin wiring of the stages for one command: read -> resolve -> register.

Functions here take concrete resources (engine, settings, dates) as keyword
arguments; only the CLI builds those resources.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from reminder.collector import collector_paused
from reminder.config.settings import Settings
from reminder.deadlines.read import WorkWeek
from reminder.errors import InputError
from reminder.reading.dispatch import read_source
from reminder.reading.extraction import Extraction
from reminder.reading.resolve import ResolvedExtraction, resolve_extraction
from reminder.register.directory import DirectorySummary, import_directory, load_directory
from reminder.register.engine import transaction
from reminder.register.entries import note_import
from reminder.register.imports import import_resolved
from reminder.register.summary import ImportSummary
from reminder.service.forums import choose_forums, configured_forum, known_forums
from reminder.service.lookup import find_actions

__all__ = ["extract_file", "find_actions", "import_contacts", "import_files", "resolve_read"]


def extract_file(
    *,
    path: Path,
    settings: Settings,
    today: date | None = None,
    meeting_date: date | None = None,
    next_meeting: date | None = None,
    forum: str | None = None,
) -> ResolvedExtraction:
    """Read and resolve one file without touching the register.

    Deadlines are read against the document's own meeting date (or `meeting_date`, from
    --meeting-date); `today` is accepted for older callers and never used as an anchor.
    The working week is that of the configured forum the document (or `forum`) names.
    """
    del today  # today's date is never an anchor for a document's dates
    extraction = read_source(path)
    name = configured_forum(settings=settings, name=forum or extraction.meeting.forum)
    return _resolve(
        extraction,
        settings=settings,
        forum=name,
        meeting_date=meeting_date,
        next_meeting=next_meeting,
    )


def resolve_read(
    *, extraction: Extraction, settings: Settings, forum: str | None
) -> ResolvedExtraction:
    """Resolve a file read for `forum` as `import_files` does (the desk's import review)."""
    return _resolve(
        extraction, settings=settings, forum=forum, meeting_date=None, next_meeting=None
    )


def _resolve(
    extraction: Extraction,
    *,
    settings: Settings,
    forum: str | None,
    meeting_date: date | None,
    next_meeting: date | None,
) -> ResolvedExtraction:
    workweek = None
    if not extraction.meeting.working_days:
        workweek = WorkWeek(frozenset(settings.forum(forum).working_days))
    return resolve_extraction(
        extraction,
        meeting_date=meeting_date,
        next_meeting=next_meeting,
        workweek=workweek,
    )


@collector_paused()  # see reminder.collector: a quarter of a large import's time
def import_files(
    *,
    engine: Engine,
    paths: Sequence[Path],
    settings: Settings,
    now: datetime,
    today: date | None = None,
    meeting_date: date | None = None,
    next_meeting: date | None = None,
    forum: str | None = None,
    new_forum: bool = False,
    keep_going: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> ImportSummary:
    """Import `paths` into the register in one transaction.

    Every file is read before anything is written. When a file cannot be read, nothing
    is written and InputError lists every such file, unless `keep_going` is set: then
    the readable files are imported and the others reported in the summary. A file with
    no meeting date is imported with the deadlines that need one left undated, and a note
    naming it; `today` is never used in its place.

    Each file's forum is a known one (see `service.forums.choose_forums`): `forum`
    (--forum, a name or alias) for every file, else the one the file names. A forum that
    matches none stops the import with UnknownForum before anything is written, unless
    `new_forum` is set or nothing is known yet; a forum so created is the summary's first
    note ("new forum 'X' created").
    """
    del today
    summary = ImportSummary()
    read: list[tuple[Path, Extraction]] = []
    failures: list[str] = []
    for path in paths:
        if on_file:
            on_file(path)
        try:
            read.append((path, read_source(path)))
        except InputError as exc:
            failures.append(str(exc))
    if failures and not keep_going:
        raise InputError("nothing was imported:\n" + "\n".join(failures))
    summary.notes.extend(f"not imported: {f}" for f in failures)
    with transaction(engine) as session:
        choice = choose_forums(
            known=known_forums(session=session, settings=settings),
            documents=[(str(path), extraction.meeting.forum) for path, extraction in read],
            settings=settings,
            forum=forum,
            new_forum=new_forum,
        )
        summary.notes[:0] = [
            f"new forum {name!r} created (named by {origin}); it has the default rules "
            "(time zone, working week, no coordinator) until the configuration names it"
            for name, origin in choice.created
        ]
        resolved = [
            (
                name,
                _resolve(
                    extraction,
                    settings=settings,
                    forum=name,
                    meeting_date=meeting_date,
                    next_meeting=next_meeting,
                ),
            )
            for (_, extraction), name in zip(read, choice.forums, strict=True)
        ]
        directory = load_directory(session)
        # Oldest meeting first, so that `import minutes/*` leaves each action with the
        # status of its newest meeting, whatever order the file names sort in.
        for name, item in sorted(resolved, key=lambda r: r[1].meeting.date or date.min):
            import_resolved(
                session=session,
                resolved=item,
                forum=name,
                directory=directory,
                now=now,
                summary=summary,
            )
    return summary


def import_contacts(
    *, engine: Engine, path: Path, author: str | None = None, now: datetime | None = None
) -> DirectorySummary:
    """Import a contact directory and re-resolve the register's owners, in one transaction;
    with `author` and `now` (the desk's import), recorded as one directory change."""
    with transaction(engine) as session:
        summary = import_directory(session=session, path=path)
        if author is not None and now is not None:
            note_import(session=session, name=path.name, summary=summary, author=author, now=now)
        return summary
