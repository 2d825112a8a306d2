"""Structured logs for the service: one JSON object per line, secrets masked.

Every record becomes {"ts", "level", "logger", "event", ...extra fields}. A filter
replaces any configured secret (the SMTP password, the database password) wherever it
would appear, as a last line of defence: the code never logs them on purpose.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        payload.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            payload["error"] = self.formatException(record.exc_info).splitlines()[-1]
        # Masked before serialising: JSON escaping could otherwise hide a secret's spelling.
        masked = {k: self._mask(v) if isinstance(v, str) else v for k, v in payload.items()}
        return self._mask(json.dumps(masked, default=str, ensure_ascii=False))

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def configure(*, level: str = "INFO", secrets: Iterable[str] = ()) -> None:
    """Send every `reminder.*` and scheduler log line to stderr as JSON."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # APScheduler logs every job execution at INFO; our own events say more, once.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiosmtpd").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
