"""An SMTP sink on loopback for the benchmark: accepts and counts, keeps nothing.

Run as a separate process so that the server does not share the benchmark's CPU
time slice:  python bench/sink.py PORT
"""

from __future__ import annotations

import asyncio
import sys

from aiosmtpd.smtp import SMTP, Envelope, Session


class Discard:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.count += 1
        return "250 OK"


async def main(port: int) -> None:
    handler = Discard()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink"), "127.0.0.1", port)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
