"""Typed settings: the whole configuration as frozen data (`load.load_settings` reads it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from reminder.config.mail import MailSettings
from reminder.config.schedule import ScheduleSettings
from reminder.config.web import WebSettings

DEFAULT_DATABASE = "sqlite:///reminder.db"


@dataclass(frozen=True)
class Step:
    """One rung of the escalation ladder: at `days` overdue, mail `to`, copying `cc`."""

    days: int
    to: str = "owner"  # owner or coordinator
    cc: str | None = None  # lead or coordinator


DEFAULT_LADDER = (Step(3, "owner"), Step(7, "owner", "lead"), Step(14, "coordinator"))


@dataclass(frozen=True)
class ForumSettings:
    """Rules for one forum (cluster, sector, working group)."""

    name: str
    aliases: tuple[str, ...] = ()
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    timezone: str = "UTC"
    country: str | None = None
    language: str = "en"
    horizon_days: int = 7
    pre_meeting_days: int = 3
    escalation: tuple[Step, ...] = DEFAULT_LADDER
    coordinators: tuple[str, ...] = ()  # emails or contact names
    reply_to: str | None = None
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE
    default_forum: str = "default"
    forums: Mapping[str, ForumSettings] = field(default_factory=dict)
    defaults: ForumSettings = field(default_factory=lambda: ForumSettings(name="default"))
    mail: MailSettings = field(default_factory=MailSettings)
    lease_seconds: int = 90  # a run that dies holds its claims and slot this long
    web: WebSettings = field(default_factory=WebSettings)
    source: str = "(defaults)"

    def forum(self, name: str | None) -> ForumSettings:
        """The settings of forum `name` (matched by name or alias), or the defaults for it."""
        wanted = (name or self.default_forum).strip()
        for forum in self.forums.values():
            if wanted.lower() in {forum.name.lower(), *(a.lower() for a in forum.aliases)}:
                return forum
        return replace(self.defaults, name=wanted, aliases=())
