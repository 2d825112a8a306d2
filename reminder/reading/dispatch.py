"""Choosing the importer for a file by its extension.

`read_source(path)` first checks the file (`formats.sniff.check_source`: empty, too
large, not what its extension says, password-protected, damaged), then reads it with
the reader for its extension. Every failure is one `InputError` naming the file, also
an error of the zip or parser layer that a reader did not foresee.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from reminder.collector import collector_paused
from reminder.errors import InputError, UnsupportedFormat
from reminder.reading.extraction import Extraction
from reminder.reading.formats.sniff import check_source

# Errors of the layers under the readers (zip, inflate, a recursive parser) on a damaged file.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, RecursionError)
SUPPORTED = (".csv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt", ".md", ".markdown", ".pdf")


def _reader(suffix: str) -> Callable[[Path], Extraction] | None:
    # Imported lazily so that reading a CSV does not pay for python-docx and BeautifulSoup.
    if suffix == ".csv":
        from reminder.reading.trackers.sheets import read_csv

        return read_csv
    if suffix in (".xlsx", ".xlsm"):
        from reminder.reading.trackers.sheets import read_xlsx

        return read_xlsx
    if suffix == ".docx":
        from reminder.reading.actions.minutes import read_docx

        return read_docx
    if suffix in (".html", ".htm"):
        from reminder.reading.actions.minutes import read_html

        return read_html
    if suffix in (".txt", ".md", ".markdown"):
        from reminder.reading.actions.minutes import read_text

        return read_text
    if suffix == ".pdf":
        from reminder.reading.actions.minutes import read_pdf

        return read_pdf
    return None


def read_source(path: Path) -> Extraction:
    """Read one tracker or minutes file; InputError (naming the file) when it cannot be used."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the files inside it")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnsupportedFormat(f"{path}: old Excel .xls files are not read; save it as .xlsx")
    if suffix == ".doc":
        raise UnsupportedFormat(f"{path}: old Word .doc files are not read; save it as .docx")
    reader = _reader(suffix)
    if reader is None:
        raise UnsupportedFormat(
            f"{path}: unsupported file type {suffix or '(none)'}; expected one of "
            + ", ".join(SUPPORTED)
        )
    check_source(path)
    try:
        with collector_paused():
            return reader(path)
    except _DAMAGED as exc:
        # The readers translate what they know; this is the net for a library that lets
        # its zip or parser layer's error through on a file damaged in an unforeseen way.
        raise InputError(f"{path}: damaged file, cannot be read ({type(exc).__name__})") from exc
