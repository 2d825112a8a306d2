"""The "Register ID" column of a file this tool exported: each row names its action.

An export's first column is headed "Register ID" and holds the register's own ids; an
import of that file must update exactly those actions, so every row carries its id in
`register_id` and never as the tracker's own `ref`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reminder.reading.actions.roles import role
from reminder.reading.extraction import Status
from reminder.reading.trackers.headers import classify
from reminder.reading.trackers.sheets import read_csv, read_xlsx

HEADER = ["Register ID", "Action", "Owner", "Deadline", "Status"]


def _export(tmp_path: Path, *rows: list[object], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Actions"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def test_an_exported_workbook_gives_each_row_its_register_id_and_no_ref(tmp_path: Path) -> None:
    path = _export(
        tmp_path,
        [12, "Share the map", "UNHCR", datetime(2026, 12, 15), "Done"],
        [7, "Count the tents", "IOM", "end of December", "Open"],
    )
    result = read_xlsx(path)
    assert [(a.register_id, a.ref, a.text, a.status) for a in result.actions] == [
        (12, None, "Share the map", Status.DONE),
        (7, None, "Count the tents", Status.OPEN),
    ]
    assert not any("Register ID" in note for note in result.notes)


def test_a_register_id_beside_the_trackers_own_id_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Register ID,ID,Action,Owner\n3,AP-24-01,Share the map,UNHCR\n")
    (action,) = read_csv(path).actions
    assert (action.register_id, action.ref) == (3, "AP-24-01")


def test_ids_saved_as_decimals_or_text_are_whole_numbers(tmp_path: Path) -> None:
    path = _export(tmp_path, [4.0, "Share the map", "UNHCR", None, None], [" 5 ", "Count", "IOM"])
    assert [a.register_id for a in read_xlsx(path).actions] == [4, 5]


@pytest.mark.parametrize("value", ["x7", "3.5", "0", "-2", "#12", "12a"])
def test_an_id_that_is_not_a_whole_number_is_noted_with_its_row_not_guessed(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"Register ID,Action,Owner\n{value},Share the map,UNHCR\n")
    result = read_csv(path)
    (action,) = result.actions
    assert action.register_id is None
    assert f"{path}, row 2: Register ID '{value}' is not a whole number above 0" in " ".join(
        result.notes
    )


def test_a_row_added_to_the_export_without_an_id_is_a_new_action(tmp_path: Path) -> None:
    path = _export(tmp_path, [None, "Print the leaflets", "WFP", None, None])
    result = read_xlsx(path)
    assert [(a.text, a.register_id) for a in result.actions] == [("Print the leaflets", None)]
    assert not any("Register ID" in note for note in result.notes)


def test_an_exported_row_is_never_split_into_several_actions(tmp_path: Path) -> None:
    path = _export(tmp_path, [9, "Share the map\nPrint the map", "UNHCR\nIOM", None, None])
    assert [(a.register_id, a.text) for a in read_xlsx(path).actions] == [
        (9, "Share the map Print the map")
    ]


def test_a_register_id_column_is_recognised_but_never_taken_for_the_ref() -> None:
    for written in ("Register ID", "register id", "REGISTER ID"):
        match = classify(written)
        assert match is not None and match.field == "register_id"
    assert classify("Registered") is None
    assert role("Register ID") == "register_id"  # a review table: it updates by id, never a ref
