"""Atomic file writes for the outbox."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The bytes go to a hidden temporary file in the same folder (a rename is atomic only
    within one file system), which then replaces `path`. A killed process leaves at
    worst a stray `.*.tmp` file, which nothing lists. No fsync: this protects against
    a killed run, not against a power cut.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        # Readable by its owner only: mails hold names, addresses and the actions of others.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
