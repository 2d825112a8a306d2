"""Hostile input is read in time and memory proportional to its real content, or refused
with one InputError naming the file and the limit: never a raw MemoryError,
RecursionError or zlib error, never an hour of work."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from reminder.errors import InputError
from reminder.reading.dispatch import read_source
from reminder.reading.extraction import Extraction
from reminder.reading.limits import MAX_CSV_COLUMNS, MAX_SHEET_CELLS, MAX_SOURCE_BYTES

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Action</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Owner</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Send the report</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>Ann</t></is></c></row>'
)


def raw_xlsx(path: Path, sheet_data: str, tail: str = "", *, padding: int = 0) -> Path:
    """A workbook written part by part (openpyxl itself would expand a huge merged range);
    `padding` bytes of blank space inside the sheet make it a zip bomb."""
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{_CT}">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_SHEET_TYPE}.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{sheet_data}</sheetData>{tail}'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, text in parts.items():
            package.writestr(name, text)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(sheet.encode())
            for _ in range(padding // (1 << 20)):
                part.write(b" " * (1 << 20))
            part.write(b"</worksheet>")
    return path


def far_cell_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Owner"])
    sheet.append(["Send the report", "Ann"])
    sheet["XFD1048576"] = "x"
    book.save(str(path))
    return path


def whole_sheet_merge_xlsx(path: Path) -> Path:
    merge = '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'
    return raw_xlsx(path, _HEADER, merge)


def bomb_xlsx(path: Path) -> Path:
    return raw_xlsx(path, _HEADER, padding=8 << 20)


def bomb_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("Ann to send the report.")
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"</w:body>")
                data = head + b" " * (8 << 20) + b"</w:body>" + tail
            out.writestr(info.filename, data)
    plain.unlink()
    return path


def nested_html(path: Path, depth: int = 100_000) -> Path:
    text = "<p>Ann to send the report.</p>"
    path.write_text("<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>")
    return path


def wide_csv(path: Path) -> Path:
    path.write_text("Action,Owner\n" + "," * (MAX_CSV_COLUMNS + 5) + "\n")
    return path


def long_csv(path: Path) -> Path:
    row = "Send the report,Ann,2026-12-01,open\n"
    path.write_text("Action,Owner,Due,Status\n" + row * (MAX_SHEET_CELLS // 4 + 10))
    return path


def huge_csv(path: Path) -> Path:
    row = "Send the quarterly report to the board,Ann,2026-12-01,open\n"
    with path.open("w") as stream:
        stream.write("Action,Owner,Due,Status\n" + row * (50 * 1024 * 1024 // len(row)))
    return path


def _read(path: Path) -> Extraction | InputError:
    """What reading `path` gives. Boundedness shows in what is built (and a regression as a
    hang); the time each file takes is measured outside the tests."""
    try:
        return read_source(path)
    except InputError as exc:
        return exc


def test_it_reads_a_5_kb_workbook_whose_one_far_cell_is_at_xfd1048576(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "far.xlsx")
    assert path.stat().st_size < 10_000
    read = _read(path)
    assert isinstance(read, Extraction), read
    assert [a.text for a in read.actions] == ["Send the report"]


def test_it_reads_a_workbook_whose_merged_range_covers_the_whole_sheet(tmp_path: Path) -> None:
    read = _read(whole_sheet_merge_xlsx(tmp_path / "merged.xlsx"))
    assert isinstance(read, Extraction), read
    assert [a.owners for a in read.actions] == [("Ann",)]


@pytest.mark.parametrize("build", [bomb_xlsx, bomb_docx], ids=["xlsx", "docx"])
def test_it_refuses_a_zip_bomb_from_its_directory(tmp_path: Path, build: object) -> None:
    path = build(tmp_path / ("bomb.xlsx" if build is bomb_xlsx else "bomb.docx"))  # type: ignore[operator]
    assert path.stat().st_size < 50_000
    read = _read(path)
    assert isinstance(read, InputError)
    assert str(path) in str(read)
    assert "times its packed size; more than 200 times is not read" in str(read)


def test_it_reads_100000_nested_divs_without_recursing(tmp_path: Path) -> None:
    read = _read(nested_html(tmp_path / "nested.html"))
    assert isinstance(read, Extraction), read
    assert [a.owners for a in read.actions] == [("Ann",)]


def test_it_refuses_a_csv_row_wider_than_the_limit(tmp_path: Path) -> None:
    read = _read(path := wide_csv(tmp_path / "wide.csv"))
    assert isinstance(read, InputError)
    assert f"{path}, line 2: {MAX_CSV_COLUMNS + 6:,} fields" in str(read)
    assert f"at most {MAX_CSV_COLUMNS:,}" in str(read)


def test_it_refuses_a_csv_with_more_cells_than_the_limit(tmp_path: Path) -> None:
    read = _read(path := long_csv(tmp_path / "long.csv"))
    assert isinstance(read, InputError)
    assert str(path) in str(read)
    assert f"more than {MAX_SHEET_CELLS:,} cells" in str(read)


def test_it_refuses_a_50_mb_csv_before_reading_it(tmp_path: Path) -> None:
    path = huge_csv(tmp_path / "huge.csv")
    assert path.stat().st_size > MAX_SOURCE_BYTES
    read = _read(path)
    assert isinstance(read, InputError)
    assert f"{path}: the file is 52.4 MB; files over 20 MB are not read" in str(read)


def test_a_megabyte_on_one_line_is_read_up_to_the_paragraph_limit_and_said(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.md"
    path.write_text(
        "# WG meeting 3 March 2026\n\n## Action points\n- IOM to share the list "
        + "with partners and " * 60_000
        + "\n",
        encoding="utf-8",
    )
    read = _read(path)
    assert isinstance(read, Extraction)
    assert len(read.actions) == 1 and len(read.actions[0].text) <= 20_000
    assert any("only the first 20,000 are read" in note for note in read.notes)
