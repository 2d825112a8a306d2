"""OutboxMailer: .eml files, HTML previews and an index that accumulates across runs."""

from __future__ import annotations

import asyncio
import csv
import email
import email.policy
from collections.abc import Sequence
from pathlib import Path

import pytest

from reminder.config.mail import MailSettings
from reminder.delivery import OutboxMailer, TransportError, make_mailer
from reminder.delivery.base import Delivery, Outcome
from reminder.delivery.outbox.mailer import safe_name
from reminder.mail.messages import OutgoingMail
from tests.smtp_server import sample_mail


def write(directory: Path, mails: Sequence[OutgoingMail]) -> list[Delivery]:
    results: list[Delivery] = []
    asyncio.run(OutboxMailer(directory).send(mails, on_result=results.append))
    return results


def test_the_eml_parses_back_to_the_same_message(tmp_path: Path) -> None:
    mail = sample_mail(cc=("chair@example.org",))
    assert write(tmp_path, [mail]) == [Delivery(mail.key, Outcome.SENT, attempts=1)]
    raw = (tmp_path / f"{safe_name(mail.key)}.eml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # SMTP line ends
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["X-Reminder-Key"] == mail.key
    assert parsed["X-Reminder-Kind"] == "digest"
    del parsed["X-Reminder-Key"]
    del parsed["X-Reminder-Kind"]
    original = mail.message.as_bytes(policy=email.policy.SMTP)
    assert parsed.as_bytes(policy=email.policy.SMTP) == original


def test_the_preview_shows_escaped_headers_above_the_html_part(tmp_path: Path) -> None:
    mail = sample_mail(
        to=("ana@example.org",),
        subject="Due: <script>alert(1)</script> & more",
        html="<html><head><title>x</title></head><body><p>Hello <b>team</b></p></body></html>",
    )
    write(tmp_path, [mail])
    page = (tmp_path / f"{safe_name(mail.key)}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "<script>" not in page
    assert "Action point reminders &lt;reminders@example.org&gt;" in page  # From
    assert "ana@example.org" in page
    assert "<p>Hello <b>team</b></p>" in page  # the mail's own HTML is kept as HTML
    assert page.index("<body>") < page.index("&lt;script&gt;") < page.index("<p>Hello")
    assert '<meta charset="utf-8">' in page


def test_the_index_lists_every_mail_across_runs(tmp_path: Path) -> None:
    first = [sample_mail("digest:cpss:ana@example.org/2024-W10", subject="Week 10")]
    second = [
        sample_mail("digest:cpss:ana@example.org/2024-W11", subject="Week 11"),
        sample_mail("escalation:42/7", to=("bo@example.org",), subject="=1+1 overdue"),
    ]
    write(tmp_path, first)
    write(tmp_path, second)
    with (tmp_path / "index.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["key"] for row in rows) == sorted(m.key for m in first + second)
    assert {row["subject"] for row in rows} == {"Week 10", "Week 11", "'=1+1 overdue"}
    for row in rows:
        assert (tmp_path / row["eml"]).exists()
        assert (tmp_path / row["html"]).exists()
        assert row["kind"] == "digest"
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for mail in first + second:
        assert f'href="{safe_name(mail.key)}.html"' in index
    assert "Week 10" in index and "Week 11" in index
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_names_are_safe_and_distinct() -> None:
    keys = ["digest:cpss:ana@example.org/2024-W10", "digest/cpss/ana@example.org:2024-W10"]
    names = [safe_name(k) for k in keys]
    assert len(set(names)) == 2
    for name in names:
        assert name.startswith("digest_cpss_ana_example.org_2024-W10-")
        assert all(c.isalnum() or c in "._-" for c in name)
    assert safe_name("../../etc/passwd").startswith("etc_passwd-")
    assert safe_name("::") != safe_name("//")
    assert len(safe_name("x" * 500)) <= 100


def test_the_default_without_smtp_is_the_outbox(tmp_path: Path) -> None:
    mailer = make_mailer(MailSettings(outbox=tmp_path / "out"))
    assert isinstance(mailer, OutboxMailer)
    results: list[Delivery] = []
    asyncio.run(mailer.send([sample_mail()], on_result=results.append))
    assert results[0].ok
    assert (tmp_path / "out" / "index.html").exists()


def test_an_unusable_folder_is_a_transport_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TransportError, match="cannot create the outbox"):
        write(blocker / "outbox", [sample_mail()])
