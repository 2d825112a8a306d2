"""The pages a focal point's "Done", "In progress", "New date" and "Comment" links open.

A GET only shows the item and a form: mail scanners that follow links change nothing.
The POST (with its CSRF token) records the answer in the register (`register.answers`).
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from reminder.errors import InputError
from reminder.mail.links import LinkError
from reminder.register import answers
from reminder.register.answers import LinkUse, digest_of
from reminder.register.edits import get_action
from reminder.register.engine import transaction
from reminder.register.models import ActionPoint
from reminder.web.desk import Desk
from reminder.web.pages import forged, page, problem, refused_link

TITLES = {
    "done": "Mark as done",
    "in_progress": "Mark as in progress",
    "new_date": "Give a new date",
    "comment": "Send a comment",
}


def view(action: ActionPoint) -> dict[str, object]:
    """What a page shows of an action, read while its session is open."""
    return {
        "number": action.ref or f"#{action.id}",
        "forum": action.forum,
        "text": action.text,
        "owners": action.owners_raw or ", ".join(action.owners),
        "due": action.due_date.isoformat() if action.due_date else (action.due_phrase or ""),
        "status": action.status.replace("_", " "),
    }


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def refused(exc: LinkError | InputError) -> HTMLResponse:
        hint = "Open the link from the latest mail again, or reply to the mail."
        link = exc if isinstance(exc, LinkError) else LinkError(str(exc))
        return refused_link(desk.pages, link, hint=hint)

    @routes.get("/a/{token}", response_class=HTMLResponse)
    def show(request: Request, token: str) -> HTMLResponse:
        try:
            link = desk.read("item", token)
            assert link.item is not None
            with Session(desk.engine) as session:
                action = view(get_action(session=session, action_id=link.item))
                use = session.get(LinkUse, digest_of(token))
                used = use.used_at if use else None
        except (LinkError, InputError) as exc:
            return refused(exc)
        nonce = desk.csrf.nonce(request)
        response = page(
            desk.pages,
            "answer.html",
            title=TITLES[link.answer or "comment"],
            link=link,
            action=action,
            used=used,
            csrf=desk.csrf.token(nonce, bound_to=digest_of(token)),
            today=desk.clock().date().isoformat(),
        )
        return desk.csrf.remember(request, response, nonce)  # type: ignore[return-value]

    @routes.post("/a/{token}", response_class=HTMLResponse)
    def record(
        request: Request,
        token: str,
        csrf: str = Form(""),
        due: str = Form(""),
        comment: str = Form(""),
    ) -> HTMLResponse:
        try:
            link = desk.read("item", token)
        except LinkError as exc:
            return refused(exc)
        if not desk.csrf.check(request, csrf, bound_to=digest_of(token)):
            return forged(desk.pages)
        assert link.item is not None and link.answer is not None
        try:
            new_date = date.fromisoformat(due) if link.answer == "new_date" and due else None
        except ValueError:
            return problem(
                desk.pages,
                title="That date cannot be read",
                detail="Give the date as the date field shows it.",
                status=422,
            )
        try:
            with transaction(desk.engine) as session:
                done = answers.answer(
                    session=session,
                    token=token,
                    contact=link.contact,
                    action_id=link.item,
                    what=link.answer,
                    now=desk.clock(),
                    due=new_date,
                    comment=comment,
                )
                action = view(done.action)
        except InputError as exc:
            return problem(desk.pages, title="Nothing was recorded", detail=str(exc), status=422)
        return page(
            desk.pages,
            "answered.html",
            title="Thank you",
            action=action,
            repeat=done.repeat,
            used_at=done.used_at,
            link=link,
        )

    return routes
