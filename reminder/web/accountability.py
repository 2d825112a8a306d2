"""The desk's accountability page of a forum: who completes, what is late and by how long,
which deadlines keep moving, what is carried over, and who answers by mail link.

Each figure is a table and an inline SVG bar chart of the same numbers (web.charts): no
script and no remote resource. The figures are register queries (register.accountability,
register.mail_updates). Only forums the coordinator keeps: another is 404, as if missing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlmodel import Session
from starlette.exceptions import HTTPException

from reminder.register import accountability as acc
from reminder.register.mail_updates import mail_link_updates
from reminder.register.overview import forum_counts
from reminder.web import session as sessions
from reminder.web.charts import Bar, bar_chart
from reminder.web.desk import Desk
from reminder.web.pages import page

WORST = 10  # the items with the most moved deadlines listed by name


def _bands(bands: list[acc.Band], *, title: str, tone: str) -> Markup:
    return bar_chart([Bar(b.label, b.count) for b in bands], title=title, tone=tone)


def figures(desk: Desk, *, forum: str) -> dict[str, Any]:
    """The page's tables (register dataclasses) and charts (SVG markup) for `forum`."""
    now = desk.clock()
    with Session(desk.engine) as session:
        completion = acc.completion_by_organisation(session=session, forum=forum)
        overdue = acc.overdue_by_age(session=session, forum=forum, today=now.date())
        slipped = acc.deadlines_slipped(session=session, forum=forum)
        carry = acc.open_by_carry(session=session, forum=forum)
        updates = mail_link_updates(session=session, forum=forum, now=now)
    moves = acc.slip_counts(slipped)
    charts = {
        "completion": bar_chart(
            [
                Bar(c.organisation, c.rate, shown=f"{c.rate:.0%} ({c.done}/{c.owned})")
                for c in completion
            ],
            title="Share of each organisation's items that are done",
            maximum=1,
            tone="green",
        ),
        "overdue": _bands(
            overdue, title="Open items past their deadline, by days late", tone="red"
        ),
        "slipped": _bands(moves, title="Items whose deadline moved, by times moved", tone="blue"),
        "carried": _bands(
            carry, title="Open items carried over from earlier meetings", tone="blue"
        ),
        "updates": bar_chart(
            [Bar(o.organisation, o.total) for o in updates.by_organisation],
            title="Answers received by mail link, by organisation",
        ),
        "periods": _bands(
            updates.by_period, title="Answers received by mail link, by period", tone="grey"
        ),
    }
    return {
        "completion": completion,
        "overdue": overdue,
        "slipped": slipped[:WORST],
        "slipped_count": len(slipped),
        "moves": moves,
        "carry": carry,
        "updates": updates,
        "charts": charts,
    }


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    @routes.get("/desk/accountability", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        signed = sessions.require(desk, request)
        with Session(desk.engine) as session:
            rows = forum_counts(
                session=session, forums=signed.user.forums, today=desk.clock().date()
            )
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/accountability_index.html",
            title="Accountability",
            signed=signed,
            csrf=csrf,
            forums=rows,
            quote=quote,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/accountability/{forum:path}", response_class=HTMLResponse)
    def of_forum(request: Request, forum: str) -> Response:
        signed = sessions.require(desk, request)
        name = next((f for f in signed.user.forums if f.lower() == forum.lower()), None)
        if name is None:
            raise HTTPException(404)
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/accountability.html",
            title=f"Accountability: {name}",
            signed=signed,
            csrf=csrf,
            forum=name,
            quote=quote,
            today=desk.clock().date(),
            **figures(desk, forum=name),
        )
        return desk.csrf.remember(request, response, nonce)

    return routes
