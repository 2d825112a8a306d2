"""Delivery over SMTP with aiosmtplib: few reused connections, a rate limit, retries.

One `send` call starts `settings.concurrency` workers (fewer for a small batch) that
take mails from one queue. Each worker keeps one connection open for all the mails it
sends and reopens it only after a drop. All workers share one `Pacer`, so the whole
run starts at most `rate_per_minute` message transactions per minute, retries
included. A transient failure (4xx reply, drop, timeout) puts the mail back on the
queue after an exponential backoff, so the worker moves on to other mails meanwhile;
a permanent one (5xx) ends that mail at once. Recipients are tracked one by one:
those a server refuses with 5xx are reported in `Delivery.refused`, those deferred
with 4xx are retried alone, and those accepted are never sent the mail again.

A connection that cannot even be set up for a permanent reason (bad login, no
STARTTLS, TLS failure) would fail the same way for every mail, so the rest of the run
is reported "not sent" with that error, without further attempts: the mails were
never refused, and the next run after the fix sends them.

A mail whose DATA went unanswered (`OutcomeUnknown`) is retried like a transient
failure, with the same bytes and so the same Message-ID; if the attempts run out, its
outcome stays unknown and the ledger has the next run send it again.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Sequence

import aiosmtplib

from reminder.config.mail import SmtpSettings
from reminder.delivery.base import (
    Delivery,
    Outcome,
    OutcomeUnknown,
    ResultCallback,
    TransportError,
    translate,
)
from reminder.delivery.smtp.connection import ERRORS, SECURITY, Connection, reusable_after
from reminder.delivery.smtp.jobs import Job, Run
from reminder.delivery.smtp.pacing import Clock, Pacer, Sleep, backoff_delay
from reminder.delivery.smtp.transaction import transact
from reminder.errors import ConfigError
from reminder.mail.messages import OutgoingMail

log = logging.getLogger("reminder.delivery")


class SmtpMailer:
    """Delivers mails through the SMTP server described by `settings`.

    `sleep` and `clock` drive the rate limit and the retry backoff (inject fakes to
    test timing). `tls_context` overrides the system trust store, e.g. for a private
    CA. Connections live for one `send` call; `aclose` has nothing left to close.
    """

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        if settings.security not in SECURITY:
            raise ConfigError(
                f"smtp security must be one of {', '.join(SECURITY)}, not {settings.security!r}"
            )
        if settings.username and settings.security == "none":
            log.warning(
                "SMTP login to %s without TLS: the password travels in clear", settings.host
            )
        self._settings = settings
        self._sleep = sleep
        self._clock = clock
        self._tls_context = tls_context

    async def send(self, mails: Sequence[OutgoingMail], *, on_result: ResultCallback) -> None:
        """Deliver `mails` as the `Mailer` contract says; see the module docstring."""
        if not mails:
            return
        settings = self._settings
        pacer = Pacer(settings.rate_per_minute, clock=self._clock, sleep=self._sleep)
        jobs = [Job(mail, list(mail.recipients)) for mail in mails]
        run = Run(jobs, max(1, min(settings.concurrency, len(jobs))), on_result)
        try:
            async with asyncio.TaskGroup() as group:
                run.spawn = group.create_task
                for _ in range(run.workers):
                    group.create_task(self._worker(run, pacer))
        except BaseExceptionGroup as errors:
            # Only on_result (the caller's code) raises out of a worker: give it back as is.
            raise errors.exceptions[0] from errors

    async def aclose(self) -> None:
        """Nothing to release: connections are closed at the end of each `send`."""

    async def _worker(self, run: Run, pacer: Pacer) -> None:
        connection = Connection(self._settings, self._tls_context)
        try:
            while (job := await run.queue.get()) is not None:
                await self._attempt(job, connection, run, pacer)
        except BaseException:
            connection.abort()  # cancelled or the caller's callback failed: no QUIT
            raise
        await connection.quit()

    async def _attempt(self, job: Job, connection: Connection, run: Run, pacer: Pacer) -> None:
        if run.fatal is not None:
            run.finish(self._outcome(job, run.fatal))
            return
        if not job.pending:
            run.finish(self._outcome(job, TransportError("no recipients", True, ours=True)))
            return
        job.attempts += 1
        await pacer.wait()
        try:
            client = await connection.open()
        except ERRORS as exc:
            error = self._translate(exc)
            if not error.permanent:
                self._retry_or_give_up(job, error, run)
                return
            if run.fatal is None:
                log.error("cannot use the SMTP server: %s; the rest of this run fails", error)
            # Whatever it says, a server we cannot use has refused no recipient.
            run.fatal = TransportError(str(error), True, code=error.code, ours=True)
            run.finish(self._outcome(job, run.fatal))
            return
        mail = job.mail
        try:
            replies = await transact(
                client, mail.sender, job.pending, job.block(), timeout=self._settings.timeout
            )
        except OutcomeUnknown as exc:
            connection.abort()
            job.maybe_delivered = True
            self._retry_or_give_up(job, exc, run)
            return
        except aiosmtplib.SMTPRecipientsRefused as exc:
            deferral = self._sort_refusals(
                job, {r.recipient: (r.code, r.message) for r in exc.recipients}
            )
        except ERRORS as exc:
            if not reusable_after(exc):
                connection.abort()
            self._retry_or_give_up(job, self._translate(exc), run)
            return
        else:
            job.delivered = True
            deferral = self._sort_refusals(
                job, {rcpt: (reply.code, reply.message) for rcpt, reply in replies.items()}
            )
        if deferral is None:
            run.finish(self._outcome(job, None))
        else:
            self._retry_or_give_up(job, deferral, run)

    def _sort_refusals(
        self, job: Job, refusals: dict[str, tuple[int, str]]
    ) -> TransportError | None:
        """Drop accepted and permanently refused recipients from `job.pending`.

        Returns the last 4xx refusal if some recipients are left to retry, else None.
        """
        retry: list[str] = []
        deferral: TransportError | None = None
        for rcpt in job.pending:
            if rcpt not in refusals:
                continue  # accepted
            code, text = refusals[rcpt]
            reply = f"{code} {text}"
            if code >= 500:
                job.refused[rcpt] = reply
                log.warning("%s: recipient %s refused: %s", job.mail.key, rcpt, reply)
            else:
                job.deferred[rcpt] = reply
                retry.append(rcpt)
                deferral = TransportError(f"recipient {rcpt} deferred: {reply}", code=code)
        job.pending = retry
        return deferral

    def _retry_or_give_up(self, job: Job, error: TransportError, run: Run) -> None:
        limit = self._settings.max_attempts
        if error.permanent or job.attempts >= limit:
            run.finish(self._outcome(job, error))
            return
        delay = backoff_delay(self._settings.backoff_seconds, job.attempts)
        log.warning(
            "%s: attempt %d of %d failed (%s); retrying in %.1fs",
            job.mail.key,
            job.attempts,
            limit,
            error,
            delay,
        )
        run.spawn(self._requeue(job, delay, run.queue))

    async def _requeue(self, job: Job, delay: float, queue: asyncio.Queue[Job | None]) -> None:
        await self._sleep(delay)
        queue.put_nowait(job)

    def _outcome(self, job: Job, error: TransportError | None) -> Delivery:
        """The final `Delivery` of `job`, logging it; `error` is the last failure if any."""
        key, attempts = job.mail.key, job.attempts
        if job.delivered:
            refused = dict(job.refused)
            for rcpt in job.pending:  # still deferred when the attempts ran out
                refused[rcpt] = job.deferred.get(rcpt, str(error))
            log.info("%s: delivered after %d attempt(s)", key, attempts)
            return Delivery(key, Outcome.SENT, attempts, refused=tuple(refused.items()))
        refused_all = tuple(job.refused.items())
        if error is None:  # not delivered, nothing failed: every recipient was refused
            log.error("%s: not delivered, every recipient refused", key)
            return Delivery(key, Outcome.REFUSED, attempts, "all recipients refused", refused_all)
        outcome = error.outcome
        if job.maybe_delivered and outcome is Outcome.FAILED:
            outcome = Outcome.UNKNOWN  # an earlier DATA went unanswered: it may have arrived
        log.error("%s: %s after %d attempt(s): %s", key, outcome.value, attempts, error)
        return Delivery(key, outcome, attempts, str(error), refused_all)

    def _translate(self, exc: BaseException) -> TransportError:
        error = translate(exc)
        password = self._settings.password
        if password and password in str(error):  # a server may echo what it was sent
            return TransportError(
                str(error).replace(password, "***"),
                error.permanent,
                code=error.code,
                ours=error.ours,
            )
        return error
