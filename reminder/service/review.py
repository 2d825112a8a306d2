"""The next meeting's review table, from the register to a Word or Excel file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.settings import Settings
from reminder.errors import InputError
from reminder.register.review import review_items
from reminder.service.documents import write_docx, write_xlsx
from reminder.service.forums import forum_meetings

FORMATS = ("docx", "xlsx")
GROUPINGS = ("agenda", "organisation")


def next_meeting(*, engine: Engine, settings: Settings, forum: str, today: date) -> date | None:
    """The forum's next meeting from `today` on, as the register and its rule say."""
    with Session(engine) as session:
        days = forum_meetings(session=session, rules=settings.forum(forum), start=today)
    return days[0] if days else None


def export_review(
    *,
    engine: Engine,
    settings: Settings,
    forum: str,
    meeting: date,
    out: Path,
    fmt: str,
    by: str,
    today: date,
) -> int:
    """Write the review of `forum`'s meeting of `meeting` to `out`; returns the item count."""
    if fmt not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if by not in GROUPINGS:
        raise InputError(f"--by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    name = settings.forum(forum).name
    with Session(engine) as session:
        items = review_items(session=session, forum=name, meeting=meeting)
    exported = f"Exported on {today.day} {today:%B %Y} from the action register"
    write = write_docx if fmt == "docx" else write_xlsx
    try:
        write(path=out, items=items, forum=name, meeting=meeting, by=by, exported=exported)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not a file that can be written"
        raise InputError(f"cannot write {out}: {reason}") from exc
    return len(items)
