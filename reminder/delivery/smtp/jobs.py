"""What one `SmtpMailer.send` call tracks: each mail's progress, and what its workers share."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from reminder.delivery.base import Delivery, ResultCallback, TransportError
from reminder.delivery.smtp.transaction import data_block
from reminder.mail.messages import OutgoingMail


@dataclass(eq=False)
class Job:
    """One mail's progress through the run."""

    mail: OutgoingMail
    pending: list[str]  # recipients not yet accepted nor permanently refused
    refused: dict[str, str] = field(default_factory=dict)  # recipient -> 5xx reply
    deferred: dict[str, str] = field(default_factory=dict)  # recipient -> last 4xx reply
    delivered: bool = False  # accepted for at least one recipient
    maybe_delivered: bool = False  # a DATA went out and its reply never came
    attempts: int = 0
    data: bytes = b""  # the DATA block, prepared once for every attempt

    def block(self) -> bytes:
        if not self.data:
            self.data = data_block(self.mail.wire())
        return self.data


class Run:
    """What the workers of one `send` call share."""

    def __init__(self, jobs: list[Job], workers: int, on_result: ResultCallback) -> None:
        self.queue: asyncio.Queue[Job | None] = asyncio.Queue()
        for job in jobs:
            self.queue.put_nowait(job)
        self.remaining = len(jobs)
        self.workers = workers
        self.on_result = on_result
        self.fatal: TransportError | None = None
        self.spawn: Callable[[Coroutine[Any, Any, None]], object] = asyncio.ensure_future

    def finish(self, delivery: Delivery) -> None:
        self.on_result(delivery)  # first: the ledger must hold it before anything else
        self.remaining -= 1
        if self.remaining == 0:
            for _ in range(self.workers):
                self.queue.put_nowait(None)  # one stop signal per worker
