"""Shared fixtures: a migrated register on SQLite and on the local PostgreSQL.

PostgreSQL is reached at $REMINDER_TEST_POSTGRES (default: the local server with
trust auth). Each test session creates its own database and drops it afterwards.
Without a server the PostgreSQL variants are skipped locally, but fail in CI
(CI=true), where a missing PostgreSQL must not pass unnoticed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine

from reminder.register.engine import make_engine, migrate

PG_ADMIN = os.environ.get("REMINDER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    name = f"reminder_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI but unreachable at {PG_ADMIN}: {exc}")
        pytest.skip(f"no PostgreSQL at {PG_ADMIN}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An empty, migrated register; parametrised over SQLite and PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'register.db'}"
        eng = make_engine(url)
        migrate(engine=eng)
        yield eng
        eng.dispose()
        return
    url = request.getfixturevalue("postgres_url")
    eng = make_engine(url)
    _reset(eng)
    migrate(engine=eng)
    yield eng
    eng.dispose()


def _reset(eng: Engine) -> None:
    with eng.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
