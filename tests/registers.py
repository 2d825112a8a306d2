"""Registers for tests: the examples' directory and minutes, imported as a user would."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from reminder.config.settings import Settings
from reminder.service import imports as service

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
CPSS_JUNE = EXAMPLES / "minutes" / "2023-06-19_cxb-cpss.md"  # the CPSS meeting of 19 June 2023


def seed(
    engine: Engine, settings: Settings, *, now: datetime, minutes: Sequence[Path] = (CPSS_JUNE,)
) -> None:
    """Import the example directory, then `minutes` (default: the CPSS's June minutes)."""
    service.import_contacts(engine=engine, path=EXAMPLES / "directory.csv")
    service.import_files(
        engine=engine, paths=list(minutes), settings=settings, now=now, today=now.date()
    )


def all_minutes() -> list[Path]:
    return sorted((EXAMPLES / "minutes").iterdir())
