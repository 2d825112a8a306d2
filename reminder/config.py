"""Typed settings from `config/*.toml` and `REMINDER_*` environment variables.

Nothing here runs at import time: the CLI calls `load_settings` once and passes the
result down. Every problem is reported with the file and key it concerns, all at once.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reminder.errors import ConfigError

DEFAULT_CONFIG = Path("config/reminder.toml")
DEFAULT_DATABASE = "sqlite:///reminder.db"
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


@dataclass(frozen=True)
class ForumSettings:
    """Rules for one forum (cluster, sector, working group)."""

    name: str
    aliases: tuple[str, ...] = ()
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    timezone: str = "UTC"
    country: str | None = None


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE
    default_forum: str = "default"
    forums: Mapping[str, ForumSettings] = field(default_factory=dict)
    source: str = "(defaults)"

    def forum(self, name: str | None) -> ForumSettings:
        """The settings of forum `name` (matched by name or alias), or defaults for it."""
        wanted = (name or self.default_forum).strip()
        for forum in self.forums.values():
            if wanted.lower() in {forum.name.lower(), *(a.lower() for a in forum.aliases)}:
                return forum
        return ForumSettings(name=wanted)


def load_settings(
    *, config_path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings: explicit path, else $REMINDER_CONFIG, else ./config/reminder.toml if present.

    Environment variables win over the file. Raises ConfigError listing every problem.
    """
    env = os.environ if environ is None else environ
    path = config_path or (Path(env["REMINDER_CONFIG"]) if env.get("REMINDER_CONFIG") else None)
    data: dict[str, Any] = {}
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path is None and DEFAULT_CONFIG.is_file():
        path = DEFAULT_CONFIG
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return _build(data, env=env, source=str(path) if path else "(defaults)")


def _build(data: dict[str, Any], *, env: Mapping[str, str], source: str) -> Settings:
    problems: list[str] = []
    database = _table(data, "database", problems, source)
    url = env.get("REMINDER_DATABASE_URL") or _str(database, "url", "database", problems, source)
    forums_data = _table(data, "forums", problems, source)
    forums = {}
    for name, raw in forums_data.items():
        if not isinstance(raw, dict):
            problems.append(f"{source}: [forums.{name!r}] must be a table")
            continue
        forums[name] = _forum(name, raw, problems, source)
    defaults = _table(data, "defaults", problems, source)
    default_forum = _str(defaults, "forum", "defaults", problems, source) or "default"
    if problems:
        raise ConfigError("\n".join(problems))
    return Settings(
        database_url=url or DEFAULT_DATABASE,
        default_forum=default_forum,
        forums=forums,
        source=source,
    )


def _forum(name: str, raw: dict[str, Any], problems: list[str], source: str) -> ForumSettings:
    where = f"forums.{name!r}"
    days = raw.get("working_days", ["mon", "tue", "wed", "thu", "fri"])
    working: list[int] = []
    if not isinstance(days, list) or not days:
        problems.append(f"{source}: {where}.working_days must be a list such as ['sun', 'mon']")
    else:
        for day in days:
            key = str(day).strip().lower()[:3]
            if key not in _WEEKDAYS:
                problems.append(f"{source}: {where}.working_days: {day!r} is not a weekday")
            else:
                working.append(_WEEKDAYS[key])
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{source}: {where}.aliases must be a list of strings")
        aliases = []
    timezone = _str(raw, "timezone", where, problems, source) or "UTC"
    _check_timezone(timezone, f"{source}: {where}.timezone", problems)
    return ForumSettings(
        name=name,
        aliases=tuple(aliases),
        working_days=tuple(sorted(set(working))) or (0, 1, 2, 3, 4),
        timezone=timezone,
        country=_str(raw, "country", where, problems, source),
    )


def _check_timezone(name: str, where: str, problems: list[str]) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"{where}: unknown time zone {name!r} (expected e.g. 'Asia/Dhaka')")


def _table(data: dict[str, Any], key: str, problems: list[str], source: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        problems.append(f"{source}: [{key}] must be a table")
        return {}
    return value


def _str(
    data: dict[str, Any], key: str, where: str, problems: list[str], source: str
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{source}: {where}.{key} must be a non-empty string")
        return None
    return value.strip()
