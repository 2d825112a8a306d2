"""Reading the register back for people: `reminder action show ID` (one action, where it
came from, and its whole history) and `reminder meeting list`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reminder.cli.context import ID_MAX

out = Console()
err = Console(stderr=True, soft_wrap=True)


def show(
    ctx: typer.Context,
    action_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=ID_MAX)],
) -> None:
    """The action (text, forum, meeting, owners, deadline, status), every source it came
    from, and its history: each fact and status change, oldest first."""
    from reminder.register import history
    from reminder.register.engine import transaction
    from reminder.register.models import Meeting

    settings = ctx.obj.settings()
    with transaction(ctx.obj.engine(settings)) as session:
        action = history.find_action(session=session, action_id=action_id)
        if action is None:
            err.print(
                f"[red]error:[/red] there is no action #{action_id} in the register",
                highlight=False,
            )
            raise typer.Exit(1)
        meeting = session.get(Meeting, action.meeting_id) if action.meeting_id else None
        owners = history.owners_of(session=session, action_id=action_id)
        sources = history.sources_of(session=session, action_id=action_id)
        entries = history.history_of(session=session, action_id=action_id)
    status = action.status.replace("_", " ")
    if action.merged_into is not None:
        status = f"merged into #{action.merged_into} (see `reminder action show "
        status += f"{action.merged_into}`)"
    due = action.due_date.strftime("%a %d %b %Y") if action.due_date else "no date"
    resolved = ", ".join(
        f"{o.name} -> {o.resolved_to}" if o.resolved_to else f"{o.name} -> unresolved"
        for o in owners
    )
    where = [action.source_file]
    where += [f"sheet {action.source_sheet!r}"] if action.source_sheet else []
    where += [f"row {action.source_row}"] if action.source_row else []
    where += [f"line {action.source_line}"] if action.source_line else []
    meeting_text = "-"
    if meeting is not None:
        meeting_text = " ".join(
            x for x in (f"{meeting.date:%a %d %b %Y}" if meeting.date else "", meeting.title) if x
        )
    lines = [
        ("Action", action.text),
        ("Forum", action.forum),
        ("Meeting", meeting_text or "-"),
        ("Owners", action.owners_raw or "none"),
        ("Resolved to", resolved or "-"),
        ("Deadline", f"{action.due_phrase or '-'} ({due})"),
        ("Status", status + (f" (written {action.status_raw!r})" if action.status_raw else "")),
        ("Remarks", action.remarks or "-"),
        ("Source", ", ".join(where)),
    ]
    out.print(f"[bold]#{action_id}[/bold]")
    for name, value in lines:
        out.print(f"  [bold]{name}:[/bold] {escape(value)}", highlight=False, soft_wrap=True)
    out.print("[bold]Sources[/bold]")
    for s in sources:
        out.print(f"  {escape(s.where)} ({escape(s.label)})", highlight=False, soft_wrap=True)
    if not sources:
        out.print("  none but commands")
    table = Table(title=f"History of #{action_id} ({len(entries)})", show_lines=False)
    for name in ("When", "Field", "Value", "As of", "Source", "Author", "Outcome", "Note"):
        table.add_column(name, overflow="fold")
    for e in entries:
        table.add_row(
            _when(e.at),
            "deadline" if e.field == "due" else e.field,
            escape(_value(e.value)),
            _when(e.as_of) if e.as_of else "",
            escape(e.source),
            escape(e.author),
            e.outcome,
            escape(e.note),
        )
    out.print(table)


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def _value(value: Any) -> str:
    """A fact's value in a cell: owners as written, a deadline's phrase and date."""
    if isinstance(value, dict):
        if "raw" in value:
            return str(value.get("raw") or ", ".join(value.get("owners", ())))
        if "phrase" in value:
            phrase, day = value.get("phrase"), value.get("date")
            shown = (phrase, f"({day})" if day and day != phrase else "")
            return " ".join(x for x in shown if x) or "no deadline"
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return "" if value is None else str(value)


def meeting_list(
    ctx: typer.Context,
    forum: Annotated[str | None, typer.Option(help="Only this forum (a name or an alias).")] = None,
) -> None:
    """The meetings the register holds (date, forum, title, next meeting, source)."""
    from reminder.register.engine import transaction
    from reminder.register.history import meetings_of

    settings = ctx.obj.settings()
    name = ctx.obj.forum(forum, settings=settings)
    with transaction(ctx.obj.engine(settings)) as session:
        meetings = meetings_of(session=session, forum=name)
    table = Table(title=f"{len(meetings)} meeting(s)" + (f", {name}" if name else ""))
    for column in ("Date", "Forum", "Title", "Next meeting", "Cancelled", "Source"):
        table.add_column(column, overflow="fold")
    for m in meetings:
        nxt = f"{m.next_meeting_date:%a %d %b %Y}" if m.next_meeting_date else ""
        table.add_row(
            f"{m.date:%a %d %b %Y}" if m.date else "no date",
            escape(m.forum),
            escape(m.title or ""),
            nxt or escape(m.next_meeting_phrase or ""),
            "cancelled" if m.cancelled else "",
            escape(m.source_file),
        )
    out.print(table)
