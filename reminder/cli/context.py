"""What every command shares: the global options, the resources built from them, and
the option types and parsers of several commands."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

# The register, its engine and the configuration are loaded when a command needs them:
# `reminder --help` loads none of them.
if TYPE_CHECKING:
    from sqlalchemy import Engine

    from reminder.config.settings import Settings


@dataclass
class Context:
    config: Path | None
    database: str | None
    _engines: dict[str, Engine] = field(default_factory=dict, repr=False)

    def settings(self) -> Settings:
        from reminder.config.load import load_settings

        settings = load_settings(config_path=self.config)
        if self.database:
            # --database changes the register only: mail, SMTP and rules stay as configured.
            return replace(settings, database_url=self.database)
        return settings

    def engine(self, settings: Settings) -> Engine:
        """The migrated register of `settings` (built once per command)."""
        from reminder.register.engine import make_engine, migrate

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
        from reminder.register.forums import UnknownForum
        from reminder.service.forums import resolve_forum

        try:
            return resolve_forum(engine=self.engine(settings), settings=settings, name=name)
        except UnknownForum as exc:
            Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from None


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


# Dates a command accepts: wide enough for any register, narrow enough that date
# arithmetic on them (a deadline a year later, a week before) cannot overflow.
EARLIEST, LATEST = date(1970, 1, 1), date(2199, 12, 31)
LOG_LEVELS = ("debug", "info", "warning", "error")


def parse_date(value: str | None, option: str) -> date | None:
    """`value` as a date (YYYY-MM-DD) within EARLIEST..LATEST; a bad one is bad usage."""
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; expected YYYY-MM-DD", param_hint=option
        ) from None
    return _in_range(parsed, value, option)


def parse_moment(value: str | None, option: str) -> datetime | None:
    """`value` as an ISO date or date-time (UTC unless it says), within EARLIEST..LATEST."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date or date-time", param_hint=option
        ) from None
    _in_range(parsed.date(), value, option)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _in_range(day: date, value: str, option: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise typer.BadParameter(
            f"{value!r} is out of range; expected a date from {EARLIEST} to {LATEST}",
            param_hint=option,
        )
    return day


def check_seconds(value: float) -> float:
    """A typer callback: a finite number of seconds from 0.1 to a day."""
    if not math.isfinite(value) or not 0.1 <= value <= 86_400:
        raise typer.BadParameter(f"{value} is not a number of seconds from 0.1 to 86400")
    return value


def check_log_level(value: str) -> str:
    """A typer callback: one of LOG_LEVELS, in any case."""
    if value.lower() not in LOG_LEVELS:
        raise typer.BadParameter(f"{value!r} is not a log level; expected {', '.join(LOG_LEVELS)}")
    return value.lower()


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
