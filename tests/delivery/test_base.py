"""The delivery boundary: error translation, pacing, the in-memory fake, make_mailer."""

from __future__ import annotations

import asyncio
import ssl

import aiosmtplib
import pytest

from reminder.config.mail import MailSettings, SmtpSettings
from reminder.delivery import Mailer, MemoryMailer, SmtpMailer, make_mailer, translate
from reminder.delivery.base import Delivery
from reminder.delivery.smtp.pacing import Pacer, backoff_delay
from reminder.errors import ConfigError, ReminderError
from tests.smtp_server import sample_mail


def _wrapped_tls_error() -> aiosmtplib.SMTPConnectError:
    try:
        try:
            raise ssl.SSLCertVerificationError(
                1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
            )
        except ssl.SSLError as exc:
            raise aiosmtplib.SMTPConnectError("Error connecting to smtp.example.org") from exc
    except aiosmtplib.SMTPConnectError as outer:
        return outer


@pytest.mark.parametrize(
    ("exc", "permanent", "text"),
    [
        (aiosmtplib.SMTPDataError(451, "try later"), False, "451 try later"),
        (aiosmtplib.SMTPResponseException(421, "closing"), False, "421 closing"),
        (aiosmtplib.SMTPDataError(554, "rejected"), True, "554 rejected"),
        (aiosmtplib.SMTPAuthenticationError(535, "bad login"), True, "535 bad login"),
        (aiosmtplib.SMTPServerDisconnected("gone"), False, "connection lost: gone"),
        (aiosmtplib.SMTPConnectError("refused"), False, "cannot connect: refused"),
        (aiosmtplib.SMTPConnectTimeoutError("slow"), False, "timed out: slow"),
        (aiosmtplib.SMTPReadTimeoutError("slow"), False, "timed out"),
        (TimeoutError(), False, "timed out"),
        (ConnectionRefusedError(111, "Connection refused"), False, "connection failed"),
        (aiosmtplib.SMTPConnectResponseError(554, "go away"), True, "554 go away"),
        (_wrapped_tls_error(), True, "TLS failed: [SSL: CERTIFICATE_VERIFY_FAILED]"),
        (aiosmtplib.SMTPException("SMTP STARTTLS extension not supported by server."), True,
         "does not offer STARTTLS"),
        (aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported"), True, "SMTPUTF8"),
        (ValueError("Address 'a\r\nb' contains characters"), True, "invalid mail"),
    ],
)  # fmt: skip
def test_translate(exc: BaseException, permanent: bool, text: str) -> None:
    error = translate(exc)
    assert isinstance(error, ReminderError)
    assert error.permanent is permanent
    assert text in str(error)


def test_translate_recipients_refused_is_permanent_only_if_every_reply_is() -> None:
    gone = aiosmtplib.SMTPRecipientRefused(550, "no such user", "a@example.org")
    busy = aiosmtplib.SMTPRecipientRefused(451, "busy", "b@example.org")
    assert translate(aiosmtplib.SMTPRecipientsRefused([gone])).permanent is True
    mixed = translate(aiosmtplib.SMTPRecipientsRefused([gone, busy]))
    assert mixed.permanent is False
    assert "a@example.org: 550 no such user" in str(mixed)


def test_the_pacer_spaces_concurrent_callers_on_a_virtual_clock() -> None:
    now = [100.0]
    starts: list[float] = []

    async def sleep(delay: float) -> None:
        target = now[0] + delay
        await asyncio.sleep(0)
        now[0] = max(now[0], target)

    async def worker(pacer: Pacer) -> None:
        for _ in range(4):
            await pacer.wait()
            starts.append(round(now[0], 6))

    async def main() -> None:
        pacer = Pacer(120, clock=lambda: now[0], sleep=sleep)
        await asyncio.gather(*(worker(pacer) for _ in range(3)))

    asyncio.run(main())
    assert sorted(starts) == [100.0 + 0.5 * i for i in range(12)]


def test_backoff_doubles() -> None:
    assert [backoff_delay(2.0, n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]


def test_memory_mailer_records_and_fails_on_request() -> None:
    mailer = MemoryMailer()
    protocol_check: Mailer = mailer  # mypy checks that the fake keeps to the contract
    assert protocol_check is mailer
    mailer.fail("b")
    mailer.fail("c", permanent=True)
    mails = [sample_mail(key) for key in "abc"]
    results: list[Delivery] = []
    asyncio.run(mailer.send(mails, on_result=results.append))
    assert [m.key for m in mailer.sent] == ["a"]
    assert [(r.key, r.ok, r.permanent) for r in results] == [
        ("a", True, False),
        ("b", False, False),
        ("c", False, True),
    ]
    assert mailer.results == results
    mailer.succeed("b")
    asyncio.run(mailer.send(mails[1:2], on_result=results.append))
    assert [m.key for m in mailer.sent] == ["a", "b"]


def test_make_mailer_picks_smtp_when_configured() -> None:
    mailer = make_mailer(MailSettings(smtp=SmtpSettings(host="smtp.example.org")))
    assert isinstance(mailer, SmtpMailer)


def test_an_unknown_security_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="security"):
        SmtpMailer(SmtpSettings(host="smtp.example.org", security="ssl"))
