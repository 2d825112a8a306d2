"""Settings for the web part: the public address of the links in mails, and their key."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from reminder.config.reader import Reader

MIN_SECRET = 32  # characters: a signing key shorter than this is guessable


@dataclass(frozen=True)
class WebSettings:
    """`base_url` None: mails carry no links and say whom to reply to instead.

    The secret only ever comes from the environment (`REMINDER_SECRET_KEY`).
    """

    base_url: str | None = None
    secret_key: str | None = None
    link_days: int = 45  # how long a link in a mail works
    admins: tuple[str, ...] = ()  # addresses that see every forum on the desk
    session_hours: int = 12  # how long a desk sign-in lasts

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.secret_key)

    def __repr__(self) -> str:
        secret = "***" if self.secret_key else None
        return (
            f"WebSettings(base_url={self.base_url!r}, secret_key={secret}, "
            f"link_days={self.link_days}, admins={self.admins!r}, "
            f"session_hours={self.session_hours})"
        )


def read_web(r: Reader) -> WebSettings:
    """`[web]` and REMINDER_BASE_URL / REMINDER_SECRET_KEY, each problem with its key."""
    t = r.table("web") or {}
    r.known("web", ("base_url", "link_days", "admins", "session_hours"))
    if "secret_key" in t:
        r.problem("web", "secret_key", "must not be in the file; set REMINDER_SECRET_KEY")
    at = ("web", None)
    base_url = r.env("REMINDER_BASE_URL") or r.str_in(t, at, "base_url")
    secret = r.env("REMINDER_SECRET_KEY")
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            r.problem("web", "base_url", f"is {base_url!r}; expected https://host[/path]")
            base_url = None
        else:
            base_url = base_url.rstrip("/")
        if base_url and not secret:
            r.problem("web", "base_url", "is set but REMINDER_SECRET_KEY is not: links need a key")
    if secret is not None and len(secret) < MIN_SECRET:
        r.problems.append(
            f"environment: REMINDER_SECRET_KEY must be at least {MIN_SECRET} characters"
        )
        secret = None
    admins = r.strings(t, at, "admins")
    for address in admins:
        if "@" not in address or any(c.isspace() for c in address.strip()):
            r.problem("web", "admins", f"holds {address!r}; expected mail addresses")
    return WebSettings(
        base_url=base_url,
        secret_key=secret,
        link_days=r.integer(t, at, "link_days", 1, 365, 45),
        admins=tuple(a.strip().lower() for a in admins if "@" in a),
        session_hours=r.integer(t, at, "session_hours", 1, 720, 12),
    )
