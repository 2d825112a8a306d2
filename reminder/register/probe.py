"""What a register's URL and its migration files say, read without SQLAlchemy or Alembic
(stdlib only): the newest schema revision, and whether a SQLite register holds no action.

A short command asks here first so that it can answer an empty register in a fraction
of the time SQLAlchemy takes to load; anything this module cannot tell for certain it
answers "don't know" (None, False), and the command takes its usual path.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

MIGRATIONS = Path(__file__).with_name("migrations")
# `revision: str = "0005"` and `down_revision: str | None = "0004"` in a migration file.
_REVISION = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:['"](\w+)['"]|None)\s*$""", re.M
)


def normalise_url(url: str) -> str:
    """Accept the URL forms people paste: a bare path means SQLite, postgres:// means psycopg."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def head_revision() -> str | None:
    """The one newest revision the migration files name; None when they do not say it
    plainly (several heads, a merge, a file not written as usual): Alembic then decides."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = _REVISION.findall(path.read_text(encoding="utf-8"))
        names = [name for name, _ in found]
        if sorted(names) != ["down_revision", "revision"]:
            return None
        values = dict(found)
        revisions.add(values["revision"])
        if values["down_revision"]:
            downs.add(values["down_revision"])
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 and downs <= revisions else None


def sqlite_file(url: str) -> Path | None:
    """The file of the SQLite register `url` names (plain `sqlite:///PATH`, no driver
    or query options); None for any other URL."""
    url = normalise_url(url)
    prefix = "sqlite:///"
    # A query (driver options) or an escape (%20) is read as SQLAlchemy reads it: not here.
    if not url.startswith(prefix) or "?" in url or "%" in url:
        return None
    path = url.removeprefix(prefix)
    return Path(path) if path and path != ":memory:" else None


def holds_no_action(url: str) -> bool:
    """True when `url` names an existing SQLite register, in WAL mode at the newest
    revision (opening it the usual way would change nothing), that holds no action point
    but merged ones: every listing of it is empty. False when it holds some, or when
    this cannot be told without the usual path (another backend, no file yet, an older
    schema, an unreadable file)."""
    path = sqlite_file(url)
    head = head_revision()
    if path is None or head is None or not path.is_file():
        return False
    try:
        # mode=rw: never create the file (the usual path creates it, with its own mode).
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=30)
    except sqlite3.Error:
        return False
    try:
        mode = connection.execute("PRAGMA journal_mode").fetchone()
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if mode != ("wal",) or versions != [(head,)]:
            return False
        row = connection.execute(
            "SELECT 1 FROM action_point WHERE merged_into IS NULL LIMIT 1"
        ).fetchone()
        return row is None
    except sqlite3.Error:
        return False
    finally:
        connection.close()
