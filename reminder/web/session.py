"""Desk sessions: a signed, HTTP-only, SameSite cookie naming the signed-in coordinator.

The cookie holds the address and a random session id, signed with the service's key and
stamped: it expires after `[web] session_hours`, and who it names is looked up again on
every request (a coordinator removed from the config loses the desk at once). Forms
carry a CSRF token bound to the session id (web.csrf's double-submit cookie).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature
from sqlmodel import Session

from reminder.mail.links import serializer
from reminder.register.evidence import desk_author, of_desk
from reminder.service.coordinators import DeskUser, desk_user
from reminder.web.desk import Desk

COOKIE = "reminder_desk"
SALT = "reminder-desk-session"


class Forged(Exception):
    """A form posted without this session's token (handled: the 403 "try again" page)."""


class SignInRequired(Exception):
    """The request needs a signed-in coordinator (handled: a redirect to sign-in)."""

    def __init__(self, next_path: str = "/desk") -> None:
        super().__init__("sign in first")
        self.next_path = next_path


@dataclass(frozen=True)
class Signed:
    """Who a valid cookie names, and its session id (what form tokens are bound to)."""

    user: DeskUser
    sid: str

    def token(self, desk: Desk, request: Request) -> tuple[str, str]:
        """(form token, nonce) for a page with forms; `remember` the nonce on the reply."""
        nonce = desk.csrf.nonce(request)
        return desk.csrf.token(nonce, bound_to=f"desk:{self.sid}"), nonce

    def checked(self, desk: Desk, request: Request, token: str) -> bool:
        """Was this form posted from one of this session's pages?"""
        return desk.csrf.check(request, token, bound_to=f"desk:{self.sid}")

    @property
    def author(self) -> str:
        """How the changes this coordinator makes are signed ("coordinator <address>")."""
        return desk_author(self.user.email)

    def edit(self, now: datetime) -> dict[str, Any]:
        """What a register edit made now by this coordinator carries: author, time, evidence."""
        evidence = of_desk(who=self.user.email, now=now)
        return {"author": evidence.author, "now": now, "evidence": evidence}


def start(desk: Desk, request: Request, response: Response, *, email: str) -> None:
    """Sign `email` in on `response` (a new session id each time)."""
    value = {"e": email.lower(), "s": secrets.token_urlsafe(18)}
    cookie = serializer(desk.secret, SALT, desk.clock()).dumps(value)
    response.set_cookie(
        COOKIE,
        cookie,
        httponly=True,
        samesite="lax",  # sent when a coordinator follows a link to the desk from a mail
        secure=request.url.scheme == "https",
        max_age=desk.settings.web.session_hours * 3600,
        path="/desk",
    )


def end(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/desk")


def signed_in(desk: Desk, request: Request) -> Signed | None:
    """The session of `request`, if its cookie is valid, fresh and names a desk user."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    lifetime = timedelta(hours=desk.settings.web.session_hours)
    try:
        value = serializer(desk.secret, SALT, desk.clock()).loads(
            cookie, max_age=int(lifetime.total_seconds())
        )
    except BadSignature:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in "es"):
        return None
    with Session(desk.engine) as session:
        user = desk_user(session=session, settings=desk.settings, email=value["e"])
    return Signed(user, value["s"]) if user is not None else None


def require(desk: Desk, request: Request) -> Signed:
    """The session of `request`; SignInRequired (a redirect to sign-in) when there is none."""
    found = signed_in(desk, request)
    if found is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(path if request.method == "GET" else "/desk")
    return found


def posted(desk: Desk, request: Request, token: str) -> Signed:
    """The session of a form post; SignInRequired without one, Forged when `token` is not
    this session's form token."""
    signed = require(desk, request)
    if not signed.checked(desk, request, token):
        raise Forged()
    return signed
