"""Engine, sessions and schema migrations for the register.

SQLite (a file) is the embedded default; PostgreSQL is reached through a
`postgresql+psycopg://` URL. The schema is only ever created or changed by the
Alembic migrations in `reminder/migrations`, so upgrading never loses data.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, create_engine

from reminder.errors import RegisterError
from reminder.register.probe import MIGRATIONS, head_revision, normalise_url

# Also named here: several modules import normalise_url from the engine.
__all__ = ["analyse", "make_engine", "migrate", "normalise_url", "transaction"]


def make_engine(url: str) -> Engine:
    """An engine for the register at `url`; SQLite gets foreign keys and a busy timeout."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            _private_file(Path(path))
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _private_file(path: Path) -> None:
    """Create the SQLite file (and its folder) readable by its owner only, before SQLite
    does with the process's umask; SQLite gives its -wal and -shm files the same mode."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # An existing register keeps the mode its owner gave it.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL still survives a crash of the program; only a power cut can lose
    # the last commits. FULL made each per-mail ledger record wait for the disk.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(*, engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (default: the newest), creating it when empty.

    A register already at the newest revision is left as it is without loading Alembic
    (it and its templates cost more than the rest of a short command)."""
    if revision == "head" and (head := head_revision()) is not None and _stored(engine) == [head]:
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's options go through configparser, where "%" starts an interpolation: a
    # URL-encoded password ("p%40ss") must be escaped, or the migration fails.
    url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
    cfg.set_main_option("sqlalchemy.url", url)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise RegisterError(f"cannot prepare the register at {_safe(engine)}: {exc}") from exc


def _stored(engine: Engine) -> list[str] | None:
    """The revisions the register says it is at; None when it says none (a new register)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return [row[0] for row in rows]
    except SQLAlchemyError:
        return None


def _safe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise RegisterError(
                f"the register at {_safe(engine)} refused the change: {exc}"
            ) from exc
        except BaseException:
            session.rollback()
            raise


def analyse(*, session: Session, tables: Sequence[str]) -> None:
    """Refresh PostgreSQL's planner statistics of `tables`, inside the session's
    transaction (they are kept or undone with it); nothing on SQLite.

    A table just filled has none until autovacuum comes by: the planner then takes each
    value of an `IN (…500 values…)` to match 0.5 % of it, so reads the whole table for
    each query, and the next import of a large tracker waited minutes on its lookups."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote
    connection.exec_driver_sql("ANALYZE " + ", ".join(quote(table) for table in tables))
