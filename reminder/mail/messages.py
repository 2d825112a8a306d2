"""A rendered notice (`Rendered`) and the mail composed from it (`OutgoingMail`)."""

from __future__ import annotations

import email
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import Policy
from typing import cast

from reminder.mail.wire import COMPAT32
from reminder.planning.notices import Kind


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class OutgoingMail:
    """A mail ready to send: its envelope and its bytes, flattened with CRLF line ends
    (compose writes them directly; `wire.wire_bytes` writes a message tree). Only the
    bytes travel from a render worker to the sending process, which needs no more."""

    key: str
    kind: Kind | str  # a notice's kind, or another mail's (the desk's sign-in)
    sender: str
    recipients: tuple[str, ...]  # envelope recipients: to and cc
    message_id: str
    data: bytes  # the message as sent
    subject: str = ""  # decoded, for the ledger and progress lines

    def wire(self) -> bytes:
        """The message as sent: flattened with CRLF line ends."""
        return self.data

    @property
    def message(self) -> EmailMessage:
        """The message parsed back from its bytes (compat32), for whoever reads it
        (previews, tests): a new tree at each call, nothing kept."""
        # compat32 with EmailMessage, as compose used to build them (typeshed pairs a
        # policy with its own message class).
        policy = cast("Policy[EmailMessage]", COMPAT32)
        return email.message_from_bytes(self.data, EmailMessage, policy=policy)
