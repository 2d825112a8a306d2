"""Loading `Settings` from a TOML file and `REMINDER_*` environment variables.

Nothing here runs at import time: the CLI calls `load_settings` once and passes the
result down. Every problem is reported with the file and key it concerns, all at once.
Environment variables win over the file, as twelve-factor services expect; the SMTP
password is only ever read from the environment.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from reminder.config.mail import MailSettings, SmtpSettings
from reminder.config.reader import Reader
from reminder.config.schedule import read_schedule
from reminder.config.settings import DEFAULT_DATABASE, ForumSettings, Settings, Step
from reminder.config.web import read_web
from reminder.errors import ConfigError

DEFAULT_CONFIG = Path("config/reminder.toml")
# The URL schemes of the databases the register runs on (see register/engine.normalise_url).
_DATABASES = ("sqlite", "postgres", "postgresql", "postgresql+psycopg")


def load_settings(
    *, config_path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings: explicit path, else $REMINDER_CONFIG, else ./config/reminder.toml if present.

    Raises ConfigError listing every problem, each with its file and key.
    """
    env = os.environ if environ is None else environ
    path = config_path or (Path(env["REMINDER_CONFIG"]) if env.get("REMINDER_CONFIG") else None)
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path is None and DEFAULT_CONFIG.is_file():
        path = DEFAULT_CONFIG
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    reader = Reader(data, source=str(path) if path else "environment", env=env)
    settings = _build(reader, source=str(path) if path else "(defaults)")
    if reader.problems:
        raise ConfigError("\n".join(reader.problems))
    return settings


def _build(r: Reader, *, source: str) -> Settings:
    r.known("", ("database", "defaults", "rules", "forums", "mail", "smtp", "service", "web"))
    url = r.env("REMINDER_DATABASE_URL") or r.string("database", "url")
    if url and "://" in url and url.split("://", 1)[0].lower() not in _DATABASES:
        scheme = url.split("://", 1)[0]
        r.problem("database", "url", f"uses {scheme!r}; expected sqlite:///PATH or postgresql://…")
    defaults = _rules(r, "rules", ForumSettings(name="default"))
    forums = {}
    for name in r.table("forums") or {}:
        if r.table(f"forums.{name}", quoted=name) is not None:
            forums[name] = replace(_rules(r, f"forums.{name}", defaults, quoted=name), name=name)
    return Settings(
        database_url=url or DEFAULT_DATABASE,
        default_forum=r.string("defaults", "forum") or "default",
        forums=forums,
        defaults=defaults,
        mail=_mail(r),
        lease_seconds=_lease(r),
        web=read_web(r),
        source=source,
    )


def _lease(r: Reader) -> int:
    """`[service] lease_seconds`: how long a run that stopped renewing its lease keeps
    its claims and slot (it renews every third of it). Short leases are for tests."""
    t = r.table("service") or {}
    r.known("service", ("lease_seconds",))
    return r.integer(t, ("service", None), "lease_seconds", 3, 3600, 90)


def _rules(r: Reader, where: str, base: ForumSettings, quoted: str | None = None) -> ForumSettings:
    t = r.table(where, quoted=quoted) or {}
    keys = (
        "aliases",
        "working_days",
        "timezone",
        "country",
        "language",
        "horizon_days",
        "pre_meeting_days",
        "escalation",
        "coordinators",
        "reply_to",
        "schedule",
    )
    r.known(where, keys, quoted=quoted)
    at = (where, quoted)
    ladder = r.ladder(t, at, base.escalation, Step)
    for who in r.strings(t, at, "coordinators"):
        if "@" in who and not _is_mailbox(who):
            r.problem(
                where,
                "coordinators",
                f"has {who!r}; expected an address or a contact's name",
                quoted,
            )
    return replace(
        base,
        aliases=r.strings(t, at, "aliases") or base.aliases,
        working_days=r.weekdays(t, at) or base.working_days,
        timezone=r.timezone(t, at) or base.timezone,
        country=r.country(t, at) or base.country,
        language=r.choice(t, at, "language", ("en", "fr")) or base.language,
        horizon_days=r.integer(t, at, "horizon_days", 0, 365, base.horizon_days),
        pre_meeting_days=r.integer(t, at, "pre_meeting_days", 0, 60, base.pre_meeting_days),
        escalation=ladder,
        coordinators=r.strings(t, at, "coordinators") or base.coordinators,
        reply_to=_mailbox(r, at, "reply_to", r.str_in(t, at, "reply_to")) or base.reply_to,
        schedule=read_schedule(r, t, at, base.schedule),
    )


def _mail(r: Reader) -> MailSettings:
    m = r.table("mail") or {}
    r.known("mail", ("sender", "reply_to", "list_id", "outbox"))
    at = ("mail", None)
    base = MailSettings()
    mail = MailSettings(
        sender=r.env("REMINDER_SMTP_FROM") or r.str_in(m, at, "sender") or base.sender,
        reply_to=r.str_in(m, at, "reply_to"),
        list_id=r.str_in(m, at, "list_id") or base.list_id,
        outbox=Path(r.env("REMINDER_OUTBOX") or r.str_in(m, at, "outbox") or base.outbox),
    )
    for key, value in (("sender", mail.sender), ("reply_to", mail.reply_to)):
        if value is not None and not _is_mailbox(value):
            r.problem(
                "mail",
                key,
                f"is {value!r}; expected an address such as "
                "'CPSS reminders <reminders@example.org>'",
            )
    s = r.table("smtp") or {}
    smtp_keys = (
        "host",
        "port",
        "username",
        "security",
        "timeout",
        "rate_per_minute",
        "concurrency",
        "max_attempts",
        "backoff_seconds",
    )
    r.known("smtp", smtp_keys)
    if "password" in s:
        r.problem("smtp", "password", "must not be in the file; set REMINDER_SMTP_PASSWORD")
    at = ("smtp", None)
    host = r.env("REMINDER_SMTP_HOST") or r.str_in(s, at, "host")
    if not host:
        return mail
    port = r.env_int("REMINDER_SMTP_PORT") or r.integer(s, at, "port", 1, 65535, 0)
    security = r.env("REMINDER_SMTP_SECURITY") or r.str_in(s, at, "security") or "starttls"
    if security not in ("none", "starttls", "tls"):
        r.problem("smtp", "security", f"is {security!r}; expected none, starttls or tls")
    smtp = SmtpSettings(
        host=host,
        port=port or {"tls": 465, "none": 25}.get(security, 587),
        username=r.env("REMINDER_SMTP_USERNAME") or r.str_in(s, at, "username"),
        password=r.env("REMINDER_SMTP_PASSWORD"),
        security=security,
        timeout=float(r.integer(s, at, "timeout", 1, 600, 30)),
        rate_per_minute=r.integer(s, at, "rate_per_minute", 1, 100_000, 120),
        concurrency=r.integer(s, at, "concurrency", 1, 64, 4),
        max_attempts=r.integer(s, at, "max_attempts", 1, 20, 4),
        backoff_seconds=float(r.integer(s, at, "backoff_seconds", 0, 3600, 2)),
    )
    return replace(mail, smtp=smtp)


def _mailbox(r: Reader, at: tuple[str, str | None], key: str, value: str | None) -> str | None:
    """`value` when it is an address a header can carry; else a problem, and None."""
    if value is not None and not _is_mailbox(value):
        r.problem(
            at[0], key, f"is {value!r}; expected an address such as 'team@example.org'", at[1]
        )
        return None
    return value


def _is_mailbox(value: str) -> bool:
    """'Name <local@domain>' or 'local@domain', as a From or Reply-To header can carry."""
    from email.utils import parseaddr

    _, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain and " " not in address)
