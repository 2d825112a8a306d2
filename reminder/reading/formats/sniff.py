"""Checking a source file before its reader opens it: size, emptiness, and that its
bytes are what its extension says.

`check_source(path)` raises one `InputError` naming the file and what is wrong:

* an empty file (0 bytes), or a text file (.txt/.md/.html/.csv) holding only whitespace;
* a file over `limits.MAX_SOURCE_BYTES` (20 MB). Minutes and trackers are far smaller (a long
  Word document with photos is a few MB); a larger file is nearly always the wrong file
  (a scan, an export of a whole database), and is refused rather than read slowly;
* a .docx/.xlsx/.xlsm that is not a zip package: an OLE compound file (magic
  `D0 CF 11 E0`) is an encrypted (password-protected) Office file when it holds an
  "EncryptionInfo" stream, else an old .doc/.xls saved under the new extension; a zip
  that is damaged (truncated, bad data, or its content types or main part not well-formed
  XML); a zip of the other kind (a workbook named .docx); a zip whose directory declares
  parts larger, or inflating more, than `limits` allows (a zip bomb), checked before any
  part is inflated;
* a .pdf without `%PDF` in its first kilobyte;
* a text file (.txt/.md/.csv/.html) that is in fact a PDF, zip or OLE file.

HTML named .txt is fine (the text reader reads it). What passes may still be refused by
the reader itself (a damaged PDF, a scan without text layer).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from reminder.errors import InputError
from reminder.reading.limits import (
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_SOURCE_BYTES,
    MAX_UNPACKED_BYTES,
    RATIO_FLOOR_BYTES,
    megabytes,
)

__all__ = ["MAX_SOURCE_BYTES", "check_source"]
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP: Final = b"PK\x03\x04"
_ENCRYPTION_INFO: Final = "EncryptionInfo".encode("utf-16-le")
_OOXML: Final = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".xlsm": "xl/workbook.xml",
}
_KIND: Final = {
    "word/document.xml": "a Word document (.docx)",
    "xl/workbook.xml": "an Excel workbook (.xlsx)",
}
_CONTENT_TYPES: Final = "[Content_Types].xml"
_TEXT: Final = (".txt", ".md", ".markdown", ".html", ".htm", ".csv")


def check_source(path: Path) -> None:
    """Raise `InputError` when the file at `path` cannot be what its extension says."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if size == 0:
        raise InputError(f"{path}: the file is empty (0 bytes)")
    if size > MAX_SOURCE_BYTES:
        raise InputError(
            f"{path}: the file is {size / 1e6:.1f} MB; files over "
            f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB are not read (is it the right file?)"
        )
    suffix = path.suffix.lower()
    if suffix in _OOXML:
        _check_package(path, head, _OOXML[suffix])
    elif suffix == ".pdf" and b"%PDF" not in head:
        raise InputError(f"{path}: not a PDF file (it has no %PDF header)")
    elif suffix in _TEXT:
        _check_text(path, head, size)


def _check_package(path: Path, head: bytes, member: str) -> None:
    kind = _KIND[member]
    if head.startswith(_OLE):
        if _ENCRYPTION_INFO in path.read_bytes():
            raise InputError(
                f"{path}: the file is password-protected; remove the password and save again"
            )
        raise InputError(f"{path}: an old-format Office file, not {kind}; save it as {kind}")
    if not head.startswith(_ZIP):
        raise InputError(f"{path}: not {kind} (the file is not a zip package)")
    noun = kind.split(" ", 1)[1]
    try:
        with zipfile.ZipFile(path) as package:
            _check_sizes(path, package.infolist())
            names = set(package.namelist())
            if member in names:
                _check_parts(package, (_CONTENT_TYPES, member))
                return
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: damaged {noun}; its zip package is incomplete") from exc
    except (ElementTree.ParseError, LookupError) as exc:  # LookupError: unknown encoding
        raise InputError(f"{path}: damaged {noun}; its XML is broken ({exc})") from exc
    other = next((_KIND[name] for name in _KIND if name in names), None)
    if other:
        raise InputError(f"{path}: the file is {other}, not {kind}; rename it")
    raise InputError(f"{path}: a zip file, not {kind}")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package whose directory declares more than `limits` allows (a zip bomb)."""
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_PART_BYTES:
            raise InputError(
                f"{path}: its part {info.filename} unpacks to {megabytes(size)}; parts over "
                f"{megabytes(MAX_PART_BYTES)} are not read (a zip bomb?)"
            )
        if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"{path}: its part {info.filename} unpacks {size // max(info.compress_size, 1)}"
                f" times its packed size; more than {MAX_RATIO} times is not read (a zip bomb?)"
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{path}: the package unpacks to {megabytes(total)}; packages over "
            f"{megabytes(MAX_UNPACKED_BYTES)} are not read (a zip bomb?)"
        )


def _check_parts(package: zipfile.ZipFile, names: tuple[str, ...]) -> None:
    """Parse the package's content types and main part: raises on broken XML or data."""
    for name in names:
        with package.open(name) as stream:
            for _ in ElementTree.iterparse(stream):
                pass
    with package.open(_CONTENT_TYPES) as stream:
        root = ElementTree.parse(stream).getroot()
    if not root.tag.endswith("}Types"):
        raise ElementTree.ParseError(f"{_CONTENT_TYPES} is not a list of content types")


def _check_text(path: Path, head: bytes, size: int) -> None:
    # Only a file that starts blank is read whole to see whether it is blank throughout.
    if head.startswith(b"%PDF"):
        raise InputError(f"{path}: the file is a PDF, not text; rename it to .pdf")
    if head.startswith(_ZIP):
        raise InputError(f"{path}: the file is a zip package (.docx/.xlsx?), not text")
    if head.startswith(_OLE):
        raise InputError(f"{path}: the file is an old-format Office file (.doc/.xls), not text")
    if not head.strip() and (size <= len(head) or not path.read_bytes().strip()):
        raise InputError(f"{path}: the file has no text (only blank space)")
