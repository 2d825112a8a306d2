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
import multiprocessing
import resource
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from generate import NOW, SIZES, generate

from reminder.config.mail import SmtpSettings
from reminder.config.settings import Settings
from reminder.delivery.base import Delivery, ResultCallback
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.mail.compose import compose
from reminder.mail.messages import OutgoingMail
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind
from reminder.register.engine import make_engine
from reminder.service.notify import plan_notices, send_notices

BASELINE_SAMPLE = 5_000  # mails the baseline sends again, one connection each


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_register(url: str, size: str) -> tuple[()]:
    generate(url, SIZES[size]).dispose()
    return ()


def plan_and_render(url: str) -> tuple[int, int, float]:
    """Plan every digest, render and compose each, keep nothing: (digests, bytes, seconds)."""
    engine, settings, env = make_engine(url), Settings(database_url=url), make_environment()
    started = time.perf_counter()
    planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
    size = 0
    for _, notice in planned:
        mail = compose(notice, render(notice, env=env), settings=settings.mail, now=NOW)
        size += len(mail.wire())
    return len(planned), size, time.perf_counter() - started


class TimedMailer:
    """Wraps a mailer to time only the delivery (and recording) inside a service run."""

    def __init__(self, inner: SmtpMailer) -> None:
        self.inner, self.seconds, self.ok = inner, 0.0, 0

    async def send(self, mails: list[OutgoingMail], *, on_result: ResultCallback) -> None:
        def count(delivery: Delivery) -> None:
            self.ok += delivery.ok
            on_result(delivery)

        started = time.perf_counter()
        await self.inner.send(mails, on_result=count)
        self.seconds += time.perf_counter() - started

    async def aclose(self) -> None:
        await self.inner.aclose()


def weekly_cycle(url: str, port: int) -> tuple[float, int, float]:
    """The service's own digest run: plan, render, claim, send to the sink, record each."""
    engine, settings = make_engine(url), Settings(database_url=url)
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
            render_workers=1,  # as `reminder send` and `reminder serve` do on two cores
        )
    )
    return time.perf_counter() - started, mailer.ok, mailer.seconds


def side_by_side(url: str, port: int) -> tuple[int, float, float]:
    """The same composed mails sent by our mailer, then by smtplib (both timed alone)."""
    engine, settings, env = make_engine(url), Settings(database_url=url), make_environment()
    planned = plan_notices(engine=engine, settings=settings, kind=Kind.DIGEST, now=NOW)
    mails = [
        compose(n, render(n, env=env), settings=settings.mail, now=NOW)
        for _, n in planned[:BASELINE_SAMPLE]
    ]
    started = time.perf_counter()
    asyncio.run(SmtpMailer(_smtp(port)).send(mails, on_result=lambda delivery: None))
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for mail in mails:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail(mail.sender, list(mail.recipients), mail.wire())
    return len(mails), ours, time.perf_counter() - started


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


def in_child(phase: Callable[..., tuple[Any, ...]], *args: Any) -> tuple[Any, ...]:
    """Run one phase in a forked process: its result, and the peak memory (MB) of that
    process or of the rendering process it started, whichever is larger, so each figure
    is the phase's own and not what earlier phases left behind."""
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()
    child = context.Process(target=_measured, args=(results, phase, *args))
    child.start()
    outcome = results.get()
    child.join()
    if isinstance(outcome, BaseException):
        raise outcome
    return tuple(outcome)


def _measured(results: Any, phase: Callable[..., tuple[Any, ...]], *args: Any) -> None:
    try:
        value = phase(*args)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        results.put((*value, max(peak_mb(), children)))
    except BaseException as exc:  # reported in the parent
        results.put(exc)


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
            in_child(make_register, url, args.size)
            print(
                f"size {args.size}: {size.actions:,} actions, {size.organisations:,} "
                f"organisations, {size.contacts:,} contacts, {size.forums} forums "
                f"(generated in {time.perf_counter() - started:.1f} s)"
            )
            digests, volume, planning, mem = in_child(plan_and_render, url)
            print(
                f"plan+render: {digests:,} digests ({volume / digests / 1024:.0f} KiB each) "
                f"in {planning:.2f} s; peak memory {mem:.0f} MB"
            )
            cycle, ok, sending, mem = in_child(weekly_cycle, url, port)
            print(
                f"weekly digest cycle through the service (plan, render, claim, send, "
                f"record each outcome): {cycle:.1f} s, of which delivering and recording "
                f"{ok:,} mails {sending:.2f} s; peak memory {mem:.0f} MB"
            )
            count, ours, base, _ = in_child(side_by_side, url, port)
            print(f"deliver (aiosmtplib, 8 reused connections): {count:,} mails in {ours:.2f} s")
            print(f"baseline (smtplib, one connection per mail): {count:,} mails in {base:.2f} s")
            a, b, c = digests / planning, count / ours, count / base
            print(
                f"plan+render: {a:.0f} digests/s; deliver: {b:.0f} msg/s; "
                f"baseline: {c:.0f} msg/s; ratio: {b / c:.2f}"
            )
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
