"""Which service instance runs the scheduled jobs: one at a time, another takes over.

On PostgreSQL the leader holds a session-level advisory lock on a connection of its
own: when its process stops or dies, the connection closes, the lock is released, and
the next instance to try gets it. SQLite is a file on one machine: an exclusive lock
on a file beside the database plays the same part.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("reminder.leader")
LOCK_KEY = 0x72656D69  # "remi": the advisory lock every instance of this service asks for


class Leadership(Protocol):
    def try_acquire(self) -> bool:
        """True when this instance is (or just became) the leader."""
        ...

    def release(self) -> None: ...


class PostgresLeadership:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self.connection is not None:
            try:
                self.connection.execute(text("SELECT 1"))
                self.connection.commit()  # never sit idle in a transaction
                return True
            except SQLAlchemyError:
                log.warning("lost the connection holding the leader lock")
                self.release()
        try:
            connection = self.engine.connect()
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY})
            if got.scalar():
                connection.commit()
                self.connection = connection
                log.info("became the leader")
                return True
            connection.close()
        except SQLAlchemyError as exc:
            log.warning("cannot ask for the leader lock: %s", exc.__class__.__name__)
        return False

    def release(self) -> None:
        if self.connection is not None:
            # Closing only returns the connection to the pool, where the session (and its
            # lock) would live on: unlock first, and drop the connection if that fails.
            try:
                self.connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
                self.connection.commit()
                self.connection.close()
            except SQLAlchemyError:
                with contextlib.suppress(SQLAlchemyError):
                    self.connection.invalidate()
            self.connection = None


class FileLeadership:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def try_acquire(self) -> bool:
        if self.handle is not None:
            return True
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.handle = handle
        log.info("became the leader")
        return True

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def leadership_for(engine: Engine) -> Leadership:
    if engine.dialect.name == "postgresql":
        return PostgresLeadership(engine)
    database = engine.url.database or "reminder.db"
    return FileLeadership(Path(f"{database}.leader"))
