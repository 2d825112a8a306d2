"""What every command shares: the global options, the resources built from them, and
the option types and parsers of several commands."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.register.engine import make_engine, migrate
from reminder.register.forums import UnknownForum
from reminder.service.forums import resolve_forum


@dataclass
class Context:
    config: Path | None
    database: str | None
    _engines: dict[str, Engine] = field(default_factory=dict, repr=False)

    def settings(self) -> Settings:
        settings = load_settings(config_path=self.config)
        if self.database:
            # --database changes the register only: mail, SMTP and rules stay as configured.
            return replace(settings, database_url=self.database)
        return settings

    def engine(self, settings: Settings) -> Engine:
        """The migrated register of `settings` (built once per command)."""
        if settings.database_url not in self._engines:
            engine = make_engine(settings.database_url)
            migrate(engine=engine)
            self._engines[settings.database_url] = engine
        return self._engines[settings.database_url]

    def close(self) -> None:
        """Close the registers' connections (when the command ends)."""
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()

    def forum(self, name: str | None, *, settings: Settings) -> str | None:
        """The known forum a --forum value means (a name, an alias, a loose spelling such
        as "pswg monthly"); None for None. An unknown one ends the command with exit 2
        and the known forums listed."""
        if name is None:
            return None
        try:
            return resolve_forum(engine=self.engine(settings), settings=settings, name=name)
        except UnknownForum as exc:
            Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; expected YYYY-MM-DD", param_hint=option
        ) from None


MeetingDate = Annotated[
    str | None,
    typer.Option(
        "--meeting-date",
        metavar="YYYY-MM-DD",
        help="Meeting date to read deadlines against (overrides the document).",
    ),
]


NextMeeting = Annotated[
    str | None,
    typer.Option(
        "--next-meeting",
        metavar="YYYY-MM-DD",
        help="Date of the next meeting (overrides the document).",
    ),
]
