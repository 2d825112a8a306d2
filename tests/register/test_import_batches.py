"""An import writes the same register whatever its batch sizes: new actions inserted in
batches (`pending`), rows held and written (`bulk`), register actions loaded a window at
a time (`identity`) and statistics refreshed (`engine.analyse`), on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, select

from reminder.config.settings import Settings
from reminder.reading.extraction import ExtractedAction
from reminder.reading.resolve import ResolvedAction
from reminder.register import identity, imports, pending
from reminder.service import imports as service

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KEPT = (ExtractedAction, ResolvedAction, pending.Pending)
TABLES = ("meeting", "action_point", "action_wording", "fact", "status_change", "action_owner")


def tracker(rows: int, *, reword: bool) -> str:
    lines = ["No.,Action,Responsible,Deadline,Status"]
    for n in range(1, rows + 1):
        verb = "update" if reword and n % 4 == 0 else "share"
        text = f"ORG{n % 3} to {verb} the site list for district {n} with partners"
        status = "Done" if n % 5 == 0 else "Open"
        lines.append(f"{n},{text},ORG{n % 3},{n % 28 + 1:02d}/12/2026,{status}")
    # The same action again, later in the file: the later one wins.
    lines.append(f"{rows + 1},ORG1 to share the site list for district 1 with partners,ORG2,,Done")
    return "\n".join(lines) + "\n"


def register(engine: Engine) -> dict[str, list[str]]:
    """Every row of the import's tables, ids replaced by their rank; the history rows
    (facts, status changes) in no order: batches may write them in another."""
    tables = MetaData()
    tables.reflect(bind=engine, only=TABLES)
    found: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:
        for name in TABLES:
            table = tables.tables[name]
            found[name] = [
                dict(r)
                for r in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
    ranks = {name: {row.get("id"): n for n, row in enumerate(rows)} for name, rows in found.items()}
    for name, rows in found.items():
        for row in rows:
            if "id" in row:
                row["id"] = ranks[name][row["id"]]
            for column, other in (("action_id", "action_point"), ("meeting_id", "meeting")):
                if row.get(column) is not None:
                    row[column] = ranks[other][row[column]]
    history = ("fact", "status_change")
    return {
        name: sorted(repr({**r, "id": None}) for r in rows)
        if name in history
        else list(map(repr, rows))
        for name, rows in found.items()
    }


def run(engine: Engine, tmp_path: Path) -> list[tuple[int, int, int]]:
    counts = []
    for name, reword in (("first", False), ("first", False), ("reworded", True)):
        path = tmp_path / f"{name}.csv"
        path.write_text(tracker(40, reword=reword), encoding="utf-8")
        s = service.import_files(
            engine=engine, paths=[path], settings=Settings(), forum="Bench", now=NOW,
            meeting_date=date(2026, 11, 30), new_forum=True,
        )  # fmt: skip
        counts.append((s.new, s.updated, s.unchanged))
    return counts


def test_small_batches_write_what_one_batch_writes(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run(engine, tmp_path)
    expected = register(engine)
    with engine.begin() as connection:
        for name in reversed(TABLES):
            connection.exec_driver_sql(f"DELETE FROM {name}")
    monkeypatch.setattr(pending, "BATCH", 3)
    monkeypatch.setattr(pending, "ROWS_HELD", 10)
    monkeypatch.setattr(identity, "WINDOW", 7)
    monkeypatch.setattr(imports, "ANALYSE_AFTER", 5)
    assert run(engine, tmp_path) == whole
    assert register(engine) == expected


def test_an_import_keeps_nothing_in_a_reference_cycle(engine: Engine, tmp_path: Path) -> None:
    """What an import made is freed when it returns, not left for the cycle collector
    (on 100,000 rows, a collection of about a second once the import was done)."""
    path = tmp_path / "first.csv"
    path.write_text(tracker(40, reword=False), encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        service.import_files(
            engine=engine, paths=[path], settings=Settings(), forum="Bench", now=NOW,
            meeting_date=date(2026, 11, 30), new_forum=True,
        )  # fmt: skip
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        kept = Counter(type(o).__name__ for o in gc.garbage if type(o) in KEPT)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert kept == Counter()
