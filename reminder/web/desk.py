"""What every page of the web part shares: the register, the links' key, forms, time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from jinja2 import Environment
from sqlalchemy import Engine

from reminder.config.settings import Settings
from reminder.delivery.base import Mailer
from reminder.mail.links import Link, LinkError, Links
from reminder.web.csrf import Csrf


@dataclass(frozen=True)
class Desk:
    engine: Engine
    settings: Settings
    links: Links
    csrf: Csrf
    pages: Environment
    clock: Callable[[], datetime]
    mailer: Mailer  # sends the desk's sign-in links

    @property
    def secret(self) -> str:
        assert self.settings.web.secret_key  # create_app refuses to start without one
        return self.settings.web.secret_key

    def read(self, purpose: str, token: str) -> Link:
        """The link `token`, checked now; LinkError when it cannot be trusted."""
        return self.links.read(purpose, token, now=self.clock())


__all__ = ["Desk", "LinkError"]
