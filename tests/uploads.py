"""Minutes for upload tests: a Word document built with python-docx, as a coordinator
would write one (a title with the meeting date, an action table)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx

ROWS = (
    ("Share the referral pathway with all partners", "CPSS", "end of July", "Open"),
    ("Circulate the draft PSS curriculum for comments", "Nobody Known Org", "next meeting", "Open"),
    ("Thanks to everyone for attending the meeting", "CPSS", "", "Open"),
)


def minutes_docx(
    path: Path, *, rows: Sequence[tuple[str, str, str, str]] = ROWS, day: str = "20 July 2023"
) -> Path:
    """Write CPSS minutes of `day` with `rows` (action, responsible, deadline, status)."""
    document = docx.Document()
    document.add_heading("CXB CPSS Monthly Meeting", level=1)
    document.add_paragraph(f"Date: {day}")
    document.add_paragraph("Next meeting: 17 August 2023")
    document.add_heading("Action points", level=2)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ("Action", "Responsible", "Deadline", "Status"), strict=True
    ):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))
    return path
