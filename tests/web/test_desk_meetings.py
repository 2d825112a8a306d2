"""The desk's meetings pages: each forum's upcoming meetings (the register's and its
rule's) and past ones, setting, moving and cancelling a meeting with its author kept;
and what they refuse (no session, a forged form, another forum, bad dates), escaping
what a coordinator typed; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.register.meeting_changes import MeetingChange
from reminder.register.models import Meeting
from reminder.service.forums import forum_meetings
from reminder.web.session import COOKIE
from tests.web.desk_site import ADMIN, TAREK, DeskSite, desk_site, form_token

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
CPSS = "/desk/meetings/forum/CXB%20CPSS"
WG = "/desk/meetings/forum/CM%20Standards%20WG"


def post(site: DeskSite, path: str = CPSS, **data: str) -> httpx.Response:
    token = form_token(site.client.get(CPSS).text)
    return site.client.post(path, data={"csrf": token, **data})


def changes(engine: Engine) -> list[MeetingChange]:
    with Session(engine) as session:
        return list(session.exec(select(MeetingChange).order_by(MeetingChange.id)))  # type: ignore[arg-type]


def planned(site: DeskSite) -> list[date]:
    with Session(site.engine) as session:
        rules = site.settings.forum("CXB CPSS")
        return forum_meetings(session=session, rules=rules, start=date(2023, 7, 20))


def test_the_meetings_pages_list_the_forums_upcoming_and_past_meetings(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        index = site.client.get("/desk/meetings").text
        assert "CXB CPSS" in index and "Mon 21 Aug 2023" in index and "CM Standards WG" not in index
        page = site.client.get(CPSS).text
        assert "Meetings of CXB CPSS" in page and "FREQ=MONTHLY;BYDAY=+3MO" in page
        upcoming = page.split('id="upcoming"')[1].split("</table>")[0]
        assert "Mon 21 Aug 2023" in upcoming and "Mon 18 Sep 2023" in upcoming
        assert "by the forum's rule" in upcoming
        past = page.split('id="past"')[1].split("</table>")[0]
        assert "Mon 19 Jun 2023" in past and "2023-06-19_cxb-cpss.md" in past
        site.client.cookies.clear()
        site.sign_in(ADMIN)
        assert "CM Standards WG" in site.client.get("/desk/meetings").text
        assert site.client.get(WG).status_code == 200


def test_a_coordinator_sets_moves_and_cancels_meetings_each_change_kept(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        done = post(site, do="set", day="2023-08-02", starts="14:00", place="Camp 4 office")
        assert done.status_code == 303 and done.headers["location"] == f"{CPSS}?done=set"
        assert post(site, do="move", day="2023-08-21", to="2023-08-28").status_code == 303
        cancelled = post(site, do="cancel", day="2023-09-18", note="Eid holidays")
        assert cancelled.status_code == 303
        page = site.client.get(cancelled.headers["location"]).text
        assert "The meeting was cancelled." in page
        assert "Wed 02 Aug 2023</strong> 14:00" in page and "Camp 4 office" in page
        assert "moved to 28 Aug 2023" in page and "cancelled" in page
        log = page.split('id="changes"')[1]
        assert "moved 21 Aug 2023 to 28 Aug 2023" in log and "Eid holidays" in log
        assert f"coordinator {TAREK}" in log
        kept = changes(engine)
        assert [c.what for c in kept] == ["set", "move", "cancel"]
        assert {c.author for c in kept} == {f"coordinator {TAREK}"}
        days = planned(site)
        assert days[:3] == [date(2023, 8, 2), date(2023, 8, 28), date(2023, 10, 16)]
        with Session(engine) as session:
            rows = {m.date: m for m in session.exec(select(Meeting))}
        assert rows[date(2023, 9, 18)].cancelled and rows[date(2023, 8, 21)].cancelled
        assert rows[date(2023, 8, 21)].moved_to == date(2023, 8, 28)  # kept, not deleted
        again = post(site, do="set", day="2023-09-18")  # held after all
        assert again.status_code == 303 and date(2023, 9, 18) in planned(site)


def test_bad_dates_and_times_are_a_clear_400_and_change_nothing(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        wrong = [
            ({"do": "set", "day": "next week"}, "the date &#39;next week&#39; cannot be read"),
            ({"do": "set", "day": "2023-07-01"}, "01 Jul 2023 is in the past"),
            ({"do": "set", "day": "2023-08-02", "starts": "noon"}, "&#39;noon&#39; cannot be read"),
            ({"do": "move", "day": "2023-08-22", "to": "2023-08-28"}, "no meeting on 22 Aug 2023"),
            ({"do": "move", "day": "2023-08-21", "to": "soon"}, "new date &#39;soon&#39; cannot"),
            ({"do": "move", "day": "2023-08-21", "to": "2023-08-21"}, "already on 21 Aug 2023"),
            ({"do": "cancel", "day": "2023-08-22"}, "no meeting on 22 Aug 2023 to cancel"),
            ({"do": "drop", "day": "2023-08-21"}, "&#39;drop&#39; is not a change"),
        ]
        for data, said in wrong:
            answer = post(site, **data)
            assert answer.status_code == 400, data
            assert "Nothing was changed" in answer.text and said in answer.text, data
        assert changes(engine) == []
        assert planned(site)[0] == date(2023, 8, 21)


def test_pages_and_forms_refuse_no_session_forged_forms_and_other_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        form = {"do": "cancel", "day": "2023-08-21"}
        for cookies in ({}, {COOKIE: "forged.value.x"}):
            with httpx.Client(base_url=site.base, cookies=cookies) as other:
                for path in ("/desk/meetings", CPSS):
                    answer = other.get(path)
                    assert answer.status_code == 303
                    assert "/desk/sign-in" in answer.headers["location"]
                answer = other.post(CPSS, data=form)
                assert answer.status_code == 303 and "/desk/sign-in" in answer.headers["location"]
        site.sign_in(TAREK)
        token = form_token(site.client.get(CPSS).text)
        for csrf in ("", "wrong", token[:-2] + "xx"):
            assert site.client.post(CPSS, data={"csrf": csrf, **form}).status_code == 403
        assert site.client.get(WG).status_code == 404
        assert site.client.get("/desk/meetings/forum/Nowhere").status_code == 404
        theirs = {"csrf": token, "do": "set", "day": "2023-08-30"}
        assert site.client.post(WG, data=theirs).status_code == 404
        assert changes(engine) == [] and planned(site)[0] == date(2023, 8, 21)


def test_a_place_and_a_note_are_shown_escaped(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        evil = "<script>alert(1)</script>"
        assert post(site, do="set", day="2023-08-02", place=evil, note=evil).status_code == 303
        for path in (CPSS, "/desk/meetings"):
            html = site.client.get(path).text
            assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
