"""`reminder history`: who got what, when, read from the ledger."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reminder.cli.kinds import KindArg, notice_kind

To = Annotated[
    str | None, typer.Option("--to", help="Only notices whose recipients contain this text.")
]


def history(
    ctx: typer.Context,
    to: To = None,
    kind: Annotated[KindArg | None, typer.Option()] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
) -> None:
    """Who got what, when (newest first)."""
    from sqlmodel import Session

    from reminder.ledger import claims as ledger

    out = Console()
    settings = ctx.obj.settings()
    with Session(ctx.obj.engine(settings)) as session:
        entries = ledger.history(
            session=session,
            recipient=to,
            kind=notice_kind(kind).value if kind else None,
            limit=limit,
        )
    table = Table(title=f"{len(entries)} notice(s)")
    for name in ("When", "Kind", "To", "Subject", "Outcome"):
        table.add_column(name, overflow="fold")
    for e in entries:
        when = (e.sent_at or e.claimed_at).strftime("%a %d %b %Y %H:%M")
        outcome = e.status + (f" after {e.attempts} attempts" if e.attempts > 1 else "")
        if e.error:
            outcome += f": {e.error}"
        table.add_row(when, e.kind, e.recipients.replace(",", ", "), e.subject, outcome)
    out.print(table)
