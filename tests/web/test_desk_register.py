"""The desk's register pages: lists by forum, organisation and owner with their filters,
the item page and its edits, bulk actions; and what they refuse (no session, a forged
form, another forum's items), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.register.history import history_of
from reminder.register.models import ActionPoint, Organisation
from reminder.web import lists
from reminder.web.session import COOKIE
from tests.web.desk_site import JENNIFER, TAREK, DeskSite, desk_site, form_token

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
AUGUST = datetime(2023, 8, 20, 9, 0, tzinfo=UTC)  # four CPSS items are overdue by then
CPSS = "/desk/register/forum/CXB%20CPSS"


def item_id(engine: Engine, starts: str) -> int:
    with Session(engine) as session:
        found = session.exec(select(ActionPoint).where(col(ActionPoint.text).startswith(starts)))
        action = found.first()
        assert action is not None and action.id is not None
        return action.id


def ids_on(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'name="id" value="(\d+)"', html)]


def edit(site: DeskSite, number: int, **data: str) -> httpx.Response:
    token = form_token(site.client.get(f"/desk/register/item/{number}").text)
    return site.client.post(f"/desk/register/item/{number}", data={"csrf": token, **data})


def test_a_forums_list_counts_and_filters_its_items(engine: Engine) -> None:
    with desk_site(engine, now=AUGUST) as site:
        site.sign_in(TAREK)
        index = site.client.get("/desk/register").text
        assert "CXB CPSS" in index and "CM Standards WG" not in index
        assert "Case Management Task Working Group" in index and "CPSS coordination team" in index
        page = site.client.get(CPSS).text
        assert "Open 12" in page and "In progress 3" in page and "Done 7" in page
        assert "Overdue 4" in page and len(ids_on(page)) == 15  # open or in progress
        late = site.client.get(CPSS, params={"overdue": "1"}).text
        assert len(ids_on(late)) == 4 and "days late" in late
        before = site.client.get(CPSS, params={"before": "2023-08-01"}).text
        assert len(ids_on(before)) == 2
        undated = site.client.get(CPSS, params={"nodate": "1", "status": "all"}).text
        assert len(ids_on(undated)) == 15
        found = site.client.get(CPSS, params={"q": "training SERIES"}).text
        assert len(ids_on(found)) == 3
        done = site.client.get(CPSS, params={"status": "done"}).text
        assert len(ids_on(done)) == 7
        wrong = site.client.get(CPSS, params={"before": "soon", "status": "x"}).text
        assert "cannot be read" in wrong and len(ids_on(wrong)) == 15


def test_lists_by_organisation_and_owner_keep_to_the_users_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        with Session(engine) as session:
            cmtwg = session.exec(select(Organisation).where(Organisation.acronym == "CMTWG")).one()
        site.sign_in(TAREK)
        page = site.client.get(f"/desk/register/organisation/{cmtwg.id}").text
        assert len(ids_on(page)) == 3  # CMTWG's ToR, TOR, and the DPISP (with CPSS)
        site.client.cookies.clear()
        site.sign_in(JENNIFER)
        assert ids_on(site.client.get(f"/desk/register/organisation/{cmtwg.id}").text) == []
        index = site.client.get("/desk/register").text
        markus = re.search(r'href="(/desk/register/owner/contact/\d+)">Markus', index)
        assert markus is not None
        assert len(ids_on(site.client.get(markus.group(1)).text)) == 2
        assert site.client.get("/desk/register/forum/CXB%20CPSS").status_code == 404
        assert site.client.get("/desk/register/owner/nobody/1").status_code == 404


def test_a_long_list_shows_a_page_and_a_link_to_the_next(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE", 5)
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        first = site.client.get(CPSS, params={"status": "all"}).text
        assert "22 items match; showing 1–5" in first and "Show more" in first
        nxt = re.search(r'href="([^"]+)">Show more', first)
        assert nxt is not None
        second = site.client.get(nxt.group(1).replace("&amp;", "&")).text
        assert "showing 6–10" in second and not set(ids_on(first)) & set(ids_on(second))


def test_the_item_page_shows_the_item_its_sources_and_its_history(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        number = item_id(engine, "Online training series will be ready to use by CPSS actors")
        page = site.client.get(f"/desk/register/item/{number}").text
        assert "Mid Aug" in page and "Tue 15 Aug 2023" in page and "CPSS Coordination team" in page
        assert "2023-06-19_cxb-cpss.md" in page and "line 81" in page
        assert "History (" in page and "import" in page


def test_edits_from_the_item_page_are_recorded_as_the_coordinators_from_the_desk(
    engine: Engine,
) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        number = item_id(engine, "CMTWG TOR is to be finalized")
        done = edit(site, number, field="status", value="done", note="seen at the meeting")
        assert done.status_code == 303 and "verdict=applied" in done.headers["location"]
        assert edit(site, number, field="due", value="2023-09-01").status_code == 303
        assert edit(site, number, field="text", value="CMTWG ToR finalised").status_code == 303
        assert edit(site, number, field="owners", value="Nobody Known").status_code == 303
        page = site.client.get(f"/desk/register/item/{number}").text
        assert "CMTWG ToR finalised" in page and "Fri 01 Sep 2023" in page
        assert 'Nobody Known → <span class="late">unresolved</span>' in page
        with Session(engine) as session:
            mine = [e for e in history_of(session=session, action_id=number) if e.source == "desk"]
        assert {e.field for e in mine} == {"status", "due", "text", "owners", "status change"}
        assert {e.author for e in mine} == {f"coordinator {TAREK}"}
        unresolved = site.client.get(CPSS, params={"unresolved": "1", "status": "all"}).text
        assert ids_on(unresolved) == [number]
        bad = edit(site, number, field="due", value="next week")
        assert bad.status_code == 400 and "cannot be read" in bad.text


def test_bulk_actions_mark_done_set_a_date_and_merge_nothing_deleted(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        page = site.client.get(CPSS, params={"q": "training series"})
        a, b, c = ids_on(page.text)
        token = form_token(page.text)
        dated = site.client.post(
            "/desk/register/bulk",
            data={"csrf": token, "id": [a, b], "do": "due", "due": "2023-10-01", "back": CPSS},
        )
        assert dated.status_code == 303 and dated.headers["location"].endswith("changed=2")
        merged = site.client.post(
            "/desk/register/bulk", data={"csrf": token, "id": [a, b, c], "do": "merge"}
        )
        assert merged.status_code == 303
        done = site.client.post(
            "/desk/register/bulk", data={"csrf": token, "id": [a], "do": "done"}
        )
        assert done.status_code == 303
        with Session(engine) as session:
            rows = {x.id: x for x in session.exec(select(ActionPoint))}
        assert len(rows) == 32 and rows[a].status == "done"
        assert rows[b].merged_into == a and rows[c].merged_into == a
        left = site.client.get(CPSS, params={"q": "training series", "status": "all"}).text
        assert ids_on(left) == [a]
        empty = site.client.post("/desk/register/bulk", data={"csrf": token, "do": "done"})
        assert empty.status_code == 400 and "pick at least one" in empty.text


def test_pages_and_forms_refuse_no_session_forged_forms_and_other_forums(engine: Engine) -> None:
    with desk_site(engine) as site:
        mine = item_id(engine, "CMTWG TOR is to be finalized")
        theirs = item_id(engine, "Markus to revise survey")
        gets = ["/desk/register", CPSS, f"/desk/register/item/{mine}"]
        posts = [f"/desk/register/item/{mine}", "/desk/register/bulk"]
        for cookies in ({}, {COOKIE: "forged.value.x"}):
            with httpx.Client(base_url=site.base, cookies=cookies) as other:
                for path in gets:
                    answer = other.get(path)
                    assert (
                        answer.status_code == 303 and "/desk/sign-in" in answer.headers["location"]
                    )
                for path in posts:
                    answer = other.post(path, data={"field": "status", "value": "done", "id": mine})
                    assert (
                        answer.status_code == 303 and "/desk/sign-in" in answer.headers["location"]
                    )
        site.sign_in(TAREK)
        token = form_token(site.client.get(f"/desk/register/item/{mine}").text)
        for csrf in ("", "wrong", token[:-2] + "xx"):
            form = {"csrf": csrf, "field": "status", "value": "done", "id": str(mine), "do": "done"}
            assert site.client.post(f"/desk/register/item/{mine}", data=form).status_code == 403
            assert site.client.post("/desk/register/bulk", data=form).status_code == 403
        assert site.client.get(f"/desk/register/item/{theirs}").status_code == 404
        form = {"csrf": token, "field": "status", "value": "done"}
        assert site.client.post(f"/desk/register/item/{theirs}", data=form).status_code == 404
        both = {"csrf": token, "id": [mine, theirs], "do": "done"}
        assert site.client.post("/desk/register/bulk", data=both).status_code == 404
        merge_in = {"csrf": token, "id": [mine], "do": "merge", "keep": str(theirs)}
        assert site.client.post("/desk/register/bulk", data=merge_in).status_code == 404
        with Session(engine) as session:
            statuses = {a.id: a.status for a in session.exec(select(ActionPoint))}
        assert statuses[mine] == "open" and statuses[theirs] == "open"  # nothing changed
        assert site.client.get("/desk/register/item/99999").status_code == 404


def test_user_text_is_escaped_on_the_lists_and_the_item_page(engine: Engine) -> None:
    with desk_site(engine) as site:
        site.sign_in(TAREK)
        number = item_id(engine, "CMTWG TOR is to be finalized")
        evil = "<script>alert(1)</script>"
        assert edit(site, number, field="text", value=evil).status_code == 303
        assert edit(site, number, field="owners", value=f"{evil} team").status_code == 303
        for path in (f"/desk/register/item/{number}", CPSS, f"{CPSS}?q=%3Cscript"):
            html = site.client.get(path).text
            assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
