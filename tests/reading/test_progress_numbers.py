"""A tracker's progress column of bare numbers (0, 25, 100) gives statuses."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reminder.reading.dispatch import read_source
from reminder.reading.extraction import Status


def test_bare_progress_numbers_are_percentages(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Action", "Owner", "Deadline", "Progress (%)"])
    sheet.append(["Share the site list", "IOM", "end of May", 100])
    sheet.append(["Map the latrines", "WASH team", "TBD", 50])
    sheet.append(["Draft the guidance", "UNHCR", "Q3", 0])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    statuses = [a.status for a in read_source(path).actions]
    assert statuses == [Status.DONE, Status.IN_PROGRESS, Status.OPEN]
