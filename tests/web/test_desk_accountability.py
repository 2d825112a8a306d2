"""A forum's accountability page on the example register, after focal points answered by
the links in their mails: each figure as a table and an SVG chart; what it refuses (no
session, a forged cookie, another forum) and what it escapes; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.mail.links import Links
from reminder.register.models import Organisation
from reminder.web.session import COOKIE
from tests.web.desk_site import ADMIN, JENNIFER, SECRET, TAREK, DeskSite, desk_site, form_token
from tests.web.test_desk_register import AUGUST, item_id

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
PAGE = "/desk/accountability/CXB%20CPSS"
TOOL = "CPSS to develop a child protection situation monitoring tool"


def answer(
    site: DeskSite, *, contact: str, item: int, what: str, signed: datetime, **form: str
) -> None:
    """Answer `item` as `contact` by the link a mail signed at `signed` carried."""
    url = Links(base_url=site.base, secret=SECRET).url(
        "item", contact=contact, item=item, answer=what, now=signed
    )
    with httpx.Client() as mail:  # the focal point's own browser
        shown = mail.get(url)
        done = mail.post(url, data={"csrf": form_token(shown.text), **form})
    assert done.status_code == 200 and "Thank you" in done.text, done.text


def answered(site: DeskSite, engine: Engine) -> int:
    """Four answers: CMTWG moves the tool's deadline twice, UNICEF comments, WFP is done."""
    tool = item_id(engine, TOOL)
    for day, signed in (("2023-09-15", AUGUST), ("2023-10-01", AUGUST - timedelta(days=1))):
        answer(
            site,
            contact="cmtwg@cpss.example.org",
            item=tool,
            what="new_date",
            signed=signed,
            due=day,
        )
    training = item_id(engine, "Online training series will be ready to use by CPSS actors")
    answer(
        site,
        contact="melissa@unicef.example.org",
        item=training,
        what="comment",
        signed=AUGUST,
        comment="started",
    )
    answer(
        site,
        contact="liaison@wfp.example.org",
        item=item_id(engine, "DPISP finalization"),
        what="done",
        signed=AUGUST,
    )
    return tool


def rows(html: str, heading: str) -> list[list[str]]:
    """The cells of the first table after `heading` on the page, tags left out."""
    part = html.split(heading, 1)[1].split("</table>", 1)[0]
    found = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", part, flags=re.S)
    ]
    return [cells for cells in found if cells]  # not the header


def test_the_page_shows_each_figure_as_a_chart_and_a_table(engine: Engine) -> None:
    with desk_site(engine, now=AUGUST) as site:
        tool = answered(site, engine)
        site.sign_in(TAREK)
        home = site.client.get("/desk").text
        assert f'href="{PAGE}"' in home
        assert 'href="/desk/accountability"' in home  # the nav
        assert (
            'href="/desk/accountability/CXB%20CPSS"' in site.client.get("/desk/accountability").text
        )
        page = site.client.get(PAGE)
        assert (
            page.status_code == 200
            and "default-src 'none'" in page.headers["content-security-policy"]
        )
        html = page.text
        assert html.count('<svg class="chart" role="img"') == 6 and "<script" not in html
        assert ["Case Management Task Working Group", "2", "4", "50%"] in rows(
            html, "Completion by"
        )
        assert ["World Food Programme", "1", "1", "100%"] in rows(html, "Completion by")
        assert ">50% (2/4)<" in html  # the chart's label for the same figure
        assert [r[1] for r in rows(html, "Overdue items by age")] == [
            "2",
            "0",
            "0",
            "0",
        ]  # DPISP done, the tool moved
        assert [r[1] for r in rows(html, "Deadlines slipped")] == ["0", "1", "0"]
        assert "1 item had its deadline moved" in html
        worst = rows(html, "Moved most often")
        assert len(worst) == 1 and worst[0][1].startswith(TOOL) and worst[0][2] == "2"
        assert f'href="/desk/register/item/{tool}"' in html
        assert [r[1] for r in rows(html, "Carried over from")] == ["3", "11"]
        assert rows(html, "Updates received by mail link") == [
            ["Case Management Task Working Group", "2", "2"],
            ["UNICEF", "1", "1"],
            ["World Food Programme", "1", "1"],
        ]
        assert "The last meeting was on Mon 19 Jun 2023" in html
        assert rows(html, '<th scope="col">Received</th>') == [
            ["in the last 7 days", "4"],
            ["in the last 30 days", "4"],
            ["since the meeting of 19 Jun 2023", "4"],
            ["in all", "4"],
        ]
        assert [r[1] for r in rows(html, "By answer")] == ["1", "0", "2", "1"]
        other = site.client.get("/desk/accountability/cxb%20cpss")  # any case, like the lists
        assert other.status_code == 200 and "Accountability: CXB CPSS" in other.text


def test_the_page_refuses_no_session_a_forged_one_and_other_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        for cookies in ({}, {COOKIE: "forged.value.x"}):
            with httpx.Client(base_url=site.base, cookies=cookies) as other:
                for path in ("/desk/accountability", PAGE):
                    refused = other.get(path)
                    assert refused.status_code == 303
                    assert "/desk/sign-in" in refused.headers["location"]
        site.sign_in(JENNIFER)
        assert site.client.get(PAGE).status_code == 404
        assert site.client.get("/desk/accountability/Nowhere").status_code == 404
        index = site.client.get("/desk/accountability").text
        assert "CM Standards WG" in index and "CXB CPSS" not in index
        mine = site.client.get("/desk/accountability/CM%20Standards%20WG")
        assert mine.status_code == 200 and "PHAP" in mine.text
        assert "No meeting of this forum" not in mine.text  # it met in 2019
        site.client.cookies.clear()
        site.sign_in(ADMIN)
        assert site.client.get(PAGE).status_code == 200
        assert site.client.get("/desk/accountability/CM%20Standards%20WG").status_code == 200
        index = site.client.get("/desk/accountability").text
        assert "CM Standards WG" in index and "CXB CPSS" in index


def test_an_organisation_named_script_is_shown_escaped(engine: Engine) -> None:
    with desk_site(engine, now=AUGUST) as site:
        evil = "<script>alert(1)</script>"
        with Session(engine) as session:
            wfp = session.exec(select(Organisation).where(Organisation.acronym == "WFP")).one()
            wfp.name = evil
            session.add(wfp)
            session.commit()
        answer(
            site,
            contact="liaison@wfp.example.org",
            item=item_id(engine, "DPISP finalization"),
            what="comment",
            signed=AUGUST,
            comment=evil,
        )
        site.sign_in(TAREK)
        html = site.client.get(PAGE).text
        assert "<script>" not in html
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        assert html.count(escaped) >= 4  # two tables, two charts (and their tooltips)
        assert [escaped, "1", "1"] in rows(html, "Updates received by mail link")
