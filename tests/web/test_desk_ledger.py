"""The desk's ledger page after a real run of digests through the SMTP test server (one
recipient refused with 550): each coordinator sees the notices of the forums they keep
(the administrator all), filtered and paged by the database; bad filters are a 400;
it needs a session and shows what it holds escaped; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.mail import SmtpSettings
from reminder.delivery.smtp.mailer import SmtpMailer
from reminder.ledger.models import LedgerEntry
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.register.engine import transaction
from reminder.service.notify import send_notices
from reminder.web import ledger
from reminder.web.session import COOKIE
from tests.web.desk_site import ADMIN, JENNIFER, NOW, TAREK, DeskSite, desk_site

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
REFUSED = "omar.faruk@cpss.example.org"
EVIL = "<script>alert(1)</script>"


def send_digests(site: DeskSite) -> None:
    """Run the digests for real through the site's SMTP test server, REFUSED refused."""
    site.smtp.reject_rcpt.add(REFUSED)
    mailer = SmtpMailer(SmtpSettings(host=site.smtp.host, port=site.smtp.port, security="none"))
    summary = asyncio.run(
        send_notices(
            engine=site.engine,
            settings=site.settings,
            kind=Kind.DIGEST,
            now=NOW,
            env=make_environment(),
            mailer=mailer,
            run_id="run-1",
        )
    )
    assert summary.sent > 3 and len(summary.refused) == 1


@pytest.fixture
def site(engine: Engine) -> Iterator[DeskSite]:
    """A desk whose ledger holds a real digest run, and one failed escalation whose
    recipient and error carry markup."""
    with desk_site(engine) as site:
        send_digests(site)
        with transaction(engine) as session:
            session.add(
                LedgerEntry(key="evil", kind="escalation", forum="CXB CPSS",
                            recipients=f"{EVIL}@x.org", subject=EVIL, status="failed",
                            error=EVIL, claimed_at=datetime(2023, 7, 18, 8, 0, tzinfo=UTC))
            )  # fmt: skip
        yield site


def entries(engine: Engine, forum: str | None = None) -> list[LedgerEntry]:
    with Session(engine) as session:
        rows = list(session.exec(select(LedgerEntry)))
    return [e for e in rows if forum is None or forum in e.forum.split(", ")]


def shown(html: str) -> int:
    return html.split('id="ledger"')[1].split("</table>")[0].count("<tr>") - 1  # the header


def total(html: str) -> str:
    return html.split('<p class="meta">')[2].split(" notice")[0]


def test_each_coordinator_sees_the_notices_of_their_forums(site: DeskSite) -> None:
    site.sign_in(TAREK)
    page = site.client.get("/desk/ledger")
    assert page.status_code == 200
    cpss = entries(site.engine, "CXB CPSS")
    assert 3 < len(cpss) < len(entries(site.engine)) and shown(page.text) == len(cpss)
    assert "refused" in page.text and REFUSED in page.text and "sent" in page.text
    site.client.cookies.clear()
    site.sign_in(JENNIFER)
    page = site.client.get("/desk/ledger").text
    wg = entries(site.engine, "CM Standards WG")
    assert shown(page) == len(wg) > 0 and "evil" not in page and REFUSED not in page
    site.client.cookies.clear()
    site.sign_in(ADMIN)
    assert total(site.client.get("/desk/ledger").text) == str(len(entries(site.engine)))


def test_filters_narrow_the_list(site: DeskSite) -> None:
    site.sign_in(TAREK)
    get = site.client.get
    refused = get("/desk/ledger", params={"outcome": "refused"}).text
    assert shown(refused) == 1 and REFUSED in refused
    mine = get("/desk/ledger", params={"to": "OMAR.faruk", "kind": "digest"}).text
    assert shown(mine) == 1
    assert shown(get("/desk/ledger", params={"kind": "escalation"}).text) == 1
    sent = get("/desk/ledger", params={"outcome": "sent"}).text
    assert shown(sent) == sum(e.status == "sent" for e in entries(site.engine, "CXB CPSS"))
    early = get("/desk/ledger", params={"until": "2023-07-19"}).text
    assert shown(early) == 1  # the escalation of the 18th
    later = get("/desk/ledger", params={"from": "2023-07-20", "until": "2023-07-20"}).text
    assert shown(later) == len(entries(site.engine, "CXB CPSS")) - 1
    assert "No notice matches" in get("/desk/ledger", params={"from": "2023-07-21"}).text


def test_a_long_ledger_is_paged(site: DeskSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger, "PAGE", 2)
    site.sign_in(TAREK)
    first = site.client.get("/desk/ledger", params={"kind": "digest"}).text
    assert shown(first) == 2 and "showing 1–2" in first and "Older: the next 2" in first
    assert 'href="/desk/ledger?kind=digest&amp;page=2"' in first
    second = site.client.get("/desk/ledger", params={"kind": "digest", "page": "2"}).text
    assert "showing 3–4" in second and "Newer 2" in second
    rows = lambda html: html.split('id="ledger"')[1].split("</table>")[0]  # noqa: E731
    assert rows(first) != rows(second)


def test_bad_filters_are_a_clear_400(site: DeskSite) -> None:
    site.sign_in(TAREK)
    for params, said in (
        ({"from": "yesterday"}, "the from date &#39;yesterday&#39; cannot be read"),
        ({"until": "2023-13-01"}, "the until date &#39;2023-13-01&#39; cannot be read"),
        ({"from": "2023-07-20", "until": "2023-07-01"}, "ends (2023-07-01) before it starts"),
        ({"kind": "spam"}, "kind &#39;spam&#39; is not one of"),
        ({"outcome": "lost"}, "outcome &#39;lost&#39; is not one of"),
    ):
        answer = site.client.get("/desk/ledger", params=params)
        assert answer.status_code == 400 and said in answer.text, params
        assert 'id="ledger"' not in answer.text


def test_it_needs_a_session_changes_nothing_and_escapes_what_it_shows(site: DeskSite) -> None:
    for cookies in ({}, {COOKIE: "forged.value.x"}):
        with httpx.Client(base_url=site.base, cookies=cookies) as other:
            answer = other.get("/desk/ledger?kind=digest")
            assert answer.status_code == 303
            assert answer.headers["location"] == "/desk/sign-in?next=/desk/ledger%3Fkind%3Ddigest"
    site.sign_in(TAREK)
    assert site.client.post("/desk/ledger", data={}).status_code == 405  # read-only
    for params in ({}, {"to": EVIL}):
        html = site.client.get("/desk/ledger", params=params).text
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
