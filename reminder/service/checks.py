"""Checks of a configuration against the register it names: what `check-config` adds to
reading the file. Each problem names the file and key it concerns."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from reminder.config.settings import Settings
from reminder.register.models import Contact


def register_problems(*, engine: Engine, settings: Settings) -> list[str]:
    """Problems that would only show at send time: a register that cannot be opened, a
    coordinator named by a name the directory does not hold."""
    where = settings.source
    try:
        with Session(engine) as session:
            names = {c.name.strip().lower() for c in session.exec(select(Contact))}
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return [f"{where}: database.url: the register cannot be opened: {reason}"]
    problems = []
    for forum in [*settings.forums.values(), settings.defaults]:
        for who in forum.coordinators:
            key = who.strip().lower()
            if "@" not in key and key not in names:
                table = f"forums.{forum.name!r}" if forum.name in settings.forums else "rules"
                problems.append(
                    f"{where}: {table}.coordinators: {who!r} is no contact of the directory "
                    f"({len(names)} contacts); give their address or import them first"
                )
    return problems
