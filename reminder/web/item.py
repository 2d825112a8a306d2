"""One register item on the desk: what it says, its owners, deadline, status, meeting,
sources and whole history, and forms to change its status, deadline, text or owners.

An edit is the CLI's (`register.edits`) with the desk's evidence: the signed-in
coordinator as author and "desk" as source; it is weighed like any other evidence (a
document dated later wins over it, and the page then says what the register kept).
Another forum's item is 404, on the page and on every form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.exceptions import HTTPException

from reminder.errors import InputError
from reminder.register import edits, history
from reminder.register.directory import load_directory
from reminder.register.engine import transaction
from reminder.register.evidence import FIELDS, Verdict, current_label
from reminder.register.models import ActionPoint, Meeting
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page
from reminder.web.session import Signed

STATUS_NAMES = {"open": "Open", "in_progress": "In progress", "done": "Done"}
STATUS_NAMES["cancelled"] = "Cancelled"


def shown(value: Any) -> str:
    """A history entry's value in a cell: owners as written, a deadline's phrase and date."""
    if isinstance(value, dict):
        if "raw" in value:
            return str(value.get("raw") or ", ".join(value.get("owners", ())))
        if "phrase" in value:
            phrase, day = value.get("phrase"), value.get("date")
            parts = (phrase or "", f"({day})" if day and day != phrase else "")
            return " ".join(p for p in parts if p) or "no deadline"
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return "" if value is None else str(value)


def kept_action(desk: Desk, session: Session, signed: Signed, number: int) -> ActionPoint:
    """The action `number` when the user keeps its forum; 404 (as if none) otherwise."""
    action = history.find_action(session=session, action_id=number)
    if action is None or not signed.user.keeps(action.forum):
        raise HTTPException(404)
    return action


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def show(request: Request, signed: Signed, number: int, **said: Any) -> Response:
        with Session(desk.engine) as session:
            action = kept_action(desk, session, signed, number)
            meeting = session.get(Meeting, action.meeting_id) if action.meeting_id else None
            field = said.get("field")
            label = (
                current_label(session=session, action=action, field=field)
                if field in FIELDS and said.get("verdict") in ("older", "conflict")
                else ""
            )
            values = {
                "action": action.model_copy(),
                "meeting": meeting.model_copy() if meeting else None,
                "owners": history.owners_of(session=session, action_id=number),
                "sources": history.sources_of(session=session, action_id=number),
                "entries": history.history_of(session=session, action_id=number),
            }
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/register_item.html",
            status=said.pop("status", 200),
            title=f"#{number}",
            signed=signed,
            csrf=csrf,
            statuses=STATUS_NAMES,
            shown=shown,
            label=label,
            today=desk.clock().date(),
            said=said,
            **values,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/register/item/{number}", response_class=HTMLResponse)
    def item(request: Request, number: int, field: str = "", verdict: str = "") -> Response:
        signed = sessions.require(desk, request)
        if field not in FIELDS or verdict not in {v.value for v in Verdict}:
            field = verdict = ""
        return show(request, signed, number, field=field, verdict=verdict)

    @routes.post("/desk/register/item/{number}", response_class=HTMLResponse)
    def edit(
        request: Request,
        number: int,
        csrf: str = Form(""),
        field: str = Form(""),
        value: str = Form(""),
        note: str = Form(""),
    ) -> Response:
        signed = sessions.posted(desk, request, csrf)
        common = {**signed.edit(desk.clock()), "note": note.strip()[:500]}
        try:
            with transaction(desk.engine) as session:
                kept_action(desk, session, signed, number)
                done = _apply(session, number=number, field=field, value=value, common=common)
        except InputError as exc:
            return show(request, signed, number, status=400, error=str(exc))
        target = f"/desk/register/item/{number}?field={done.field}&verdict={done.verdict.value}"
        return RedirectResponse(target, status_code=303)

    return routes


def _apply(
    session: Session, *, number: int, field: str, value: str, common: dict[str, Any]
) -> edits.Edit:
    """The edit `field` := `value` of action `number`; InputError naming what is wrong."""
    if field == "status":
        return edits.change_status(session=session, action_ids=[number], status=value, **common)[0]
    if field == "due":
        try:
            due = date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"the date {value[:40]!r} cannot be read (YYYY-MM-DD)") from None
        return edits.change_due(session=session, action_id=number, due=due, **common)
    if field == "text":
        return edits.change_text(session=session, action_id=number, text=value[:4000], **common)
    if field == "owners":
        names = [n for n in value[:2000].replace(";", ",").split(",") if n.strip()]
        directory = load_directory(session)
        return edits.change_owners(
            session=session, action_id=number, owners=names, directory=directory, **common
        )
    raise InputError(f"{field[:40]!r} cannot be changed here")
