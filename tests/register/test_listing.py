"""The desk's register lists are filtered, counted and paged in the database, within the
viewer's forums; desk edits and merges are evidence from "desk" like any other."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.config.load import load_settings
from reminder.register import edits, history, merging
from reminder.register.directory import load_directory
from reminder.register.engine import transaction
from reminder.register.evidence import current_label, of_desk
from reminder.register.listing import Criteria, Scope, find_items, owner_tallies
from reminder.register.models import ActionPoint, Organisation
from tests.registers import all_minutes, seed

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
NOW = datetime(2023, 8, 20, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
ACTIVE = Criteria()
BOTH = ("CXB CPSS", "CM Standards WG")


@pytest.fixture
def register(engine: Engine) -> Engine:
    settings = load_settings(config_path=Path("config/reminder.toml"), environ={})
    seed(engine, settings, now=NOW, minutes=all_minutes())
    return engine


def items(engine: Engine, scope: Scope, criteria: Criteria = ACTIVE, **page: int) -> list[int]:
    with Session(engine) as session:
        found = find_items(
            session=session,
            scope=scope,
            criteria=criteria,
            today=TODAY,
            offset=page.get("offset", 0),
            limit=page.get("limit", 100),
        )
    return [i.id for i in found.items]


def test_a_list_keeps_to_the_viewers_forums(register: Engine) -> None:
    assert len(items(register, Scope(forums=BOTH))) == 25  # 15 CPSS + 10 CM, active
    assert len(items(register, Scope(forums=("CXB CPSS",), forum="CM Standards WG"))) == 0
    assert items(register, Scope(forums=())) == []


def test_filters_and_counts(register: Engine) -> None:
    cpss = Scope(forums=BOTH, forum="CXB CPSS")
    assert len(items(register, cpss, Criteria(overdue=True))) == 4
    assert len(items(register, cpss, Criteria(due_before=date(2023, 8, 1)))) == 2
    assert len(items(register, cpss, Criteria(status="all", undated=True))) == 15
    assert len(items(register, cpss, Criteria(text="  Training   SERIES "))) == 3
    assert items(register, cpss, Criteria(text="%")) == []  # a wildcard is a character
    assert items(register, cpss, Criteria(unresolved=True)) == []
    with Session(register) as session:
        listing = find_items(
            session=session, scope=cpss, criteria=Criteria(), today=TODAY, offset=10, limit=10
        )
    assert (listing.total, len(listing.items)) == (15, 5)
    c = listing.counts
    assert (c.open, c.in_progress, c.done, c.cancelled, c.overdue) == (12, 3, 7, 0, 4)


def test_an_organisation_counts_its_peoples_items(register: Engine) -> None:
    with Session(register) as session:
        iom = session.exec(select(Organisation).where(col(Organisation.acronym) == "IOM")).one()
        tallies = owner_tallies(session=session, forums=BOTH, today=TODAY)
    assert iom.id is not None
    by_org = {t.name: t.active for t in tallies["organisation"]}
    assert by_org[iom.name] == 4  # Jennifer's three and Frank's one
    assert len(items(register, Scope(forums=BOTH, organisation_id=iom.id))) == 4
    assert {t.name: t.active for t in tallies["contact"]}["Markus"] == 2
    assert len(items(register, Scope(forums=("CXB CPSS",), organisation_id=iom.id))) == 0


def test_desk_edits_and_merges_come_from_the_desk_and_delete_nothing(register: Engine) -> None:
    cpss = Scope(forums=BOTH, forum="CXB CPSS")
    a, b, c = items(register, cpss, Criteria(text="training series"))
    who = "tarek.akkad@cpss.example.org"
    with transaction(register) as session:
        evidence = of_desk(who=who, now=NOW)
        edits.change_owners(
            session=session,
            action_id=a,
            owners=["Nobody Known"],
            directory=load_directory(session),
            author=who,
            now=NOW,
            evidence=evidence,
        )
        merging.merge_many(
            session=session, keep=a, absorb=[b, c, b], author=who, now=NOW, evidence=evidence
        )
    assert items(register, cpss, Criteria(unresolved=True)) == [a]
    with Session(register) as session:
        assert len(session.exec(select(ActionPoint)).all()) == 32
        kept = session.get(ActionPoint, a)
        assert kept is not None
        label = current_label(session=session, action=kept, field="owners")
        mine = [e for e in history.history_of(session=session, action_id=a) if e.source == "desk"]
        places = history.sources_of(session=session, action_id=a)
    assert label == f"{who}'s desk edit of 20 Aug 2023"
    assert {e.field for e in mine} == {"owners", "merge"} and len(mine) == 3
    assert {e.author for e in mine} == {f"coordinator {who}"}
    assert places and all(p.where != "desk" for p in places)
    assert items(register, cpss, Criteria(text="training series")) == [a]
