"""A rendered notice (`Rendered`) and the mail composed from it (`OutgoingMail`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from email.message import EmailMessage

from reminder.mail.wire import wire_bytes
from reminder.planning.notices import Kind


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class OutgoingMail:
    key: str
    kind: Kind | str  # a notice's kind, or another mail's (the desk's sign-in)
    sender: str
    recipients: tuple[str, ...]  # envelope recipients: to and cc
    message: EmailMessage | None  # None once only its bytes travelled (`slim`)
    message_id: str
    subject: str = ""  # decoded, for the ledger and progress lines
    data: bytes = b""  # the message flattened with CRLF, when done ahead (`flattened`)

    def wire(self) -> bytes:
        """The message as sent: flattened with CRLF line ends (mail.wire), once."""
        if self.data:
            return self.data
        assert self.message is not None, "a slim mail keeps its bytes"
        return wire_bytes(self.message)


def flattened(mail: OutgoingMail) -> OutgoingMail:
    """`mail` with its message flattened (CRLF line ends) into `data`: done where it was
    rendered (a worker process), so that the process that sends does not do it."""
    if mail.data:
        return mail
    return replace(mail, data=mail.wire())


def slim(mail: OutgoingMail) -> OutgoingMail:
    """`mail` as its bytes alone (`flattened`, without the message tree): what a render
    worker hands the sending process, which needs no more. Unpickling the trees cost the
    sender more than sending some of them, and held every mail twice in its memory."""
    return replace(flattened(mail), message=None)
