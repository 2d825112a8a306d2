"""A real SMTP server on loopback for delivery tests (aiosmtpd, on its own thread).

    with serving() as server:                  # or the `smtp_server` fixture
        server.defer_data = {1}                # knobs: set them before sending
        settings = SmtpSettings(host=server.host, port=server.port, security="none")
        ...
        server.received                        # what arrived, in order

It listens on 127.0.0.1 on a free port chosen by the OS and records every accepted
message (envelope sender, envelope recipients, raw data, arrival time, connection
number). Knobs to inject failures:

    defer_data       DATA numbers (1-based, counted over all connections) answered 451
    defer_data_for   recipient -> how many DATA commands carrying it are answered 451
    reject_rcpt      recipients refused with 550 at RCPT, always
    defer_rcpt       recipient -> how many RCPT commands for it are answered 451
    drop_data        DATA numbers at which the server closes the connection instead
                     of answering (the data was sent, no reply ever comes)
    keep_and_drop    DATA numbers whose message the server keeps (it is in `received`)
                     before closing the connection unanswered: the unknown-outcome window
    stall_data       DATA number -> seconds the server waits before its final reply
    stall_after_data DATA number -> seconds the server waits, message kept (it is in
                     `received`), before its 250: a client that gives up meanwhile
                     leaves the server holding the message
    on_command       called on the server thread as on_command(command, number, peer)
                     for "MAIL", "DATA" and "QUIT" (number: how many of that command so
                     far, over all connections; peer: the client's (host, port)). For
                     DATA it is called once the message is in `received` and before the
                     250 reply, so a hook that kills the client there leaves the server
                     holding a message whose sender never learns it was accepted.

`unconfirmed()` lists the accepted messages after which their connection sent no
further command: the client may not have read (let alone recorded) their 250 reply.

`connections` counts accepted connections (to prove reuse); `data_commands` counts
DATA commands; `logins` lists the user names that logged in.
Pass `tls=make_tls(tmp_path)` for STARTTLS (or implicit TLS with implicit_tls=True),
and `login=(user, password)` to offer AUTH.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from reminder.mail.messages import OutgoingMail
from reminder.mail.wire import wire_bytes
from reminder.planning.notices import Kind


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    at: float  # time.monotonic() when the data had arrived
    connection: int  # 1-based number of the connection that carried it
    tls: bool
    mail_options: tuple[str, ...] = ()  # the MAIL FROM parameters (SIZE=...)

    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this (self-signed) certificate only."""
        return ssl.create_default_context(cafile=str(self.cert))


def make_tls(directory: Path) -> TlsFiles:
    """A self-signed certificate for 127.0.0.1 (skips the test without openssl)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip
    except FileNotFoundError:
        pytest.skip("openssl is needed to make a test certificate")
    return TlsFiles(cert, key)


@dataclass
class SmtpTestServer:
    tls: TlsFiles | None = None
    implicit_tls: bool = False
    login: tuple[str, str] | None = None
    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    data_commands: int = 0
    logins: list[str] = field(default_factory=list)
    defer_data: set[int] = field(default_factory=set)
    defer_data_for: dict[str, int] = field(default_factory=dict)
    reject_rcpt: set[str] = field(default_factory=set)
    defer_rcpt: dict[str, int] = field(default_factory=dict)
    drop_data: set[int] = field(default_factory=set)
    keep_and_drop: set[int] = field(default_factory=set)
    stall_data: dict[int, float] = field(default_factory=dict)
    stall_after_data: dict[int, float] = field(default_factory=dict)
    on_command: Callable[[str, int, tuple[str, int]], None] | None = None
    mail_commands: int = 0
    quit_commands: int = 0
    pipelining: bool = True  # advertise PIPELINING (RFC 2920), as most servers do

    def __post_init__(self) -> None:
        self._lock = threading.Lock()  # the test thread reads what the server thread writes
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._sessions: dict[int, int] = {}  # id(SMTP protocol) -> connection number
        self._protocols: list[SMTP] = []
        self._unconfirmed: dict[int, Received] = {}  # connection -> its last accepted message

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _listen(self) -> asyncio.Server:
        implicit = self.tls.server_context() if self.tls and self.implicit_tls else None
        return await self._loop.create_server(self._factory, self.host, 0, ssl=implicit)

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for protocol in self._protocols:
            if protocol.transport is not None:
                protocol.transport.close()
        await self._server.wait_closed()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._loop.shutdown_asyncgens()

    def _factory(self) -> SMTP:
        starttls = self.tls.server_context() if self.tls and not self.implicit_tls else None
        protocol = SMTP(
            self,
            hostname="smtp.test",
            tls_context=starttls,
            authenticator=self._authenticate if self.login else None,
            auth_require_tls=starttls is not None,  # as real servers do, when they can
            loop=self._loop,
        )
        with self._lock:
            self.connections += 1
            self._sessions[id(protocol)] = self.connections
            self._protocols.append(protocol)
        return protocol

    def unconfirmed(self) -> list[Received]:
        """Accepted messages whose connection has sent no command since (see above)."""
        with self._lock:
            return list(self._unconfirmed.values())

    def _heard(self, server: SMTP, command: str) -> int:
        """Note a command on `server`'s connection; returns its number, for `on_command`."""
        with self._lock:
            self._unconfirmed.pop(self._sessions[id(server)], None)
            if command == "MAIL":
                self.mail_commands += 1
                return self.mail_commands
            self.quit_commands += 1
            return self.quit_commands

    def _call(self, command: str, number: int, session: Session) -> None:
        if self.on_command is not None:
            peer = session.peer if isinstance(session.peer, tuple) else ("", 0)
            self.on_command(command, number, (str(peer[0]), int(peer[1])))

    # -- aiosmtpd handler hooks (run on the server thread) --------------------------

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        # What aiosmtpd does without this hook, and PIPELINING: aiosmtpd reads pipelined
        # commands one by one anyway, it only does not say so.
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        number = self._heard(server, "MAIL")
        self._call("MAIL", number, session)
        # What aiosmtpd does without this hook.
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RSET(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            self._unconfirmed.pop(self._sessions[id(server)], None)
        return "250 OK"

    async def handle_NOOP(
        self, server: SMTP, session: Session, envelope: Envelope, arg: str
    ) -> str:
        with self._lock:
            self._unconfirmed.pop(self._sessions[id(server)], None)
        return "250 OK"

    async def handle_QUIT(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        number = self._heard(server, "QUIT")
        self._call("QUIT", number, session)
        return "221 Bye"

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and self.login == (
            data.login.decode(),
            data.password.decode(),
        )
        if ok:
            with self._lock:
                self.logins.append(data.login.decode())
        # handled=False: let aiosmtpd send its own 535 reply on failure.
        return AuthResult(success=ok, handled=False)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        with self._lock:
            if address in self.reject_rcpt:
                return "550 5.1.1 no such user here"
            if self.defer_rcpt.get(address, 0) > 0:
                self.defer_rcpt[address] -= 1
                return "451 4.2.0 mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            self.data_commands += 1
            number = self.data_commands
            deferred = [r for r in envelope.rcpt_tos if self.defer_data_for.get(r, 0) > 0]
            for rcpt in deferred:
                self.defer_data_for[rcpt] -= 1
        if number in self.drop_data:
            assert server.transport is not None
            server.transport.close()
            await asyncio.sleep(10)  # cancelled as soon as the connection is gone
        if number in self.defer_data or deferred:
            return "451 4.3.0 temporary failure, try again"
        if number in self.stall_data:
            await asyncio.sleep(self.stall_data[number])
        assert isinstance(envelope.original_content, bytes)
        record = Received(
            mail_from=str(envelope.mail_from),
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=envelope.original_content,
            at=time.monotonic(),
            connection=self._sessions[id(server)],
            tls=session.ssl is not None or self.implicit_tls,
            mail_options=tuple(envelope.mail_options),
        )
        with self._lock:
            self.received.append(record)
            self._unconfirmed[record.connection] = record
        self._call("DATA", number, session)
        if number in self.keep_and_drop:
            assert server.transport is not None
            server.transport.close()
            await asyncio.sleep(10)  # cancelled as soon as the connection is gone
        if number in self.stall_after_data:
            await asyncio.sleep(self.stall_after_data[number])
        return "250 OK queued"


@contextlib.contextmanager
def serving(
    *,
    tls: TlsFiles | None = None,
    implicit_tls: bool = False,
    login: tuple[str, str] | None = None,
    pipelining: bool = True,
) -> Iterator[SmtpTestServer]:
    """A started `SmtpTestServer`, stopped on exit."""
    server = SmtpTestServer(tls=tls, implicit_tls=implicit_tls, login=login, pipelining=pipelining)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpTestServer]:
    """A plain (no TLS, no AUTH) test server for one test."""
    with serving() as server:
        yield server


def sample_mail(
    key: str = "digest:cpss:ana@example.org/2024-W10",
    *,
    to: tuple[str, ...] = ("ana@example.org",),
    cc: tuple[str, ...] = (),
    subject: str = "Action points due this week",
    sender: str = "reminders@example.org",
    html: str = "<p>Three action points are <b>due</b> – café at 10:00</p>",
) -> OutgoingMail:
    """A composed multipart/alternative mail, like the real composer makes."""
    message = EmailMessage()
    message["From"] = f"Action point reminders <{sender}>"
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Date"] = formatdate(1_710_000_000, localtime=False)
    message["Message-ID"] = make_msgid(domain="reminder.test")
    message.set_content("Three action points are due – café at 10:00\n")
    message.add_alternative(html, subtype="html")
    return OutgoingMail(
        key=key,
        kind=Kind.DIGEST,
        sender=sender,
        recipients=(*to, *cc),
        message_id=str(message["Message-ID"]),
        data=wire_bytes(message),
    )
