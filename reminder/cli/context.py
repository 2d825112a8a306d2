"""What every command shares: the global options, the resources built from them, and
the option types and parsers of several commands."""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from reminder.errors import RegisterError

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
        """The migrated register of `settings` (built once per command). A URL that names
        no register this program can open is bad usage when --database gave it (exit 2),
        else a RegisterError (exit 1) naming where it came from."""
        from sqlalchemy.exc import SQLAlchemyError

        from reminder.register.engine import make_engine, migrate

        if settings.database_url not in self._engines:
            try:
                engine = make_engine(settings.database_url)
            except (SQLAlchemyError, ValueError, ImportError, OSError) as exc:
                why = _unusable(settings.database_url, exc)
                if self.database:
                    raise typer.BadParameter(why, param_hint="--database") from None
                origin = "REMINDER_DATABASE_URL"
                if not os.environ.get(origin, "").strip():
                    origin = f"{settings.source}: database.url"
                raise UnusableRegister(f"{origin}: {why}") from None
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
            Console(stderr=True, soft_wrap=True).print(
                f"[red]error:[/red] {escape(str(exc))}", highlight=False
            )
            raise typer.Exit(2) from None


class UnusableRegister(RegisterError):
    """The configured database URL names no register this program can open."""


def _unusable(url: str, exc: Exception) -> str:
    """Why `url` names no register: said without the password it may hold."""
    plain = url.startswith("sqlite") or "://" not in url  # no password to hide
    shown = repr(url) if plain else repr(url.split("://", 1)[0] + "://…")
    if isinstance(exc, ImportError):
        return f"{shown} needs a database driver that is not installed; use sqlite or postgresql"
    if isinstance(exc, OSError):
        return f"{shown} cannot be created: {exc.strerror or exc}"
    return f"{shown} is not a database URL; expected sqlite:///PATH or postgresql://HOST/DB"


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


# Register ids are PostgreSQL integers: a larger one can name no action.
ID_MAX = 2**31 - 1
# Tab and line breaks are text; the other control characters are not (a terminal runs
# escape sequences, mail headers and the register refuse some).
_TEXT_CONTROLS = frozenset("\t\n\r")


def check_arguments(args: Sequence[str]) -> None:
    """Each command-line argument is text the register can hold: valid UTF-8 (Python
    reads other bytes of argv as lone surrogates) without control characters but tab
    and line breaks. Else bad usage, naming the option the value was given to."""
    for n, arg in enumerate(args):
        why = not_text(arg)
        if why is None:
            continue
        if arg.startswith("--") and "=" in arg:
            hint, value = arg.split("=", 1)
        elif n and args[n - 1].startswith("-") and len(args[n - 1]) > 1:
            hint, value = args[n - 1], arg
        else:
            raise typer.BadParameter(why, param_hint=f"the argument {_shown(arg)}")
        raise typer.BadParameter(f"{_shown(value)} {why}", param_hint=hint)


def _shown(value: str) -> str:
    """`value` quoted in ASCII: other bytes and control characters escaped, cut short."""
    text = repr(value.encode("utf-8", "surrogateescape"))[2:-1]
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def not_text(value: str) -> str | None:
    """Why `value` is no text the register can hold (see check_arguments), or None."""
    for char in value:
        if 0xD800 <= ord(char) <= 0xDFFF:
            return "is not valid UTF-8 text"
        if unicodedata.category(char) == "Cc" and char not in _TEXT_CONTROLS:
            return f"contains the control character U+{ord(char):04X}"
    return None


# A forum's name is in every ledger key of its notices (at most 300 characters).
FORUM_NAME_MAX = 120


def forum_name(value: str | None, option: str) -> str | None:
    """`value` stripped, as the name a forum can have (it may create one): not blank,
    at most FORUM_NAME_MAX characters; None for None."""
    if value is None:
        return None
    name = " ".join(value.split())
    if not name:
        raise typer.BadParameter("is blank; expected a forum's name or alias", param_hint=option)
    if len(name) > FORUM_NAME_MAX:
        raise typer.BadParameter(
            f"is {len(name)} characters long; a forum's name has at most {FORUM_NAME_MAX}",
            param_hint=option,
        )
    return name


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
