"""New actions of an import, inserted many per statement instead of one flush each.

Building an ORM object and flushing it to learn its id cost more than the row it writes
(one round trip per row on PostgreSQL). A new action waits here as its columns (a
`Pending`) and gets its id when its batch is inserted: every `BATCH` new actions, when an
item of the same import finds it again (`Identity.find`), and at the end of the import.
The rows that need its id (its first wording, status change, facts and owners) are then
handed to `Rows`, and `on_insert` hears of it (the import claims it, notes duplicates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel

from reminder.reading.extraction import SourceRef
from reminder.register.bulk import Rows
from reminder.register.models import ActionPoint
from reminder.register.values import insert_values

BATCH = 1_000
# The rows waiting for the end of the import are written once this many wait, so that
# memory does not grow with the import's size (their order in each table is kept).
ROWS_HELD = 20_000


@dataclass(eq=False)
class Pending:
    """A new action not inserted yet: its columns, and the rows that will point at it."""

    columns: dict[str, Any]
    source: SourceRef
    rows: list[tuple[type[SQLModel], dict[str, Any]]] = field(default_factory=list)
    owners: list[dict[str, Any]] = field(default_factory=list)
    id: int | None = None
    # What to say once the id is known ("#12 is probably #7").
    said: Callable[[Pending], None] | None = None

    @property
    def fingerprint(self) -> str:
        fingerprint: str = self.columns["fingerprint"]
        return fingerprint


class NewActions:
    """The new actions of one import (one forum), inserted in batches in the caller's
    transaction."""

    def __init__(
        self, *, session: Session, rows: Rows, on_insert: Callable[[Pending], None]
    ) -> None:
        self.session, self.rows, self.on_insert = session, rows, on_insert
        self.waiting: list[Pending] = []

    def add(self, pending: Pending) -> Pending:
        self.waiting.append(pending)
        if len(self.waiting) >= BATCH:
            self.flush()
        return pending

    def flush(self) -> None:
        """Insert every waiting action (ids in the order added), then the rows they need."""
        if not self.waiting:
            return
        waiting, self.waiting = self.waiting, []
        table = ActionPoint.__table__  # type: ignore[attr-defined]
        # Each new action's id is found by its fingerprint, unique in its forum (and all
        # of one import are in one forum): then the database may return them in any order.
        result = insert_values(
            connection=self.session.connection(),
            table=table,
            rows=[p.columns for p in waiting],
            returning=("fingerprint", "id"),
        )
        ids: dict[str, int] = dict(result)
        for pending in waiting:
            action_id = ids[pending.fingerprint]
            pending.id = action_id
            for table, values in pending.rows:
                values["action_id"] = action_id  # the pending's own dict: no copy of it
                self.rows.add(table, values)
            self.rows.owners[action_id] = [
                {"action_id": action_id, **owner} for owner in pending.owners
            ]
            self.on_insert(pending)
            if pending.said is not None:
                pending.said(pending)
            # Only the id is needed from now on (a later item may find the action again).
            pending.columns, pending.rows, pending.owners, pending.said = {}, [], [], None
        if self.rows.count() >= ROWS_HELD:
            self.rows.insert(session=self.session)
