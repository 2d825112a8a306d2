"""CSRF protection for the forms behind mail links: a signed double-submit cookie.

A GET sets a random nonce in an HTTP-only, SameSite=Strict cookie and puts in the form
the nonce signed together with the page's link, so a form posted from another site
(without the cookie) or for another link (a different signature) is refused.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, Signer

COOKIE = "reminder_csrf"


class Csrf:
    def __init__(self, secret: str) -> None:
        self._signer = Signer(secret, salt="reminder-csrf")

    def nonce(self, request: Request) -> str:
        """The browser's nonce, or a new one (`remember` must then set it)."""
        return request.cookies.get(COOKIE) or secrets.token_urlsafe(24)

    def token(self, nonce: str, *, bound_to: str) -> str:
        """The form token of a page for the link `bound_to`."""
        return self._signer.sign(f"{nonce}|{bound_to}").decode()

    def remember(self, request: Request, response: Response, nonce: str) -> Response:
        secure = request.url.scheme == "https"
        response.set_cookie(
            COOKIE, nonce, httponly=True, samesite="strict", secure=secure, max_age=86400
        )
        return response

    def check(self, request: Request, token: str, *, bound_to: str) -> bool:
        nonce = request.cookies.get(COOKIE)
        if not nonce or not token:
            return False
        try:
            value = self._signer.unsign(token).decode()
        except BadSignature:
            return False
        return hmac.compare_digest(value, f"{nonce}|{bound_to}")
