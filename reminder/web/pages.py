"""Server-rendered pages (Jinja2, autoescaped), usable without JavaScript on a phone."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reminder.mail.links import LinkError


def _templates() -> Path:
    """`templates/web/` beside the package, else the copy a wheel installs."""
    beside = Path(__file__).resolve().parents[2] / "templates" / "web"
    installed = Path(sys.prefix) / "share" / "actionpoint-reminder" / "templates" / "web"
    return beside if beside.is_dir() else installed


def make_pages() -> Environment:
    return Environment(
        loader=FileSystemLoader(_templates()),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )


def page(env: Environment, name: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    """The page `name` filled with `values`; never cached (it holds a form token)."""
    response = HTMLResponse(env.get_template(name).render(**values), status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL itself is the key
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return response


def problem(env: Environment, *, title: str, detail: str, status: int) -> HTMLResponse:
    return page(env, "problem.html", status=status, title=title, detail=detail)


def refused_link(env: Environment, exc: LinkError, *, hint: str) -> HTMLResponse:
    """The page for a link that expired (410) or cannot be trusted (400)."""
    if exc.expired:
        detail = f"Links in reminder mails work for a few weeks. {hint}"
        return problem(env, title="This link has expired", detail=detail, status=410)
    return problem(env, title="This link does not work", detail=f"{exc}. {hint}", status=400)


def forged(env: Environment) -> HTMLResponse:
    """The page for a form posted without this page's CSRF token (403)."""
    detail = "The form was not sent from this page. Open the link from the mail again."
    return problem(env, title="Please try again", detail=detail, status=403)
