"""One worker's SMTP connection, and which errors leave it usable."""

from __future__ import annotations

import asyncio
import logging
import ssl

import aiosmtplib

from reminder.config.mail import SmtpSettings

log = logging.getLogger("reminder.delivery")

# security setting -> (use_tls, start_tls). STARTTLS is required, never opportunistic:
# silently falling back to plain text would expose the password and the mail.
SECURITY = {"none": (False, False), "starttls": (False, True), "tls": (True, False)}
# How long a goodbye may take to finish closing the socket (a TLS close_notify exchange).
CLOSE_WAIT = 1.0
# What a send attempt may raise that is the transport's fault, not a bug of ours.
ERRORS = (aiosmtplib.SMTPException, OSError, TimeoutError, ValueError)


class Connection:
    """One worker's SMTP connection: opened on first use, reopened after a drop."""

    def __init__(self, settings: SmtpSettings, tls_context: ssl.SSLContext | None) -> None:
        self._settings = settings
        self._tls_context = tls_context
        self._client: aiosmtplib.SMTP | None = None

    async def open(self) -> aiosmtplib.SMTP:
        """The open client; connects (and logs in) if there is none or it was dropped."""
        if self._client is not None and self._client.is_connected:
            return self._client
        s = self._settings
        use_tls, start_tls = SECURITY[s.security]
        client = aiosmtplib.SMTP(
            hostname=s.host,
            port=s.port,
            username=s.username or None,
            password=s.password if s.username else None,
            use_tls=use_tls,
            start_tls=start_tls,
            timeout=s.timeout,
            tls_context=self._tls_context,
        )
        try:
            await client.connect()
            await _greet(client)
        except BaseException:
            # aiosmtplib does not always close the socket when STARTTLS or the login fails
            # after the TCP connection was made: close it here, or it leaks until collected.
            client.close()
            raise
        log.info("connected to %s:%d (%s)", s.host, s.port, s.security)
        self._client = client
        return client

    def abort(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    async def quit(self) -> None:
        client, self._client = self._client, None
        if client is None or not client.is_connected:
            return
        protocol = client.protocol
        try:
            await client.quit()
        except ERRORS:
            client.close()  # the mails are delivered; a failed goodbye does not matter
        await _closed(protocol)


async def _closed(protocol: aiosmtplib.protocol.SMTPProtocol | None) -> None:
    """Wait (up to CLOSE_WAIT) until the transport has told `protocol` it is closed.

    Closing a TLS transport only starts its shutdown; if the event loop ends first, the
    socket stays open until it is garbage-collected. aiosmtplib has no wait_closed, but
    its protocol drops its transport in connection_lost.
    """
    deadline = asyncio.get_running_loop().time() + CLOSE_WAIT
    while protocol is not None and protocol.transport is not None:
        if asyncio.get_running_loop().time() > deadline:
            log.debug("the SMTP connection did not finish closing in %.1f s", CLOSE_WAIT)
            return
        await asyncio.sleep(0.005)


def reusable_after(exc: BaseException) -> bool:
    """Whether the connection is still in a known state after `exc`.

    After a plain error reply aiosmtplib has reset the transaction (RSET), so the
    connection can carry the next mail; after 421 the server is closing it, and after a
    timeout or drop its state is unknown.
    """
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return exc.code != 421
    return isinstance(exc, aiosmtplib.SMTPNotSupported | ValueError)


async def _greet(client: aiosmtplib.SMTP) -> None:
    """EHLO (HELO for a server that refuses it) unless connecting already did, so that
    the server's extensions (SIZE) are known before the first mail's MAIL FROM."""
    if not client.is_ehlo_or_helo_needed:
        return
    try:
        await client.ehlo()
    except aiosmtplib.SMTPHeloError:
        if not client.is_connected:
            raise
        await client.helo()
