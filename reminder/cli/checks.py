"""`reminder check-config`: every problem of the configuration, with its file and key."""

from __future__ import annotations

import typer
from rich.console import Console

from reminder.cli.context import UnusableRegister
from reminder.errors import ConfigError, RegisterError


def check_config(ctx: typer.Context) -> None:
    """Validate the configuration; name every problem with its file and key."""
    from reminder.service.checks import register_problems

    out = Console()
    try:
        settings = ctx.obj.settings()
    except ConfigError as exc:
        Console(stderr=True, soft_wrap=True).print(
            f"[red]configuration problems:[/red]\n{exc}", highlight=False
        )
        raise typer.Exit(1) from None
    try:
        problems = register_problems(engine=ctx.obj.engine(settings), settings=settings)
    except UnusableRegister as exc:  # already names the file and key, or the variable
        problems = [str(exc)]
    except RegisterError as exc:
        problems = [f"{settings.source}: database.url: {exc}"]
    if problems:
        Console(stderr=True, soft_wrap=True).print(
            "[red]configuration problems:[/red]\n" + "\n".join(problems), highlight=False
        )
        raise typer.Exit(1)
    out.print(f"[green]configuration OK[/green] ({settings.source})")
    smtp = settings.mail.smtp
    out.print(f"register: {_safe_url(settings.database_url)}")
    out.print(
        f"mail: SMTP {smtp.host}:{smtp.port} ({smtp.security})"
        if smtp
        else f"mail: file outbox {settings.mail.outbox}"
    )
    if smtp and smtp.username and not smtp.password:
        out.print(
            "[yellow]warning:[/yellow] smtp.username is set but REMINDER_SMTP_PASSWORD is not"
        )
    for forum in [*settings.forums.values(), settings.defaults]:
        s = forum.schedule
        days = ", ".join(_DAY_NAMES[d] for d in forum.working_days)
        out.print(
            f"forum {forum.name!r}: {forum.timezone}; works {days}; public holidays of "
            f"{forum.country or 'no country'}; digest {_when(s.digest_time, s.digest_weekday)}, "
            f"escalations {_when(s.escalation_time)}, pre-meeting {_when(s.pre_meeting_time)} "
            f"({forum.pre_meeting_days} working days before), report {_when(s.report_time)} "
            f"({s.report_days} working days before); meetings: "
            f"{s.meeting_rule or 'from the register'}",
            highlight=False,
        )


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _when(at: object, weekday: int | None = None) -> str:
    if at is None:
        return "off"
    text = f"{at:%H:%M}"
    return f"{_DAY_NAMES[weekday]} {text}" if weekday is not None else text


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    from reminder.register.engine import normalise_url

    return make_url(normalise_url(url)).render_as_string(hide_password=True)
