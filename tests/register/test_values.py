"""`values.insert_values` stores what a Core insert stores, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from reminder.register import values
from reminder.register.engine import analyse
from reminder.register.models import ActionPoint, Fact, StatusChange
from reminder.register.values import insert_values

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
ACTIONS = ActionPoint.__table__  # type: ignore[attr-defined]
FACTS = Fact.__table__  # type: ignore[attr-defined]


def action(n: int) -> dict[str, Any]:
    """An action's columns as an import gives them, some left to their defaults."""
    return {
        "forum": "F",
        "fingerprint": f"key-{n}",
        "ref": None,
        "meeting_id": None,
        "text": f"Share the list {n} (50 % done; 'quoted')",
        "owners": ["UNICEF", "Save the Children"],
        "supporting": [],
        "due_phrase": None,
        "due_date": date(2026, 12, n % 28 + 1),
        "due_flags": [],
        "status": "done" if n % 2 else "open",
        "source_file": "t.csv",
        "source_row": n,
        "text_as_of": NOW,
        "owners_as_of": None,
        "due_as_of": NOW.astimezone(timezone(timedelta(hours=3))),
        "status_as_of": NOW,
        "origins": {"text": "t.csv"} if n % 3 else None,
        "merged_into": None,
        "created_at": NOW,
        "updated_at": NOW,
    }


def stored(engine: Engine, table: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(select(table).order_by(table.c.id)).mappings()
        return [{k: v for k, v in row.items() if k != "id"} for row in rows]


def test_the_rows_stored_are_those_core_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(values, "MAX_ROWS", 3)  # several statements, one shorter
    with engine.begin() as connection:
        returned = insert_values(
            connection=connection,
            table=ACTIONS,
            rows=[action(n) for n in range(7)],
            returning=("fingerprint", "id"),
        )
    assert sorted(key for key, _ in returned) == sorted(f"key-{n}" for n in range(7))
    ids = dict(returned)
    assert len(set(ids.values())) == 7
    ours = stored(engine, ACTIONS)
    with engine.begin() as connection:
        connection.execute(ACTIONS.delete())
        connection.execute(insert(ACTIONS), [action(n) for n in range(7)])
    assert ours == stored(engine, ACTIONS)
    assert ours[0]["owners_raw"] == "" and ours[0]["due_method"] == "none"
    assert ours[0]["due_as_of"] == NOW and ours[0]["due_as_of"].tzinfo is not None
    assert ours[1]["origins"] == {"text": "t.csv"} and ours[0]["origins"] is None


JSON_VALUES = (None, "2026-12-01", ["A", "B"], [], {}, [], "", 0, False, {"a": []})


def test_json_none_and_defaults_of_facts(engine: Engine) -> None:
    with engine.begin() as connection:
        (returned,) = insert_values(
            connection=connection, table=ACTIONS, rows=[action(1)], returning=("id",)
        )
        rows = [
            {"action_id": returned[0], "field": "due", "value": value, "as_of": NOW}
            | {"recorded_at": NOW}
            for value in JSON_VALUES
        ]
        assert insert_values(connection=connection, table=FACTS, rows=rows) == []
    facts = stored(engine, FACTS)
    # Empty lists and mappings are processed once; other empty or false values are not them.
    assert [f["value"] for f in facts] == list(JSON_VALUES)
    assert {(f["source"], f["author"], f["outcome"]) for f in facts} == {("", "", "applied")}


def test_rows_must_have_the_same_columns(engine: Engine) -> None:
    change = {"action_id": 1, "new_status": "open", "changed_at": NOW}
    with engine.begin() as connection, pytest.raises(ValueError, match="columns"):
        insert_values(
            connection=connection,
            table=StatusChange.__table__,  # type: ignore[attr-defined]
            rows=[change, {**change, "note": "x"}],
        )
    with engine.connect() as connection:
        assert insert_values(connection=connection, table=FACTS, rows=[]) == []


def test_analyse_gives_postgresql_statistics_within_the_transaction(engine: Engine) -> None:
    with Session(engine) as session:
        insert_values(
            connection=session.connection(), table=ACTIONS, rows=[action(n) for n in range(50)]
        )
        analyse(
            session=session, tables=["action_point", "action_wording"]
        )  # nothing at all on SQLite
        if engine.dialect.name == "postgresql":
            query = "SELECT reltuples FROM pg_class WHERE relname = 'action_point'"
            assert session.connection().exec_driver_sql(query).scalar() == 50
        session.rollback()
    assert stored(engine, ACTIONS) == []


def test_texts_that_copy_would_escape_are_stored_as_given(engine: Engine) -> None:
    """PostgreSQL gets the rows by COPY, whose text format gives tab, line break,
    backslash and \\N meanings of their own."""
    texts = ["tab\there", "two\nlines", "back\\slash", "\\N", "", "naïve – “quoted”"]
    with engine.begin() as connection:
        insert_values(
            connection=connection,
            table=ACTIONS,
            rows=[action(n) | {"text": text, "owners": [text]} for n, text in enumerate(texts)],
        )
    ours = stored(engine, ACTIONS)
    assert [row["text"] for row in ours] == texts
    assert [row["owners"] for row in ours] == [[text] for text in texts]


def test_only_given_columns_or_the_key_are_returned(engine: Engine) -> None:
    with engine.begin() as connection, pytest.raises(ValueError, match="returned"):
        insert_values(
            connection=connection, table=ACTIONS, rows=[action(1)], returning=("owners_raw",)
        )
