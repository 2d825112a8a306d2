"""Reading several SMTP replies in a row off a connection aiosmtplib opened.

With PIPELINING (RFC 2920) a client writes MAIL, every RCPT and DATA at once and then
reads their replies in order: one write and one wake-up instead of one of each per
command, which halves what a mail costs to send (on loopback each small write cost as
much as the message itself) and saves two round trips per mail across a network.
aiosmtplib's protocol reads one reply per command and drops the rest of what arrived,
so for the envelope of one transaction `Replies` takes the transport over
(`set_protocol`, public asyncio API) and hands it back afterwards. Whatever the
transport says meanwhile that aiosmtplib must know (a lost connection, flow control)
is passed on to aiosmtplib's protocol, so its state stays true.
"""

from __future__ import annotations

import asyncio
from collections import deque

import aiosmtplib
from aiosmtplib import SMTPResponse, SMTPStatus

MAX_LINE = 8192  # longer reply lines are no SMTP server's (RFC 5321: 512)


class Replies(asyncio.Protocol):
    """The replies arriving on `transport` while this reads it, in order."""

    def __init__(self, transport: asyncio.Transport, previous: asyncio.BaseProtocol) -> None:
        self.transport, self.previous = transport, previous
        self._buffer = bytearray()
        self._lines: list[bytes] = []  # the lines so far of a multi-line reply
        self._ready: deque[SMTPResponse] = deque()
        self._error: aiosmtplib.SMTPException | None = None
        self._waiter: asyncio.Future[None] | None = None

    def __enter__(self) -> Replies:
        self.transport.set_protocol(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.transport.is_closing():
            self.transport.set_protocol(self.previous)

    def write(self, data: bytes) -> None:
        if self._error is not None or self.transport.is_closing():
            raise aiosmtplib.SMTPServerDisconnected("Connection lost")
        self.transport.write(data)

    async def reply(self, timeout: float) -> SMTPResponse:
        """The next reply; SMTPReadTimeoutError after `timeout` seconds without one,
        SMTPServerDisconnected when the connection is gone, SMTPResponseException for
        what is no SMTP reply."""
        while not self._ready:
            if self._error is not None:
                raise self._error
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await asyncio.wait_for(self._waiter, timeout)
            except TimeoutError as exc:
                raise aiosmtplib.SMTPReadTimeoutError(
                    "Timed out waiting for server response"
                ) from exc
            finally:
                self._waiter = None
        return self._ready.popleft()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    # -- asyncio.Protocol ---------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while self._error is None:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > MAX_LINE:
                    self._fail(SMTPStatus.invalid_response, "Response too long")
                break
            line = bytes(self._buffer[: end + 1])
            del self._buffer[: end + 1]
            self._line(line)
        self._wake()

    def _line(self, line: bytes) -> None:
        code = line[:3]
        if (
            len(line) > MAX_LINE
            or not code.isdigit()
            or line[3:4] not in (b" ", b"-", b"\r", b"\n")
        ):
            text = line.decode("utf-8", "replace").strip()
            self._fail(SMTPStatus.invalid_response, f"Malformed SMTP response line: {text}")
            return
        self._lines.append(line[4:].strip(b" \t\r\n"))
        if line[3:4] != b"-":
            text = b"\n".join(self._lines).decode("utf-8", "surrogateescape")
            self._ready.append(SMTPResponse(int(code), text))
            self._lines = []

    def _fail(self, code: int, message: str) -> None:
        self._error = aiosmtplib.SMTPResponseException(code, message)

    def eof_received(self) -> bool:
        self._error = aiosmtplib.SMTPServerDisconnected("Unexpected EOF received")
        self._wake()
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        if self._error is None:
            self._error = aiosmtplib.SMTPServerDisconnected("Connection lost")
        self._wake()
        self.previous.connection_lost(exc)  # aiosmtplib must know its connection is gone

    def pause_writing(self) -> None:
        self.previous.pause_writing()

    def resume_writing(self) -> None:
        self.previous.resume_writing()
