"""`reminder serve`, `status`, `check-config` and `meeting`: running the service."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from reminder import clock
from reminder.cli.checks import check_config
from reminder.cli.context import check_log_level, check_seconds, parse_date
from reminder.cli.web import check_port

if TYPE_CHECKING:
    from reminder.ledger.models import JobRun

meeting_app = typer.Typer(
    help="Meetings in the register (they win over a forum's rule).", no_args_is_help=True
)


def serve(
    ctx: typer.Context,
    tick: Annotated[
        float,
        typer.Option(
            help="Seconds between passes that keep the leadership and catch up on missed runs.",
            callback=check_seconds,
        ),
    ] = 30.0,
    log_level: Annotated[
        str, typer.Option(help="debug, info, warning or error.", callback=check_log_level)
    ] = "info",
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of your own templates that "
            "override the built-in ones (same relative names)."
        ),
    ] = None,
    web_host: Annotated[
        str, typer.Option(help="Where the pages behind mail links listen (with a base URL).")
    ] = "127.0.0.1",
    web_port: Annotated[int, typer.Option(help="Their port.", callback=check_port)] = 8080,
) -> None:
    """Run the scheduled jobs of every forum until stopped (SIGTERM or SIGINT).

    With REMINDER_BASE_URL and REMINDER_SECRET_KEY set, it also serves the pages that
    mail links open (as `reminder web` does), on --web-host and --web-port.
    """
    import asyncio  # here, not at the top: `reminder --help` and short commands need none
    import signal
    import socket

    from reminder import logs
    from reminder.cli.notices import render_workers
    from reminder.delivery import make_mailer
    from reminder.ledger.leader import leadership_for
    from reminder.mail.render import make_environment
    from reminder.service.scheduler import Service
    from reminder.service.serve import serve as run

    settings = ctx.obj.settings()
    smtp_password = settings.mail.smtp.password if settings.mail.smtp else None
    secrets = [smtp_password or "", _db_password(settings), settings.web.secret_key or ""]
    logs.configure(level=log_level.upper(), secrets=secrets)
    engine = ctx.obj.engine(settings)
    instance = f"{socket.gethostname()}:{os.getpid()}"
    stop = asyncio.Event()
    service = Service(
        engine=engine,
        settings=settings,
        mailer=make_mailer(settings.mail),
        env=make_environment(user_templates=templates),
        instance=instance,
        leader=leadership_for(engine),
        stopping=stop.is_set,
        render_workers=render_workers(),
        templates=templates,
    )

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        import logging

        logging.getLogger("reminder.service").info("service started", extra={"instance": instance})
        pages = None
        if settings.web.enabled:
            from reminder.web.app import create_app
            from reminder.web.server import web_server

            app = create_app(engine=engine, settings=settings, clock=clock.now)
            pages = web_server(app, host=web_host, port=web_port, log_level=log_level)
        web_task = asyncio.create_task(pages.serve()) if pages else None
        await run(service=service, clock=clock.now, tick_seconds=tick, stop=stop)
        if pages and web_task:
            pages.should_exit = True
            await web_task
        logging.getLogger("reminder.service").info("service stopped", extra={"instance": instance})

    asyncio.run(main())


def _db_password(settings: object) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(getattr(settings, "database_url", "")).password or ""
    except Exception:  # an unparsable URL is reported elsewhere
        return ""


def _outcome(run: JobRun, alive: set[str]) -> str:
    """A run's outcome; a "running" one whose lease lapsed died with its instance."""
    if run.outcome == "running" and run.run_id not in alive:
        return (
            f"stopped: its instance ({run.instance}) died mid-run; `reminder serve` "
            "runs what is left while the slot is within catch_up_hours"
        )
    return f"{run.outcome}: {run.detail}" if run.detail else run.outcome


def status(ctx: typer.Context) -> None:
    """Each job's next run, and its last run with the outcome."""

    from jinja2 import Environment
    from sqlmodel import Session

    from reminder.delivery.fake import MemoryMailer
    from reminder.ledger import leases, runs
    from reminder.ledger.leader import leadership_for
    from reminder.service.scheduler import Service

    settings = ctx.obj.settings()
    engine = ctx.obj.engine(settings)
    now = clock.now()
    # Only the schedule is read here: nothing is rendered or sent.
    service = Service(
        engine=engine,
        settings=settings,
        mailer=MemoryMailer(),
        env=Environment(),
        instance="status",
        leader=leadership_for(engine),
    )
    plans = service.refresh(now)
    jobs = [job.id for plan in plans.values() for job in plan.jobs]
    with Session(engine) as session:
        last = runs.last_runs(session=session, jobs=jobs)
        running = [r.run_id for r in last.values() if r.outcome == "running"]
        alive = leases.alive(session=session, run_ids=running, now=now)
    table = Table(title=f"{len(jobs)} scheduled job(s)")
    for name in ("Job", "Next run", "Last run", "Outcome"):
        table.add_column(name, overflow="fold")
    for plan in plans.values():
        for job in plan.jobs:
            nxt = service.next_run(job.id, now)
            run = last.get(job.id)
            table.add_row(
                job.id,
                nxt.strftime("%a %d %b %Y %H:%M %Z")
                if nxt
                else "no meeting known"
                if job.kind.value in ("pre_meeting", "report")
                else "off",
                run.slot.astimezone(nxt.tzinfo if nxt else None).strftime("%a %d %b %Y %H:%M")
                if run
                else "never",
                _outcome(run, alive) if run else "",
            )
    Console().print(table)


@meeting_app.command("set")
def meeting_set(
    ctx: typer.Context,
    forum: Annotated[str, typer.Option(help="A known forum: its name or an alias.")],
    day: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD")],
    title: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record a meeting (a new date, or one moved from the forum's usual rule)."""
    _set(ctx, forum, day, cancelled=False, title=title)


@meeting_app.command("cancel")
def meeting_cancel(
    ctx: typer.Context,
    forum: Annotated[str, typer.Option(help="A known forum: its name or an alias.")],
    day: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD")],
) -> None:
    """Cancel the meeting of FORUM on DATE (no reminders are timed on it)."""
    _set(ctx, forum, day, cancelled=True, title=None)


def _set(ctx: typer.Context, forum: str, day: str, *, cancelled: bool, title: str | None) -> None:
    from reminder.register.engine import transaction
    from reminder.register.meetings import set_meeting

    when = parse_date(day, "--date")
    assert when is not None  # the option is required
    settings = ctx.obj.settings()
    name = ctx.obj.forum(forum, settings=settings)
    with transaction(ctx.obj.engine(settings)) as session:
        set_meeting(
            session=session, forum=name, day=when, cancelled=cancelled, title=title, now=clock.now()
        )
    Console().print(
        f"{name}: meeting of {when:%a %d %b %Y} {'cancelled' if cancelled else 'recorded'}"
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(status)
    app.command("check-config")(check_config)
    app.add_typer(meeting_app, name="meeting")
