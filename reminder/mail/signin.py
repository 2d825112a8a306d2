"""The mail that signs a coordinator in to the desk: one link, short-lived, single use.

Plain text only: it carries nothing but the link and what to do if it was not asked for.
The address is the directory's (or the configured admin's), never one typed in the form
unless it matches: the web part decides who may receive it.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from reminder.config.mail import MailSettings
from reminder.mail.filters import one_line
from reminder.mail.messages import OutgoingMail
from reminder.mail.wire import wire_bytes

KIND = "sign_in"  # the outbox's X-Reminder-Kind and log lines; never in the ledger
SUBJECT = "Your sign-in link to the coordinators' desk"


def sign_in_mail(
    *, to: str, name: str, url: str, minutes: int, settings: MailSettings, now: datetime
) -> OutgoingMail:
    """The sign-in mail to `to` ("Name <addr>" is built here) with the link `url`.

    Raises ValueError when the sender or `to` is not a valid address.
    """
    sender = _address(settings.sender)
    recipient = Address(display_name=one_line(name), addr_spec=to)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = SUBJECT
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id = make_msgid(domain=sender.domain or None)
    msg["Auto-Submitted"] = "auto-generated"
    greeting = f"Dear {one_line(name)}," if name.strip() else "Hello,"
    msg.set_content(
        f"{greeting}\n\n"
        "Open this link to sign in to the coordinators' desk of actionpoint-reminder.\n"
        f"It works once, for {minutes} minutes:\n\n{url}\n\n"
        "If you did not ask to sign in, ignore this mail: nothing happens without the link.\n"
    )
    return OutgoingMail(
        key=f"{KIND}:{to.lower()}:{now.isoformat()}",
        kind=KIND,
        sender=sender.addr_spec,
        recipients=(to,),
        message_id=message_id,
        data=wire_bytes(msg),
        subject=SUBJECT,
    )


def _address(value: str) -> Address:
    header = SMTP.header_factory("From", one_line(value))
    if header.defects or len(header.addresses) != 1:
        raise ValueError(f"invalid sender address: {value!r}")
    found: Address = header.addresses[0]
    return found
