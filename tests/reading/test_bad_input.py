"""Bad input: every case gets one clear InputError naming the file, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as WordDocument
from fpdf import FPDF
from openpyxl import Workbook

from reminder.errors import InputError
from reminder.reading.dispatch import read_source
from reminder.reading.formats.sniff import MAX_SOURCE_BYTES

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx(path: Path) -> Path:
    document = WordDocument()
    document.add_heading("Action points", level=1)
    document.add_paragraph("Ana to call the landlord by Friday.")
    document.save(str(path))
    return path


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Owner", "Deadline"])
    sheet.append(["Call the landlord", "Ana", "Friday"])
    book.save(str(path))
    return path


def _pdf(path: Path, *, text: bool = True) -> Path:
    pdf = FPDF()
    pdf.add_page()
    if text:
        pdf.set_font("Helvetica", size=11)
        pdf.cell(text="Action points: Ana to call the landlord by Friday.")
    else:
        pdf.rect(20, 20, 100, 140, style="F")  # what a scan without text layer holds
    pdf.output(str(path))
    return path


def _locked_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(text="Ana to call the landlord.")
    pdf.output(str(path))
    return path


def _truncated(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        data = make(path).read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path

    return build


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return build


def _renamed(make: Callable[[Path], Path], suffix: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        made = make(path.with_suffix(suffix))
        made.rename(path)
        return path

    return build


def _broken_xml(member: str, content_types: str = "<x/>") -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("[Content_Types].xml", content_types)
            package.writestr(member, "<unclosed")
        return path

    return build


TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _encrypted(path: Path) -> Path:
    # Encrypted OOXML is an OLE compound file with an "EncryptionInfo" stream.
    path.write_bytes(OLE + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500)
    return path


def _large(path: Path) -> Path:
    with path.open("wb") as stream:
        stream.truncate(MAX_SOURCE_BYTES + 1)
    return path


CASES = [
    ("notes.docx", _bytes(b"Minutes of the meeting\n"), "not a Word document (.docx)"),
    ("tracker.xlsx", _bytes(b"a,b,c\n1,2,3\n"), "not an Excel workbook (.xlsx)"),
    ("notes.pdf", _bytes(b"Minutes of the meeting\n"), "not a PDF file"),
    ("tracker.docx", _renamed(_xlsx, ".xlsx"), "is an Excel workbook (.xlsx), not a Word"),
    ("notes.xlsx", _renamed(_docx, ".docx"), "is a Word document (.docx), not an Excel"),
    ("notes.docx", _encrypted, "password-protected; remove the password and save again"),
    ("tracker.xlsx", _encrypted, "password-protected; remove the password and save again"),
    ("old.docx", _bytes(OLE + b"\0" * 1000), "an old-format Office file"),
    ("notes.docx", _truncated(_docx), "damaged Word document (.docx)"),
    ("tracker.xlsx", _truncated(_xlsx), "damaged Excel workbook (.xlsx)"),
    ("notes.pdf", _truncated(_pdf), "damaged PDF"),
    ("notes.docx", _broken_xml("word/document.xml"), "damaged Word document (.docx)"),
    ("notes.docx", _broken_xml("word/document.xml", TYPES), "its XML is broken"),
    ("tracker.xlsx", _broken_xml("xl/workbook.xml"), "damaged Excel workbook (.xlsx)"),
    ("locked.pdf", _locked_pdf, "password-protected; remove the password and save again"),
    ("scan.pdf", lambda path: _pdf(path, text=False), "no text layer; run OCR first"),
    ("empty.txt", _bytes(b""), "the file is empty (0 bytes)"),
    ("empty.docx", _bytes(b""), "the file is empty (0 bytes)"),
    ("empty.pdf", _bytes(b""), "the file is empty (0 bytes)"),
    ("empty.csv", _bytes(b""), "the file is empty (0 bytes)"),
    ("blank.md", _bytes(b"  \n\n\t \r\n"), "has no text"),
    ("blank.csv", _bytes(b"\n\n"), "has no text"),
    ("huge.txt", _large, "files over 20 MB are not read"),
    ("huge.pdf", _large, "files over 20 MB are not read"),
    ("notes.txt", _pdf, "is a PDF, not text"),
    ("tracker.csv", _xlsx, "zip package"),
]


@pytest.mark.parametrize(("name", "make", "message"), CASES)
def test_bad_input_gets_one_clear_message(
    tmp_path: Path, name: str, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path / name)
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert str(raised.value).startswith(str(path) + ":")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_html_named_txt_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("<h2>Action points</h2>\n<ul><li>Ana to call the landlord</li></ul>\n")
    assert read_source(path).actions


def _reminder(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMINDER_")}
    env["REMINDER_DATABASE_URL"] = f"sqlite:///{tmp_path / 'register.db'}"
    return subprocess.run(
        [sys.executable, "-m", "reminder", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_extract_and_import_report_bad_files_without_traceback(tmp_path: Path) -> None:
    # A path longer than a console line: the report must not fold it.
    deep = tmp_path / ("field-office-minutes-" * 4)
    deep.mkdir()
    scan = _pdf(deep / "scan.pdf", text=False)
    locked = _encrypted(tmp_path / "locked.docx")
    good = _docx(tmp_path / "good.docx")
    result = _reminder(tmp_path, "extract", str(scan))
    assert result.returncode != 0
    assert "scan.pdf: the PDF has no text layer" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    result = _reminder(tmp_path, "import", str(locked))
    assert result.returncode != 0
    assert "locked.docx: the file is password-protected" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    # Something could be read: exit 0, the bad file named in the report.
    result = _reminder(tmp_path, "import", "--keep-going", str(good), str(scan))
    assert result.returncode == 0, result.stderr
    assert f"not imported: {scan}" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
