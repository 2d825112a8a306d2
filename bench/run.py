"""Benchmark the weekly cycle: plan and render every digest, then deliver them.

    python bench/run.py --size small     # 5,000 actions, 500 contacts: under a minute
    python bench/run.py --size full      # 100,000 actions, 2,000 organisations, 5,000 contacts

Side by side in the same run, a baseline sends the same messages with the standard
library's smtplib, one connection per message (as Redmine's reminder job does), to the
same local SMTP sink. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).parent))

from generate import NOW, SIZES, generate

from reminder.config import Settings
from reminder.delivery.base import ResultCallback
from reminder.delivery.smtp import SmtpMailer
from reminder.mail import compose
from reminder.mail_settings import SmtpSettings
from reminder.notices import Delivery, Kind, OutgoingMail
from reminder.notify import plan_notices, send_notices
from reminder.rendering import make_environment, render

BASELINE_SAMPLE = 5_000  # mails the baseline sends again, one connection each


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def plan_and_render(engine: Engine, settings: Settings) -> tuple[int, int, float]:
    """Plan every digest, render and compose each, keep nothing: (digests, bytes, seconds)."""
    env = make_environment()
    started = time.perf_counter()
    planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
    size = 0
    for _, notice in planned:
        mail = compose(notice, render(notice, env=env), settings=settings.mail, now=NOW)
        size += len(mail.message.as_bytes())
    return len(planned), size, time.perf_counter() - started


class TimedMailer:
    """Wraps a mailer to time only the delivery inside a service run."""

    def __init__(self, inner: SmtpMailer) -> None:
        self.inner, self.seconds, self.ok, self.mails = inner, 0.0, 0, []

    async def send(self, mails: list[OutgoingMail], *, on_result: ResultCallback) -> None:
        def count(delivery: Delivery) -> None:
            self.ok += delivery.ok
            on_result(delivery)

        self.mails.extend(mails[: max(0, BASELINE_SAMPLE - len(self.mails))])
        started = time.perf_counter()
        await self.inner.send(mails, on_result=count)
        self.seconds += time.perf_counter() - started

    async def aclose(self) -> None:
        await self.inner.aclose()


def weekly_cycle(engine: Engine, settings: Settings, port: int) -> tuple[TimedMailer, float]:
    """The service's own digest run: plan, render, claim, send to the sink, record."""
    mailer = TimedMailer(SmtpMailer(_smtp(port)))
    started = time.perf_counter()
    asyncio.run(
        send_notices(
            engine=engine,
            settings=settings,
            kind=Kind.DIGEST,
            now=NOW,
            env=make_environment(),
            mailer=mailer,
            run_id="bench",
        )
    )
    return mailer, time.perf_counter() - started


def deliver(mails: list[OutgoingMail], port: int) -> float:
    """The same messages through the mailer alone, as the baseline sends them (no ledger)."""
    started = time.perf_counter()
    asyncio.run(SmtpMailer(_smtp(port)).send(mails, on_result=lambda delivery: None))
    return time.perf_counter() - started


def _smtp(port: int) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="none",
        rate_per_minute=0,
        concurrency=8,
        max_attempts=2,
        backoff_seconds=0.1,
    )


def baseline(mails: list[OutgoingMail], port: int) -> float:
    started = time.perf_counter()
    for mail in mails:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.send_message(mail.message, from_addr=mail.sender, to_addrs=list(mail.recipients))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="delay every reply of the sink, as a server across a network",
    )
    args = parser.parse_args()
    size = SIZES[args.size]
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("sink.py")), str(port), str(args.latency_ms)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            started = time.perf_counter()
            engine = generate(url, size)
            settings = Settings(database_url=url)
            print(
                f"size {args.size}: {size.actions:,} actions, {size.organisations:,} "
                f"organisations, {size.contacts:,} contacts, {size.forums} forums "
                f"(generated in {time.perf_counter() - started:.1f} s)"
            )
            digests, volume, planning = plan_and_render(engine, settings)
            print(
                f"plan+render: {digests:,} digests ({volume / digests / 1024:.0f} KiB each) "
                f"in {planning:.2f} s; peak memory {peak_mb():.0f} MB"
            )
            mailer, cycle = weekly_cycle(engine, settings, port)
            print(
                f"weekly digest cycle through the service (plan, render, claim, send, "
                f"record each outcome): {cycle:.1f} s, of which delivering and recording "
                f"{mailer.ok:,} mails {mailer.seconds:.2f} s; peak memory {peak_mb():.0f} MB"
            )
            sample = mailer.mails
            ours = deliver(sample, port)
            print(
                f"deliver (aiosmtplib, 8 reused connections): {len(sample):,} mails in {ours:.2f} s"
            )
            base = baseline(sample, port)
            print(
                f"baseline (smtplib, one connection per mail): {len(sample):,} mails "
                f"in {base:.2f} s"
            )
            a, b, c = digests / planning, len(sample) / ours, len(sample) / base
            print(
                f"plan+render: {a:.0f} digests/s; deliver: {b:.0f} msg/s; "
                f"baseline: {c:.0f} msg/s; ratio: {b / c:.2f}"
            )
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
