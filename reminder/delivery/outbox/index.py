"""The outbox index: `index.html` and `index.csv`, listing every .eml in the folder.

The index is rebuilt from the .eml files themselves (their headers, and the trace
headers the outbox adds), never updated in place, so it always matches the folder:
mails of earlier runs stay listed, deleted ones disappear.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import default
from email.utils import parsedate_to_datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

from reminder.delivery.outbox.files import atomic_write

KEY_HEADER = "X-Reminder-Key"
KIND_HEADER = "X-Reminder-Kind"
CSV_COLUMNS = ("date", "kind", "key", "to", "cc", "subject", "eml", "html")


@dataclass(frozen=True)
class Entry:
    """One mail of the outbox, as the index lists it."""

    date: datetime  # from the Date header, else the file's time; always aware
    kind: str
    key: str
    to: str
    cc: str
    subject: str
    eml: str  # file names, relative to the folder
    html: str  # "" when there is no preview beside the .eml


def scan(directory: Path) -> list[Entry]:
    """Every .eml in `directory`, newest first (then by file name)."""
    parser = BytesHeaderParser(policy=default)
    entries = []
    for path in directory.glob("*.eml"):
        try:
            with path.open("rb") as file:
                headers = parser.parse(file)
        except FileNotFoundError:  # removed since the listing (another run, a person)
            continue
        preview = path.with_suffix(".html")
        entries.append(
            Entry(
                date=_date(str(headers["Date"] or ""), path),
                kind=str(headers[KIND_HEADER] or ""),
                key=str(headers[KEY_HEADER] or ""),
                to=str(headers["To"] or ""),
                cc=str(headers["Cc"] or ""),
                subject=str(headers["Subject"] or ""),
                eml=path.name,
                html=preview.name if preview.exists() else "",
            )
        )
    entries.sort(key=lambda e: e.eml)
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


def write_index(directory: Path) -> list[Entry]:
    """Rewrite `index.csv` and `index.html` in `directory`; returns what they list."""
    entries = scan(directory)
    atomic_write(directory / "index.csv", render_csv(entries).encode("utf-8-sig"))
    atomic_write(directory / "index.html", render_html(entries).encode("utf-8"))
    return entries


def render_csv(entries: list[Entry]) -> str:
    """The CSV index (written with a BOM so that spreadsheet programs read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        cells = (e.kind, e.key, e.to, e.cc, e.subject, e.eml, e.html)
        writer.writerow([_when(e.date), *(_defuse(cell) for cell in cells)])
    return out.getvalue()


def render_html(entries: list[Entry]) -> str:
    """The HTML index: one row per mail, linking to its preview and its .eml."""
    rows = []
    for e in entries:
        target = e.html or e.eml
        subject = f'<a href="{quote(target)}">{escape(e.subject or "(no subject)")}</a>'
        rows.append(
            f"<tr><td>{escape(_when(e.date))}</td><td>{escape(e.kind)}</td>"
            f"<td>{escape(e.to)}</td><td>{subject}</td>"
            f'<td><a href="{quote(e.eml)}">.eml</a></td></tr>'
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Outbox</title>'
        "<style>body{font:14px sans-serif}td,th{padding:2px 8px;text-align:left;"
        "vertical-align:top}tr:nth-child(even){background:#f3f3f3}</style></head><body>\n"
        f"<h1>Outbox</h1><p>{len(entries)} mail(s), newest first.</p>\n"
        "<table><tr><th>Date</th><th>Kind</th><th>To</th><th>Subject</th><th>File</th></tr>\n"
        + "\n".join(rows)
        + "\n</table></body></html>\n"
    )


def _date(header: str, path: Path) -> datetime:
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _when(date: datetime) -> str:
    return date.strftime("%Y-%m-%d %H:%M %z")


def _defuse(cell: str) -> str:
    # A cell starting like a formula would be run by a spreadsheet opening the file.
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
