"""Rows written in batches during an import (see `pending.ROWS_HELD`), many per statement.

On a large import, building an ORM object and flushing it costs more than the row it
writes; the rows nothing reads back during the import (facts, history, wordings and
owners of new actions) are gathered here and inserted in batches by `insert`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session, SQLModel

from reminder.register.models import ActionOwner
from reminder.register.values import insert_values


class Rows:
    """Rows to insert, by table; the owners of an action can be replaced until inserted."""

    def __init__(self) -> None:
        self.tables: dict[type[SQLModel], list[dict[str, Any]]] = defaultdict(list)
        self.owners: dict[int, list[dict[str, Any]]] = {}

    def add(self, table: type[SQLModel], values: dict[str, Any]) -> None:
        """A row of `table`; `values` itself is kept: the caller must not change it after."""
        self.tables[table].append(values)

    def count(self) -> int:
        """How many rows wait to be inserted."""
        return sum(map(len, self.tables.values())) + sum(map(len, self.owners.values()))

    def insert(self, *, session: Session) -> None:
        """Write every gathered row (owners last: they point at actions) and forget them."""
        owners = [row for rows in self.owners.values() for row in rows]
        batches: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
            *self.tables.items(),
            (ActionOwner, owners),
        ]
        for table, rows in batches:
            # Not the ORM: the rows are complete, and nothing reads them back.
            for same in _by_columns(rows):
                insert_values(connection=session.connection(), table=table.__table__, rows=same)  # type: ignore[attr-defined]
        self.tables.clear()
        self.owners.clear()


def _by_columns(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The rows in runs of the same columns, in their order."""
    runs: list[list[dict[str, Any]]] = []
    last: Any = None
    for row in rows:
        columns = row.keys()
        if not runs or columns != last:
            runs.append([])
            last = columns
        runs[-1].append(row)
    return runs
