"""`reminder action done|start|reopen|cancel|set`: a coordinator's edits of the register.

Each change is evidence dated now and signed by its author (--by, else $REMINDER_USER,
else the login name): it wins over older evidence, and loses to a document dated later,
which the printed line then names.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from reminder import clock
from reminder.cli.context import ID_MAX, not_text, parse_date
from reminder.errors import ConfigError, ReminderError

if TYPE_CHECKING:  # types only: the register is loaded by the commands that use it
    from sqlmodel import Session

    from reminder.register.edits import Edit

action_app = typer.Typer(
    help="Show or change one action point (status, deadline, owners, wording).",
    no_args_is_help=True,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

By = Annotated[
    str | None,
    typer.Option("--by", help="Who makes the change (default: $REMINDER_USER, else your login)."),
]
Note = Annotated[str, typer.Option(help="Why: kept in the action's history.")]
Ids = Annotated[
    list[int],
    typer.Argument(metavar="ID...", help="Register ids (see `actions`).", min=1, max=ID_MAX),
]
Id = Annotated[int, typer.Argument(metavar="ID", min=1, max=ID_MAX)]


def author_of(by: str | None) -> str:
    """The author of a change: --by, else $REMINDER_USER, else the login name."""
    user = os.environ.get("REMINDER_USER")
    if user and not_text(user):
        raise ConfigError(f"environment: REMINDER_USER {not_text(user)}")
    for name in (by, user):
        if name and name.strip():
            return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


@contextmanager
def reported() -> Iterator[None]:
    """An expected error (unknown id, merged action) is a message and exit code 1."""
    try:
        yield
    except ReminderError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


def _say(session: Session, edits: Sequence[Edit]) -> None:
    from reminder.register.evidence import Verdict, current_label
    from reminder.register.models import ActionPoint

    for e in edits:
        name = "deadline" if e.field == "due" else e.field
        if e.verdict is Verdict.APPLIED:
            line = f"#{e.action_id} {name} {e.before} -> {e.after}"
        elif e.verdict is Verdict.SAME:
            line = f"#{e.action_id} already {e.after.strip(chr(39))}"
            if e.field != "status":
                line = f"#{e.action_id} {name} already {e.after}"
        else:
            held = session.get(ActionPoint, e.action_id)
            label = current_label(session=session, action=held, field=e.field) if held else "?"
            why = "newer than" if e.verdict is Verdict.OLDER else "of the same date as"
            line = (
                f"#{e.action_id} kept {name} {e.before} from {label} ({why} this change); "
                f"{e.after} not applied"
            )
        out.print(line, highlight=False)


def _status(ctx: typer.Context, ids: list[int], status: str, note: str, by: str | None) -> None:
    from reminder.register.edits import change_status
    from reminder.register.engine import transaction

    settings = ctx.obj.settings()
    with reported(), transaction(ctx.obj.engine(settings)) as session:
        edits = change_status(
            session=session,
            action_ids=ids,
            status=status,
            author=author_of(by),
            now=clock.now(),
            note=note,
        )
        _say(session, edits)


@action_app.command()
def done(ctx: typer.Context, ids: Ids, note: Note = "", by: By = None) -> None:
    """Mark actions done."""
    _status(ctx, ids, "done", note, by)


@action_app.command()
def start(ctx: typer.Context, ids: Ids, note: Note = "", by: By = None) -> None:
    """Mark actions in progress."""
    _status(ctx, ids, "in_progress", note, by)


@action_app.command()
def reopen(ctx: typer.Context, ids: Ids, note: Note = "", by: By = None) -> None:
    """Mark actions open again."""
    _status(ctx, ids, "open", note, by)


@action_app.command()
def cancel(ctx: typer.Context, ids: Ids, note: Note = "", by: By = None) -> None:
    """Mark actions cancelled (no more reminders)."""
    _status(ctx, ids, "cancelled", note, by)


@action_app.command("set")
def set_(
    ctx: typer.Context,
    action_id: Id,
    due: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="New deadline.")] = None,
    owner: Annotated[
        list[str] | None, typer.Option(help="Owner as written (repeatable; replaces all).")
    ] = None,
    text: Annotated[str | None, typer.Option(help="New wording of the action.")] = None,
    note: Note = "",
    by: By = None,
) -> None:
    """Change an action's deadline, owners or wording."""
    from reminder.register import edits
    from reminder.register.directory import load_directory
    from reminder.register.engine import transaction

    if due is None and not owner and text is None:
        raise typer.BadParameter("give --due, --owner or --text", param_hint="ID")
    when = parse_date(due, "--due")
    settings = ctx.obj.settings()
    who, now = author_of(by), clock.now()
    with reported(), transaction(ctx.obj.engine(settings)) as session:
        done_edits: list[Edit] = []
        if when is not None:
            done_edits.append(
                edits.change_due(
                    session=session, action_id=action_id, due=when, author=who, now=now, note=note
                )
            )
        if owner:
            done_edits.append(
                edits.change_owners(
                    session=session,
                    action_id=action_id,
                    owners=owner,
                    directory=load_directory(session),
                    author=who,
                    now=now,
                    note=note,
                )
            )
        if text is not None:
            done_edits.append(
                edits.change_text(
                    session=session, action_id=action_id, text=text, author=who, now=now, note=note
                )
            )
        _say(session, done_edits)


def register(app: typer.Typer) -> None:
    """`reminder action ...`, and `reminder meeting list` on the meeting group of
    cli/service.py."""
    from reminder.cli.service import meeting_app
    from reminder.cli.story import meeting_list, show

    action_app.command()(show)
    app.add_typer(action_app, name="action")
    meeting_app.command("list")(meeting_list)
