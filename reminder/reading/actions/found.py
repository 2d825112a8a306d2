"""What the analysis of one minutes document has found so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from reminder.reading.document import Item, Row, Table
from reminder.reading.extraction import ExtractedAction, Skipped, SourceRef


@dataclass
class Found:
    """The actions, skipped items and notes of one document (`source`), in reading order."""

    source: str
    actions: list[ExtractedAction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def ref(self, table: Table | None, row: Row | None, it: Item | None) -> SourceRef:
        """Where `it` is: its own line if known, else its row's; the table's name, the row."""
        line = it.line if it is not None and it.line is not None else getattr(row, "line", None)
        name = table.name if table is not None else None
        return SourceRef(self.source, name, row.number if row else None, line)
