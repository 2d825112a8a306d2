"""The snapshot carries each item's tracker id and its owner groups, for the mails."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.config.load import load_settings
from reminder.register.load import load_snapshot
from reminder.service import imports as service
from tests.registers import all_minutes, seed

ROOT = Path(__file__).parents[2]
NOW = datetime(2023, 7, 20, 3, 0, tzinfo=UTC)


def test_items_carry_the_trackers_id_and_their_owner_groups(engine: Engine) -> None:
    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    tracker = ROOT / "tests" / "fixtures" / "trackers" / "cpss_tracker.xlsx"
    minutes = ROOT / "examples" / "minutes" / "2019-09-09_cm-standards-wg.txt"
    for path, forum in ((tracker, "CXB CPSS"), (minutes, None)):
        service.import_files(
            engine=engine, paths=[path], settings=settings, now=NOW, today=NOW.date(), forum=forum
        )
    with Session(engine) as session:
        snapshot = load_snapshot(
            session=session, forum=None, coordinators=(), now=NOW, timezone="UTC"
        )
    items = [p.item for p in snapshot.items]
    tracked = [i for i in items if i.source.endswith("cpss_tracker.xlsx")]
    assert tracked and all(i.ref and i.number == i.ref for i in tracked)
    written = [i for i in items if not i.source.endswith(".xlsx")]
    assert written and all(i.ref is None and i.number == f"#{i.id}" for i in written)
    grouped = [i for i in items if i.owners == ("WG members",)]
    assert grouped and all(i.groups == ("WG members",) for i in grouped)


def test_digests_read_only_the_items_they_show_and_plan_the_same(engine: Engine) -> None:
    from reminder.planning.plan import digest_horizon, plan_digests
    from reminder.register.reach import load_reach
    from reminder.register.snapshot import contact_chunks

    settings = load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})
    seed(engine, settings, now=NOW, minutes=all_minutes())
    rules = settings.defaults
    with Session(engine) as session:
        reach = load_reach(session)
        [contacts] = contact_chunks(directory=reach, size=10_000)
        common = {"session": session, "forum": None, "coordinators": (), "now": NOW}
        every = load_snapshot(**common, timezone=rules.timezone, contacts=contacts, reach=reach)
        due_by = digest_horizon(NOW, rules, ())
        shown = load_snapshot(
            **common, timezone=rules.timezone, contacts=contacts, reach=reach, open_due_by=due_by
        )
    assert len(shown.items) < len(every.items)
    assert all(p.item.due_date is None or p.item.due_date <= due_by for p in shown.items)
    assert plan_digests(shown, rules, NOW) == plan_digests(every, rules, NOW)
    assert plan_digests(shown, rules, NOW)
