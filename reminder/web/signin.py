"""Signing in to the desk by a link mailed to the coordinator's directory address.

No passwords: `/desk/sign-in` takes an address and, when it may sign in, mails it a
link that works once for SIGN_IN_MINUTES. The page says the same whether or not a mail
went out, so the form tells nobody who the coordinators are. Opening the link shows a
button (a POST): a mail scanner that follows the link signs nobody in.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from reminder.delivery.base import Delivery
from reminder.mail.links import LinkError
from reminder.mail.signin import sign_in_mail
from reminder.register.answers import LinkUse, digest_of
from reminder.register.engine import transaction
from reminder.service.coordinators import desk_user
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import forged, page, refused_link

log = logging.getLogger("reminder.web")
SIGN_IN_MINUTES = 30
SIGN_IN_FORM = "desk-sign-in"


def _safe_next(value: str) -> str:
    """Only a path of the desk itself: never an open redirect to another site."""
    return value if value.startswith("/desk") and "//" not in value else "/desk"


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()
    lifetime = timedelta(minutes=SIGN_IN_MINUTES)

    @routes.get("/desk/sign-in", response_class=HTMLResponse)
    def ask(request: Request, next: str = "/desk") -> Response:
        nonce = desk.csrf.nonce(request)
        response = page(
            desk.pages,
            "desk/sign_in.html",
            title="Sign in to the desk",
            csrf=desk.csrf.token(nonce, bound_to=SIGN_IN_FORM),
            next=_safe_next(next),
            sent=False,
            minutes=SIGN_IN_MINUTES,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.post("/desk/sign-in", response_class=HTMLResponse)
    async def send(
        request: Request, email: str = Form(""), csrf: str = Form(""), next: str = Form("/desk")
    ) -> Response:
        if not desk.csrf.check(request, csrf, bound_to=SIGN_IN_FORM):
            return forged(desk.pages)
        with Session(desk.engine) as session:
            user = desk_user(session=session, settings=desk.settings, email=email)
        if user is not None:
            now = desk.clock()
            url = desk.links.url("signin", contact=user.email, now=now)
            url += f"?next={quote(_safe_next(next))}"
            mail = sign_in_mail(
                to=user.email,
                name=user.name,
                url=url,
                minutes=SIGN_IN_MINUTES,
                settings=desk.settings.mail,
                now=now,
            )
            results: list[Delivery] = []
            await desk.mailer.send([mail], on_result=results.append)
            if not all(r.ok for r in results):
                log.error(
                    "the sign-in mail could not be sent",
                    extra={"to": user.email, "error": "; ".join(r.error for r in results)},
                )
        else:
            log.info("sign-in asked for an address that keeps no forum", extra={"to": email})
        return page(
            desk.pages,
            "desk/sign_in.html",
            title="Check your mail",
            sent=True,
            next="",
            minutes=SIGN_IN_MINUTES,
        )

    @routes.get("/desk/enter/{token}", response_class=HTMLResponse)
    def enter(request: Request, token: str, next: str = "/desk") -> Response:
        try:
            link = desk.links.read("signin", token, now=desk.clock(), lifetime=lifetime)
        except LinkError as exc:
            return refused_link(desk.pages, exc, hint="Ask for a new sign-in link.")
        nonce = desk.csrf.nonce(request)
        response = page(
            desk.pages,
            "desk/enter.html",
            title="Sign in to the desk",
            email=link.contact,
            next=_safe_next(next),
            csrf=desk.csrf.token(nonce, bound_to=digest_of(token)),
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.post("/desk/enter/{token}", response_class=HTMLResponse)
    def signed(
        request: Request, token: str, csrf: str = Form(""), next: str = Form("/desk")
    ) -> Response:
        try:
            link = desk.links.read("signin", token, now=desk.clock(), lifetime=lifetime)
        except LinkError as exc:
            return refused_link(desk.pages, exc, hint="Ask for a new sign-in link.")
        if not desk.csrf.check(request, csrf, bound_to=digest_of(token)):
            return forged(desk.pages)
        with transaction(desk.engine) as session:
            if session.get(LinkUse, digest_of(token)) is not None:
                return refused_link(
                    desk.pages,
                    LinkError("this sign-in link was already used"),
                    hint="Ask for a new sign-in link.",
                )
            user = desk_user(session=session, settings=desk.settings, email=link.contact)
            if user is None:
                return refused_link(
                    desk.pages,
                    LinkError("this address no longer keeps a forum"),
                    hint="Ask the administrator.",
                )
            session.add(
                LinkUse(
                    digest=digest_of(token),
                    contact=user.email,
                    answer="signin",
                    used_at=desk.clock(),
                )
            )
        response = RedirectResponse(_safe_next(next), status_code=303)
        sessions.start(desk, request, response, email=user.email)
        return response

    @routes.post("/desk/sign-out")
    def sign_out(request: Request, csrf: str = Form("")) -> Response:
        found = sessions.signed_in(desk, request)
        if found is not None and not found.checked(desk, request, csrf):
            return forged(desk.pages)
        response = RedirectResponse("/desk/sign-in", status_code=303)
        sessions.end(response)
        return response

    return routes
