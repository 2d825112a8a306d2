"""One mail transaction (MAIL, RCPT..., DATA) on an open connection, with RFC 5321 waits.

aiosmtplib's `sendmail` waits as long for the reply to DATA as for any command, and
cannot tell a failure before the message went out from one after it. Here the envelope
commands wait `timeout`, and the DATA exchange waits as long as RFC 5321 (4.5.3.2)
lets a server take over the message: 10 minutes. A timeout or a dropped connection
during DATA raises `OutcomeUnknown`, since the server may have taken the message.

With a server that offers PIPELINING (RFC 2920; most do), MAIL, every RCPT and DATA
go in one write and their replies are read in order (`replies.Replies`), then the
message once DATA was accepted: two writes per mail instead of four, and two round
trips fewer. Without it, a command at a time.

The message goes out as `data_block` prepared it (once per mail, not per attempt):
aiosmtplib's `data` normalises line ends and doubles leading dots with two regular
expressions over the whole message, which cost more than the rest of sending it; a
flattened mail already has CRLF line ends, and one `bytes.replace` does the dots.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

import aiosmtplib
from aiosmtplib import SMTPResponse, SMTPStatus
from aiosmtplib.protocol import SMTPProtocol, normalize_message_line_endings

from reminder.delivery.base import OutcomeUnknown
from reminder.delivery.smtp.replies import Replies

_ACCEPTED = (SMTPStatus.completed, SMTPStatus.will_forward)
DATA_TIMEOUT = 600.0  # RFC 5321 4.5.3.2.6: "DATA Termination: 10 minutes"


def data_block(message: bytes) -> bytes:
    """`message` as the DATA block carries it (RFC 5321 4.1.1.4, 4.5.2): every line end
    CRLF, a dot opening a line doubled, ended by the lone dot."""
    lines = message.count(b"\n")
    if lines != message.count(b"\r\n") or lines != message.count(b"\r"):
        message = normalize_message_line_endings(message)  # rare: a lone CR or LF
    elif not message.endswith(b"\r\n"):
        message += b"\r\n"
    block = message.replace(b"\r\n.", b"\r\n..")
    return b"." + block + b".\r\n" if block.startswith(b".") else block + b".\r\n"


async def transact(
    client: aiosmtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    *,
    timeout: float,
) -> dict[str, SMTPResponse]:
    """Send `data` (a `data_block`) from `sender` to `recipients`; returns the refused
    recipients' replies.

    Raises `SMTPRecipientsRefused` when every recipient is refused (after RSET), any
    other `SMTPResponseException` for a refused MAIL FROM or DATA (after RSET),
    `OutcomeUnknown` when DATA went unanswered, and the transport's own errors
    (drops, timeouts) before DATA.
    """
    options = [f"size={len(data)}".encode()] if client.supports_extension("size") else []
    try:
        protocol = client.protocol
        if client.supports_extension("pipelining") and protocol and protocol.is_connected:
            refused = await _pipelined(
                client, protocol, sender, recipients, data, options, timeout=timeout
            )
        else:
            refused = await _one_by_one(client, sender, recipients, data, options, timeout=timeout)
    except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
        # The refusal, not a failed reset, is what the caller needs to see.
        with contextlib.suppress(ConnectionError, aiosmtplib.SMTPException):
            await client.rset(timeout=timeout)
        raise
    return {r.recipient: SMTPResponse(r.code, r.message) for r in refused}


async def _one_by_one(
    client: aiosmtplib.SMTP,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    options: list[bytes],
    *,
    timeout: float,
) -> list[aiosmtplib.SMTPRecipientRefused]:
    """The transaction a command at a time, each reply awaited before the next."""
    mail = await client.execute_command(
        b"MAIL", b"FROM:" + _path(sender), *options, timeout=timeout
    )
    _sender_accepted(mail, sender)
    answers = [
        await client.execute_command(b"RCPT", b"TO:" + _path(rcpt), timeout=timeout)
        for rcpt in recipients
    ]
    refused = _refusals(recipients, answers)
    await _data(client, data, timeout=max(timeout, DATA_TIMEOUT))
    return refused


async def _pipelined(
    client: aiosmtplib.SMTP,
    protocol: SMTPProtocol,
    sender: str,
    recipients: Sequence[str],
    data: bytes,
    options: list[bytes],
    *,
    timeout: float,
) -> list[aiosmtplib.SMTPRecipientRefused]:
    """The transaction with PIPELINING (RFC 2920): MAIL, every RCPT and DATA in one
    write, their replies read in order, then the message once DATA was accepted."""
    envelope = [b" ".join([b"MAIL FROM:" + _path(sender), *options])]
    envelope += [b"RCPT TO:" + _path(rcpt) for rcpt in recipients]
    assert isinstance(protocol.transport, asyncio.Transport)
    with Replies(protocol.transport, protocol) as replies:
        try:
            replies.write(b"\r\n".join([*envelope, b"DATA", b""]))
            mail = await replies.reply(timeout)
            answers = [await replies.reply(timeout) for _ in recipients]
            start = await replies.reply(timeout)
            nothing_to_send = mail.code != SMTPStatus.completed or all(
                a.code not in _ACCEPTED for a in answers
            )
            if start.code == SMTPStatus.start_input and nothing_to_send:
                # RFC 2920 3.1: DATA was accepted with no one to deliver to: end it empty.
                replies.write(b".\r\n")
                await replies.reply(timeout)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
            client.close()  # its state is unknown: as aiosmtplib's own commands do
            raise
        if SMTPStatus.domain_unavailable in (mail.code, start.code):
            client.close()  # 421: the server is closing the connection
        _sender_accepted(mail, sender)
        refused = _refusals(recipients, answers)
        if start.code != SMTPStatus.start_input:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        try:
            replies.write(data)
            reply = await replies.reply(max(timeout, DATA_TIMEOUT))
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError) as exc:
            raise _unanswered(client, exc) from exc
    _taken(reply)
    return refused


def _sender_accepted(reply: SMTPResponse, sender: str) -> None:
    if reply.code != SMTPStatus.completed:
        raise aiosmtplib.SMTPSenderRefused(reply.code, reply.message, sender)


def _refusals(
    recipients: Sequence[str], answers: Sequence[SMTPResponse]
) -> list[aiosmtplib.SMTPRecipientRefused]:
    """The recipients refused by their RCPT replies; SMTPRecipientsRefused when all were."""
    refused = [
        aiosmtplib.SMTPRecipientRefused(a.code, a.message, rcpt)
        for rcpt, a in zip(recipients, answers, strict=True)
        if a.code not in _ACCEPTED
    ]
    if len(refused) == len(recipients):
        raise aiosmtplib.SMTPRecipientsRefused(refused)
    return refused


def _unanswered(client: aiosmtplib.SMTP, exc: Exception) -> OutcomeUnknown:
    """The message went out and its reply never came: the connection is closed (its
    state is unknown) and the outcome with it."""
    client.close()
    return OutcomeUnknown(f"no reply to DATA ({exc}): the server may have the mail")


def _taken(reply: SMTPResponse) -> None:
    if reply.code != SMTPStatus.completed:
        raise aiosmtplib.SMTPDataError(reply.code, reply.message)


def _path(address: str) -> bytes:
    """`address` (an addr-spec that compose checked) as a command's path, `<address>`.
    Written here rather than by aiosmtplib's `mail`/`rcpt`, which parse every address
    again as a header (`email.utils.parseaddr`): a fifth of their time. aiosmtplib still
    would refuse a control character in a command, and so does this (ValueError);
    non-ASCII raises UnicodeEncodeError, as its commands do."""
    if not address.isprintable() or "<" in address or ">" in address:
        raise ValueError(f"address {address!r} holds a character a command cannot carry")
    return b"<" + address.encode("ascii") + b">"


async def _data(client: aiosmtplib.SMTP, block: bytes, *, timeout: float) -> None:
    """DATA, as `client.data` does it, with the block sent as it is."""
    try:
        start = await client.execute_command(b"DATA", timeout=timeout)
        if start.code != SMTPStatus.start_input:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        if client.protocol is None:
            raise aiosmtplib.SMTPServerDisconnected("Connection lost")
        # Nothing can arrive between the write and the read (no await between them), and
        # read_response expects a reply from its start.
        client.protocol.write(block)
        reply = await client.protocol.read_response(timeout=timeout)
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError) as exc:
        raise _unanswered(client, exc) from exc
    _taken(reply)
