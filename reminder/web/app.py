"""The web application: the pages behind the links in mails (FastAPI, served by uvicorn).

`create_app` is the web part's start-up: it is handed the engine, the settings and the
clock by whoever runs it (`reminder web`, or `reminder serve` beside the scheduler) and
builds what the pages share. It needs a base URL and a secret key (`WebSettings`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from reminder.config.settings import Settings
from reminder.delivery import make_mailer
from reminder.delivery.base import Mailer
from reminder.errors import ConfigError
from reminder.mail.links import Links
from reminder.web import (
    accountability,
    answers,
    bulk,
    directory,
    feeds,
    home,
    intake,
    item,
    ledger,
    lists,
    meeting_review,
    meetings,
    prefs,
    signin,
)
from reminder.web.csrf import Csrf
from reminder.web.desk import Desk
from reminder.web.pages import forged, make_pages, problem
from reminder.web.session import Forged, SignInRequired


def create_app(
    *,
    engine: Engine,
    settings: Settings,
    clock: Callable[[], datetime],
    mailer: Mailer | None = None,
) -> FastAPI:
    """The application; ConfigError when no base URL or secret key is configured.

    `mailer` sends the desk's sign-in links (default: the one `settings.mail` names).
    """
    web = settings.web
    if not web.base_url or not web.secret_key:
        raise ConfigError(
            "the web part needs REMINDER_BASE_URL (the public address of this server) "
            "and REMINDER_SECRET_KEY (at least 32 random characters)"
        )
    desk = Desk(
        engine=engine,
        settings=settings,
        links=Links(base_url=web.base_url, secret=web.secret_key, days=web.link_days),
        csrf=Csrf(web.secret_key),
        pages=make_pages(),
        clock=clock,
        mailer=mailer if mailer is not None else make_mailer(settings.mail),
    )
    app = FastAPI(title="actionpoint-reminder", docs_url=None, redoc_url=None, openapi_url=None)
    for module in (
        answers,
        prefs,
        feeds,
        signin,
        home,
        lists,
        item,
        bulk,
        intake,
        accountability,
        meeting_review,
        directory,
        meetings,
        ledger,
    ):
        app.include_router(module.router(desk))

    @app.get("/health", response_class=PlainTextResponse)
    def health() -> str:
        return "ok"

    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, exc: SignInRequired) -> RedirectResponse:
        return RedirectResponse(f"/desk/sign-in?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(Forged)
    async def forged_form(request: Request, exc: Forged) -> HTMLResponse:
        return forged(desk.pages)

    @app.exception_handler(HTTPException)
    async def not_found(request: Request, exc: HTTPException) -> HTMLResponse:
        detail = "Open the link from the mail again." if exc.status_code == 404 else exc.detail
        return problem(desk.pages, title="Nothing here", detail=str(detail), status=exc.status_code)

    return app
