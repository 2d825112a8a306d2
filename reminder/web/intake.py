"""The desk's import: upload minutes or a tracker, review what was read, confirm.

`/desk/import` takes a file (at most `MAX_SOURCE_BYTES`) for a forum the coordinator
keeps; it is kept server-side (`web.uploads`) and the coordinator is sent to its review,
`/desk/import/<id>`: the meeting, each action as the import would take it (owners
resolved or not, deadline read, status, where it stands in the file, a probable
duplicate), the rows skipped. The review is a form: text, owners, date and status of
each row can be corrected, a row dropped; posting it imports the file with those
corrections (`service.corrections`), in one transaction. Only the coordinator who uploaded
a file finds its review (after signing in again too); the form carries the
coordinator's edits, never the file.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from reminder.errors import InputError, RegisterError
from reminder.reading.dispatch import SUPPORTED
from reminder.reading.limits import MAX_SOURCE_BYTES, megabytes
from reminder.register.review import STATUS_WORDS
from reminder.service.corrections import import_reviewed
from reminder.service.preview import preview_file
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import forged, page
from reminder.web.reviewing import corrections_of
from reminder.web.session import Signed
from reminder.web.uploads import TooLarge, Upload, Uploads, default_root, oversized


def router(desk: Desk, uploads: Uploads | None = None) -> APIRouter:
    routes = APIRouter()
    kept = uploads or Uploads(default_root())

    def show(
        signed: Signed, request: Request, name: str, status: int = 200, **values: object
    ) -> Response:
        csrf, nonce = signed.token(desk, request)
        response = page(desk.pages, name, status=status, signed=signed, csrf=csrf, **values)
        return desk.csrf.remember(request, response, nonce)

    def upload_form(
        signed: Signed, request: Request, *, error: str = "", status: int = 200
    ) -> Response:
        return show(
            signed,
            request,
            "desk/import.html",
            status,
            title="Import minutes or a tracker",
            forums=signed.user.forums,
            error=error,
            accept=",".join(SUPPORTED),
            limit=megabytes(MAX_SOURCE_BYTES),
        )

    def missing(signed: Signed, request: Request) -> Response:
        detail = (
            "This review is not kept (any more): uploads are kept for two hours, for the "
            "coordinator who uploaded them. Upload the file again."
        )
        return show(
            signed,
            request,
            "desk/import_problem.html",
            404,
            title="No such upload",
            detail=detail,
            back="/desk/import",
        )

    def find(signed: Signed, upload_id: str) -> Upload | None:
        upload = kept.find(upload_id, email=signed.user.email, now=desk.clock())
        return upload if upload is not None and signed.user.keeps(upload.forum) else None

    @routes.get("/desk/import", response_class=HTMLResponse)
    def ask(request: Request) -> Response:
        return upload_form(sessions.require(desk, request), request)

    @routes.post("/desk/import", response_class=HTMLResponse)
    async def upload(request: Request) -> Response:
        signed = sessions.require(desk, request)
        if error := oversized(request.headers.get("content-length")):
            return upload_form(signed, request, error=error, status=413)
        async with request.form(max_files=1, max_fields=10) as form:
            return await received(signed, request, form)

    async def received(signed: Signed, request: Request, form: FormData) -> Response:
        if not signed.checked(desk, request, str(form.get("csrf", ""))):
            return forged(desk.pages)
        forum, file = str(form.get("forum", "")), form.get("file")
        if not forum or not signed.user.keeps(forum):
            return missing(signed, request)
        if not isinstance(file, UploadFile) or not file.filename:
            return upload_form(signed, request, error="Choose a file to upload.", status=400)
        try:
            saved = await kept.save(
                file=file, forum=forum, email=signed.user.email, now=desk.clock()
            )
        except TooLarge as exc:
            return upload_form(signed, request, error=f"{exc}.", status=413)
        try:
            preview = await run_in_threadpool(
                preview_file,
                engine=desk.engine,
                settings=desk.settings,
                path=saved.path(kept.root),
                name=saved.name,
                forum=forum,
            )
        except InputError as exc:
            kept.forget(saved.id)
            error = f"{saved.name} could not be read: {exc}"
            return upload_form(signed, request, error=error, status=400)
        kept.note(replace(saved, digest=preview.digest))
        return RedirectResponse(f"/desk/import/{saved.id}", status_code=303)

    @routes.get("/desk/import/{upload_id}", response_class=HTMLResponse)
    async def review(request: Request, upload_id: str) -> Response:
        signed = sessions.require(desk, request)
        found = find(signed, upload_id)
        if found is None:
            return missing(signed, request)
        try:
            preview = await run_in_threadpool(
                preview_file,
                engine=desk.engine,
                settings=desk.settings,
                path=found.path(kept.root),
                name=found.name,
                forum=found.forum,
            )
        except InputError as exc:
            return show(
                signed,
                request,
                "desk/import_problem.html",
                400,
                title="The file cannot be read",
                detail=str(exc),
                back="/desk/import",
            )
        return show(
            signed,
            request,
            "desk/import_review.html",
            title=f"Review {found.name}",
            upload=found,
            preview=preview,
            statuses=STATUS_WORDS,
        )

    @routes.post("/desk/import/{upload_id}", response_class=HTMLResponse)
    async def confirm(request: Request, upload_id: str) -> Response:
        signed = sessions.require(desk, request)
        async with request.form(max_files=0, max_fields=50_000) as form:
            return await confirmed(signed, request, upload_id, form)

    async def confirmed(
        signed: Signed, request: Request, upload_id: str, form: FormData
    ) -> Response:
        if not signed.checked(desk, request, str(form.get("csrf", ""))):
            return forged(desk.pages)
        found = find(signed, upload_id)
        if found is None:
            return missing(signed, request)
        back = f"/desk/import/{found.id}"
        try:
            preview = await run_in_threadpool(
                preview_file,
                engine=desk.engine,
                settings=desk.settings,
                path=found.path(kept.root),
                name=found.name,
                forum=found.forum,
            )
            corrections = corrections_of(form=form, preview=preview)
            done = await run_in_threadpool(
                import_reviewed,
                engine=desk.engine,
                settings=desk.settings,
                path=found.path(kept.root),
                name=found.name,
                forum=found.forum,
                digest=found.digest,
                corrections=corrections,
                author=signed.user.email,
                now=desk.clock(),
            )
        except (InputError, RegisterError) as exc:
            return show(
                signed,
                request,
                "desk/import_problem.html",
                400,
                title="Nothing was imported",
                detail=str(exc),
                back=back,
            )
        kept.forget(found.id)
        return show(
            signed,
            request,
            "desk/import_done.html",
            title=f"Imported {found.name}",
            upload=found,
            done=done,
            summary=done.summary,
        )

    return routes
