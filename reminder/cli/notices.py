"""`reminder send` and `reminder preview`: one-off notice runs (`history` is beside)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from reminder import clock
from reminder.cli.context import parse_moment
from reminder.cli.kinds import KindArg, notice_kind

# Rendering and delivery (Jinja2, css-inline, aiosmtplib), asyncio and rich's progress
# bar are imported inside the commands that use them, so that `reminder --help`,
# `reminder extract` and `reminder import` start quickly.
if TYPE_CHECKING:
    from reminder.config.settings import Settings
    from reminder.mail.messages import Rendered
    from reminder.planning.notices import Notice


TO_HELP = (
    "Only notices reaching this contact (name or email), organisation (name, acronym or "
    "alias: everyone in it) or group (its members)."
)
To = Annotated[str | None, typer.Option("--to", help=TO_HELP)]
Forum = Annotated[str | None, typer.Option(help="Only this forum (default: every forum).")]
Now = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="ISO",
        help="Plan as of this instant, e.g. 2023-07-20T09:00+06:00 (default: now).",
    ),
]
Templates = Annotated[
    Path | None,
    typer.Option(
        help="A folder of your own templates that override the built-in ones (same relative names)."
    ),
]


def _now(value: str | None) -> datetime:
    return parse_moment(value, "--now") or clock.now()


def send(
    ctx: typer.Context,
    kind: KindArg,
    to: To = None,
    forum: Forum = None,
    now: Now = None,
    dry_run: Annotated[bool, typer.Option(help="Plan and render; send nothing.")] = False,
    templates: Templates = None,
) -> None:
    """Send digests, escalations, pre-meeting reminders or the coordinator report once."""
    import asyncio
    import gc
    import uuid

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from reminder.delivery import make_mailer
    from reminder.mail.render import make_environment
    from reminder.service.notify import send_notices
    from reminder.service.recipients import UnknownRecipient

    out, err = Console(), Console(stderr=True, soft_wrap=True)
    settings = ctx.obj.settings()
    engine = ctx.obj.engine(settings)
    env = make_environment(user_templates=templates)
    mailer = make_mailer(settings.mail)
    table = Table()
    for name in ("To", "Cc", "Subject", "Items"):
        table.add_column(name, overflow="fold")

    def preview(notice: Notice, rendered: Rendered) -> None:
        # A row, not the rendered mail, and only the first rows: a dry run's memory and
        # output do not grow with the register (thousands of rows help no one, and drawing
        # them took a third of a large dry run); `reminder preview --to` shows any one.
        if table.row_count >= PREVIEW_ROWS:
            return
        table.add_row(
            ", ".join(p.email for p in notice.to),
            ", ".join(p.email for p in notice.cc),
            rendered.subject,
            str(sum(len(s.items) for s in notice.sections)),
        )

    with Progress(
        TextColumn("sending"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=dry_run,
    ) as progress:
        task = progress.add_task("send", total=None)
        # What start-up made (modules, settings, engine) lives as long as the run: kept
        # out of the collector's full passes, which walked it all again (tens of ms each).
        gc.freeze()
        try:
            summary = asyncio.run(
                send_notices(
                    engine=engine,
                    settings=settings,
                    kind=notice_kind(kind),
                    # --now sets what the run plans as of; the ledger keeps the real time.
                    now=clock.now(),
                    as_of=_now(now),
                    env=env,
                    mailer=mailer,
                    run_id=uuid.uuid4().hex,
                    forum=ctx.obj.forum(forum, settings=settings),
                    to=to,
                    dry_run=dry_run,
                    on_progress=lambda done, total: progress.update(
                        task, completed=done, total=total
                    ),
                    render_workers=render_workers(),
                    templates=templates,
                    on_preview=preview,
                )
            )
        except UnknownRecipient as exc:
            raise typer.BadParameter(str(exc), param_hint="--to") from None
    if summary.planned == 0:
        out.print(f"nothing to send: {_why_nothing(kind, settings, to)}", highlight=False)
    if dry_run:
        held = f", being sent by another run {summary.elsewhere}" if summary.elsewhere else ""
        refused = f", refused earlier {summary.refused_earlier}" if summary.refused_earlier else ""
        out.print(
            f"[bold]{kind.value} (dry run): planned {summary.planned}, already sent "
            f"{summary.already_sent}{refused}{held}, would send {summary.would_send}[/bold]",
            highlight=False,
        )
        table.title = f"{summary.would_send} {kind.value} would be sent now"
        if summary.would_send > table.row_count:
            table.caption = (
                f"the first {table.row_count} shown; `reminder preview {kind.value} --to "
                "ADDRESS` renders any one of them"
            )
        out.print(table)
        return
    outbox = f"the outbox {settings.mail.outbox.resolve()} (open index.html there)"
    where = f"SMTP {settings.mail.smtp.host}" if settings.mail.smtp else outbox
    out.print(f"[bold]{kind.value}: {summary.line()}[/bold] — to {where}", highlight=False)
    for label, entries in (
        ("failed, will be retried", summary.failed),
        ("outcome unknown, will be sent again", summary.unknown),
        ("refused", summary.refused),
        ("not sent", summary.not_sent),
    ):
        for key, reason in entries:
            out.print(f"  [red]{label}[/red] {key}: {reason}", highlight=False)
    if summary.not_sent:
        out.print(
            "  mails not sent were stopped by our own configuration or templates: fix them "
            "(`reminder check-config`) and run again to send them",
            highlight=False,
        )
    if not summary.ok:
        raise typer.Exit(1)


PREVIEW_ROWS = 50  # rows a dry run lists


def render_workers() -> int:
    """One rendering process beside the sending one, where there is a second core."""
    return 1 if (os.cpu_count() or 1) > 1 else 0


def _why_nothing(kind: KindArg, settings: Settings, to: str | None = None) -> str:
    """The likeliest reason a run planned no notice, for the user to act on."""
    if to is not None:
        return f"no {kind.value} for {to!r} at this time"
    if kind is KindArg.report and not any(
        f.coordinators for f in [*settings.forums.values(), settings.defaults]
    ):
        return "no forum has coordinators (set `coordinators` in the configuration)"
    if kind is KindArg.pre_meeting:
        return (
            "no forum has a next meeting within its pre_meeting_days (record one with "
            "`reminder meeting set`, or set a `meeting_rule`)"
        )
    if kind is KindArg.escalations:
        return "no open item has reached a step of the escalation ladder"
    return "no open action point reaches a contact in the directory (reminder directory import)"


def preview(
    ctx: typer.Context,
    kind: KindArg,
    to: Annotated[str, typer.Option("--to", help=TO_HELP)],
    forum: Forum = None,
    now: Now = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write it.")] = Path("preview"),
    templates: Templates = None,
) -> None:
    """Write the rendered mail(s) of KIND for one recipient, for a look (nothing is sent)."""
    from reminder.mail.render import make_environment, render
    from reminder.service.notify import plan_notices
    from reminder.service.recipients import UnknownRecipient

    out = Console()
    settings = ctx.obj.settings()
    try:
        planned = plan_notices(
            engine=ctx.obj.engine(settings),
            settings=settings,
            kind=notice_kind(kind),
            now=_now(now),
            forum=ctx.obj.forum(forum, settings=settings),
            to=to,
        )
    except UnknownRecipient as exc:
        raise typer.BadParameter(str(exc), param_hint="--to") from None
    if not planned:
        out.print(f"no {kind.value} for {to!r} at this time")
        raise typer.Exit(1)
    env = make_environment(user_templates=templates)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not a folder that can be made"
        raise typer.BadParameter(f"{out_dir}: {reason}", param_hint="--out") from None
    for n, (_, notice) in enumerate(planned, 1):
        rendered = render(notice, env=env)
        stem = out_dir / f"{kind.value}-{n}"
        stem.with_suffix(".txt").write_text(
            f"Subject: {rendered.subject}\n\n{rendered.text}", encoding="utf-8"
        )
        stem.with_suffix(".html").write_text(rendered.html, encoding="utf-8")
        out.print(f"{rendered.subject}\n  {stem}.txt\n  {stem}.html", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(send)
    app.command()(preview)
    from reminder.cli.history import history

    app.command()(history)
