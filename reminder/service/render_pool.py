"""Rendering and composing batches of notices, in this process or in a worker process.

Rendering is the CPU-bound part of a run; sending is I/O. With a worker, batch N+1 is
rendered in another process while this one sends batch N and records it, so a large
run uses two cores. Small runs never start a worker (starting one costs about a second).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import multiprocessing
import pickle
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from reminder.collector import collector_paused
from reminder.config.settings import ForumSettings, Settings
from reminder.config.web import WebSettings
from reminder.mail.compose import compose
from reminder.mail.ical import Entry, calendar
from reminder.mail.links import Links
from reminder.mail.messages import OutgoingMail
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind, Notice

Batch = Sequence[tuple[ForumSettings, Notice]]
Mails = list[tuple[Notice, OutgoingMail | str]]  # a str says why a notice cannot be mailed
WORKER_THRESHOLD = 400  # notices planned before a run is worth a worker process

_worker_env: Environment | None = None  # set once in each worker process by _start


def mail_for(
    *, rules: ForumSettings, notice: Notice, env: Environment, settings: Settings, now: datetime
) -> OutgoingMail:
    """Render and compose one notice; replies go to the forum's coordinator when known.
    With a public base URL, the mail carries its signed links (and a pre-meeting
    reminder the next meeting as an `.ics`)."""
    reply_to = (
        rules.reply_to
        or settings.mail.reply_to
        or (rules.coordinators[0] if rules.coordinators and "@" in rules.coordinators[0] else None)
    )
    links = links_for(settings.web)
    unsubscribe = None
    if links is not None and notice.to and notice.now is not None:
        unsubscribe = links.url("unsubscribe", contact=notice.to[0].email, now=notice.now)
    return compose(
        notice,
        render(notice, env=env, links=links),
        settings=settings.mail,
        now=now,
        reply_to=reply_to,
        unsubscribe_url=unsubscribe,
        invitation=_invitation(notice, domain=settings.mail.list_id, now=now),
    )


@functools.lru_cache(maxsize=8)
def links_for(web: WebSettings) -> Links | None:
    """The signer of the mails' links, when a base URL and a key are configured (one per
    configuration, not one per mail)."""
    if not web.base_url or not web.secret_key:
        return None
    return Links(base_url=web.base_url, secret=web.secret_key, days=web.link_days)


def _invitation(notice: Notice, *, domain: str, now: datetime) -> bytes | None:
    """The next meeting as an all-day iCalendar event, for a pre-meeting reminder."""
    if notice.kind is not Kind.PRE_MEETING or notice.next_meeting is None:
        return None
    day = notice.next_meeting
    entry = Entry(f"meeting-{notice.forum}-{day}", day, f"Meeting: {notice.forum}")
    return calendar([entry], name=notice.forum, domain=domain, now=now)


def _mail_or_reason(
    rules: ForumSettings, notice: Notice, *, env: Environment, settings: Settings, now: datetime
) -> OutgoingMail | str:
    # An address the mail package refuses (a mistyped coordinator, a broken directory
    # entry) fails that notice alone; the run goes on and the ledger records why.
    try:
        return mail_for(rules=rules, notice=notice, env=env, settings=settings, now=now)
    except ValueError as exc:
        return f"cannot compose the mail: {exc}"


def _start(templates: Path | None) -> None:
    global _worker_env
    _worker_env = make_environment(user_templates=templates)
    # What the worker holds for good (modules, the environment) is never garbage: left
    # out of the collector's walks, which then cover one batch's objects alone.
    gc.freeze()


def _render(data: bytes, settings: Settings, now: datetime) -> list[OutgoingMail | str]:
    """In a worker: the mails of the pickled batch `data`, in its order. Each is
    sent back as its bytes and envelope, without its notice, which the sender already
    has. The batch comes pickled so that it is unpickled here, with the
    collector held off: its thousands of small objects (notices, sections, items) made
    the collector run every few hundred, which cost three times the unpickling itself."""
    assert _worker_env is not None, "worker started without its environment"
    env = _worker_env
    with collector_paused():
        # The batch is gone (by reference counting) before the collector resumes, so
        # that its first pass after the batch walks the mails alone.
        return [
            _mail_or_reason(rules, n, env=env, settings=settings, now=now)
            for rules, n in pickle.loads(data)
        ]


async def _paired(notices: list[Notice], mails: asyncio.Future[list[OutgoingMail | str]]) -> Mails:
    return list(zip(notices, await mails, strict=True))


class Renderer:
    """Renders batches; with `workers` > 0, in worker processes once a run is large."""

    def __init__(self, *, env: Environment, templates: Path | None, workers: int) -> None:
        self.env, self.templates, self.workers = env, templates, workers
        self.pool: Executor | None = None

    def submit(
        self, batch: Batch, *, settings: Settings, now: datetime, planned: int
    ) -> asyncio.Future[Mails]:
        """Start rendering `batch`; await the result when it is time to send it."""
        loop = asyncio.get_running_loop()
        if self.pool is None and self.workers > 0 and planned >= WORKER_THRESHOLD:
            # spawn, not fork: the parent holds database connections and an event loop.
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self.templates,),
            )
        if self.pool is not None:
            data = pickle.dumps(list(batch), protocol=pickle.HIGHEST_PROTOCOL)
            mails = loop.run_in_executor(self.pool, _render, data, settings, now)
            return asyncio.ensure_future(_paired([n for _, n in batch], mails))
        done: asyncio.Future[Mails] = loop.create_future()
        done.set_result(
            [
                (n, _mail_or_reason(rules, n, env=self.env, settings=settings, now=now))
                for rules, n in batch
            ]
        )
        return done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
