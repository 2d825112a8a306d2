"""A document's forum is one of the known forums, matched loosely, or the import stops.

The matching table uses forums made up for the test; the import tests run on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from reminder.config.settings import ForumSettings, Settings
from reminder.register.forums import KnownForum, UnknownForum, forum_name, match_forum
from reminder.register.models import ActionPoint, Meeting
from reminder.service import imports as service

NOW = datetime(2024, 3, 20, 9, 0, tzinfo=UTC)

FORUMS = (
    KnownForum("Shelter Working Group (SWG)"),
    KnownForum("Water Sanitation Hygiene Cluster", ("WASH", "Cluster EHA")),
    KnownForum("Education Sector"),
    KnownForum("Nutrition Sector", ("NS",)),
    KnownForum("Nutrition Cluster", ("NC",), configured=False),
    KnownForum("Cash Working Group", configured=False),
)


@pytest.mark.parametrize(
    ("written", "expected", "how"),
    [
        ("Shelter Working Group (SWG)", "Shelter Working Group (SWG)", "exact"),
        ("shelter working-group (swg)", "Shelter Working Group (SWG)", "exact"),
        ("Shelter Working Group (SWG) – Monthly", "Shelter Working Group (SWG)", "loose"),
        ("Shelter Working Group", "Shelter Working Group (SWG)", "loose"),
        ("SWG", "Shelter Working Group (SWG)", "part"),
        ("SWG weekly coordination meeting", "Shelter Working Group (SWG)", "part"),
        ("Monthly SWG meeting minutes", "Shelter Working Group (SWG)", "part"),
        ("SWG – 19 June 2023", "Shelter Working Group (SWG)", "part"),
        ("3rd SWG meeting", "Shelter Working Group (SWG)", "part"),
        ("Réunion mensuelle du SWG", "Shelter Working Group (SWG)", "part"),
        ("Reunión de coordinación SWG", "Shelter Working Group (SWG)", "part"),
        ("Compte rendu de la réunion SWG", "Shelter Working Group (SWG)", "part"),
        ("Water, Sanitation & Hygiene Cluster (WASH)", "Water Sanitation Hygiene Cluster", "loose"),
        ("wash", "Water Sanitation Hygiene Cluster", "exact"),
        ("Cluster ÉHA", "Water Sanitation Hygiene Cluster", "exact"),
        ("WSHC", "Water Sanitation Hygiene Cluster", "initials"),
        ("Education Sector Monthly", "Education Sector", "loose"),
        ("Education Sector – North hub", "Education Sector", "part"),
        ("Shelter Working Group (SWG) – North hub", "Shelter Working Group (SWG)", "part"),
        ("Health Cluster – Education Sector", None, "none"),  # only the first part names it
        ("ES", None, "none"),  # two letters are too few to be initials
        ("Health Sector", None, "none"),
        ("Shelter Cluster", None, "none"),
        ("Education (online)", None, "none"),  # "(online)" is not an acronym
        ("Monthly meeting", None, "none"),
        ("Cash Working Group (CWG) – weekly", "Cash Working Group", "loose"),
        ("NS meeting", "Nutrition Sector", "loose"),
        ("NC", "Nutrition Cluster", "exact"),
        ("Nutrition", None, "none"),
    ],
)
def test_it_matches_a_written_forum_to_a_known_one(
    written: str, expected: str | None, how: str
) -> None:
    found = match_forum(written=written, forums=FORUMS)
    assert (found.forum.name if found.forum else None, found.how) == (expected, how)


def test_it_prefers_the_configured_forum_when_two_match_alike() -> None:
    forums = (KnownForum("Protection Monthly", configured=False), KnownForum("Protection"))
    found = match_forum(written="Protection meeting", forums=forums)
    assert found.forum == KnownForum("Protection")


def test_it_calls_two_configured_forums_that_match_alike_ambiguous() -> None:
    forums = (KnownForum("Health Sector", ("HS",)), KnownForum("Housing Sector", ("HS",)))
    found = match_forum(written="HS monthly", forums=forums)
    assert (found.forum, found.how, len(found.candidates)) == (None, "ambiguous", 2)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Shelter Working Group (SWG) – Monthly", "Shelter Working Group (SWG)"),
        ("Monthly meeting of the Shelter WG", "Shelter WG"),
        ("Réunion mensuelle Groupe Abri", "Groupe Abri"),
        ("Shelter WG, 09.09.2019", "Shelter WG"),
        ("Minutes", None),
    ],
)
def test_a_new_forum_is_named_without_its_frequency_words(written: str, name: str | None) -> None:
    assert forum_name(written) == name


# The register: imports on SQLite and PostgreSQL.

CONFIGURED = Settings(
    forums={
        "Shelter Working Group (SWG)": ForumSettings(
            name="Shelter Working Group (SWG)",
            aliases=("Shelter WG",),
            working_days=(6, 0, 1, 2, 3),
            timezone="Asia/Dhaka",
        )
    }
)


def minutes(
    tmp_path: Path, name: str, title: str, action: str = "UNHCR to share the draft"
) -> Path:
    path = tmp_path / name
    path.write_text(
        f"# {title}\n\nDate: 3 March 2024\n\n## Action points\n- {action} by Friday\n",
        encoding="utf-8",
    )
    return path


def forums_of(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(ActionPoint.forum))) | set(
            session.exec(select(Meeting.forum))
        )


def rows(engine: Engine) -> int:
    with Session(engine) as session:
        actions = session.exec(select(func.count()).select_from(ActionPoint)).one()
        meetings = session.exec(select(func.count()).select_from(Meeting)).one()
    return int(actions) + int(meetings)


def run(engine: Engine, *paths: Path, settings: Settings = CONFIGURED, **kw: object) -> object:
    return service.import_files(
        engine=engine,
        paths=list(paths),
        settings=settings,
        now=NOW,
        **kw,  # type: ignore[arg-type]
    )


def test_it_imports_a_loosely_titled_document_into_the_configured_forum(
    engine: Engine, tmp_path: Path
) -> None:
    run(engine, minutes(tmp_path, "a.md", "Shelter Working Group (SWG) – Monthly"))
    run(engine, minutes(tmp_path, "b.md", "shelter wg meeting", "IOM to map the sites"))
    assert forums_of(engine) == {"Shelter Working Group (SWG)"}
    with Session(engine) as session:
        due = session.exec(select(ActionPoint.due_date).order_by(ActionPoint.id)).first()
    # "by Friday" in a Sunday-Thursday forum is that Thursday: the forum's rules applied.
    assert due is not None and due.isoformat() == "2024-03-07"


def test_it_stops_before_writing_when_a_document_names_no_known_forum(
    engine: Engine, tmp_path: Path
) -> None:
    run(engine, minutes(tmp_path, "a.md", "Shelter WG"))
    before = rows(engine)
    good = minutes(tmp_path, "b.md", "SWG", "IOM to map the sites")
    bad = minutes(tmp_path, "c.md", "Food Security Sector – Monthly", "WFP to share the list")
    with pytest.raises(UnknownForum) as raised:
        run(engine, good, bad)
    message = str(raised.value)
    assert "c.md: forum 'Food Security Sector – Monthly' matches no known forum" in message
    assert "'Shelter Working Group (SWG)' (also: Shelter WG)" in message
    assert "--forum NAME" in message and "--new-forum" in message
    assert "b.md" not in message
    assert not raised.value.usage
    assert rows(engine) == before
    assert forums_of(engine) == {"Shelter Working Group (SWG)"}


def test_forum_chooses_a_known_forum_by_an_alias_in_any_spelling(
    engine: Engine, tmp_path: Path
) -> None:
    path = minutes(tmp_path, "a.md", "Food Security Sector")
    run(engine, path, forum="shelter wg monthly")
    assert forums_of(engine) == {"Shelter Working Group (SWG)"}


def test_an_unknown_forum_option_stops_as_bad_usage(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(UnknownForum) as raised:
        run(engine, minutes(tmp_path, "a.md", "Shelter WG"), forum="Food Security")
    assert raised.value.usage and "--new-forum" in str(raised.value)
    assert rows(engine) == 0


def test_new_forum_creates_the_documents_forum_on_purpose(engine: Engine, tmp_path: Path) -> None:
    known = minutes(tmp_path, "a.md", "SWG monthly")
    new = minutes(tmp_path, "b.md", "Food Security Sector – Monthly", "WFP to share the list")
    summary = run(engine, known, new, new_forum=True)
    assert forums_of(engine) == {"Shelter Working Group (SWG)", "Food Security Sector"}
    assert any("new forum 'Food Security Sector' created" in n for n in summary.notes)  # type: ignore[attr-defined]
    # Known from now on, whatever the spelling.
    run(engine, minutes(tmp_path, "c.md", "food security sector meeting", "WFP to report"))
    assert forums_of(engine) == {"Shelter Working Group (SWG)", "Food Security Sector"}


def test_new_forum_with_forum_creates_that_forum(engine: Engine, tmp_path: Path) -> None:
    run(engine, minutes(tmp_path, "a.md", "Untitled"), forum="Food Security", new_forum=True)
    assert forums_of(engine) == {"Food Security"}


def test_a_fresh_register_creates_the_first_forum_and_says_so(
    engine: Engine, tmp_path: Path
) -> None:
    first = minutes(tmp_path, "a.md", "Shelter Working Group (SWG) – Monthly")
    same = minutes(tmp_path, "b.md", "SWG weekly coordination meeting", "IOM to map the sites")
    summary = run(engine, first, same, settings=Settings())
    assert forums_of(engine) == {"Shelter Working Group (SWG)"}
    notes = [n for n in summary.notes if "new forum" in n]  # type: ignore[attr-defined]
    assert len(notes) == 1 and "new forum 'Shelter Working Group (SWG)' created" in notes[0]
    before = rows(engine)
    with pytest.raises(
        UnknownForum, match="'Shelter Working Group \\(SWG\\)' \\(in the register\\)"
    ):
        run(engine, minutes(tmp_path, "c.md", "Food Security Sector"), settings=Settings())
    assert rows(engine) == before
    again = run(engine, minutes(tmp_path, "d.md", "swg", "NRC to report"), settings=Settings())
    assert not [n for n in again.notes if "new forum" in n]  # type: ignore[attr-defined]


def test_a_fresh_register_takes_every_forum_of_its_first_import(
    engine: Engine, tmp_path: Path
) -> None:
    shelter = minutes(tmp_path, "a.md", "Shelter WG")
    food = minutes(tmp_path, "b.md", "Food Security Sector", "WFP to share the list")
    summary = run(engine, shelter, food, settings=Settings())
    assert forums_of(engine) == {"Shelter WG", "Food Security Sector"}
    assert sum("new forum" in n for n in summary.notes) == 2  # type: ignore[attr-defined]


def test_a_tracker_naming_no_forum_needs_one_where_forums_are_configured(
    engine: Engine, tmp_path: Path
) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Action point,Responsible\nIOM to map the sites,IOM\n", encoding="utf-8")
    with pytest.raises(UnknownForum, match="names no forum, and the default forum 'default'"):
        run(engine, tracker)
    run(engine, tracker, forum="SWG")
    assert forums_of(engine) == {"Shelter Working Group (SWG)"}


def test_forums_that_differ_after_a_dash_are_told_apart_by_that_part() -> None:
    forums = (KnownForum("Shelter WG – North hub"), KnownForum("Shelter WG – South hub"))
    north = match_forum(written="Shelter WG – North hub: monthly", forums=forums)
    assert north.forum == forums[0] and north.how == "loose"
    either = match_forum(written="Shelter WG meeting", forums=forums)
    assert (either.how, either.candidates) == ("ambiguous", forums)
