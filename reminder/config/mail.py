"""Settings for composing and delivering mail (part of the configuration stage)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the SMTP server. The password only ever comes from the environment."""

    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    security: str = "starttls"  # none, starttls or tls
    timeout: float = 30.0
    rate_per_minute: int = 120  # providers cap messages per minute
    concurrency: int = 4  # parallel connections, each reused for many messages
    max_attempts: int = 4
    backoff_seconds: float = 2.0  # first retry delay; doubles each time

    def __repr__(self) -> str:
        # Never let the password reach a log line or a traceback.
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, username={self.username!r}, "
            f"password={'***' if self.password else None}, security={self.security!r})"
        )


@dataclass(frozen=True)
class MailSettings:
    """Headers every mail carries, and where the file outbox writes."""

    sender: str = "Action point reminders <reminders@localhost>"
    reply_to: str | None = None  # default: the forum's coordinator
    list_id: str = "action-points.reminder.localhost"
    outbox: Path = Path("outbox")
    smtp: SmtpSettings | None = None  # None: write to the outbox instead of sending
