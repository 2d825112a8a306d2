"""How the CLI shows results: rich tables for people, JSON and CSV for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:  # types only: a command that prints loads no reader or register
    from reminder.reading.extraction import SourceRef
    from reminder.reading.resolve import ResolvedExtraction
    from reminder.register.queries import ActionView
    from reminder.register.summary import ImportSummary


def extraction_json(resolved: ResolvedExtraction) -> str:
    """The `extract --json` contract: text, owners, due_phrase, due_date, status per action."""
    items = [
        {
            "text": r.action.text,
            "owners": list(r.action.owners),
            "due_phrase": r.deadline.phrase,
            "due_date": r.deadline.due.isoformat() if r.deadline.due else None,
            "status": r.action.status.value,
        }
        for r in resolved.actions
    ]
    return json.dumps(items, indent=2, ensure_ascii=False)


def _date(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else ""


def extraction_table(console: Console, resolved: ResolvedExtraction) -> None:
    """One document for people: its meeting (date and how it was found, next meeting, the
    order of numeric dates), then each action with its deadline and where it was found."""
    info = resolved.meeting
    found = f" (from the {info.date_source})" if info.date_source else ""
    meeting = f"{_date(info.date)}{found}" if info.date else "[red]not found[/red]"
    if info.date is None and resolved.actions and all(r.meeting_date for r in resolved.actions):
        meeting = "each row's own date raised"
    order = "month-first" if info.month_first else "day-first"
    why = info.month_first_evidence or "no evidence in the document, day-first by default"
    console.print(f"[bold]{resolved.extraction.source}[/bold]  forum: {info.forum or '-'}")
    console.print(
        f"  meeting: {meeting}; next meeting: "
        f"{_date(info.next_meeting) or info.next_meeting_phrase or '-'}; "
        f"numeric dates: {order} ({why})",
        highlight=False,
    )
    table = Table(show_lines=False)
    for name in ("#", "Action", "Owners", "Deadline as written", "Due", "Status", "Where"):
        table.add_column(name, overflow="fold")
    for n, r in enumerate(resolved.actions, 1):
        flags = f" ({', '.join(r.deadline.flags)})" if r.deadline.flags else ""
        table.add_row(
            str(n),
            r.action.text,
            ", ".join(r.action.owners) or "[red]none[/red]",
            r.deadline.phrase or "",
            _date(r.deadline.due) + flags,
            r.action.status.value,
            _where(r.action.source),
        )
    console.print(table)
    for skipped in resolved.extraction.skipped:
        console.print(f"[yellow]skipped[/yellow] {skipped.source}: {skipped.reason}")
    for note in (*resolved.extraction.notes, *resolved.notes):
        console.print(f"[dim]note[/dim] {note}")


def _where(source: SourceRef) -> str:
    """Where in its file an action was found: "sheet 'Log', row 7", "line 12"."""
    parts = [f"sheet {source.sheet!r}"] if source.sheet is not None else []
    parts += [f"row {source.row}"] if source.row is not None else []
    parts += [f"line {source.line}"] if source.line is not None else []
    return ", ".join(parts) or "-"


def import_report(console: Console, summary: ImportSummary) -> None:
    # soft_wrap: a line is never folded by the console, so a long file path stays whole
    # (and greppable) in a log; a terminal still wraps it on screen.
    console.print(
        f"[bold]new {summary.new}, updated {summary.updated}, unchanged "
        f"{summary.unchanged}[/bold]; owners unresolved {len(summary.unresolved_owners)}; "
        f"deadlines without a date {len(summary.without_date)}; "
        f"rows skipped {len(summary.skipped)}",
        soft_wrap=True,
    )
    for title, problems in (
        ("owner unresolved", summary.unresolved_owners),
        ("no date", summary.without_date),
        ("skipped", summary.skipped),
    ):
        for p in problems:
            text = f" {p.text[:70]!r}" if p.text else ""
            console.print(
                f"  [yellow]{title}[/yellow] {p.source}:{text} {p.detail}",
                highlight=False,
                soft_wrap=True,
            )
    for line in summary.evidence:
        console.print(f"  [dim]evidence[/dim] {escape(line)}", highlight=False, soft_wrap=True)
    for title, lines in (
        ("kept", summary.kept),
        ("conflict", summary.conflicts),
        ("probable duplicate", summary.duplicates),
    ):
        for line in lines:
            console.print(
                f"  [yellow]{title}[/yellow] {escape(line)}", highlight=False, soft_wrap=True
            )
    for note in summary.notes:
        console.print(f"  [dim]note[/dim] {escape(note)}", highlight=False, soft_wrap=True)


def _cell(value: Any) -> Any:
    """A value of `actions --format csv`: lists joined, text neutralised as in exports."""
    from reminder.cli.export import neutralised

    if isinstance(value, list):
        value = "; ".join(str(x) for x in value)
    return neutralised(value) if isinstance(value, str) else ("" if value is None else value)


def _row(view: ActionView, today: date) -> dict[str, Any]:
    late = view.days_overdue(today)
    return {
        "id": view.id,
        "forum": view.forum,
        "meeting_date": view.meeting_date.isoformat() if view.meeting_date else None,
        "text": view.text,
        "owners": [o.name for o in view.owners],
        "resolved_owners": [o.resolved_to for o in view.owners],
        "organisations": sorted({o.organisation for o in view.owners if o.organisation}),
        "due_phrase": view.due_phrase,
        "due_date": view.due_date.isoformat() if view.due_date else None,
        "status": view.status,
        "days_overdue": late,
        "source": view.source,
    }


def actions_output(console: Console, views: Sequence[ActionView], *, fmt: str, today: date) -> None:
    if fmt == "json":
        console.print_json(json.dumps([_row(v, today) for v in views], ensure_ascii=False))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        rows = [_row(v, today) for v in views]
        header = list(_row(views[0], today)) if views else ["id", "text"]
        writer.writerow(header)
        for row in rows:
            # Redirected to a file, this is opened in a spreadsheet: no cell runs there.
            writer.writerow([_cell(v) for v in row.values()])
        console.out(buffer.getvalue(), end="", highlight=False)
        return
    # The action text gets the room; a forum column only when the rows span several.
    forums = sorted({v.forum for v in views})
    several = len(forums) > 1
    title = f"{len(views)} action point(s)" + ("" if several or not forums else f", {forums[0]}")
    table = Table(title=title, expand=True)
    table.add_column("ID", no_wrap=True)
    if several:
        table.add_column("Forum", ratio=1, overflow="fold")
    table.add_column("Action", ratio=4, overflow="fold")
    table.add_column("Owners", ratio=2, overflow="fold")
    table.add_column("Due", ratio=2, overflow="fold")
    table.add_column("Status", no_wrap=True)
    for v in views:
        late = v.days_overdue(today)
        due = _date(v.due_date) or (v.due_phrase or "no deadline")
        if late:
            due = f"[red]{due}\n{late} days late[/red]"
        owners = (
            ", ".join(f"{o.name}" + ("" if o.resolved_to else " [red](?)[/red]") for o in v.owners)
            or "[red]none[/red]"
        )
        forum = (v.forum,) if several else ()
        table.add_row(str(v.id), *forum, v.text, owners, due, v.status.replace("_", " "))
    console.print(table)


def overview(console: Console, views: Sequence[ActionView], *, today: date, days: int) -> None:
    """Three sections: overdue (oldest first), due within `days`, and without a date."""
    from datetime import timedelta

    horizon = today + timedelta(days=days)
    overdue = sorted((v for v in views if v.days_overdue(today)), key=lambda v: v.due_date or today)
    soon = [v for v in views if v.due_date and today <= v.due_date <= horizon]
    undated = [v for v in views if v.due_date is None]
    console.print(
        f"[bold]As of {_date(today)}: {len(views)} open, {len(overdue)} overdue, "
        f"{len(soon)} due by {_date(horizon)}, {len(undated)} without a date[/bold]"
    )
    for title, items in (
        ("Overdue", overdue),
        (f"Due in the next {days} days", soon),
        ("No deadline yet", undated),
    ):
        console.rule(f"{title} ({len(items)})")
        if items:
            actions_output(console, items, fmt="table", today=today)
