"""`OutboxMailer`: writes mails to a folder instead of sending them.

This is the embedded default when no SMTP server is configured. For each mail:

- `<name>.eml`: the message exactly as it would go on the wire (`email.policy.SMTP`,
  CRLF line ends), preceded by two trace headers, `X-Reminder-Key` and
  `X-Reminder-Kind`, so that the index can be rebuilt from the folder alone;
- `<name>.html`: the HTML part with a block of escaped From/To/Cc/Subject/Date
  headers on top, to open in a browser.

`<name>` comes from the ledger key (`safe_name`). After every batch `index.html` and
`index.csv` are rewritten from every .eml in the folder, so several runs accumulate.
Each file is written atomically, so a killed run leaves whole files or none.
"""

from __future__ import annotations

import email.policy
import hashlib
import logging
import re
from collections.abc import Sequence
from email.message import EmailMessage
from html import escape
from pathlib import Path

from reminder.delivery.base import Delivery, Outcome, ResultCallback, TransportError
from reminder.delivery.outbox.files import atomic_write
from reminder.delivery.outbox.index import KEY_HEADER, KIND_HEADER, write_index
from reminder.mail.messages import OutgoingMail

log = logging.getLogger("reminder.delivery")

_PREVIEW_HEADERS = ("From", "To", "Cc", "Subject", "Date")
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_HEAD_TAG = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def safe_name(key: str) -> str:
    """A file-name stem for `key`: readable, portable, and different for every key.

    Runs of characters other than letters, digits, '.', '_' and '-' become '_' (keys
    hold ':', '/', '@'); a short hash of the whole key keeps apart keys that differ
    only in those characters or beyond the first 80.
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._-")[:80] or "mail"
    return f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


class OutboxMailer:
    """Writes each mail to `directory` (created if missing) and reports it delivered.

    A mail whose files cannot be written is reported failed (transient for a file
    system error, "not sent" if the message cannot be serialised); the index is
    written after the batch, and failing that raises `TransportError`.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        """Write `mails`, reporting each through `on_result`, then rewrite the index."""
        # Plain blocking writes: a local folder of small files, one batch per run.
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise TransportError(f"cannot create the outbox {self.directory}: {exc}") from exc
        for mail in mails:
            on_result(self._write(mail))
        try:
            write_index(self.directory)
        except OSError as exc:
            raise TransportError(f"cannot write the index of {self.directory}: {exc}") from exc

    async def aclose(self) -> None:
        """Nothing to release."""

    def _write(self, mail: OutgoingMail) -> Delivery:
        stem = safe_name(mail.key)
        try:
            raw = mail.wire()
            data = _trace_headers(mail) + raw
            # Read back as any mail client would: the preview then shows exactly what was
            # written, whatever policy the message was built with.
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            preview = render_preview(parsed).encode("utf-8")
        except (ValueError, LookupError) as exc:  # a message the email package cannot write
            log.error("%s: cannot serialise the message: %s", mail.key, exc)
            return Delivery(mail.key, Outcome.NOT_SENT, 1, f"cannot serialise the message: {exc}")
        try:
            atomic_write(self.directory / f"{stem}.eml", data)
            atomic_write(self.directory / f"{stem}.html", preview)
        except OSError as exc:
            log.error("%s: cannot write %s: %s", mail.key, stem, exc)
            return Delivery(mail.key, Outcome.FAILED, 1, f"cannot write {stem}.eml: {exc}")
        log.info("%s: written to %s", mail.key, self.directory / f"{stem}.eml")
        return Delivery(mail.key, Outcome.SENT, 1)


def _trace_headers(mail: OutgoingMail) -> bytes:
    policy = email.policy.SMTP
    lines = [
        policy.fold(KEY_HEADER, _one_line(mail.key)),
        policy.fold(KIND_HEADER, _one_line(str(mail.kind))),
    ]
    return "".join(lines).encode("ascii")


def _one_line(value: str) -> str:
    return " ".join(value.split())  # a CR or LF would end the header early


def render_preview(message: EmailMessage) -> str:
    """The HTML page for `message`: its HTML part (or escaped text part) under its headers."""
    rows = "".join(
        f'<tr><th style="text-align:left;padding-right:1em">{name}</th>'
        f"<td>{escape(str(message[name]))}</td></tr>"
        for name in _PREVIEW_HEADERS
        if message[name] is not None
    )
    block = (
        '<div style="font:13px sans-serif;background:#f3f3f3;border-bottom:1px solid #ccc;'
        f'padding:8px 12px;margin-bottom:12px"><table>{rows}</table></div>\n'
    )
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        content = ""
    elif part.get_content_type() == "text/html":
        content = str(part.get_content())
    else:
        content = f"<pre>{escape(str(part.get_content()))}</pre>"
    body = _BODY_TAG.search(content)
    if body is None:  # a fragment: wrap it in a page of our own
        title = escape(str(message["Subject"] or ""))
        return (
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>\n{block}{content}\n</body></html>\n"
        )
    page = content[: body.end()] + "\n" + block + content[body.end() :]
    if "charset" not in content[: body.start()].lower():
        # The file is written as UTF-8; say so, or a browser may guess another encoding.
        head = _HEAD_TAG.search(page)
        at = head.end() if head is not None else body.start()
        page = page[:at] + '<meta charset="utf-8">' + page[at:]
    return page
