"""Fuzzing the readers: whatever bytes a file holds, `read_source` returns an Extraction
or raises InputError naming the file; never any other exception, never a hang."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from reminder.errors import InputError
from reminder.reading.dispatch import read_source
from reminder.reading.extraction import Extraction

_FUZZ = settings(
    max_examples=100,
    deadline=5000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_MINUTES = "Action points\n\n- Ann to send the report by 5 December 2026.\n| Action | Owner |\n"


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Owner", "Due", "Status"])
    sheet.append(["Send the report", "Ann", "2026-12-05", "open"])
    sheet.merge_cells("A3:B3")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _docx() -> bytes:
    document = WordDocument()
    document.add_heading("Action points", level=1)
    document.add_paragraph("Ann to send the report by Friday.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Action", "Owner"
    table.cell(1, 0).text, table.cell(1, 1).text = "Send the report", "Ann"
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(text="Action points: Ann to send the report by Friday.")
    return bytes(pdf.output())


SEEDS: dict[str, bytes] = {
    ".csv": b"Action,Owner,Due,Status\nSend the report,Ann,2026-12-05,open\n",
    ".xlsx": _xlsx(),
    ".docx": _docx(),
    ".html": b"<html><body><h1>Actions</h1><table><tr><th>Action</th><th>Owner</th></tr>"
    b"<tr><td rowspan=2>Send the report</td><td>Ann</td></tr></table></body></html>",
    ".md": _MINUTES.encode() + b"|---|---|\n| Send the report | Ann |\n",
    ".txt": _MINUTES.encode(),
    ".pdf": _pdf(),
}
_MAIN_PART = {".xlsx": "xl/worksheets/sheet1.xml", ".docx": "word/document.xml"}


@st.composite
def _mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few bytes replaced, inserted, deleted, or cut short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        else:
            del out[at:]
    return bytes(out)


def _rezipped(data: bytes, part: str, new: bytes) -> bytes:
    """The package `data` with `part` replaced by `new` (a mutated XML part, a valid zip)."""
    stream = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(stream, "w") as out:
        for info in old.infolist():
            out.writestr(info.filename, new if info.filename == part else old.read(info))
    return stream.getvalue()


def _read(folder: Path, suffix: str, data: bytes) -> None:
    path = folder / f"fuzzed{suffix}"
    path.write_bytes(data)
    try:
        assert isinstance(read_source(path), Extraction)
    except InputError as exc:
        assert str(path) in str(exc), exc


@pytest.mark.parametrize("text", [b".HTM", b"notes.txt", b"C:\\minutes.docx"])
def test_a_page_that_looks_like_a_file_name_is_read_as_text(tmp_path: Path, text: bytes) -> None:
    # Found by the fuzzer: bs4 warned (an error under our warning filter) on ".HTM".
    _read(tmp_path, ".html", text)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@_FUZZ
@given(data=st.data())
def test_it_reads_or_refuses_random_bytes(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: st.DataObject
) -> None:
    raw = data.draw(st.one_of(st.binary(max_size=2048), st.text(max_size=512).map(str.encode)))
    _read(tmp_path_factory.mktemp("random"), suffix, raw)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@_FUZZ
@given(data=st.data())
def test_it_reads_or_refuses_a_mutated_valid_file(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: st.DataObject
) -> None:
    _read(tmp_path_factory.mktemp("mutated"), suffix, data.draw(_mutated(SEEDS[suffix])))


@pytest.mark.parametrize("suffix", sorted(_MAIN_PART))
@_FUZZ
@given(data=st.data())
def test_it_reads_or_refuses_a_package_with_mutated_xml(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: st.DataObject
) -> None:
    seed = SEEDS[suffix]
    part = _MAIN_PART[suffix]
    with zipfile.ZipFile(io.BytesIO(seed)) as package:
        xml = package.read(part)
    mutated = _rezipped(seed, part, data.draw(_mutated(xml)))
    _read(tmp_path_factory.mktemp("xml"), suffix, mutated)
