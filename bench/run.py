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

sys.path.insert(0, str(Path(__file__).parent))

from generate import NOW, SIZES, generate

from reminder.config import Settings
from reminder.delivery.smtp import SmtpMailer
from reminder.mail import compose
from reminder.mail_settings import MailSettings, SmtpSettings
from reminder.notices import Delivery, Kind, OutgoingMail
from reminder.notify import plan_notices
from reminder.rendering import make_environment, render


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def plan_and_render(url: str) -> tuple[list[OutgoingMail], float]:
    from reminder.db import make_engine

    engine = make_engine(url)
    settings = Settings(database_url=url)
    env = make_environment()
    started = time.perf_counter()
    planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
    mails = [compose(n, render(n, env=env), settings=MailSettings(), now=NOW) for _, n in planned]
    return mails, time.perf_counter() - started


def deliver(mails: list[OutgoingMail], port: int) -> tuple[float, int]:
    settings = SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="none",
        rate_per_minute=0,
        concurrency=8,
        max_attempts=2,
        backoff_seconds=0.1,
    )
    ok = 0

    def on_result(delivery: Delivery) -> None:
        nonlocal ok
        ok += delivery.ok

    started = time.perf_counter()
    asyncio.run(SmtpMailer(settings).send(mails, on_result=on_result))
    return time.perf_counter() - started, ok


def baseline(mails: list[OutgoingMail], port: int) -> float:
    started = time.perf_counter()
    for mail in mails:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.send_message(mail.message, from_addr=mail.sender, to_addrs=list(mail.recipients))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--deliver", type=int, default=5_000, help="mails to deliver (max)")
    args = parser.parse_args()
    size = SIZES[args.size]
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("sink.py")), str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            started = time.perf_counter()
            generate(url, size)
            print(
                f"size {args.size}: {size.actions:,} actions, {size.organisations:,} "
                f"organisations, {size.contacts:,} contacts, {size.forums} forums "
                f"(generated in {time.perf_counter() - started:.1f} s)"
            )
            mails, planning = plan_and_render(url)
            print(
                f"plan+render: {len(mails):,} digests in {planning:.2f} s; "
                f"peak memory {peak_mb():.0f} MB"
            )
            batch = mails[: args.deliver]
            ours, ok = deliver(batch, port)
            print(
                f"deliver (aiosmtplib, 8 reused connections): {ok:,}/{len(batch):,} mails "
                f"in {ours:.2f} s"
            )
            base = baseline(batch, port)
            print(
                f"baseline (smtplib, one connection per mail): {len(batch):,} mails in {base:.2f} s"
            )
            print(
                f"weekly cycle (plan+render+deliver): {planning + ours:.1f} s; "
                f"peak memory {peak_mb():.0f} MB"
            )
            a, b, c = len(mails) / planning, len(batch) / ours, len(batch) / base
            print(
                f"plan+render: {a:.0f} digests/s; deliver: {b:.0f} msg/s; "
                f"baseline: {c:.0f} msg/s; ratio: {b / c:.2f}"
            )
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
