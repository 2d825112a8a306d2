"""One mail transaction (MAIL, RCPT..., DATA) on an open connection, with RFC 5321 waits.

aiosmtplib's `sendmail` waits as long for the reply to DATA as for any command, and
cannot tell a failure before the message went out from one after it. Here the envelope
commands wait `timeout`, and the DATA exchange waits as long as RFC 5321 (4.5.3.2)
lets a server take over the message: 10 minutes. A timeout or a dropped connection
during DATA raises `OutcomeUnknown`, since the server may have taken the message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import aiosmtplib
from aiosmtplib import SMTPResponse

from reminder.delivery.base import OutcomeUnknown

DATA_TIMEOUT = 600.0  # RFC 5321 4.5.3.2.6: "DATA Termination: 10 minutes"


async def transact(
    client: aiosmtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    *,
    timeout: float,
) -> dict[str, SMTPResponse]:
    """Send `data` from `sender` to `recipients`; returns the refused recipients' replies.

    Raises `SMTPRecipientsRefused` when every recipient is refused (after RSET), any
    other `SMTPResponseException` for a refused MAIL FROM or DATA (after RSET),
    `OutcomeUnknown` when DATA went unanswered, and the transport's own errors
    (drops, timeouts) before DATA.
    """
    options = [f"size={len(data)}"] if client.supports_extension("size") else []
    try:
        await client.mail(sender, options=options, timeout=timeout)
        refused: list[aiosmtplib.SMTPRecipientRefused] = []
        for rcpt in recipients:
            try:
                await client.rcpt(rcpt, timeout=timeout)
            except aiosmtplib.SMTPRecipientRefused as exc:
                refused.append(exc)
        if len(refused) == len(recipients):
            raise aiosmtplib.SMTPRecipientsRefused(refused)
        try:
            await client.data(data, timeout=max(timeout, DATA_TIMEOUT))
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError) as exc:
            raise OutcomeUnknown(f"no reply to DATA ({exc}): the server may have the mail") from exc
    except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
        # The refusal, not a failed reset, is what the caller needs to see.
        with contextlib.suppress(ConnectionError, aiosmtplib.SMTPException):
            await client.rset(timeout=timeout)
        raise
    return {r.recipient: SMTPResponse(r.code, r.message) for r in refused}
