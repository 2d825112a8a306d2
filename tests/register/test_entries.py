"""Coordinators' directory edits: validated, recorded with their author, owners re-resolved."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.errors import InputError
from reminder.register import entries as edits
from reminder.register.engine import transaction
from reminder.register.models import ActionOwner, Contact, DirectoryChange, GroupMember
from reminder.register.reach import load_reach
from reminder.register.roster import directory_listing
from reminder.service import imports as service
from tests.register.test_evidence import SETTINGS

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
WHO = "coordinator ana@example.org"
TRACKER = "Action,Responsible,Status\nFix the pumps,WASH,\nTest the water,Rosa Diaz,\n"


@pytest.fixture
def register(engine: Engine, tmp_path: Path) -> Engine:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    service.import_files(
        engine=engine,
        paths=[path],
        settings=SETTINGS,
        now=NOW,
        meeting_date=date(2026, 12, 1),
        forum="WASH",
    )
    return engine


def owners(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {o.name: o.kind for o in session.exec(select(ActionOwner))}


def changes(engine: Engine) -> list[DirectoryChange]:
    with Session(engine) as session:
        return list(session.exec(select(DirectoryChange)))


def add_org(session: Session, **values: object) -> tuple[int, object]:
    given = {"organisation_id": None, "name": "Water Cluster", "acronym": "", "aliases": []}
    return edits.save_organisation(session=session, author=WHO, now=NOW, **{**given, **values})  # type: ignore[arg-type]


def test_an_alias_resolves_an_owner_at_once_and_is_recorded(register: Engine) -> None:
    assert owners(register) == {"WASH": "unresolved", "Rosa Diaz": "unresolved"}
    with transaction(register) as session:
        number, _ = add_org(session)
    with transaction(register) as session:
        _, summary = add_org(session, organisation_id=number, aliases=["WASH", "W.A.S.H"])
    assert owners(register)["WASH"] == "organisation"
    assert summary.owners_resolved == 1  # type: ignore[attr-defined]
    [added, edited] = changes(register)
    assert (added.change, edited.change, edited.author) == ("added", "edited", WHO)
    assert edited.detail["before"]["aliases"] == []
    assert edited.detail["after"]["aliases"] == ["WASH", "W.A.S.H"]


def test_a_name_taken_by_another_organisation_is_refused(register: Engine) -> None:
    with transaction(register) as session:
        add_org(session)
        other, _ = add_org(session, name="Health Cluster")
    with (
        pytest.raises(InputError, match="already in the directory"),
        transaction(register) as session,
    ):
        add_org(session, organisation_id=other)
    assert len(changes(register)) == 2


def contact(session: Session, **values: object) -> tuple[int, object]:
    given = {
        "contact_id": None,
        "name": "Rosa Diaz",
        "email": "Rosa@Example.org",
        "organisation_id": None,
        "roles": ["focal point"],
        "aliases": [],
        "groups": [],
    }
    return edits.save_contact(session=session, author=WHO, now=NOW, **{**given, **values})  # type: ignore[arg-type]


def test_a_bad_email_is_refused_and_nothing_written(register: Engine) -> None:
    with (
        pytest.raises(InputError, match="'rosa at example' is not valid"),
        transaction(register) as session,
    ):
        contact(session, email="rosa at example")
    with Session(register) as session:
        assert session.exec(select(Contact)).all() == []
    assert changes(register) == []


def test_a_contact_resolves_then_deactivated_no_longer_does(register: Engine) -> None:
    with transaction(register) as session:
        number, _ = contact(session)
    assert owners(register)["Rosa Diaz"] == "contact"
    with Session(register) as session:
        person = session.get(Contact, number)
        assert person is not None and person.email == "Rosa@example.org"
        assert person.roles == ["focal_point"]
    with pytest.raises(InputError, match="already the address"), transaction(register) as s:
        contact(s, name="Another Rosa", email="rosa@example.org")
    with transaction(register) as session:
        edits.set_active(session=session, contact_id=number, active=False, author=WHO, now=NOW)
    assert owners(register)["Rosa Diaz"] == "unresolved"
    with Session(register) as session:
        assert session.get(Contact, number) is not None  # kept, not deleted
    assert [c.change for c in changes(register)] == ["added", "deactivated"]


def test_a_group_and_its_members(register: Engine) -> None:
    with transaction(register) as session:
        rosa, _ = contact(session)
        ben, _ = contact(session, name="Ben Ode", email="ben@example.org")
        team, _ = edits.save_group(
            session=session,
            group_id=None,
            name="WASH task team",
            aliases=["WASH"],
            members=[rosa, ben],
            author=WHO,
            now=NOW,
        )
    assert owners(register)["WASH"] == "group"
    with transaction(register) as session:
        edits.save_group(
            session=session,
            group_id=team,
            name="WASH task team",
            aliases=["WASH"],
            members=[ben],
            author=WHO,
            now=NOW,
        )
    with Session(register) as session:
        assert [m.contact_id for m in session.exec(select(GroupMember))] == [ben]
    last = changes(register)[-1]
    assert (last.detail["before"]["members"], last.detail["after"]["members"]) == (
        [rosa, ben],
        [ben],
    )
    with pytest.raises(InputError, match="no contact #99"), transaction(register) as session:
        edits.save_group(
            session=session, group_id=team, name="T", aliases=[], members=[99], author=WHO, now=NOW
        )


def test_the_listing_searches_names_aliases_and_addresses(register: Engine) -> None:
    with transaction(register) as session:
        org, _ = add_org(session, acronym="WC", aliases=["Eau"])
        contact(session, organisation_id=org)
    with Session(register) as session:
        found = directory_listing(session=session, search="eau")
        assert [o.name for o in found.organisations] == ["Water Cluster"]
        assert found.contacts == []
        found = directory_listing(session=session, search="rosa@EXAMPLE")
        assert [c.organisation for c in found.contacts] == ["Water Cluster"]
        assert [c.change for c in found.changes] == ["added", "added"]


def test_an_inactive_contact_reaches_no_one(register: Engine) -> None:
    with transaction(register) as session:
        rosa, _ = contact(session)
        edits.save_group(
            session=session,
            group_id=None,
            name="WASH task team",
            aliases=[],
            members=[rosa],
            author=WHO,
            now=NOW,
        )
        edits.set_active(session=session, contact_id=rosa, active=False, author=WHO, now=NOW)
    with Session(register) as session:
        reach = load_reach(session)
    assert rosa not in reach.people and all(rosa not in m for m in reach.members.values())
