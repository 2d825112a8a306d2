"""The one place that reads the system time.

Everything else takes `now` as a parameter, so tests pass any instant they like.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def today(tz: str = "UTC") -> date:
    """Today's date in the given IANA time zone."""
    return now().astimezone(ZoneInfo(tz)).date()
