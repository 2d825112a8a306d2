"""A minimal SMTP sink on loopback for the benchmark: accepts every mail, keeps nothing.

aiosmtpd parses DATA line by line in Python, which made the sink, not the clients, the
bottleneck for 20-60 KiB digests on two cores. This sink scans its buffer for the end
of DATA instead. It speaks just enough SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT) for aiosmtplib and smtplib. Run it as its own process:

    python bench/sink.py PORT [LATENCY_MS]

LATENCY_MS delays every reply, to model a server across a network rather than on
loopback (where opening a connection costs almost nothing).
"""

from __future__ import annotations

import asyncio
import sys


class Sink(asyncio.Protocol):
    latency = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport, self.buffer, self.in_data = transport, b"", False
        self.reply(b"220 sink ESMTP\r\n")

    def reply(self, data: bytes, *, close: bool = False) -> None:
        def send() -> None:
            if not self.transport.is_closing():
                self.transport.write(data)
                if close:
                    self.transport.close()

        if self.latency:
            asyncio.get_running_loop().call_later(self.latency, send)
        else:
            send()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                self.reply(b"250 OK\r\n")
                continue
            line, sep, rest = self.buffer.partition(b"\r\n")
            if not sep:
                return
            self.buffer = rest
            self.command(line[:4].upper())

    def command(self, verb: bytes) -> None:
        if verb == b"EHLO":
            self.reply(b"250-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 0\r\n")
        elif verb == b"DATA":
            self.in_data = True
            # A lone "." right after DATA ends an empty message; keep the CRLF to find it.
            self.buffer = b"\r\n" + self.buffer
            self.reply(b"354 go ahead\r\n")
        elif verb == b"QUIT":
            self.reply(b"221 bye\r\n", close=True)
        else:
            self.reply(b"250 OK\r\n")


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Sink, "127.0.0.1", port)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    Sink.latency = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.0
    asyncio.run(main(int(sys.argv[1])))
