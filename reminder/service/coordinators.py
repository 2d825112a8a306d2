"""Who may use the coordinators' desk, and which forums each of them keeps.

A coordinator is named in a forum's `coordinators` (config: an address, or a directory
contact's name or address); `[forums]` not configured fall under `[rules]`'s. An
administrator (`[web] admins`) keeps every forum. Nobody else signs in: focal points
answer with the signed links in their mails.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from reminder.config.settings import Settings
from reminder.register.forums import forums_in_register
from reminder.register.models import Contact
from reminder.register.snapshot import Person, coordinators_of


@dataclass(frozen=True)
class DeskUser:
    """A signed-in coordinator: `forums` they keep (every forum when `admin`)."""

    email: str
    name: str
    forums: tuple[str, ...]
    admin: bool = False

    def keeps(self, forum: str) -> bool:
        """May this user see and change `forum`'s register?"""
        return self.admin or forum.lower() in {f.lower() for f in self.forums}


def desk_user(*, session: Session, settings: Settings, email: str) -> DeskUser | None:
    """The desk user `email` is, or None when it may not sign in."""
    wanted = email.strip().lower()
    if not wanted or "@" not in wanted:
        return None
    contacts = session.exec(select(Contact)).all()
    inactive = any(not c.active and (c.email or "").lower() == wanted for c in contacts)
    if inactive and wanted not in settings.web.admins:
        return None  # deactivated in the directory: no desk, even if the config names them
    people = {
        c.id: Person(name=c.name, email=c.email)
        for c in contacts
        if c.id is not None and c.email and c.active
    }
    name = next((p.name for p in people.values() if p.email.lower() == wanted), "")
    forums = sorted({*(f.name for f in settings.forums.values()), *forums_in_register(session)})
    kept = tuple(
        forum
        for forum in forums
        if wanted
        in {
            p.email.lower()
            for p in coordinators_of(wanted=settings.forum(forum).coordinators, people=people)
        }
    )
    admin = wanted in settings.web.admins
    if not admin and not kept:
        return None
    return DeskUser(email=wanted, name=name, forums=tuple(forums) if admin else kept, admin=admin)
