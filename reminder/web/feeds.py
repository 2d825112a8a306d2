"""A contact's calendar feed: their open deadlines and their forums' next meetings."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Response
from sqlmodel import Session, col, select

from reminder.mail.ical import Entry, calendar
from reminder.mail.links import LinkError
from reminder.register.models import ActionPoint, Contact
from reminder.register.reach import actions_reaching, load_reach
from reminder.register.snapshot import OPEN
from reminder.service.forums import forum_meetings
from reminder.web.desk import Desk

MEETINGS_AHEAD = 3  # per forum


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    @routes.get("/c/{token}.ics")
    def feed(token: str) -> Response:
        try:
            link = desk.read("calendar", token)
        except LinkError as exc:
            return Response(
                str(exc), status_code=410 if exc.expired else 400, media_type="text/plain"
            )
        now = desk.clock()
        entries: list[Entry] = []
        with Session(desk.engine) as session:
            contact = session.exec(select(Contact).where(Contact.email == link.contact)).first()
            actions: list[ActionPoint] = []
            if contact is not None and contact.id is not None:
                reached = actions_reaching(contacts={contact.id}, d=load_reach(session))
                actions = list(
                    session.exec(
                        select(ActionPoint).where(
                            col(ActionPoint.id).in_(reached),
                            col(ActionPoint.status).in_(OPEN),
                            col(ActionPoint.due_date).is_not(None),
                            col(ActionPoint.merged_into).is_(None),
                        )
                    )
                )
            for a in actions:
                assert a.due_date is not None
                entries.append(
                    Entry(
                        f"action-{a.id}",
                        a.due_date,
                        f"Due: {a.text[:120]}",
                        f"{a.forum} · {a.owners_raw} · {a.due_phrase or ''}",
                    )
                )
            for forum in sorted({a.forum for a in actions}):
                rules = desk.settings.forum(forum)
                days = forum_meetings(session=session, rules=rules, start=now.date())
                days = days[:MEETINGS_AHEAD]
                entries += [Entry(f"meeting-{forum}-{d}", d, f"Meeting: {forum}") for d in days]
        domain = urlsplit(desk.links.base_url).hostname or "localhost"
        body = calendar(entries, name="Action points", domain=domain, now=now)
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, max-age=3600"},
        )

    return routes
