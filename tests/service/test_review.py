"""The next meeting's review table: written as Word and Excel, filled in at the meeting,
imported back, and the same items updated by their Register ID."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.register.answers import answer
from reminder.register.engine import transaction
from reminder.register.models import ActionPoint
from reminder.service import imports as service
from reminder.service.documents import COLUMNS
from reminder.service.review import export_review, next_meeting
from tests.registers import seed

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 12, 3, 0, tzinfo=UTC)
MEETING = date(2023, 7, 17)  # third Monday of July: the CPSS's next meeting
FORUM = "CXB CPSS"


@pytest.fixture
def settings() -> Settings:
    return load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})


@pytest.fixture
def register(engine: Engine, settings: Settings) -> Engine:
    seed(engine, settings, now=NOW)
    return engine


def open_ids(engine: Engine) -> list[int]:
    with Session(engine) as session:
        query = select(ActionPoint.id).where(
            ActionPoint.forum == FORUM, col(ActionPoint.status).in_(("open", "in_progress"))
        )
        return sorted(i for i in session.exec(query) if i is not None)


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(ActionPoint)).one())


def write(engine: Engine, settings: Settings, tmp_path: Path, fmt: str, by: str = "agenda") -> Path:
    path = tmp_path / f"review.{fmt}"
    export_review(
        engine=engine,
        settings=settings,
        forum=FORUM,
        meeting=MEETING,
        out=path,
        fmt=fmt,
        by=by,
        today=NOW.date(),
    )
    return path


def test_the_next_meeting_is_found(register: Engine, settings: Settings) -> None:
    assert (
        next_meeting(engine=register, settings=settings, forum=FORUM, today=NOW.date()) == MEETING
    )


def test_the_word_table_filled_in_and_imported_back_updates_the_same_items(
    register: Engine, settings: Settings, tmp_path: Path
) -> None:
    ids = open_ids(register)
    first = ids[0]
    with transaction(register) as session:
        answer(
            session=session,
            token="t1",
            contact="ana@example.org",
            action_id=first,
            what="comment",
            now=NOW,
            comment="Draft shared with the sub-sector",
        )
    path = write(register, settings, tmp_path, "docx")
    document = Document(str(path))
    assert (
        "review of previous action points, meeting of 17 July 2023" in document.paragraphs[0].text
    )
    rows = [row for table in document.tables for row in table.rows]
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == list(COLUMNS)
    body = {int(r.cells[0].text): r for r in rows if r.cells[0].text.isdigit()}
    assert sorted(body) == ids
    assert "Draft shared with the sub-sector" in body[first].cells[5].text
    before = count(register)
    body[first].cells[4].text = "Done"
    body[first].cells[5].text = "Closed at the meeting"
    document.save(str(path))
    service.import_files(engine=register, paths=[path], settings=settings, now=NOW, forum=FORUM)
    assert count(register) == before  # no new actions: each row found its item by id
    with Session(register) as session:
        done = session.get(ActionPoint, first)
        assert done is not None and done.status == "done"
    assert open_ids(register) == ids[1:]


def test_the_excel_table_by_organisation_round_trips_too(
    register: Engine, settings: Settings, tmp_path: Path
) -> None:
    ids = open_ids(register)
    path = write(register, settings, tmp_path, "xlsx", by="organisation")
    book = load_workbook(path)
    sheet = book["Review"]
    assert str(sheet["A1"].value).startswith("Exported on 12 July 2023")
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["Register ID", "Agenda item", "Action"] and header[-1] == "Reviewed under"
    rows = {int(r[0].value): r for r in sheet.iter_rows(min_row=3) if r[0].value}
    assert sorted(rows) == ids
    last = ids[-1]
    rows[last][5].value = "Done"
    book.save(path)
    before = count(register)
    service.import_files(engine=register, paths=[path], settings=settings, now=NOW, forum=FORUM)
    assert count(register) == before
    assert open_ids(register) == ids[:-1]


def test_export_review_from_the_command_line(tmp_path: Path) -> None:
    from tests.cli.test_app import reminder

    config = str(ROOT / "config" / "reminder.toml")
    minutes = str(ROOT / "examples" / "minutes" / "2023-06-19_cxb-cpss.md")
    reminder("--config", config, "import", minutes, cwd=tmp_path)
    out = tmp_path / "review.docx"
    result = reminder(
        "--config",
        config,
        "export",
        "review",
        "--forum",
        "CPSS",
        "--meeting",
        "2023-07-17",
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "to review at the meeting of 17 July 2023" in " ".join(result.stdout.split())
    assert Document(str(out)).tables
    bad = reminder("--config", config, "export", "review", "--format", "pdf", cwd=tmp_path)
    assert bad.returncode == 2 and "--format" in bad.stderr
