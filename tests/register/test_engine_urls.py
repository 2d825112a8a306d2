"""Database URLs as people write them: URL-encoded passwords work and are never shown."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from reminder.errors import RegisterError
from reminder.register.engine import make_engine, migrate


@pytest.mark.postgres
def test_a_url_encoded_password_works(postgres_url: str) -> None:
    # The local server trusts loopback, so any password is accepted: what is tested is
    # that "p%40ss" survives Alembic's configuration, not the server's check of it.
    url = postgres_url.replace("postgres@", "postgres:p%40ss@", 1)
    engine = make_engine(url)
    try:
        migrate(engine=engine)
        with engine.connect() as connection:
            assert connection.execute(text("select 1")).scalar() == 1
    finally:
        engine.dispose()


def test_an_unreachable_register_is_named_without_its_password() -> None:
    engine = make_engine("postgresql://ana:s3cr%40t@127.0.0.1:1/register")
    with pytest.raises(RegisterError) as caught:
        migrate(engine=engine)
    engine.dispose()
    message = str(caught.value)
    assert "127.0.0.1" in message
    assert "s3cr" not in message and "%40t" not in message
