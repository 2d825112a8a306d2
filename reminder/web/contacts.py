"""The desk's import of a contacts file: the CSV/XLSX `reminder directory import` reads.

The file (at most `MAX_SOURCE_BYTES`) is kept in a private temporary folder only while it
is imported, in one transaction: a file that cannot be read (no contact row, a required
column missing) changes nothing, and the page says why. Rows that cannot be taken (no
email, a bad address, no name) are listed with their row number, as the CLI lists them;
the rest are imported. The import is recorded as one directory change by the coordinator.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from reminder.errors import InputError, RegisterError
from reminder.reading.limits import MAX_SOURCE_BYTES, megabytes
from reminder.service.imports import import_contacts
from reminder.web import session as sessions
from reminder.web.desk import Desk
from reminder.web.pages import forged, page
from reminder.web.session import Signed
from reminder.web.uploads import TooLarge, copy_bounded, oversized, safe_name

ACCEPTED = (".csv", ".xlsx")


def router(desk: Desk) -> APIRouter:
    routes = APIRouter()

    def show(signed: Signed, request: Request, status: int = 200, **values: object) -> Response:
        csrf, nonce = signed.token(desk, request)
        response = page(
            desk.pages,
            "desk/contacts_import.html",
            status=status,
            title="Import a contacts file",
            signed=signed,
            csrf=csrf,
            accept=",".join(ACCEPTED),
            limit=megabytes(MAX_SOURCE_BYTES),
            **values,
        )
        return desk.csrf.remember(request, response, nonce)

    @routes.get("/desk/directory/import", response_class=HTMLResponse)
    def ask(request: Request) -> Response:
        return show(sessions.require(desk, request), request)

    @routes.post("/desk/directory/import", response_class=HTMLResponse)
    async def upload(request: Request) -> Response:
        signed = sessions.require(desk, request)
        if error := oversized(request.headers.get("content-length")):
            return show(signed, request, 413, error=error)
        async with request.form(max_files=1, max_fields=5) as form:
            return await received(signed, request, form)

    async def received(signed: Signed, request: Request, form: FormData) -> Response:
        if not signed.checked(desk, request, str(form.get("csrf", ""))):
            return forged(desk.pages)
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            return show(signed, request, 400, error="Choose a file to upload.")
        name = safe_name(file.filename)
        if Path(name).suffix.lower() not in ACCEPTED:
            error = f"{name} is not a contacts file: give a .csv or .xlsx file."
            return show(signed, request, 400, error=error)
        with tempfile.TemporaryDirectory(prefix="reminder-contacts-") as folder:
            path = Path(folder) / name
            if not await copy_bounded(file, path):
                return show(signed, request, 413, error=f"{TooLarge(name)}.")
            now = desk.clock()
            author = signed.author
            try:
                summary = await run_in_threadpool(
                    import_contacts, engine=desk.engine, path=path, author=author, now=now
                )
            except (InputError, RegisterError) as exc:
                # The messages name the file by its path here: show the name uploaded.
                error = f"Nothing was imported: {str(exc).replace(str(path), name)}"
                return show(signed, request, 400, error=error)

        def named(lines: list[str]) -> list[str]:
            return [line.replace(str(path), name) for line in lines]

        return show(
            signed,
            request,
            file=name,
            summary=summary,
            skipped=named(summary.skipped),
            notes=named(summary.notes),
        )

    return routes
