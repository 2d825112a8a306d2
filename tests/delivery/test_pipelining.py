"""Pipelined transactions (RFC 2920) against a scripted server on loopback.

aiosmtpd answers one command at a time, each reply in its own write. Real servers do
not: Postfix answers a pipelined group in one write; a slow network splits a reply
anywhere. This server replies as scripted, all at once or a byte at a time, and can
misbehave (accept DATA with no recipient, answer garbage), which aiosmtpd cannot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiosmtplib
import pytest

from reminder.delivery.smtp.transaction import data_block, transact

Script = Callable[[bytes], bytes]  # a command line -> the reply it gets
BLOCK = data_block(b"Subject: hi\r\n\r\nHello\r\n")


def normal(line: bytes) -> bytes:
    if line.startswith(b"RCPT") and b"nobody" in line:
        return b"550 5.1.1 no such user\r\n"
    if line == b"DATA":
        return b"354 go ahead\r\n"
    return b"250 OK\r\n"


class Scripted:
    """Greets, answers EHLO with PIPELINING, then replies to each command as `script`
    says; `split` writes every reply a byte at a time, `batch` holds the replies of a
    pipelined group until its DATA and writes them in one go."""

    def __init__(self, script: Script, *, split: bool = False, batch: bool = False) -> None:
        self.script, self.split, self.batch = script, split, batch
        self.lines: list[bytes] = []
        self.messages: list[bytes] = []

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def send(data: bytes) -> None:
            for chunk in [data[i : i + 1] for i in range(len(data))] if self.split else [data]:
                writer.write(chunk)
                await writer.drain()

        await send(b"220 scripted ESMTP\r\n")
        held = b""
        while line := (await reader.readline()).rstrip(b"\r\n"):
            self.lines.append(line)
            if line.startswith(b"EHLO"):
                await send(b"250-scripted\r\n250-PIPELINING\r\n250 SIZE 100000\r\n")
                continue
            if line == b"QUIT":
                await send(b"221 bye\r\n")
                break
            reply = self.script(line)
            if self.batch and line.startswith((b"MAIL", b"RCPT")):
                held += reply
                continue
            await send(held + reply)
            held = b""
            if line == b"DATA" and reply.startswith(b"354"):
                message = b""
                while (got := await reader.readline()) != b".\r\n":
                    message += got
                self.messages.append(message + got)
                await send(self.script(b"<message>"))
        writer.close()


async def run(server: Scripted, recipients: list[str]) -> Any:
    listening = await asyncio.start_server(server.serve, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False, timeout=5)
    try:
        await client.connect()
        await client.ehlo()
        try:
            return await transact(client, "me@example.org", recipients, BLOCK, timeout=5)
        finally:
            if client.is_connected:
                await client.quit()
    finally:
        listening.close()
        await listening.wait_closed()


def message_reply(script: Script) -> Script:
    return lambda line: b"250 2.0.0 queued\r\n" if line == b"<message>" else script(line)


@pytest.mark.parametrize("split,batch", [(False, True), (True, False), (True, True)])
def test_replies_in_one_write_or_split_anywhere_are_read_in_order(split: bool, batch: bool) -> None:
    server = Scripted(message_reply(normal), split=split, batch=batch)
    refused = asyncio.run(run(server, ["a@example.org", "nobody@example.org", "b@example.org"]))
    assert set(refused) == {"nobody@example.org"} and refused["nobody@example.org"].code == 550
    assert server.messages == [BLOCK]
    # One group: the envelope and DATA went before any reply was read.
    assert server.lines[1:6] == [
        b"MAIL FROM:<me@example.org> size=%d" % len(BLOCK),
        b"RCPT TO:<a@example.org>",
        b"RCPT TO:<nobody@example.org>",
        b"RCPT TO:<b@example.org>",
        b"DATA",
    ]


def test_a_multi_line_reply_is_one_reply() -> None:
    def script(line: bytes) -> bytes:
        if line.startswith(b"RCPT"):
            return b"250-first line\r\n250-second line\r\n250 last line\r\n"
        return message_reply(normal)(line)

    server = Scripted(script, batch=True)
    assert asyncio.run(run(server, ["a@example.org", "b@example.org"])) == {}
    assert server.messages == [BLOCK]


def test_data_accepted_with_no_recipient_is_ended_empty_and_the_mail_refused() -> None:
    # RFC 2920 3.1: the client ends such a DATA with a lone dot, sending nothing.
    def script(line: bytes) -> bytes:
        if line.startswith(b"RCPT"):
            return b"550 no such user\r\n"
        if line == b"DATA":
            return b"354 go ahead (wrongly)\r\n"
        if line == b"<message>":
            return b"554 no valid recipients\r\n"
        return b"250 OK\r\n"

    server = Scripted(script)
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
        asyncio.run(run(server, ["nobody@example.org"]))
    assert server.messages == [b".\r\n"]
    assert b"RSET" in server.lines


def test_a_refused_sender_refuses_the_mail_and_resets() -> None:
    def script(line: bytes) -> bytes:
        if line.startswith(b"MAIL"):
            return b"553 sender not allowed\r\n"
        return b"503 bad sequence of commands\r\n" if line != b"RSET" else b"250 OK\r\n"

    server = Scripted(script, batch=True)
    with pytest.raises(aiosmtplib.SMTPSenderRefused) as refused:
        asyncio.run(run(server, ["a@example.org"]))
    assert refused.value.code == 553
    assert server.messages == [] and server.lines[-2:] == [b"RSET", b"QUIT"]


def test_a_reply_that_is_no_smtp_reply_fails_the_mail_clearly() -> None:
    server = Scripted(lambda line: b"hello there\r\n")
    with pytest.raises(aiosmtplib.SMTPResponseException, match="Malformed SMTP response"):
        asyncio.run(run(server, ["a@example.org"]))
    assert server.messages == []


def test_an_address_with_a_control_character_never_reaches_the_server() -> None:
    server = Scripted(message_reply(normal))
    with pytest.raises(ValueError, match="cannot carry"):
        asyncio.run(run(server, ["a@example.org\r\nRCPT TO:<evil@example.org>"]))
    assert not any(b"evil" in line for line in server.lines)
