"""Digest planning pauses the garbage collector only while it plans a chunk."""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.planning.notices import Kind
from reminder.service import imports as service
from reminder.service.plan import iter_notices

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


def test_the_collector_runs_as_usual_between_chunks_and_after(engine: Engine) -> None:
    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    service.import_files(
        engine=engine,
        paths=sorted((ROOT / "examples" / "minutes").iterdir()),
        settings=settings,
        now=NOW,
        today=NOW.date(),
    )
    assert gc.isenabled()
    chunks = 0
    for chunk in iter_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW):
        assert gc.isenabled(), "the caller's code runs with the collector on"
        chunks += bool(chunk)
    assert chunks and gc.isenabled()

    gc.disable()  # a caller who turned it off keeps it off
    try:
        list(iter_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW))
        assert not gc.isenabled()
    finally:
        gc.enable()
