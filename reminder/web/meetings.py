"""The desk's meetings: for each forum the coordinator keeps, the upcoming meetings (the
register's and the forum's rule's, as the reminders are timed on them), the past ones
and the latest changes, with forms to set the next meeting (date, time, place), move
one to another date, or cancel one.

Nothing is deleted: a cancelled or moved meeting stays, marked so, and no pre-meeting
reminder or report is timed on it. Every change names its author. Another forum's
meetings are 404, as if the forum did not exist; a bad date is a 400 naming it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.exceptions import HTTPException

from reminder.errors import InputError
from reminder.register.engine import transaction
from reminder.register.meeting_changes import cancel_meeting, move_meeting, schedule_meeting
from reminder.service.meetings import ForumCalendar, forum_calendar
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page
from reminder.web.session import Signed

DONE = {
    "set": "The meeting was set.",
    "move": "The meeting was moved.",
    "cancel": "The meeting was cancelled.",
}


def _day(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"the {what} {value[:40]!r} cannot be read (YYYY-MM-DD)") from None


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def kept(signed: Signed, forum: str) -> str:
        """The forum `forum` names when the user keeps it; 404 (as if none) otherwise."""
        name = next((f for f in signed.user.forums if f.lower() == forum.lower()), None)
        if name is None:
            raise HTTPException(404)
        return name

    def today(name: str) -> date:
        zone = ZoneInfo(desk.settings.forum(name).timezone)
        return desk.clock().astimezone(zone).date()

    def calendar(name: str) -> ForumCalendar:
        with Session(desk.engine) as session:
            rules = desk.settings.forum(name)
            return forum_calendar(session=session, rules=rules, today=today(name))

    def show(request: Request, signed: Signed, name: str, **said: Any) -> Response:
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/meetings.html",
            status=said.pop("status", 200),
            title=f"Meetings of {name}",
            signed=signed,
            csrf=csrf,
            forum=name,
            calendar=calendar(name),
            today=today(name),
            here=f"/desk/meetings/forum/{quote(name)}",
            said=said,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/meetings", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        signed = sessions.require(desk, request)
        rows = [(name, calendar(name)) for name in signed.user.forums]
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/meetings_index.html",
            title="Meetings",
            signed=signed,
            csrf=csrf,
            rows=rows,
            quote=quote,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/meetings/forum/{forum:path}", response_class=HTMLResponse)
    def meetings(request: Request, forum: str, done: str = "") -> Response:
        signed = sessions.require(desk, request)
        return show(request, signed, kept(signed, forum), done=DONE.get(done, ""))

    @routes.post("/desk/meetings/forum/{forum:path}", response_class=HTMLResponse)
    def change(
        request: Request,
        forum: str,
        csrf: str = Form(""),
        do: str = Form(""),
        day: str = Form(""),
        to: str = Form(""),
        starts: str = Form(""),
        place: str = Form(""),
        note: str = Form(""),
    ) -> Response:
        signed = sessions.posted(desk, request, csrf)
        name = kept(signed, forum)
        common: dict[str, Any] = {
            "author": signed.author,
            "now": desk.clock(),
            "note": note.strip()[:500],
        }
        try:
            on = _day(day, "date")
            held = calendar(name)
            if do in ("move", "cancel") and not held.holds(on):
                raise InputError(f"{name} has no meeting on {on:%d %b %Y} to {do}")
            with transaction(desk.engine) as session:
                if do == "set":
                    _not_past(on, today(name))
                    schedule_meeting(
                        session=session, forum=name, day=on, starts=starts, place=place, **common
                    )
                elif do == "move":
                    into = _day(to, "new date")
                    _not_past(into, today(name))
                    move_meeting(session=session, forum=name, day=on, to=into, **common)
                elif do == "cancel":
                    cancel_meeting(session=session, forum=name, day=on, **common)
                else:
                    raise InputError(f"{do[:40]!r} is not a change of a meeting")
        except InputError as exc:
            return show(request, signed, name, status=400, error=str(exc))
        target = f"/desk/meetings/forum/{quote(name)}?done={do}"
        return RedirectResponse(target, status_code=303)

    return routes


def _not_past(day: date, today: date) -> None:
    if day < today:
        raise InputError(f"{day:%d %b %Y} is in the past: give a date from today on")
