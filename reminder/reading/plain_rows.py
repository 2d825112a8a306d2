"""Reading a plain table (CSV or the sheets of an XLSX) as rows of named cells.

Used for the contact directory, whose columns are fixed; action trackers have
their own, more forgiving reader in `trackers.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reminder.errors import InputError
from reminder.reading.formats.csv import csv_reader, csv_text


@dataclass(frozen=True)
class Row:
    where: str  # "file, sheet 'X', row N" or "file, line N"
    sheet: str | None
    cells: dict[str, str]


def _key(header: str, synonyms: dict[str, str]) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()
    return synonyms.get(key, key.replace(" ", "_"))


def read_rows(path: Path, *, header_synonyms: dict[str, str]) -> list[Row]:
    """Non-blank rows under the first row (the header) of a CSV or of every XLSX sheet."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # The trackers' reader: same encodings (UTF-16 included) and delimiter sniffing.
        text, _ = csv_text(path)
        return _rows(path, None, list(csv_reader(text)), header_synonyms)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, header_synonyms)
    raise InputError(f"{path}: unsupported file type {suffix}; expected .csv or .xlsx")


def _xlsx(path: Path, synonyms: dict[str, str]) -> list[Row]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from exc
    rows: list[Row] = []
    try:
        for sheet in book.worksheets:
            table = [
                ["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)
            ]
            rows.extend(_rows(path, sheet.title, table, synonyms))
    finally:
        book.close()
    return rows


def _rows(
    path: Path, sheet: str | None, table: list[list[str]], synonyms: dict[str, str]
) -> list[Row]:
    start = next((i for i, r in enumerate(table) if any(c.strip() for c in r)), None)
    if start is None:
        return []
    header = [_key(h, synonyms) for h in table[start]]
    out = []
    for number, values in enumerate(table[start + 1 :], start=start + 2):
        if not any(v.strip() for v in values):
            continue
        where = f"{path}, sheet {sheet!r}, row {number}" if sheet else f"{path}, line {number}"
        cells = {h: v.strip() for h, v in zip(header, values, strict=False) if h}
        out.append(Row(where=where, sheet=sheet, cells=cells))
    return out
