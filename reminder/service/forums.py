"""Which forum a command or an import means: known forums, options and documents.

The known forums are the configured ones (`[forums."NAME"]`, with their aliases) and
those the register already holds. A forum is only ever created on purpose: by
`--new-forum`, or on a fresh register when no forum is configured (then each forum the
first import names is created, and said). Every other name that matches no known forum
stops the command with the list of known forums (see `register.forums` for matching).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.settings import ForumSettings, Settings
from reminder.planning.calendar import upcoming_meetings
from reminder.register.forums import (
    ForumMatch,
    KnownForum,
    UnknownForum,
    describe,
    forum_name,
    forums_in_register,
    match_forum,
)
from reminder.register.meetings import meeting_entries

MEETINGS_HORIZON_DAYS = 400  # how far ahead a next meeting is looked for


@dataclass(frozen=True)
class ForumChoice:
    """The forum of each document, in the order given, and the forums created for them
    as (name, the file or option that named it first)."""

    forums: tuple[str, ...]
    created: tuple[tuple[str, str], ...] = field(default=())


def known_forums(*, session: Session, settings: Settings) -> list[KnownForum]:
    """The configured forums, then those only the register holds."""
    configured = [KnownForum(f.name, tuple(f.aliases)) for f in settings.forums.values()]
    names = {f.name for f in configured}
    held = [KnownForum(n, configured=False) for n in forums_in_register(session) if n not in names]
    return configured + held


def configured_forum(*, settings: Settings, name: str | None) -> str | None:
    """The configured forum `name` means, loosely matched; else `name` unchanged. For
    reading a document's rules where the register is not at hand (`reminder extract`)."""
    if not name:
        return name
    known = [KnownForum(f.name, tuple(f.aliases)) for f in settings.forums.values()]
    found = match_forum(written=name, forums=known).forum
    return found.name if found else name


def resolve_forum(*, engine: Engine, settings: Settings, name: str) -> str:
    """The known forum `name` (a name, an alias, a loose spelling) means; UnknownForum
    (usage) listing the known forums when it means none or several."""
    with Session(engine) as session:
        known = known_forums(session=session, settings=settings)
    match = match_forum(written=name, forums=known)
    if match.forum is None:
        raise UnknownForum(_option_problem(name, match, known), usage=True)
    return match.forum.name


def choose_forums(
    *,
    known: Sequence[KnownForum],
    documents: Sequence[tuple[str, str | None]],
    settings: Settings,
    forum: str | None = None,
    new_forum: bool = False,
) -> ForumChoice:
    """The forum of each (file, forum as the document names it) of one import.

    `forum` (--forum) puts every document in that known forum; else each document's own
    forum is matched, and a document naming none goes to the default forum
    (`[defaults] forum`). A name matching no known forum is created when `new_forum` is
    set or nothing is known yet (a fresh register, no forum configured), else
    UnknownForum lists every such file, the known forums and the ways out. A forum
    created for one file is known to the next, so files naming it alike share it.
    """
    known = list(known)
    creating = new_forum or not known
    if forum is not None:
        match = match_forum(written=forum, forums=known)
        if match.forum is not None:
            return ForumChoice((match.forum.name,) * len(documents))
        if not creating or match.how == "ambiguous":
            hint = "" if match.how == "ambiguous" else "\nadd --new-forum to create it"
            raise UnknownForum(_option_problem(forum, match, known) + hint, usage=True)
        name = forum_name(forum) or forum.strip()
        return ForumChoice((name,) * len(documents), ((name, "--forum"),))
    chosen: list[str] = []
    created: list[tuple[str, str]] = []
    problems: list[str] = []
    for file, written in documents:
        wanted = written if written and forum_name(written) else settings.default_forum
        match = match_forum(written=wanted, forums=known)
        if match.forum is not None:
            chosen.append(match.forum.name)
        elif creating and match.how != "ambiguous":
            name = forum_name(wanted) or wanted.strip()
            known.append(KnownForum(name, configured=False))
            created.append((name, file))
            chosen.append(name)
        else:
            problems.append(f"  {file}: {_document_problem(written, wanted, match)}")
    if problems:
        raise UnknownForum(_import_problem(problems, known), usage=False)
    return ForumChoice(tuple(chosen), tuple(created))


def _candidates(match: ForumMatch) -> str:
    return " or ".join(repr(f.name) for f in match.candidates)


def _document_problem(written: str | None, wanted: str, match: ForumMatch) -> str:
    if match.how == "ambiguous":
        return f"forum {wanted!r} could be {_candidates(match)}"
    if not written or wanted != written:
        return f"names no forum, and the default forum {wanted!r} is not a known forum"
    return f"forum {wanted!r} matches no known forum"


def _import_problem(problems: list[str], known: Sequence[KnownForum]) -> str:
    count = f"{len(problems)} file{'s' if len(problems) > 1 else ''}"
    return (
        f"nothing was imported: {count} name{'s' if len(problems) == 1 else ''} "
        "a forum that is not known\n" + "\n".join(problems) + f"\nknown forums: {describe(known)}\n"
        "either choose the forum: --forum NAME (a name or an alias) puts every file in it;\n"
        "or create it on purpose: --new-forum creates each forum the files name that matches "
        "none (--forum NAME --new-forum creates NAME)"
    )


def _option_problem(name: str, match: ForumMatch, known: Sequence[KnownForum]) -> str:
    if match.how == "ambiguous":
        what = f"--forum {name!r} could be {_candidates(match)}; give one of them"
    else:
        what = f"--forum {name!r} is not a known forum"
    return f"{what}\nknown forums: {describe(known)}"


def forum_meetings(*, session: Session, rules: ForumSettings, start: date) -> list[date]:
    """The forum's meetings from `start` on, within about a year, as the register
    (held, moved, cancelled) and its rule say: the register wins over the rule."""
    return upcoming_meetings(
        register=meeting_entries(session=session, forum=rules.name),
        rule=rules.schedule.meeting_rule,
        start=start,
        end=start + timedelta(days=MEETINGS_HORIZON_DAYS),
    )
