"""The desk's start page: the signed-in coordinator's forums and how their registers stand."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from reminder.register.overview import forum_counts
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    @routes.get("/desk", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        signed = sessions.require(desk, request)
        with Session(desk.engine) as session:
            rows = forum_counts(
                session=session, forums=signed.user.forums, today=desk.clock().date()
            )
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages, "desk/home.html", title="Your forums", signed=signed, csrf=csrf, forums=rows
        )
        return desk.csrf.remember(request, response, nonce)

    return routes
