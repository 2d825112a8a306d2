"""`reminder export review`: the next meeting's "Review of previous action points"."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reminder import clock
from reminder.cli.context import parse_date

export_app = typer.Typer(help="Documents for the next meeting.", no_args_is_help=True)
out = Console()


@export_app.command("review")
def review(
    ctx: typer.Context,
    forum: Annotated[
        str | None, typer.Option(help="The forum (default: the default forum).")
    ] = None,
    meeting: Annotated[
        str | None, typer.Option(help="The meeting's date, YYYY-MM-DD (default: the next one).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="docx or xlsx.")] = "docx",
    by: Annotated[str, typer.Option(help="Group by agenda item or organisation.")] = "agenda",
    out_file: Annotated[Path | None, typer.Option("--out", help="The file to write.")] = None,
) -> None:
    """Write the review table of the open items, with their latest status and the updates
    received since the last meeting; imported back, it updates the same items by id."""
    from reminder.service.review import FORMATS, GROUPINGS, export_review, next_meeting

    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    if by not in GROUPINGS:
        raise typer.BadParameter(f"expected one of {', '.join(GROUPINGS)}", param_hint="--by")
    settings = ctx.obj.settings()
    engine = ctx.obj.engine(settings)
    name = settings.forum(ctx.obj.forum(forum, settings=settings)).name
    today = clock.now().date()
    day = parse_date(meeting, "--meeting") or next_meeting(
        engine=engine, settings=settings, forum=name, today=today
    )
    if day is None:
        raise typer.BadParameter(
            f"no next meeting of {name!r} is known; give its date", param_hint="--meeting"
        )
    path = out_file or Path(f"review-{name.replace(' ', '_')}-{day.isoformat()}.{fmt}")
    count = export_review(
        engine=engine,
        settings=settings,
        forum=name,
        meeting=day,
        out=path,
        fmt=fmt,
        by=by,
        today=today,
    )
    out.print(
        f"wrote {count} action point(s) to review at the meeting of {day:%-d %B %Y} to {path}; "
        f"after the meeting: reminder import {path} --forum {name!r}",
        highlight=False,
    )
