"""What an import reports: counts, and every problem with the source it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from reminder.reading.extraction import SourceRef
from reminder.reading.resolve import ResolvedAction
from reminder.register.matching import Directory
from reminder.register.models import ActionPoint
from reminder.register.snapshot import OPEN


@dataclass(frozen=True)
class Problem:
    source: SourceRef
    text: str
    detail: str


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    unresolved_owners: list[Problem] = field(default_factory=list)
    without_date: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # One line per file: the date its evidence speaks for, and how that was found.
    evidence: list[str] = field(default_factory=list)
    # Values kept because the register's come from newer evidence, or from another
    # source of the same date; actions imported as new that may be one already held.
    kept: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


class Stood(NamedTuple):
    """An open action as it stood in a file before an import: its id and wording."""

    id: int
    text: str


def open_actions_at(
    *, session: Session, forum: str, source: str
) -> dict[tuple[str | None, int | None, int | None], Stood]:
    """The open actions read from `source` before, by sheet, row and line (one query)."""
    query = (
        sa_select(
            col(ActionPoint.source_sheet),
            col(ActionPoint.source_row),
            col(ActionPoint.source_line),
            col(ActionPoint.id),
            col(ActionPoint.text),
        )
        .where(
            col(ActionPoint.forum) == forum,
            col(ActionPoint.source_file) == source,
            col(ActionPoint.status).in_(OPEN),
        )
        .order_by(col(ActionPoint.id))
    )
    return {
        (sheet, row, line): Stood(id, text) for sheet, row, line, id, text in session.execute(query)
    }


def note_reworded(
    *,
    item: ResolvedAction,
    stood: dict[tuple[str | None, int | None, int | None], Stood],
    summary: ImportSummary,
) -> None:
    """A new action where an open one stood in the same file, sheet and row before this
    import (`stood`): probably the same action reworded. Not merged (that would be a
    guess), but said."""
    a = item.action
    if a.source.row is None and a.source.line is None:
        return
    before = stood.get((a.source.sheet, a.source.row, a.source.line))
    if before is not None and before.text != a.text:
        summary.notes.append(
            f"{a.source}: new wording where #{before.id} {before.text[:60]!r} stood; if it "
            f"is the same action: reminder actions merge {before.id} <new id>"
        )


def report_problems(*, item: ResolvedAction, summary: ImportSummary, directory: Directory) -> None:
    """Add the problems of `item` to `summary`: owners not resolved, no date to chase by."""
    a, d = item.action, item.deadline
    if not a.owners:
        summary.unresolved_owners.append(Problem(a.source, a.text, "no owner named"))
    for name in a.owners:
        found = directory.resolve(name)
        if not found.resolved:
            why = (
                "matches several directory entries"
                if found.how == "ambiguous"
                else ("not in the directory")
            )
            summary.unresolved_owners.append(Problem(a.source, a.text, f"{name!r} {why}"))
    if d.due is None and a.status.value in OPEN:
        why = f"deadline {d.phrase!r} has no date" if d.phrase else "no deadline given"
        summary.without_date.append(Problem(a.source, a.text, why))
