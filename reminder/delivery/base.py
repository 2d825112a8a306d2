"""The mailer contract, and the one place where transport errors are translated.

Every mailer (SMTP, file outbox, in-memory fake) satisfies `Mailer`. Errors raised by
the libraries underneath (aiosmtplib, the socket and TLS layers) are translated by
`translate` into one `TransportError`, so nothing above this package needs to know
which library was involved:

    ReminderError (reminder.errors)
    └── TransportError                 .permanent: will retrying ever help?
          transient (permanent=False)
          ├── 4xx replies              451 try later, 421 closing, 452 no storage, 454 ...
          ├── SMTPRecipientsRefused    when at least one refusal is a 4xx
          ├── timeouts                 SMTPTimeoutError, TimeoutError
          └── lost connections         SMTPServerDisconnected, SMTPConnectError,
                                       ConnectionRefusedError and any other OSError
          permanent (permanent=True), the recipient's doing
          └── SMTPRecipientsRefused    when every refusal is a 5xx
          permanent and ours (permanent=True, ours=True): our sender, content or setup
          ├── 5xx replies              to MAIL FROM or DATA, 535 bad login ...
          ├── TLS failures             STARTTLS not offered, handshake or certificate error
          ├── SMTPNotSupported         e.g. SMTPUTF8 needed but not offered
          ├── ValueError               an address that cannot go on an SMTP command line
          └── any other SMTPException

Only a recipient's refusal is final for a mail. An error of ours ("not sent") is
retried by the next run, which sends once the configuration or template is fixed. A
mail whose DATA went out but whose reply never came has an unknown outcome (the
`OutcomeUnknown` error): the server may have it, so it is sent again, with the same
Message-ID, rather than given up.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import aiosmtplib

from reminder.errors import ReminderError
from reminder.mail.messages import OutgoingMail


class Outcome(StrEnum):
    """How delivering one mail ended; the ledger records it as the mail's state."""

    SENT = "sent"  # accepted by the server for at least one recipient
    FAILED = "failed"  # transient (4xx, drop, timeout before DATA): retried later
    REFUSED = "refused"  # every recipient refused with 5xx: final
    NOT_SENT = "not sent"  # our own error (sender, template, login, TLS): retried after a fix
    UNKNOWN = "unknown"  # DATA went out, no reply came: sent again with the same Message-ID


@dataclass(frozen=True)
class Delivery:
    """The outcome of delivering one mail; `refused` maps recipients to SMTP replies."""

    key: str
    outcome: Outcome
    attempts: int
    error: str = ""
    refused: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.SENT

    @property
    def permanent(self) -> bool:
        return self.outcome is Outcome.REFUSED


ResultCallback = Callable[[Delivery], None]


class TransportError(ReminderError):
    """A mail could not be handed over; `permanent` says whether retrying can help.

    `code` is the SMTP reply code when the server gave one, else None. `ours` marks an
    error of our sender, content or set-up rather than of the recipient: the mail is
    "not sent", and the next run tries again.
    """

    def __init__(
        self,
        message: str,
        permanent: bool = False,
        *,
        code: int | None = None,
        ours: bool = False,
    ):
        super().__init__(message)
        self.permanent = permanent
        self.code = code
        self.ours = ours

    @property
    def outcome(self) -> Outcome:
        """What a mail that ended on this error is."""
        if not self.permanent:
            return Outcome.FAILED
        return Outcome.NOT_SENT if self.ours else Outcome.REFUSED


class OutcomeUnknown(TransportError):
    """The message was transmitted but the server's reply never came (timeout or drop
    after DATA): it may have been accepted. Transient: sending again is the safe side."""

    @property
    def outcome(self) -> Outcome:
        return Outcome.UNKNOWN


class Mailer(Protocol):
    """Something that delivers composed mails.

    `send` delivers every mail in `mails` and calls `on_result` exactly once per mail,
    as soon as that mail's outcome is known (so a caller recording results in a ledger
    has recorded every mail sent so far, even if the run is killed halfway). It never
    raises because one mail failed: that mail's `Delivery` has ok=False instead.
    It may raise `TransportError` for a failure of the mailer itself, and it lets an
    exception raised by `on_result` propagate (after which nothing more is sent).
    `aclose` releases anything the mailer keeps open between calls.
    """

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        """Deliver `mails`; report each outcome through `on_result`."""
        ...

    async def aclose(self) -> None:
        """Release connections or files held between `send` calls."""
        ...


def translate(exc: BaseException) -> TransportError:
    """Map an exception from the SMTP, socket or TLS layer to a `TransportError`.

    See the module docstring for the tree. Unknown exception types are treated as
    permanent: retrying something not understood would only repeat it.
    """
    if isinstance(exc, TransportError):
        return exc
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        replies = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
        permanent = all(r.code >= 500 for r in exc.recipients)
        return TransportError(f"all recipients refused ({replies})", permanent)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        # Checked before the connect/timeout types: SMTPConnectResponseError is both.
        # A 5xx here answers MAIL FROM, DATA or AUTH (RCPT refusals come as the type
        # above): our sender, content or login, not the recipient's doing.
        code = exc.code
        return TransportError(f"{code} {exc.message}", code >= 500, code=code, ours=code >= 500)
    if isinstance(exc, TimeoutError):  # SMTPTimeoutError and asyncio's timeouts too
        return TransportError(f"timed out: {_text(exc)}")
    tls = _tls_cause(exc)
    if tls is not None:
        return TransportError(f"TLS failed: {_text(tls)}", permanent=True, ours=True)
    if isinstance(exc, aiosmtplib.SMTPConnectError):
        return TransportError(f"cannot connect: {_text(exc)}")
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
        return TransportError(f"connection lost: {_text(exc)}")
    if isinstance(exc, OSError):
        return TransportError(f"connection failed: {_text(exc)}")
    if isinstance(exc, aiosmtplib.SMTPException) and "STARTTLS" in exc.message:
        return TransportError(
            f"the server does not offer STARTTLS ({exc.message}); "
            'check the port, or set security to "tls" or (only on a trusted network) "none"',
            permanent=True,
            ours=True,
        )
    if isinstance(exc, aiosmtplib.SMTPException):
        return TransportError(_text(exc), permanent=True, ours=True)
    if isinstance(exc, ValueError):
        return TransportError(f"invalid mail: {_text(exc)}", permanent=True, ours=True)
    return TransportError(f"{type(exc).__name__}: {exc}", permanent=True, ours=True)


def _tls_cause(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind `exc`, if any: aiosmtplib wraps handshake failures."""
    seen: BaseException | None = exc
    for _ in range(5):  # a short walk: the wrapped error is always near the top
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _text(exc: BaseException) -> str:
    text = exc.message if isinstance(exc, aiosmtplib.SMTPException) else str(exc)
    return text or type(exc).__name__
