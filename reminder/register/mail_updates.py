"""Updates focal points sent through the links in their mails, for a forum's accountability.

Every answer by mail link (done, in progress, a new date, a comment: `register.answers`)
keeps one `LinkUse` row naming the contact, the action and the answer; the facts and the
status change it records carry the source "mail link" and the author "focal point <email>".
The use is the one record every kind of answer leaves exactly once, so it is what is
counted here: by the answering contact's organisation, by period and by kind of answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, select

from reminder.register.accountability import Band
from reminder.register.answers import LinkUse
from reminder.register.meetings import meeting_entries
from reminder.register.models import ActionPoint, Contact, Organisation

UNKNOWN = "(not in the directory)"
NO_ORGANISATION = "(no organisation)"
# The answers an item link gives (mail.links.ANSWERS); sign-in links are kept as uses too.
ANSWER_LABELS = {
    "done": "done",
    "in_progress": "in progress",
    "new_date": "new date",
    "comment": "comment",
}


@dataclass(frozen=True)
class OrgUpdates:
    """One organisation's answers: in all, and since the forum's last meeting."""

    organisation: str
    total: int
    recent: int


@dataclass(frozen=True)
class MailUpdates:
    """The answers by mail link to one forum's actions (merged ones included: they were sent).

    `last_meeting` is the forum's latest meeting held on or before today (None when it held
    none: then `recent` counts every answer).
    """

    last_meeting: dt.date | None
    by_organisation: list[OrgUpdates]
    by_period: list[Band]
    by_answer: list[Band]

    @property
    def total(self) -> int:
        return sum(o.total for o in self.by_organisation)


def last_meeting(*, session: Session, forum: str, today: dt.date) -> dt.date | None:
    """The latest meeting of `forum` held (not cancelled) on or before `today`."""
    held = [
        m.date
        for m in meeting_entries(session=session, forum=forum)
        if not m.cancelled and m.date <= today
    ]
    return held[-1] if held else None


def _organisations(session: Session) -> dict[str, str]:
    """Each contact's address (lower case) and the name of its organisation, or a placeholder."""
    names = {o.id: o.name for o in session.exec(select(Organisation))}
    return {
        c.email.lower(): names.get(c.organisation_id, NO_ORGANISATION)
        if c.organisation_id is not None
        else NO_ORGANISATION
        for c in session.exec(select(Contact))
    }


def mail_link_updates(*, session: Session, forum: str, now: dt.datetime) -> MailUpdates:
    """Who answered `forum`'s actions by mail link, and when, as of `now`."""
    meeting = last_meeting(session=session, forum=forum, today=now.date())
    uses = session.exec(
        select(LinkUse)
        .join(ActionPoint, col(ActionPoint.id) == col(LinkUse.action_id))
        .where(col(ActionPoint.forum) == forum, col(LinkUse.answer).in_(list(ANSWER_LABELS)))
    ).all()
    orgs = _organisations(session)
    total: Counter[str] = Counter()
    recent: Counter[str] = Counter()
    for use in uses:
        org = orgs.get(use.contact.lower(), UNKNOWN)
        total[org] += 1
        if meeting is None or use.used_at.date() >= meeting:
            recent[org] += 1
    by_org = [OrgUpdates(name, total[name], recent[name]) for name in total]
    by_org.sort(key=lambda o: (-o.total, o.organisation.lower()))
    periods = [("in the last 7 days", now - dt.timedelta(days=7))]
    periods.append(("in the last 30 days", now - dt.timedelta(days=30)))
    if meeting is not None:
        start = dt.datetime.combine(meeting, dt.time(), tzinfo=now.tzinfo)
        periods.append((f"since the meeting of {meeting:%d %b %Y}", start))
    by_period = [
        Band(label, sum(1 for u in uses if u.used_at >= since)) for label, since in periods
    ]
    by_period.append(Band("in all", len(uses)))
    kinds = Counter(u.answer for u in uses)
    by_answer = [Band(label, kinds[kind]) for kind, label in ANSWER_LABELS.items()]
    return MailUpdates(meeting, by_org, by_period, by_answer)
