"""Engine, sessions and schema migrations for the register.

SQLite (a file) is the embedded default; PostgreSQL is reached through a
`postgresql+psycopg://` URL. The schema is only ever created or changed by the
Alembic migrations in `reminder/migrations`, so upgrading never loses data.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, create_engine

from reminder.errors import RegisterError

_MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_url(url: str) -> str:
    """Accept the URL forms people paste: a bare path means SQLite, postgres:// means psycopg."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


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
    """Bring the schema to `revision` (default: the newest), creating it when empty."""
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
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
