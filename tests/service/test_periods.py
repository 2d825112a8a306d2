"""Digest periods follow the forum's working week, on SQLite and PostgreSQL.

Forum: the CPSS in Cox's Bazar, Sunday-Thursday, Bangladesh holidays, Asia/Dhaka, digests
on Sunday at 09:00; the CM Standards WG has no table of its own, so it works Monday to
Friday in UTC. Manual runs are `send_notices` as `reminder send digests --now` calls it;
scheduled ones are the service's passes.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.service import imports as import_service
from reminder.service.notify import RunSummary, send_notices
from reminder.service.scheduler import Service

ROOT = Path(__file__).parents[2]
DHAKA = ZoneInfo("Asia/Dhaka")
TAREK = "tarek.akkad@cpss.example.org"  # owns items of the CPSS only
JENNIFER = "jennifer@iom.example.org"  # here made a CPSS partner too: items in both forums
# The members of the CM Standards WG, whose first forum by name works Monday to Friday.
CM_WG = {
    JENNIFER,
    "frank@iom.example.org",
    "markus@phap.example.org",
    "gebre@drc.example.org",
    "jo@nrc.example.org",
    "alisa@unhcr.example.org",
}
CONFIG = """
[forums."CXB CPSS"]
aliases = ["CPSS"]
working_days = ["sun", "mon", "tue", "wed", "thu"]
timezone = "Asia/Dhaka"
country = "BD"
coordinators = ["tarek.akkad@cpss.example.org"]

[forums."CXB CPSS".schedule]
digest = "sun 09:00"
escalations = "off"
pre_meeting = "off"
report = "off"
catch_up_hours = 24
"""


class Always:
    def try_acquire(self) -> bool:
        return True

    def release(self) -> None:
        pass


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "reminder.toml"
    path.write_text(CONFIG)
    return load_settings(config_path=path, environ={})


@pytest.fixture
def register(engine: Engine, settings: Settings, tmp_path: Path) -> Engine:
    directory = (ROOT / "examples" / "directory.csv").read_text(encoding="utf-8")
    directory = directory.replace(
        "Jennifer,jennifer@iom.example.org,International Organization for Migration (IOM),"
        "focal point,,WG members",
        "Jennifer,jennifer@iom.example.org,International Organization for Migration (IOM),"
        "focal point,,WG members; CPSS Partners",
    )
    (tmp_path / "directory.csv").write_text(directory, encoding="utf-8")
    import_service.import_contacts(engine=engine, path=tmp_path / "directory.csv")
    start = datetime(2023, 8, 1, tzinfo=UTC)
    import_service.import_files(
        engine=engine,
        paths=sorted((ROOT / "examples" / "minutes").iterdir()),
        settings=settings,
        now=start,
        today=start.date(),
        new_forum=True,  # the CM Standards WG is not configured here: created on purpose
    )
    return engine


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=DHAKA)


def manual(engine: Engine, settings: Settings, mailer: MemoryMailer, at: datetime) -> RunSummary:
    """`reminder send digests --now AT`, run at AT."""
    return asyncio.run(
        send_notices(
            engine=engine,
            settings=settings,
            kind=Kind.DIGEST,
            now=at,
            as_of=at,
            env=make_environment(),
            mailer=mailer,
            run_id=f"manual-{at.isoformat()}",
        )
    )


def scheduled(engine: Engine, settings: Settings, mailer: MemoryMailer, at: datetime) -> None:
    """One pass of `reminder serve` at AT."""
    service = Service(
        engine=engine,
        settings=settings,
        mailer=mailer,
        env=make_environment(),
        instance="test",
        leader=Always(),
    )
    asyncio.run(service.run_due(at))


def digests_to(mailer: MemoryMailer, email: str) -> list[str]:
    return [m.key for m in mailer.sent if m.kind is Kind.DIGEST and email in m.recipients]


def days_sent_to(mailer: MemoryMailer, email: str) -> list[date]:
    """The local days (Dhaka) of the digests `email` got, from their Date headers."""
    return [
        parsedate_to_datetime(str(m.message["Date"])).astimezone(DHAKA).date()
        for m in mailer.sent
        if m.kind is Kind.DIGEST and email in m.recipients
    ]


def test_it_sends_a_manual_tuesday_digest_and_still_the_scheduled_sunday_one(
    register: Engine, settings: Settings
) -> None:
    mailer = MemoryMailer()
    # Tuesday 22 August 2023 is in the CPSS week of Sunday 20; Sunday 27 starts the next.
    manual(register, settings, mailer, local(date(2023, 8, 22), 10))
    scheduled(register, settings, mailer, local(date(2023, 8, 27), 9, 30))
    assert days_sent_to(mailer, TAREK) == [date(2023, 8, 22), date(2023, 8, 27)]
    assert digests_to(mailer, TAREK) == [
        f"digest:{TAREK}:2023-08-20",
        f"digest:{TAREK}:2023-08-27",
    ]


def test_it_sends_nothing_on_a_second_manual_run_in_the_same_working_week(
    register: Engine, settings: Settings
) -> None:
    mailer = MemoryMailer()
    # Sunday 20 and Tuesday 22 August are one CPSS week, though two ISO weeks.
    first = manual(register, settings, mailer, local(date(2023, 8, 20), 10))
    second = manual(register, settings, mailer, local(date(2023, 8, 22), 10))
    assert first.sent == first.planned > 0
    assert days_sent_to(mailer, TAREK) == [date(2023, 8, 20)]
    assert digests_to(mailer, TAREK) == [f"digest:{TAREK}:2023-08-20"]
    # Only the Monday-Friday forum's people are in a new week on Tuesday 22.
    again = {r for m in mailer.sent[first.sent :] for r in m.recipients}
    assert again == CM_WG
    assert second.already_sent == first.planned - len(CM_WG) > 0


def test_a_digest_moved_by_a_holiday_keeps_its_week_and_leaves_the_next_weeks_alone(
    register: Engine, settings: Settings
) -> None:
    mailer = MemoryMailer()
    # Sunday 17 March 2024 is a public holiday in Bangladesh: that digest goes on Monday 18,
    # in the week of Sunday 17, after a manual run in the week before. A manual run on
    # Tuesday 19 is then in the week that already had its digest; Sunday 24 starts the next.
    manual(register, settings, mailer, local(date(2024, 3, 12), 10))
    scheduled(register, settings, mailer, local(date(2024, 3, 17), 9, 30))
    assert days_sent_to(mailer, TAREK) == [date(2024, 3, 12)], "no digest on a holiday"
    scheduled(register, settings, mailer, local(date(2024, 3, 18), 9, 30))
    again = manual(register, settings, mailer, local(date(2024, 3, 19), 10))
    scheduled(register, settings, mailer, local(date(2024, 3, 24), 9, 30))
    assert days_sent_to(mailer, TAREK) == [date(2024, 3, 12), date(2024, 3, 18), date(2024, 3, 24)]
    assert digests_to(mailer, TAREK) == [
        f"digest:{TAREK}:2024-03-10",
        f"digest:{TAREK}:2024-03-17",
        f"digest:{TAREK}:2024-03-24",
    ]
    assert again.sent == len(CM_WG), "only those whose week started on Monday 18"


def test_a_contact_with_items_in_two_forums_counts_in_the_week_of_the_first_by_name(
    register: Engine, settings: Settings
) -> None:
    mailer = MemoryMailer()
    # Jennifer's items are in "CM Standards WG" (Monday-Friday, UTC) and "CXB CPSS": her
    # digest of Tuesday 22 August is in the week of Monday 21, and so is the CPSS's
    # scheduled Sunday 27 (still Sunday in UTC): she gets one digest that week, Tarek two.
    manual(register, settings, mailer, local(date(2023, 8, 22), 10))
    scheduled(register, settings, mailer, local(date(2023, 8, 27), 9, 30))
    assert days_sent_to(mailer, JENNIFER) == [date(2023, 8, 22)]
    assert digests_to(mailer, JENNIFER) == [f"digest:{JENNIFER}:2023-08-21"]
    assert len(digests_to(mailer, TAREK)) == 2
    # The CPSS's next Sunday is in her next week.
    scheduled(register, settings, mailer, local(date(2023, 9, 3), 9, 30))
    assert digests_to(mailer, JENNIFER)[-1] == f"digest:{JENNIFER}:2023-08-28"
