"""What focal points answer by the links in their mails, and what they ask of the mails.

An answer (done, in progress, a new date, a comment) is recorded like any other fact,
with the contact as its author and "mail link" as its source, and always adds a status
change (the same status for a date or a comment) so that the escalation ladder starts
again. A link works once: its digest is kept (`LinkUse`), and a second use is told what
the first one recorded. Preferences (`ContactPreference`) are kept per address: which
kinds of mail a contact does not want, a pause until a date, an unsubscription.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import Column, String
from sqlalchemy.exc import IntegrityError
from sqlmodel import JSON, Field, Session, SQLModel, select

from reminder.errors import InputError
from reminder.register.evidence import Evidence
from reminder.register.models import ActionPoint, StatusChange, UTCDateTime, timestamp

SOURCE = "mail link"
KINDS = ("digest", "escalation", "pre_meeting", "report")


class LinkUse(SQLModel, table=True):
    """A mail link that was used, by the digest of its token: each works once."""

    __tablename__ = "link_use"

    digest: str = Field(primary_key=True, max_length=64)
    contact: str = Field(index=True)
    action_id: int | None = Field(default=None, index=True)
    answer: str = ""
    used_at: dt.datetime = timestamp()


class ContactPreference(SQLModel, table=True):
    """What one address asked of the mails; planning leaves out what it does not want."""

    __tablename__ = "contact_preference"

    email: str = Field(sa_column=Column(String, primary_key=True))
    kinds_off: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    paused_until: dt.date | None = None
    unsubscribed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime(), nullable=True)
    )
    updated_at: dt.datetime = timestamp()


@dataclass(frozen=True)
class Answered:
    """What an answer did: the action, and whether this use of the link was a repeat."""

    action: ActionPoint
    repeat: bool
    used_at: dt.datetime


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer(
    *,
    session: Session,
    token: str,
    contact: str,
    action_id: int,
    what: str,
    now: dt.datetime,
    due: dt.date | None = None,
    comment: str = "",
) -> Answered:
    """Record `contact`'s answer `what` (done, in_progress, new_date, comment) to
    `action_id` through the link `token`, unless that link was used already."""
    # Here, not at the top: edits brings the deadline reader, which planning a run
    # (that reads only the preferences below) should not pay for.
    from reminder.register.edits import change_due, change_status, get_action

    used = session.get(LinkUse, digest_of(token))
    action = get_action(session=session, action_id=action_id)
    if used is not None:
        return Answered(action, True, used.used_at)
    author, before = f"focal point {contact}", action.status
    evidence = Evidence(now, SOURCE, f"{contact}'s answer by mail link", author, SOURCE)
    note = comment.strip()[:2000]
    if what in ("done", "in_progress"):
        change_status(
            session=session,
            action_ids=[action_id],
            status=what,
            author=author,
            now=now,
            note=note,
            evidence=evidence,
        )
    elif what == "new_date":
        if due is None:
            raise InputError("give the new date")
        change_due(
            session=session,
            action_id=action_id,
            due=due,
            author=author,
            now=now,
            note=note,
            evidence=evidence,
        )
    elif not note:
        raise InputError("write a comment")
    if action.status == before:  # a changed status has recorded its own change
        # Every answer restarts the ladder, and the coordinator's report shows it.
        session.add(
            StatusChange(
                action_id=action_id,
                old_status=before,
                new_status=before,
                changed_at=now,
                source=SOURCE,
                author=author,
                note=note or what,
            )
        )
    session.add(
        LinkUse(
            digest=digest_of(token), contact=contact, action_id=action_id, answer=what, used_at=now
        )
    )
    try:
        session.flush()
    except IntegrityError:  # the same link, answered at the same moment elsewhere
        session.rollback()
        return Answered(get_action(session=session, action_id=action_id), True, now)
    return Answered(action, False, now)


def preferences(*, session: Session, email: str) -> ContactPreference:
    """The preferences of `email` (defaults when it never set any)."""
    found = session.get(ContactPreference, email.lower())
    return found or ContactPreference(email=email.lower())


def set_preferences(
    *,
    session: Session,
    email: str,
    kinds_off: list[str],
    paused_until: dt.date | None,
    now: dt.datetime,
    unsubscribe: bool | None = None,
) -> ContactPreference:
    """Store what `email` wants; `unsubscribe` True stops every mail, False resumes."""
    unknown = [k for k in kinds_off if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind of mail: {', '.join(unknown)}")
    pref = preferences(session=session, email=email)
    pref.kinds_off, pref.paused_until, pref.updated_at = sorted(set(kinds_off)), paused_until, now
    if unsubscribe is not None:
        pref.unsubscribed_at = now if unsubscribe else None
    session.add(pref)
    return pref


def all_preferences(session: Session) -> dict[str, ContactPreference]:
    """Every address that asked something of the mails, by address."""
    return {p.email: p for p in session.exec(select(ContactPreference))}
