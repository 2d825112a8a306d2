"""A coordinator's review of an import: the preview writes nothing and says what the
import would do; the confirm imports with the corrections, as the coordinator's evidence,
in one transaction (a failure leaves the register as it was)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.errors import InputError
from reminder.register.drops import drops_of
from reminder.register.models import ActionPoint, Fact
from reminder.service.corrections import Correction, import_reviewed
from reminder.service.preview import preview_file
from tests.registers import ROOT, seed
from tests.uploads import ROWS, minutes_docx

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
NOW = datetime(2023, 7, 21, 8, 0, tzinfo=UTC)
TAREK = "tarek.akkad@cpss.example.org"
SIMILAR = (
    "CPSS partners to nominate membership for the child and adolescent WG",
    "CPSS",
    "",
    "Open",
)


@pytest.fixture
def settings() -> Settings:
    return load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})


def _count(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        actions = session.exec(select(func.count()).select_from(ActionPoint)).one()
        facts = session.exec(select(func.count()).select_from(Fact)).one()
    return actions, facts


def test_the_preview_says_what_the_import_would_do_and_writes_nothing(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    seed(engine, settings, now=NOW)
    path = minutes_docx(tmp_path / "upload.docx", rows=(*ROWS, SIMILAR))
    before = _count(engine)
    preview = preview_file(
        engine=engine, settings=settings, path=path, name="July.docx", forum="CXB CPSS"
    )
    assert _count(engine) == before
    assert preview.meeting_date == date(2023, 7, 20) and preview.date_source == "Date: line"
    assert preview.next_meeting == date(2023, 8, 17)
    first, second, _, similar = preview.rows
    assert first.source.startswith("July.docx") and str(tmp_path) not in first.source
    assert first.owners[0].resolved == "organisation Child Protection Sub-Sector"
    assert first.due == date(2023, 7, 31) and "month end" in first.due_how
    assert second.owners[0].resolved is None  # unresolved, and said so
    assert first.match == "new"
    assert similar.updates is not None or similar.duplicate_of is not None, similar.match


def test_the_confirm_imports_with_the_corrections_as_the_coordinators_evidence(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    seed(engine, settings, now=NOW)
    path = minutes_docx(tmp_path / "upload.docx")
    preview = preview_file(
        engine=engine, settings=settings, path=path, name="July.docx", forum="CXB CPSS"
    )
    corrections = [
        Correction(index=1, owners=("UNICEF",), due=date(2023, 8, 31)),
        Correction(index=2, drop=True),
    ]
    done = import_reviewed(
        engine=engine,
        settings=settings,
        path=path,
        name="July.docx",
        forum="CXB CPSS",
        digest=preview.digest,
        corrections=corrections,
        author=TAREK,
        now=NOW,
    )
    assert [text for _, text in done.imported] == [ROWS[0][0], ROWS[1][0]]
    assert done.dropped and ROWS[2][0] in done.dropped[0]
    with Session(engine) as session:
        corrected = session.get(ActionPoint, done.imported[1][0])
        assert corrected is not None
        assert corrected.owners == ["UNICEF"] and corrected.due_date == date(2023, 8, 31)
        facts = session.exec(
            select(Fact).where(Fact.action_id == corrected.id, Fact.source == "desk review")
        ).all()
        assert {f.field for f in facts} == {"owners", "due"}
        assert {f.author for f in facts} == {f"coordinator {TAREK}"}
        dropped = drops_of(session=session, forum="CXB CPSS")
        assert [d.text for d in dropped] == [ROWS[2][0]]
        assert dropped[0].author == f"coordinator {TAREK}"
        texts = session.exec(select(ActionPoint.text)).all()
        assert ROWS[2][0] not in texts


def test_a_failing_correction_leaves_the_register_as_it_was(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    seed(engine, settings, now=NOW)
    path = minutes_docx(tmp_path / "upload.docx")
    preview = preview_file(
        engine=engine, settings=settings, path=path, name="July.docx", forum="CXB CPSS"
    )
    before = _count(engine)
    # The second row's new wording is the first row's: the register refuses it, after
    # the rows were imported in the same transaction.
    clash = Correction(index=1, text=ROWS[0][0])
    with pytest.raises(InputError, match="already has that wording"):
        import_reviewed(
            engine=engine,
            settings=settings,
            path=path,
            name="July.docx",
            forum="CXB CPSS",
            digest=preview.digest,
            corrections=[Correction(index=0, owners=("UNICEF",)), clash],
            author=TAREK,
            now=NOW,
        )
    assert _count(engine) == before


def test_a_file_that_reads_differently_since_its_preview_is_refused(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = minutes_docx(tmp_path / "upload.docx")
    with pytest.raises(InputError, match="reads differently"):
        import_reviewed(
            engine=engine,
            settings=settings,
            path=path,
            name="July.docx",
            forum="CXB CPSS",
            digest="0" * 64,
            corrections=[],
            author=TAREK,
            now=NOW,
        )
