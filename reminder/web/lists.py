"""The desk's register lists: by forum, by organisation, by owner, and their index.

Filters are a GET query string (status, overdue, due before a date, no date, unresolved
owner, text), so a filtered list is a link to bookmark or send; a list shows PAGE items
at a time with the counts of its scope. Only forums the coordinator keeps are listed:
another forum's name is 404, as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session
from starlette.exceptions import HTTPException

from reminder.register.listing import STATUS_CHOICES, Criteria, Scope, find_items, owner_tallies
from reminder.register.models import Contact, ContactGroup, Organisation
from reminder.register.overview import forum_counts
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page

PAGE = 50
STATUS_LABELS = {
    "active": "Open or in progress",
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "cancelled": "Cancelled",
    "all": "Any status",
}


@dataclass(frozen=True)
class Asked:
    """The filters a list's query string asks for, and what could not be read."""

    criteria: Criteria
    page: int
    problems: tuple[str, ...]

    def query(self, *, page: int | None = None, **changes: str) -> str:
        """This list's query string, with `changes` (a filter's name: value) and `page`."""
        c = self.criteria
        values = {
            "status": c.status,
            "overdue": "1" if c.overdue else "",
            "before": c.due_before.isoformat() if c.due_before else "",
            "nodate": "1" if c.undated else "",
            "unresolved": "1" if c.unresolved else "",
            "q": c.text,
        }
        values.update(changes)
        number = self.page if page is None else page
        if number > 1:
            values["page"] = str(number)
        kept = {k: v for k, v in values.items() if v and not (k == "status" and v == "active")}
        return "?" + urlencode(kept) if kept else "?"


def asked(request: Request) -> Asked:
    """The filters of `request`; an unreadable value is left out and said."""
    args, problems = request.query_params, []
    status = args.get("status", "active")
    if status not in STATUS_CHOICES:
        problems.append(f"status {status[:40]!r} is not one of {', '.join(STATUS_CHOICES)}")
        status = "active"
    before = None
    if args.get("before"):
        try:
            before = date.fromisoformat(args["before"])
        except ValueError:
            problems.append(f"the date {args['before'][:40]!r} cannot be read (YYYY-MM-DD)")
    try:
        number = max(1, min(int(args.get("page", "1")), 100_000))
    except ValueError:
        number = 1
    criteria = Criteria(
        status=status,
        overdue=bool(args.get("overdue")),
        due_before=before,
        undated=bool(args.get("nodate")),
        unresolved=bool(args.get("unresolved")),
        text=args.get("q", "")[:200],
    )
    return Asked(criteria, number, tuple(problems))


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def listed(request: Request, *, scope: Scope, heading: str, kind: str) -> Response:
        signed = sessions.require(desk, request)
        wanted = asked(request)
        with Session(desk.engine) as session:
            found = find_items(
                session=session,
                scope=scope,
                criteria=wanted.criteria,
                today=desk.clock().date(),
                offset=(wanted.page - 1) * PAGE,
                limit=PAGE,
            )
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/register_list.html",
            title=heading,
            kind=kind,
            signed=signed,
            csrf=csrf,
            listing=found,
            asked=wanted,
            first=(wanted.page - 1) * PAGE,
            page_size=PAGE,
            statuses=STATUS_LABELS,
            today=desk.clock().date(),
            here=request.url.path,
            changed=request.query_params.get("changed", "")[:6],
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/register", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        signed = sessions.require(desk, request)
        today = desk.clock().date()
        with Session(desk.engine) as session:
            forums = forum_counts(session=session, forums=signed.user.forums, today=today)
            tallies = owner_tallies(session=session, forums=signed.user.forums, today=today)
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/register_index.html",
            title="Register",
            signed=signed,
            csrf=csrf,
            forums=forums,
            tallies=tallies,
            quote=quote,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/register/forum/{forum:path}", response_class=HTMLResponse)
    def by_forum(request: Request, forum: str) -> Response:
        signed = sessions.require(desk, request)
        name = next((f for f in signed.user.forums if f.lower() == forum.lower()), None)
        if name is None:
            raise HTTPException(404)
        scope = Scope(forums=signed.user.forums, forum=name)
        return listed(request, scope=scope, heading=name, kind="forum")

    @routes.get("/desk/register/organisation/{number}", response_class=HTMLResponse)
    def by_organisation(request: Request, number: int) -> Response:
        signed = sessions.require(desk, request)
        with Session(desk.engine) as session:
            org = session.get(Organisation, number)
        if org is None:
            raise HTTPException(404)
        scope = Scope(forums=signed.user.forums, organisation_id=number)
        return listed(request, scope=scope, heading=org.name, kind="organisation")

    @routes.get("/desk/register/owner/{kind}/{number}", response_class=HTMLResponse)
    def by_owner(request: Request, kind: str, number: int) -> Response:
        signed = sessions.require(desk, request)
        with Session(desk.engine) as session:
            owner: Contact | ContactGroup | None = None
            if kind == "contact":
                owner = session.get(Contact, number)
            elif kind == "group":
                owner = session.get(ContactGroup, number)
        if owner is None:
            raise HTTPException(404)
        forums = signed.user.forums
        scope = (
            Scope(forums=forums, contact_id=number)
            if kind == "contact"
            else Scope(forums=forums, group_id=number)
        )
        return listed(request, scope=scope, heading=owner.name, kind=kind)

    return routes
