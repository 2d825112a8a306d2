"""Mail delivery: hand composed `OutgoingMail`s to an SMTP server or a file outbox.

`make_mailer` picks the mailer the settings ask for; every mailer satisfies
`Mailer` (see `base`) and reports one `Delivery` per mail.
"""

from __future__ import annotations

from reminder.config.mail import MailSettings
from reminder.delivery.base import Mailer, TransportError, translate
from reminder.delivery.fake import MemoryMailer
from reminder.delivery.outbox.mailer import OutboxMailer
from reminder.delivery.smtp.mailer import SmtpMailer

__all__ = [
    "Mailer",
    "MemoryMailer",
    "OutboxMailer",
    "SmtpMailer",
    "TransportError",
    "make_mailer",
    "translate",
]


def make_mailer(settings: MailSettings) -> Mailer:
    """An `SmtpMailer` when `settings.smtp` is set, else an `OutboxMailer` on `settings.outbox`."""
    if settings.smtp is not None:
        return SmtpMailer(settings.smtp)
    return OutboxMailer(settings.outbox)
