"""The desk's directory: the organisations, contacts and groups owners resolve to.

The directory is shared by every forum, so every signed-in desk user sees all of it, and
coordinators and administrators alike may add and edit entries; only an administrator
may deactivate a contact (or activate one again), since that stops their mail in every
forum. Each change is `register.entries`'s: recorded with the coordinator as
author, and followed by re-resolving the register's owners, so an alias added here
resolves the owners written that way at once. Nothing is deleted.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.exceptions import HTTPException

from reminder.errors import InputError
from reminder.register import entries as edits
from reminder.register.engine import transaction
from reminder.register.models import Contact, ContactGroup, Organisation
from reminder.register.roster import directory_listing
from reminder.web import contacts
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import page
from reminder.web.session import Signed

KINDS: dict[str, Any] = {"organisation": Organisation, "contact": Contact, "group": ContactGroup}
ROLES = ("focal_point", "lead", "coordinator")
_BLANK: dict[str, Any] = {"name": "", "acronym": "", "email": "", "organisation_id": ""}
_BLANK.update(roles=[], aliases=[], groups=[], members=[], active=True)


def names(value: str) -> list[str]:
    """'A; B' or one a line -> ['A', 'B'] (spaces tidied, empty parts and repeats dropped)."""
    out: list[str] = []
    for part in value[:5000].replace("\n", ";").split(";"):
        part = " ".join(part.split())
        if part and part not in out:
            out.append(part)
    return out


def numbers(values: list[str]) -> list[int]:
    """Ids posted by check boxes; InputError for one that is not a number."""
    try:
        return [int(v) for v in values if v]
    except ValueError:
        raise InputError("a choice in the form is not an id; reload the page") from None


def _number(ref: str) -> int | None:
    """'new' -> None, '12' -> 12; 404 for anything else."""
    if ref == "new":
        return None
    if not ref.isdigit() or len(ref) > 9:
        raise HTTPException(404)
    return int(ref)


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()
    # First: /desk/directory/import is not an entry's page.
    routes.include_router(contacts.router(desk))

    def show(request: Request, signed: Signed, name: str, status: int = 200, **v: Any) -> Response:
        csrf, nonce = signed.token(desk, request)
        response = page(desk.pages, name, status=status, signed=signed, csrf=csrf, **v)
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/directory", response_class=HTMLResponse)
    def listing(request: Request, q: str = "", saved: str = "", resolved: str = "") -> Response:
        signed = sessions.require(desk, request)
        with Session(desk.engine) as session:
            found = directory_listing(session=session, search=q[:200])
        return show(
            request,
            signed,
            "desk/directory.html",
            title="Directory",
            listing=found,
            q=q[:200],
            saved=saved[:40],
            resolved=resolved[:9] if resolved.isdigit() else "",
        )

    def form(
        request: Request, signed: Signed, kind: str, number: int | None, **said: Any
    ) -> Response:
        with Session(desk.engine) as session:
            listing = directory_listing(session=session)
            entry = session.get(KINDS[kind], number) if number is not None else None
            if number is not None and entry is None:
                raise HTTPException(404)
            given = said.pop("values", None) or {}
            stored = entry.model_dump() if entry else {}
        values = {**_BLANK, **stored, **given}  # what was posted, over what is stored
        if kind == "contact" and entry is not None and "groups" not in given:
            values["groups"] = next(c.groups for c in listing.contacts if c.id == number)
        if kind == "group" and entry is not None and "members" not in given:
            values["members"] = next(g.members for g in listing.groups if g.id == number)
        what = "an organisation" if kind == "organisation" else f"a {kind}"
        return show(
            request,
            signed,
            "desk/directory_edit.html",
            status=said.pop("status", 200),
            title=f"Edit {values.get('name') or kind}" if number else f"Add {what}",
            kind=kind,
            number=number,
            values=values,
            listing=listing,
            roles=ROLES,
            **said,
        )

    @routes.get("/desk/directory/{kind}/{ref}", response_class=HTMLResponse)
    def edit_form(request: Request, kind: str, ref: str) -> Response:
        signed = sessions.require(desk, request)
        if kind not in KINDS:
            raise HTTPException(404)
        return form(request, signed, kind, _number(ref))

    @routes.post("/desk/directory/{kind}/{ref}", response_class=HTMLResponse)
    def save(
        request: Request,
        kind: str,
        ref: str,
        csrf: str = Form(""),
        name: str = Form(""),
        acronym: str = Form(""),
        email: str = Form(""),
        organisation: str = Form(""),
        roles: Annotated[list[str] | None, Form()] = None,
        aliases: str = Form(""),
        groups: Annotated[list[str] | None, Form()] = None,
        members: Annotated[list[str] | None, Form()] = None,
    ) -> Response:
        signed = sessions.posted(desk, request, csrf)
        if kind not in KINDS:
            raise HTTPException(404)
        number = _number(ref)
        roles, groups, members = roles or [], groups or [], members or []
        alias_list = names(aliases)
        posted: dict[str, Any] = {"name": name, "acronym": acronym, "email": email}
        posted["aliases"] = alias_list
        now = desk.clock()
        try:
            with transaction(desk.engine) as session:
                if number is not None and session.get(KINDS[kind], number) is None:
                    raise HTTPException(404)
                common: dict[str, Any] = {"session": session, "now": now}
                common["author"] = signed.author
                if kind == "organisation":
                    done, summary = edits.save_organisation(
                        organisation_id=number,
                        name=name,
                        acronym=acronym,
                        aliases=alias_list,
                        **common,
                    )
                elif kind == "contact":
                    org = numbers([organisation])
                    done, summary = edits.save_contact(
                        contact_id=number,
                        name=name,
                        email=email,
                        organisation_id=org[0] if org else None,
                        roles=[r for r in roles if r in ROLES],
                        aliases=alias_list,
                        groups=numbers(groups),
                        **common,
                    )
                else:
                    done, summary = edits.save_group(
                        group_id=number,
                        name=name,
                        aliases=alias_list,
                        members=numbers(members),
                        **common,
                    )
        except InputError as exc:
            posted.update(organisation_id=organisation, roles=roles, groups=groups)
            posted["members"] = members
            return form(request, signed, kind, number, status=400, error=str(exc), values=posted)
        target = f"/desk/directory?saved={kind}-{done}&resolved={summary.owners_resolved}"
        return RedirectResponse(target, status_code=303)

    @routes.post("/desk/directory/contact/{number}/active", response_class=HTMLResponse)
    def activate(
        request: Request, number: int, csrf: str = Form(""), active: str = Form("")
    ) -> Response:
        signed = sessions.posted(desk, request, csrf)
        if not signed.user.admin:
            raise HTTPException(403, "Only an administrator may deactivate a contact.")
        with transaction(desk.engine) as session:
            if session.get(Contact, number) is None:
                raise HTTPException(404)
            author = signed.author
            edits.set_active(
                session=session,
                contact_id=number,
                active=active == "1",
                author=author,
                now=desk.clock(),
            )
        return RedirectResponse(f"/desk/directory/contact/{number}", status_code=303)

    return routes
