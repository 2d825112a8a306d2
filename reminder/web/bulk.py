"""Bulk actions on a register list: the picked items marked done, given a date, or
merged into one (`register.merging`: nothing is deleted; the others forward to it).

One form around a list's checkboxes posts here. Every picked item must be of a forum
the coordinator keeps, else nothing changes and the answer is 404; an edit that cannot
be made (a merged item, items of two forums to merge) changes nothing and says why.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from reminder.errors import InputError
from reminder.register import edits, merging
from reminder.register.engine import transaction
from reminder.register.history import actions_by_id
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import problem

MOST = 500  # picked items in one form: a page of the list holds 50


def _back(value: str) -> str:
    """Only a register list of the desk: never a redirect to another site."""
    ok = value.startswith("/desk/register/") and "//" not in value and "\\" not in value
    return value if ok else "/desk/register"


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    @routes.post("/desk/register/bulk", response_class=HTMLResponse)
    def bulk(
        request: Request,
        csrf: str = Form(""),
        picks: Annotated[list[int] | None, Form(alias="id")] = None,  # the checkboxes
        do: str = Form(""),
        due: str = Form(""),
        keep: str = Form(""),
        note: str = Form(""),
        back: str = Form("/desk/register"),
    ) -> Response:
        signed = sessions.posted(desk, request, csrf)
        picked = list(dict.fromkeys(picks or []))[:MOST]
        common = signed.edit(desk.clock())
        try:
            if not picked:
                raise InputError("pick at least one item")
            into = int(keep) if keep.strip() else picked[0]
            with transaction(desk.engine) as session:
                found = actions_by_id(session=session, ids=[*picked, into])
                for number in (*picked, into):
                    if number not in found or not signed.user.keeps(found[number].forum):
                        raise HTTPException(404)  # as if another forum's item did not exist
                count = _do(session, do=do, picked=picked, due=due, into=into, note=note, **common)
        except (InputError, ValueError) as exc:
            detail = str(exc) if isinstance(exc, InputError) else "give the item's number"
            return problem(desk.pages, title="Nothing was changed", detail=detail, status=400)
        target = _back(back)
        target += ("&" if "?" in target else "?") + f"changed={count}"
        return RedirectResponse(target, status_code=303)

    return routes


def _do(
    session: Any, *, do: str, picked: list[int], due: str, into: int, note: str, **common: Any
) -> int:
    """Apply the bulk action `do`; how many items it changed."""
    if do == "done":
        changed = edits.change_status(
            session=session, action_ids=picked, status="done", note=note.strip()[:500], **common
        )
        return sum(e.verdict.value == "applied" for e in changed)
    if do == "due":
        try:
            day = date.fromisoformat(due.strip())
        except ValueError:
            raise InputError(f"give the date to set (YYYY-MM-DD), not {due[:40]!r}") from None
        return sum(
            edits.change_due(
                session=session, action_id=i, due=day, note=note.strip()[:500], **common
            ).verdict.value
            == "applied"
            for i in picked
        )
    if do == "merge":
        others = [i for i in picked if i != into]
        if not others:
            raise InputError("pick at least two items to merge, or one and the number to keep")
        merging.merge_many(session=session, keep=into, absorb=others, **common)
        return len(others)
    raise InputError(f"{do[:40]!r} is not a bulk action")
