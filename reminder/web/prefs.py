"""One-click unsubscribe (RFC 8058) and each contact's mail settings, behind signed links.

`List-Unsubscribe-Post: List-Unsubscribe=One-Click` lets a mail provider POST the
unsubscription for the reader, without cookies: that POST is accepted on the link's
signature alone. A person's own POST, from the page, carries a CSRF token.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from reminder.errors import InputError
from reminder.mail.links import LinkError
from reminder.register import answers
from reminder.register.engine import transaction
from reminder.web.desk import Desk
from reminder.web.pages import forged, page, problem, refused_link

KIND_NAMES = {
    "digest": "Weekly digest of your action points",
    "escalation": "Reminders about overdue action points",
    "pre_meeting": "Reminder before each meeting",
    "report": "Coordinator's report (coordinators only)",
}


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def refused(exc: LinkError) -> HTMLResponse:
        return refused_link(desk.pages, exc, hint="Use the link at the foot of the latest mail.")

    def settings_page(request: Request, token: str, *, saved: bool = False) -> HTMLResponse:
        try:
            link = desk.read("settings", token)
        except LinkError as exc:
            return refused(exc)
        with Session(desk.engine) as session:
            pref = answers.preferences(session=session, email=link.contact)
            values = {
                "kinds_off": list(pref.kinds_off),
                "paused_until": pref.paused_until,
                "unsubscribed": pref.unsubscribed_at is not None,
            }
        nonce = desk.csrf.nonce(request)
        response = page(
            desk.pages,
            "settings.html",
            title="Your reminder mails",
            contact=link.contact,
            kinds=KIND_NAMES,
            pref=values,
            saved=saved,
            csrf=desk.csrf.token(nonce, bound_to=f"s:{token}"),
        )
        return desk.csrf.remember(request, response, nonce)  # type: ignore[return-value]

    @routes.get("/s/{token}", response_class=HTMLResponse)
    def show_settings(request: Request, token: str) -> HTMLResponse:
        return settings_page(request, token)

    @routes.post("/s/{token}", response_class=HTMLResponse)
    async def save_settings(request: Request, token: str) -> HTMLResponse:
        try:
            link = desk.read("settings", token)
        except LinkError as exc:
            return refused(exc)
        form = await request.form()
        if not desk.csrf.check(request, str(form.get("csrf", "")), bound_to=f"s:{token}"):
            return forged(desk.pages)
        wanted = {str(k) for k in form.getlist("kind")}
        pause = str(form.get("paused_until", "")).strip()
        try:
            until = date.fromisoformat(pause) if pause else None
            with transaction(desk.engine) as session:
                answers.set_preferences(
                    session=session,
                    email=link.contact,
                    kinds_off=[k for k in KIND_NAMES if k not in wanted],
                    paused_until=until,
                    now=desk.clock(),
                    unsubscribe=form.get("unsubscribed") == "on",
                )
        except (ValueError, InputError) as exc:
            return problem(desk.pages, title="Nothing was saved", detail=str(exc), status=422)
        return settings_page(request, token, saved=True)

    @routes.get("/u/{token}", response_class=HTMLResponse)
    def show_unsubscribe(request: Request, token: str) -> HTMLResponse:
        try:
            link = desk.read("unsubscribe", token)
        except LinkError as exc:
            return refused(exc)
        nonce = desk.csrf.nonce(request)
        response = page(
            desk.pages,
            "unsubscribe.html",
            title="Stop these mails?",
            contact=link.contact,
            done=False,
            csrf=desk.csrf.token(nonce, bound_to=f"u:{token}"),
        )
        return desk.csrf.remember(request, response, nonce)  # type: ignore[return-value]

    @routes.post("/u/{token}", response_class=HTMLResponse)
    def unsubscribe(
        request: Request,
        token: str,
        csrf: str = Form(""),
        one_click: str = Form("", alias="List-Unsubscribe"),
    ) -> HTMLResponse:
        try:
            link = desk.read("unsubscribe", token)
        except LinkError as exc:
            return refused(exc)
        by_provider = one_click == "One-Click"  # RFC 8058: the link's signature suffices
        if not by_provider and not desk.csrf.check(request, csrf, bound_to=f"u:{token}"):
            return forged(desk.pages)
        with transaction(desk.engine) as session:
            pref = answers.preferences(session=session, email=link.contact)
            answers.set_preferences(
                session=session,
                email=link.contact,
                kinds_off=list(pref.kinds_off),
                paused_until=pref.paused_until,
                now=desk.clock(),
                unsubscribe=True,
            )
        return page(
            desk.pages,
            "unsubscribe.html",
            title="You are unsubscribed",
            contact=link.contact,
            done=True,
            csrf="",
        )

    return routes
