"""The desk's ledger: who got what, when, and with what outcome (what `reminder history`
shows), for the forums the coordinator keeps (an administrator: all), with filters as
a GET query string (kind, a part of the recipient's address, outcome, a date range)
and PAGE entries at a time. Read-only. An unreadable filter is a 400 naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from reminder.ledger.browse import OUTCOMES, LedgerQuery, ledger_page
from reminder.planning.notices import Kind
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page

PAGE = 50
KINDS = tuple(k.value for k in Kind)


@dataclass(frozen=True)
class Filters:
    """What the query string asks for, as given (to fill the form and the links)."""

    kind: str = ""
    to: str = ""
    outcome: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def query(self, *, page: int) -> str:
        values = {
            "kind": self.kind,
            "to": self.to,
            "outcome": self.outcome,
            "from": self.since,
            "until": self.until,
            "page": str(page) if page > 1 else "",
        }
        return "?" + urlencode({k: v for k, v in values.items() if v})


def _day(value: str, what: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"the {what} date {value[:40]!r} cannot be read (YYYY-MM-DD)")
        return None


def read(
    request: Request, forums: tuple[str, ...] | None
) -> tuple[Filters, LedgerQuery, list[str]]:
    """The filters of `request`, the ledger query they make, and what could not be read."""
    args, problems = request.query_params, []
    try:
        number = max(1, min(int(args.get("page", "1")), 100_000))
    except ValueError:
        number = 1
    asked = Filters(
        kind=args.get("kind", "")[:40],
        to=args.get("to", "")[:200],
        outcome=args.get("outcome", "")[:40],
        since=args.get("from", "")[:40],
        until=args.get("until", "")[:40],
        page=number,
    )
    if asked.kind and asked.kind not in KINDS:
        problems.append(f"kind {asked.kind!r} is not one of {', '.join(KINDS)}")
    if asked.outcome and asked.outcome not in OUTCOMES:
        problems.append(f"outcome {asked.outcome!r} is not one of {', '.join(OUTCOMES)}")
    first, last = _day(asked.since, "from", problems), _day(asked.until, "until", problems)
    if first and last and last < first:
        problems.append(f"the range ends ({last}) before it starts ({first})")
    query = LedgerQuery(
        forums=forums,
        kind=asked.kind or None,
        recipient=asked.to,
        outcome=asked.outcome or None,
        since=datetime.combine(first, time.min, UTC) if first else None,
        until=datetime.combine(last + timedelta(days=1), time.min, UTC) if last else None,
    )
    return asked, query, problems


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    @routes.get("/desk/ledger", response_class=HTMLResponse)
    def ledger(request: Request) -> Response:
        signed = sessions.require(desk, request)
        forums = None if signed.user.admin else signed.user.forums
        asked, query, problems = read(request, forums)
        found = None
        if not problems:
            with Session(desk.engine) as session:
                found = ledger_page(
                    session=session, query=query, offset=(asked.page - 1) * PAGE, limit=PAGE
                )
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/ledger.html",
            status=400 if problems else 200,
            title="Ledger",
            signed=signed,
            csrf=csrf,
            asked=asked,
            found=found,
            problems=problems,
            kinds=KINDS,
            outcomes=OUTCOMES,
            first=(asked.page - 1) * PAGE,
            page_size=PAGE,
        )
        return desk.csrf.remember(request, response, nonce)

    return routes
