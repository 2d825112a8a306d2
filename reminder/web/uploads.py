"""Files uploaded to the desk, kept server-side between their review and its confirm.

Each upload lives in a folder named by a random id (under a private folder of the
system's temporary directory) with a note of who uploaded it (the coordinator's address),
for which forum, when, and what its review read. Only the coordinator who uploaded it
finds it again, in this session or the next one (signing in again, on another device
too, keeps a pending review; the session id would lose it): the form of the review
carries the id and the coordinator's edits, never the file's content. Uploads older
than `HOURS` are deleted whenever a new one comes; an imported one at once.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from starlette.datastructures import UploadFile

from reminder.reading.limits import MAX_SOURCE_BYTES, megabytes

HOURS = 2
_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_CHUNK = 1024 * 1024
_SLACK = 64 * 1024  # the multipart envelope around the file and the form's fields


def oversized(content_length: str | None) -> str | None:
    """The error to show, before reading the body, when a request declares (or hides) a
    length over the limit; None when it may be read."""
    length = content_length or "0"
    if length.isdigit() and int(length) <= MAX_SOURCE_BYTES + _SLACK:
        return None
    return f"The file is larger than {megabytes(MAX_SOURCE_BYTES)}, the limit."


async def copy_bounded(file: UploadFile, path: Path) -> bool:
    """Write `file` to `path`, stopping past `MAX_SOURCE_BYTES`; False when it was over."""
    size = 0
    with path.open("wb") as out:
        while chunk := await file.read(_CHUNK):
            size += len(chunk)
            if size > MAX_SOURCE_BYTES:
                return False
            out.write(chunk)
    return True


class TooLarge(Exception):
    """The upload is larger than `MAX_SOURCE_BYTES` (nothing of it is kept)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is larger than {megabytes(MAX_SOURCE_BYTES)}, the limit")


@dataclass(frozen=True)
class Upload:
    id: str
    name: str  # as uploaded, made safe for a file name
    forum: str
    email: str
    created: str  # ISO time
    digest: str = ""  # what its review read (`preview.digest_of`)

    def path(self, root: Path) -> Path:
        return root / self.id / self.name


def default_root() -> Path:
    return Path(tempfile.gettempdir()) / f"actionpoint-reminder-uploads-{os.getuid()}"


def safe_name(name: str) -> str:
    """The file name of an upload without folders or odd characters ("minutes.docx")."""
    base = re.sub(r"[^\w.\- ]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[-120:] or "upload"


class Uploads:
    def __init__(self, root: Path) -> None:
        self.root = root

    async def save(self, *, file: UploadFile, forum: str, email: str, now: datetime) -> Upload:
        """Keep `file`; TooLarge when it is over the limit (then nothing is kept)."""
        self.expire(now=now)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        upload = Upload(
            secrets.token_urlsafe(24),
            safe_name(file.filename or ""),
            forum,
            email.lower(),
            now.isoformat(),
        )
        folder = self.root / upload.id
        folder.mkdir(mode=0o700)
        if not await copy_bounded(file, upload.path(self.root)):
            self.forget(upload.id)
            raise TooLarge(upload.name)
        self.note(upload)
        return upload

    def note(self, upload: Upload) -> None:
        (self.root / upload.id / "upload.json").write_text(json.dumps(asdict(upload)))

    def find(self, upload_id: str, *, email: str, now: datetime) -> Upload | None:
        """The upload `upload_id` of the coordinator `email`, if it is still kept."""
        if not _ID.match(upload_id):
            return None
        try:
            upload = Upload(**json.loads((self.root / upload_id / "upload.json").read_text()))
        except (OSError, ValueError, TypeError):
            return None
        fresh = datetime.fromisoformat(upload.created) > now - timedelta(hours=HOURS)
        if upload.email != email.lower() or not fresh:
            return None
        return upload

    def forget(self, upload_id: str) -> None:
        if _ID.match(upload_id):
            shutil.rmtree(self.root / upload_id, ignore_errors=True)

    def expire(self, *, now: datetime) -> None:
        """Delete the uploads older than `HOURS` (by when they were noted as uploaded;
        a folder without a note, by its modification time)."""
        if not self.root.is_dir():
            return
        oldest = now - timedelta(hours=HOURS)
        for folder in self.root.iterdir():
            try:
                note = json.loads((folder / "upload.json").read_text())
                created = datetime.fromisoformat(note["created"])
            except (OSError, ValueError, KeyError, TypeError):
                try:
                    created = datetime.fromtimestamp(folder.stat().st_mtime, tz=oldest.tzinfo)
                except OSError:
                    continue
            if created < oldest:
                shutil.rmtree(folder, ignore_errors=True)
