"""`reminder actions`: list the register (table, CSV, JSON), export it for editing
(`--out FILE`, XLSX or CSV with a "Register ID" column), and `actions merge A B`."""

from __future__ import annotations

import shlex
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reminder import clock
from reminder.cli import output as cli_output
from reminder.cli.context import ID_MAX, parse_date
from reminder.cli.edit import By, author_of, reported
from reminder.register.probe import holds_no_action, normalise_url

# What a command needs of the register and the services is imported when it runs.

actions_app = typer.Typer(
    help="List, export and merge the register's action points.", no_args_is_help=False
)
out = Console()
err = Console(stderr=True, soft_wrap=True)


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@actions_app.callback(invoke_without_command=True)
def actions(
    ctx: typer.Context,
    owner: Annotated[str | None, typer.Option(help="Owner as written or as resolved.")] = None,
    organisation: Annotated[str | None, typer.Option(help="Owner's organisation.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="open, in_progress, done, cancelled (repeatable).")
    ] = None,
    overdue: Annotated[bool, typer.Option(help="Only open items past their due date.")] = False,
    due_before: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD")] = None,
    forum: Annotated[str | None, typer.Option(help="Only this forum (a name or an alias).")] = None,
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format", help="table, csv or json on screen; xlsx or csv with --out: a file to edit."
        ),
    ] = ListFormat.table,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="Write an editable export (first column 'Register ID') to FILE; "
            "`reminder import FILE` updates exactly those actions.",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="Count overdue days as of this date (default: today)."
        ),
    ] = None,
) -> None:
    """List action points from the register (or export them with --out)."""
    if ctx.invoked_subcommand is not None:
        return
    if status:  # the edits module is only needed to check the values given
        from reminder.register.edits import STATUSES
    for value in status or []:
        if value not in STATUSES:
            raise typer.BadParameter(
                f"{value!r}; expected one of {', '.join(STATUSES)}", param_hint="--status"
            )
    if out_file is None and fmt is ListFormat.xlsx:
        raise typer.BadParameter("xlsx is written to a file: add --out FILE", param_hint="--format")
    if out_file is not None and fmt is ListFormat.json:
        raise typer.BadParameter("--out writes xlsx or csv, not json", param_hint="--format")
    if out_file is not None and fmt is ListFormat.table:
        fmt = ListFormat.csv if out_file.suffix.lower() == ".csv" else ListFormat.xlsx
    as_of = parse_date(today, "--today") or clock.today()
    settings = ctx.obj.settings()
    if out_file is not None and _is_register(out_file, settings.database_url):
        raise typer.BadParameter(
            f"{out_file} is the register itself; write the export to another file",
            param_hint="--out",
        )
    before = parse_date(due_before, "--due-before")
    if out_file is None and forum is None and holds_no_action(settings.database_url):
        # An empty SQLite register lists nothing whatever the filters: said without
        # loading SQLAlchemy. A --forum is still checked against the known forums.
        cli_output.actions_output(out, [], fmt=fmt.value, today=as_of)
        return
    from reminder.register.engine import transaction
    from reminder.register.queries import ActionFilter
    from reminder.service import lookup as service

    filters = ActionFilter(
        owner=owner,
        organisation=organisation,
        statuses=tuple(status or ()),
        overdue_on=as_of if overdue else None,
        due_before=before,
        forum=ctx.obj.forum(forum, settings=settings),
    )
    engine = ctx.obj.engine(settings)
    # A merged action only forwards to the one it joined: it is not listed.
    views = [
        v for v in service.find_actions(engine=engine, filters=filters) if v.status != "merged"
    ]
    if out_file is None:
        cli_output.actions_output(out, views, fmt=fmt.value, today=as_of)
        return
    from reminder.cli import export
    from reminder.register.history import actions_by_id

    with transaction(engine) as session:
        rows = actions_by_id(session=session, ids=[v.id for v in views])
        table = export.rows_of(views, rows)
    try:
        if fmt is ListFormat.csv:
            export.write_csv(out_file, table, day=as_of)
        else:
            export.write_xlsx(out_file, table, day=as_of)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {out_file}: {exc.strerror}", highlight=False)
        raise typer.Exit(1) from None
    forums = sorted({v.forum for v in views})
    # An import reads a file into one forum, and finds a Register ID in that forum only.
    command = f"reminder import {shlex.quote(str(out_file))}"
    command += f" --forum {shlex.quote(forums[0])}" if len(forums) == 1 else ""
    out.print(
        f"exported {len(views)} action point(s) to {out_file}; edit it, then "
        f"`{command}` updates them by their Register ID",
        highlight=False,
    )
    if len(forums) > 1:
        out.print(
            f"[yellow]note[/yellow] these actions are in {len(forums)} forums; an import "
            "reads a file into one forum: export one file per forum (--forum) to import "
            "the edits back",
            highlight=False,
        )


def _is_register(path: Path, url: str) -> bool:
    """Whether `path` is the SQLite file of the register at `url` (or its journal)."""
    url = normalise_url(url)
    if not url.startswith("sqlite") or "///" not in url:
        return False
    database = Path(url.split("///", 1)[1].split("?", 1)[0])
    for name in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and name.exists() and path.samefile(name):
            return True
    return False


@actions_app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[
        int, typer.Argument(metavar="A", help="The action that stays.", min=1, max=ID_MAX)
    ],
    absorb: Annotated[
        int, typer.Argument(metavar="B", help="The action that joins A.", min=1, max=ID_MAX)
    ],
    by: By = None,
) -> None:
    """Join action B into A: B's history and wordings move to A, and A takes B's values
    that come from newer evidence; B then only forwards to A."""
    from reminder.register.edits import get_action
    from reminder.register.engine import transaction
    from reminder.register.history import history_of
    from reminder.register.merging import merge as merge_actions
    from reminder.register.weighing import facts_of, held_columns, shown

    settings = ctx.obj.settings()
    with reported(), transaction(ctx.obj.engine(settings)) as session:
        before = facts_of(held_columns(get_action(session=session, action_id=keep)))
        count = len(history_of(session=session, action_id=keep))
        kept = merge_actions(
            session=session, keep=keep, absorb=absorb, author=author_of(by), now=clock.now()
        )
        moved = len(history_of(session=session, action_id=keep)) - count - 1
        after = facts_of(held_columns(kept))
    out.print(
        f"#{absorb} merged into #{keep}: {moved} history entr{'y' if moved == 1 else 'ies'} "
        f"and its wordings moved to #{keep}; #{absorb} now forwards to #{keep}",
        highlight=False,
    )
    for field, value in after.items():
        if value != before[field]:
            name = "deadline" if field == "due" else field
            out.print(
                f"#{keep} {name} {shown(field=field, value=before[field])} -> "
                f"{shown(field=field, value=value)} (newer evidence from #{absorb})",
                highlight=False,
            )


def register(app: typer.Typer) -> None:
    app.add_typer(actions_app, name="actions")
