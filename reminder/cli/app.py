"""The `reminder` command: parses arguments, builds resources, calls the service.

Only this module builds concrete resources (settings, engine, clock readings);
it holds no logic of its own beyond choosing what to print and the exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from reminder import clock
from reminder.cli import actions as cli_actions
from reminder.cli import edit as cli_edit
from reminder.cli import notices as cli_notices
from reminder.cli import output as cli_output
from reminder.cli import service as cli_service
from reminder.cli import web as cli_web
from reminder.cli.context import (
    Context,
    MeetingDate,
    NextMeeting,
    check_arguments,
    forum_name,
    parse_date,
)
from reminder.cli.review import export_app
from reminder.errors import ReminderError

# Each command imports the readers, the register and the services it uses when it runs
# (`from reminder.service import imports as service` inside it): `reminder --help` and a
# short command start without SQLAlchemy, openpyxl, Alembic and the readers they do not use.


class _Checked(TyperGroup):
    """The root command: every argument is checked as text before any is parsed."""

    # The context is click's, which typer vendors privately: not named here.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        check_arguments(args)
        return super().parse_args(ctx, args)


app = typer.Typer(
    help="Keep the action register of coordination meetings and chase its owners.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=_Checked,
)
directory_app = typer.Typer(
    help="The contact directory owners are resolved against.", no_args_is_help=True
)
app.add_typer(directory_app, name="directory")
app.add_typer(export_app, name="export")
out = Console()
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            help="Configuration file (TOML). "
            "Default: $REMINDER_CONFIG, else ./config/reminder.toml if present."
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(
            help="Register URL or SQLite path; "
            "default $REMINDER_DATABASE_URL, else sqlite:///reminder.db."
        ),
    ] = None,
) -> None:
    ctx.obj = Context(config=config, database=database)
    ctx.call_on_close(ctx.obj.close)


@app.command()
def extract(
    ctx: typer.Context,
    path: Path,
    meeting_date: MeetingDate = None,
    next_meeting: NextMeeting = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """Print the action points found in one file, without touching the register."""
    from reminder.service import imports as service

    settings = ctx.obj.settings()
    resolved = service.extract_file(
        path=path,
        settings=settings,
        meeting_date=parse_date(meeting_date, "--meeting-date"),
        next_meeting=parse_date(next_meeting, "--next-meeting"),
    )
    if as_json:
        out.out(cli_output.extraction_json(resolved), highlight=False)
        for note in resolved.notes:  # e.g. no meeting date: said on stderr, JSON stays clean
            err.print(f"note: {note}", highlight=False, soft_wrap=True)
    else:
        cli_output.extraction_table(out, resolved)


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Trackers (CSV, XLSX) and minutes (DOCX, HTML, TXT, MD, PDF)."),
    ],
    forum: Annotated[
        str | None,
        typer.Option(
            help="Put every file in this known forum (its name or an alias; default: the "
            "forum each document names, else the configured default forum)."
        ),
    ] = None,
    new_forum: Annotated[
        bool,
        typer.Option(
            "--new-forum",
            help="Create the forums the documents name that match no known forum "
            "(with --forum NAME: create NAME). Without it such an import stops, "
            "except into a fresh register with no forum configured.",
        ),
    ] = False,
    meeting_date: MeetingDate = None,
    next_meeting: NextMeeting = None,
    keep_going: Annotated[
        bool, typer.Option(help="Import the readable files even when others cannot be read.")
    ] = False,
) -> None:
    """Add or update the register from trackers and minutes (one transaction).

    Each document's forum is matched against the known forums (configured, with their
    aliases, and those in the register), whatever the case, punctuation, acronym in
    parentheses or trailing "– Monthly"/"meeting". When one matches none, nothing is
    imported: choose the forum with --forum NAME, or create it with --new-forum.
    """
    from reminder.register.forums import UnknownForum
    from reminder.service import imports as service

    # Every value is checked before the register is opened (or created).
    meeting, following = (
        parse_date(meeting_date, "--meeting-date"),
        parse_date(next_meeting, "--next-meeting"),
    )
    forum = forum_name(forum, "--forum")
    settings = ctx.obj.settings()
    engine = ctx.obj.engine(settings)
    try:
        with err.status("reading") as status:
            summary = service.import_files(
                engine=engine,
                paths=paths,
                settings=settings,
                now=clock.now(),
                meeting_date=meeting,
                next_meeting=following,
                forum=forum,
                new_forum=new_forum,
                keep_going=keep_going,
                on_file=lambda p: status.update(f"reading {p}"),
            )
    except UnknownForum as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2 if exc.usage else 1) from None
    cli_output.import_report(out, summary)
    if summary.new + summary.updated + summary.unchanged == 0:
        err.print("[red]error:[/red] no action point could be imported", highlight=False)
        raise typer.Exit(1)


@app.command()
def overview(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(help="How far ahead 'due soon' looks.", min=0, max=3650)
    ] = 14,
    today: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD")] = None,
    forum: Annotated[str | None, typer.Option(help="Only this forum (a name or an alias).")] = None,
) -> None:
    """What is open: overdue, due soon, and without a date."""
    from reminder.register.queries import OPEN_STATUSES, ActionFilter
    from reminder.service import lookup as service

    as_of = parse_date(today, "--today") or clock.today()
    settings = ctx.obj.settings()
    filters = ActionFilter(statuses=OPEN_STATUSES, forum=ctx.obj.forum(forum, settings=settings))
    views = service.find_actions(engine=ctx.obj.engine(settings), filters=filters)
    cli_output.overview(out, views, today=as_of, days=days)


@directory_app.command("import")
def contacts(ctx: typer.Context, path: Path) -> None:
    """Add or update contacts (CSV/XLSX: name, email, organisation, role, aliases, groups)."""
    from reminder.service import imports as service

    settings = ctx.obj.settings()
    summary = service.import_contacts(engine=ctx.obj.engine(settings), path=path)
    out.print(
        f"[bold]contacts new {summary.contacts_new}, updated {summary.contacts_updated}; "
        f"organisations new {summary.organisations}; groups new {summary.groups}[/bold]"
    )
    out.print(
        f"owners in the register: {summary.owners_resolved} resolved, "
        f"{summary.owners_unresolved} unresolved"
    )
    for line in summary.skipped:
        out.print(f"  [yellow]skipped[/yellow] {line}", highlight=False)
    for line in summary.notes:
        out.print(f"  [dim]note[/dim] {line}", highlight=False)


@app.command("migrate")
def migrate_command(ctx: typer.Context) -> None:
    """Create or upgrade the register's schema (other commands do this too)."""
    from reminder.register.engine import make_engine

    settings = ctx.obj.settings()
    ctx.obj.engine(settings)
    out.print(f"register ready: {make_engine(settings.database_url).url!r}")


cli_notices.register(app)
cli_service.register(app)
cli_actions.register(app)
cli_edit.register(app)
cli_web.register(app)


def main() -> None:
    """Console-script entry point: clean messages and exit code 1 for expected errors."""
    try:
        app()
    except ReminderError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise SystemExit(1) from None
