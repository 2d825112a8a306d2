"""The desk's review table: "Review of previous action points" for a forum's meeting.

`/desk/review` is a plain GET form (forum, meeting, grouping, format); its answer,
`/desk/review/file`, is the Word or Excel file `service.review.export_review` writes —
the same file `reminder export review` writes, so that imported back (through the desk's
import or the CLI) it updates the same items by id. A download changes nothing, so it is
a GET without a form token; another forum is 404, as if it did not exist.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from reminder.errors import InputError
from reminder.service.review import FORMATS, GROUPINGS, export_review, next_meeting
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def filename(*, forum: str, meeting: date, fmt: str) -> str:
    """A file name with nothing a header or a file system could misread: the forum's
    letters, digits, dots and dashes, the rest as _."""
    safe = _UNSAFE.sub("_", forum).strip("._") or "forum"
    return f"review-{safe[:60]}-{meeting.isoformat()}.{fmt}"


def disposition(name: str) -> str:
    """Content-Disposition for `name` (already safe; quoted again for RFC 6266's sake)."""
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def kept_forum(forums: tuple[str, ...], asked: str) -> str | None:
        wanted = asked.strip().lower()
        return next((f for f in forums if f.lower() == wanted), None)

    @routes.get("/desk/review", response_class=HTMLResponse)
    def ask(request: Request) -> Response:
        signed = sessions.require(desk, request)
        today = desk.clock().date()
        asked = request.query_params.get("forum", "")
        chosen = kept_forum(signed.user.forums, asked) if asked else None
        if asked and chosen is None:
            raise HTTPException(404, "No such forum.")
        meetings = {
            forum: next_meeting(
                engine=desk.engine, settings=desk.settings, forum=forum, today=today
            )
            for forum in signed.user.forums
        }
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/review.html",
            title="Review of previous action points",
            signed=signed,
            csrf=csrf,
            meetings=meetings,
            chosen=chosen,
            groupings=GROUPINGS,
            formats=FORMATS,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/review/file")
    def download(request: Request) -> Response:
        signed = sessions.require(desk, request)
        args = request.query_params
        forum = kept_forum(signed.user.forums, args.get("forum", ""))
        if forum is None:
            raise HTTPException(404, "No such forum.")
        fmt, by = args.get("format", "docx"), args.get("by", "agenda")
        if fmt not in FORMATS or by not in GROUPINGS:
            raise HTTPException(400, "Choose a format (docx, xlsx) and a grouping.")
        today = desk.clock().date()
        meeting = _meeting(args.get("meeting", ""))
        if meeting is None:
            meeting = next_meeting(
                engine=desk.engine, settings=desk.settings, forum=forum, today=today
            )
        if meeting is None:
            raise HTTPException(400, f"No next meeting of {forum} is known: give its date.")
        with tempfile.TemporaryDirectory(prefix="desk-review-") as folder:
            out = Path(folder) / f"review.{fmt}"
            try:
                export_review(
                    engine=desk.engine,
                    settings=desk.settings,
                    forum=forum,
                    meeting=meeting,
                    out=out,
                    fmt=fmt,
                    by=by,
                    today=today,
                )
            except InputError as exc:
                raise HTTPException(400, str(exc)) from exc
            body = out.read_bytes()
        name = filename(forum=forum, meeting=meeting, fmt=fmt)
        return Response(
            body,
            media_type=MEDIA[fmt],
            headers={"Content-Disposition": disposition(name), "Cache-Control": "no-store"},
        )

    return routes


def _meeting(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise HTTPException(400, f"The date {value[:40]!r} cannot be read (YYYY-MM-DD).") from exc
