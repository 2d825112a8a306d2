"""SmtpMailer against a real SMTP server on loopback (no mocks of aiosmtplib)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reminder.config.mail import SmtpSettings
from reminder.delivery import SmtpMailer
from reminder.delivery.base import Delivery, Outcome
from reminder.delivery.smtp.transaction import data_block
from reminder.mail.messages import OutgoingMail
from tests.smtp_server import SmtpTestServer, make_tls, sample_mail, serving

PASSWORD = "s3cret-Pa55word"


@pytest.fixture(params=[True, False], ids=["pipelined", "one-by-one"])
def server(request: pytest.FixtureRequest) -> Iterator[SmtpTestServer]:
    """Every test meets a server that pipelines (RFC 2920) and one that does not."""
    with serving(pipelining=request.param) as running:
        yield running


def settings(server: SmtpTestServer, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "security": "none",
        "timeout": 5.0,
        "rate_per_minute": 0,
        "concurrency": 2,
        "max_attempts": 3,
        "backoff_seconds": 0.01,
    }
    return SmtpSettings(**(values | overrides))


def deliver(mailer: SmtpMailer, mails: Sequence[OutgoingMail]) -> dict[str, Delivery]:
    """Send and return the results by key, checking each mail was reported exactly once."""
    results: list[Delivery] = []
    asyncio.run(mailer.send(mails, on_result=results.append))
    assert sorted(r.key for r in results) == sorted(m.key for m in mails)
    return {r.key: r for r in results}


class Sleeps:
    """An injected sleep that records delays and does not wait."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0)


def test_multipart_and_envelope_arrive_intact(server: SmtpTestServer) -> None:
    mail = sample_mail(to=("ana@example.org", "bo@example.org"), cc=("chair@example.org",))
    result = deliver(SmtpMailer(settings(server)), [mail])[mail.key]
    assert result == Delivery(mail.key, Outcome.SENT, attempts=1)
    [got] = server.received
    assert got.mail_from == "reminders@example.org"
    assert got.rcpt_tos == ("ana@example.org", "bo@example.org", "chair@example.org")
    message = got.message()
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == mail.message["Subject"]
    assert message["Cc"] == "chair@example.org"
    assert message["Message-ID"] == mail.message_id
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert "café" in html.get_content()


def test_every_mail_declares_its_size_the_first_on_a_connection_too(
    server: SmtpTestServer,
) -> None:
    # The server's extensions are known before the first MAIL FROM (EHLO on connecting),
    # so a server that cannot take a mail that large can refuse it before its DATA.
    mails = [sample_mail(key=f"k{i}") for i in range(2)]
    deliver(SmtpMailer(settings(server, concurrency=1)), mails)
    blocks = [len(data_block(m.wire())) for m in mails]
    assert [got.mail_options for got in server.received] == [(f"SIZE={n}",) for n in blocks]


def test_lines_opening_with_a_dot_and_bare_line_ends_arrive_as_written(
    server: SmtpTestServer,
) -> None:
    # The block is prepared without aiosmtplib's own pass (delivery/smtp/transaction.py):
    # a leading dot must be doubled on the wire and undone by the server.
    mail = sample_mail()
    raw = (
        b"From: a@example.org\r\nTo: ana@example.org\r\nSubject: dots\r\n\r\n"
        b".starts with a dot\r\n..two dots\r\n.\r\nbare LF\nbare CR\rend"
    )
    result = deliver(SmtpMailer(settings(server)), [replace(mail, data=raw)])
    assert result[mail.key].outcome is Outcome.SENT
    [got] = server.received
    body = got.data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[1]
    assert body == b".starts with a dot\n..two dots\n.\nbare LF\nbare CR\nend\n"


@pytest.mark.parametrize(
    ("message", "block"),
    [
        (b"a\r\nb\r\n", b"a\r\nb\r\n.\r\n"),
        (b"a\r\nb", b"a\r\nb\r\n.\r\n"),
        (b".a\r\n.\r\n..b\r\n", b"..a\r\n..\r\n...b\r\n.\r\n"),
        (b"a\nb\rc\r\n\r\r\n", b"a\r\nb\r\nc\r\n\r\n\r\n.\r\n"),
        (b"a\n.b", b"a\r\n..b\r\n.\r\n"),
    ],
)
def test_the_data_block_has_crlf_lines_doubled_dots_and_the_end_mark(
    message: bytes, block: bytes
) -> None:
    assert data_block(message) == block


def test_many_messages_share_few_connections(server: SmtpTestServer) -> None:
    mails = [sample_mail(f"digest:{i}") for i in range(20)]
    results = deliver(SmtpMailer(settings(server, concurrency=3)), mails)
    assert all(r.ok and r.attempts == 1 for r in results.values())
    assert len(server.received) == 20
    assert server.connections <= 3
    assert len({r.connection for r in server.received}) == server.connections


def test_a_451_is_retried_after_the_backoff(server: SmtpTestServer) -> None:
    server.defer_data = {1, 2}
    sleeps = Sleeps()
    mailer = SmtpMailer(settings(server, backoff_seconds=2.0, max_attempts=4), sleep=sleeps)
    mail = sample_mail()
    assert deliver(mailer, [mail])[mail.key] == Delivery(mail.key, Outcome.SENT, attempts=3)
    assert sleeps.delays == [2.0, 4.0]  # exponential, through the injected sleep
    assert len(server.received) == 1
    assert server.connections == 1  # a 4xx reply leaves the connection usable


def test_one_retry_gives_two_attempts(server: SmtpTestServer) -> None:
    server.defer_data_for = {"ana@example.org": 1}
    mail = sample_mail()
    assert deliver(SmtpMailer(settings(server)), [mail])[mail.key].attempts == 2


def test_transient_failures_give_up_after_max_attempts(server: SmtpTestServer) -> None:
    server.defer_data_for = {"ana@example.org": 99}
    mail = sample_mail()
    result = deliver(SmtpMailer(settings(server, max_attempts=3)), [mail])[mail.key]
    assert (result.ok, result.permanent, result.attempts) == (False, False, 3)
    assert result.error.startswith("451")


def test_a_refused_recipient_is_recorded_and_the_others_receive_it(
    server: SmtpTestServer,
) -> None:
    server.reject_rcpt = {"gone@example.org"}
    mail = sample_mail(to=("ana@example.org", "gone@example.org"), cc=("chair@example.org",))
    result = deliver(SmtpMailer(settings(server)), [mail])[mail.key]
    assert result.ok and result.attempts == 1
    assert result.refused == (("gone@example.org", "550 5.1.1 no such user here"),)
    [got] = server.received
    assert got.rcpt_tos == ("ana@example.org", "chair@example.org")


def test_all_recipients_refused_is_permanent_and_not_retried(server: SmtpTestServer) -> None:
    server.reject_rcpt = {"gone@example.org", "left@example.org"}
    bad = sample_mail("bad", to=("gone@example.org",), cc=("left@example.org",))
    good = sample_mail("good")
    results = deliver(SmtpMailer(settings(server, concurrency=1)), [bad, good])
    assert results["bad"].ok is False
    assert results["bad"].permanent is True
    assert results["bad"].attempts == 1
    assert dict(results["bad"].refused) == {
        "gone@example.org": "550 5.1.1 no such user here",
        "left@example.org": "550 5.1.1 no such user here",
    }
    assert results["good"].ok  # one mail's failure does not stop the run
    assert server.data_commands == 1


def test_a_deferred_recipient_is_retried_alone(server: SmtpTestServer) -> None:
    server.defer_rcpt = {"bo@example.org": 1}
    mail = sample_mail(to=("ana@example.org", "bo@example.org"))
    result = deliver(SmtpMailer(settings(server)), [mail])[mail.key]
    assert (result.ok, result.attempts, result.refused) == (True, 2, ())
    assert [r.rcpt_tos for r in server.received] == [("ana@example.org",), ("bo@example.org",)]


def test_a_dropped_connection_is_reopened_and_the_mail_retried(server: SmtpTestServer) -> None:
    server.drop_data = {2}
    mails = [sample_mail(f"digest:{i}") for i in range(5)]
    results = deliver(SmtpMailer(settings(server, concurrency=1)), mails)
    assert [results[m.key].attempts for m in mails] == [1, 2, 1, 1, 1]
    assert all(r.ok for r in results.values())
    assert sorted(r.message()["Message-ID"] for r in server.received) == sorted(
        m.message_id for m in mails
    )
    assert server.connections == 2


def test_the_final_reply_to_data_is_awaited_beyond_the_command_timeout(
    server: SmtpTestServer,
) -> None:
    server.stall_data = {1: 1.5}  # a server still scanning the message (RFC 5321: 10 min)
    mail = sample_mail()
    result = deliver(SmtpMailer(settings(server, timeout=0.5)), [mail])[mail.key]
    assert (result.outcome, result.attempts) == (Outcome.SENT, 1)
    assert len(server.received) == 1


def test_a_drop_after_the_server_kept_the_mail_resends_it_with_the_same_message_id(
    server: SmtpTestServer,
) -> None:
    server.keep_and_drop = {1}
    mail = sample_mail()
    result = deliver(SmtpMailer(settings(server), sleep=Sleeps()), [mail])[mail.key]
    assert (result.outcome, result.attempts) == (Outcome.SENT, 2)
    ids = [r.message()["Message-ID"] for r in server.received]
    assert ids == [mail.message_id, mail.message_id]  # a duplicate a client shows once


def test_an_unanswered_data_is_an_unknown_outcome_not_a_failure(server: SmtpTestServer) -> None:
    server.keep_and_drop = {1, 2}
    mail = sample_mail()
    result = deliver(SmtpMailer(settings(server, max_attempts=2), sleep=Sleeps()), [mail])
    assert result[mail.key].outcome is Outcome.UNKNOWN
    assert "may have the mail" in result[mail.key].error


def test_a_refused_sender_is_our_error_not_the_recipients(server: SmtpTestServer) -> None:
    mail = sample_mail(sender="reminders@example.org\u00e9")  # not an SMTP mailbox
    result = deliver(SmtpMailer(settings(server)), [mail])[mail.key]
    assert result.outcome is Outcome.NOT_SENT
    assert server.received == []


def test_an_unreachable_server_is_a_transient_failure() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = SmtpSettings(host="127.0.0.1", port=port, security="none", max_attempts=2)
    mail = sample_mail()
    result = deliver(SmtpMailer(unreachable, sleep=Sleeps()), [mail])[mail.key]
    assert (result.ok, result.permanent, result.attempts) == (False, False, 2)
    assert "cannot connect" in result.error


def test_the_rate_limit_spaces_messages_in_real_time(server: SmtpTestServer) -> None:
    mails = [sample_mail(f"digest:{i}") for i in range(30)]
    started = time.monotonic()
    results = deliver(SmtpMailer(settings(server, rate_per_minute=600, concurrency=4)), mails)
    elapsed = time.monotonic() - started
    assert all(r.ok for r in results.values())
    assert elapsed >= 2.85  # 29 intervals of 0.1 s
    arrivals = sorted(r.at for r in server.received)
    # Starts are paced; arrivals are starts plus each transaction's latency, which a loaded
    # machine stretches (0.4 s seen under a busy CI). Every 20 intervals take ~2 s however
    # the workers interleave, so 1 s leaves a whole second for latency while an unpaced
    # run would still show ~0 s here.
    assert min(b - a for a, b in zip(arrivals, arrivals[20:], strict=False)) >= 1.0


def test_the_rate_limit_runs_on_the_injected_clock(server: SmtpTestServer) -> None:
    now = [0.0]

    async def sleep(delay: float) -> None:
        target = now[0] + delay
        await asyncio.sleep(0)
        now[0] = max(now[0], target)  # concurrent sleepers: time ends at the latest wake-up

    mailer = SmtpMailer(
        settings(server, rate_per_minute=60, concurrency=3), sleep=sleep, clock=lambda: now[0]
    )
    started = time.monotonic()
    deliver(mailer, [sample_mail(f"digest:{i}") for i in range(12)])
    assert now[0] == pytest.approx(11.0)  # 12 starts, one per virtual second
    assert time.monotonic() - started < 2.0


def test_a_server_without_starttls_fails_clearly(server: SmtpTestServer) -> None:
    mails = [sample_mail(f"digest:{i}") for i in range(4)]
    results = deliver(SmtpMailer(settings(server, security="starttls")), mails)
    for result in results.values():
        assert result.ok is False
        assert result.outcome is Outcome.NOT_SENT  # never refused: fix the settings
        assert "does not offer STARTTLS" in result.error
    assert server.received == []
    assert server.connections <= 2  # no retrying a connection that cannot work


def test_starttls_with_login_delivers_and_never_logs_the_password(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    tls = make_tls(tmp_path)
    with serving(tls=tls, login=("reminder", PASSWORD)) as server:
        smtp = settings(server, security="starttls", username="reminder", password=PASSWORD)
        mailer = SmtpMailer(smtp, tls_context=tls.client_context())
        mail = sample_mail()
        assert deliver(mailer, [mail])[mail.key].ok
        assert server.logins == ["reminder"]
        assert server.received[0].tls
    assert "reminder.delivery" in {r.name for r in caplog.records}
    assert PASSWORD not in caplog.text
    assert PASSWORD not in repr(smtp)


def test_implicit_tls(tmp_path: Path) -> None:
    tls = make_tls(tmp_path)
    with serving(tls=tls, implicit_tls=True) as server:
        mailer = SmtpMailer(settings(server, security="tls"), tls_context=tls.client_context())
        assert deliver(mailer, [sample_mail()])[sample_mail().key].ok
        assert server.received[0].tls


def test_an_untrusted_certificate_fails_the_run_clearly(tmp_path: Path) -> None:
    with serving(tls=make_tls(tmp_path)) as server:
        mailer = SmtpMailer(settings(server, security="starttls"))  # system trust store
        results = deliver(mailer, [sample_mail("a"), sample_mail("b")])
        assert server.received == []
    for result in results.values():
        assert (result.outcome, result.attempts) == (Outcome.NOT_SENT, 1)
        assert "TLS failed" in result.error
        assert "certificate verify failed" in result.error


def test_a_rejected_login_fails_the_run_without_logging_the_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with serving(login=("reminder", "the-right-one")) as server:
        smtp = settings(server, username="reminder", password=PASSWORD)
        results = deliver(SmtpMailer(smtp), [sample_mail("a"), sample_mail("b")])
        assert server.logins == []
    for result in results.values():
        assert result.outcome is Outcome.NOT_SENT
        assert result.error.startswith("535")
    assert PASSWORD not in caplog.text
    assert any(r.name == "reminder.delivery" and "535" in r.getMessage() for r in caplog.records)


def test_an_exception_from_on_result_stops_the_run(server: SmtpTestServer) -> None:
    def record(delivery: Delivery) -> None:
        raise RuntimeError("ledger is gone")

    mails = [sample_mail(f"digest:{i}") for i in range(5)]
    with pytest.raises(RuntimeError, match="ledger is gone"):
        asyncio.run(SmtpMailer(settings(server, concurrency=1)).send(mails, on_result=record))
    assert len(server.received) == 1
