"""The service over a simulated fortnight, with an injected clock (runs in seconds).

Forum: the CPSS in Cox's Bazar: Sunday-Thursday week, Bangladesh public holidays,
Asia/Dhaka time, meetings on the third Monday of the month. The register holds the
June 2023 minutes; the items due at the end of July are overdue in August.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.mail.render import make_environment
from reminder.register.engine import transaction
from reminder.register.meetings import set_meeting
from reminder.service import imports as import_service
from reminder.service.scheduler import Service

ROOT = Path(__file__).parents[2]
DHAKA = ZoneInfo("Asia/Dhaka")
CONFIG = """
[forums."CXB CPSS"]
aliases = ["CPSS"]
working_days = ["sun", "mon", "tue", "wed", "thu"]
timezone = "Asia/Dhaka"
country = "BD"
coordinators = ["tarek.akkad@cpss.example.org"]
pre_meeting_days = 2

[forums."CXB CPSS".schedule]
digest = "sun 09:00"
escalations = "08:30"
pre_meeting = "09:00"
report = "10:00"
report_days = 1
meeting_rule = "FREQ=MONTHLY;BYDAY=+3MO"
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
def world(engine: Engine, settings: Settings) -> tuple[Service, MemoryMailer]:
    start = datetime(2023, 8, 1, tzinfo=UTC)
    import_service.import_contacts(engine=engine, path=ROOT / "examples" / "directory.csv")
    import_service.import_files(
        engine=engine,
        paths=[ROOT / "examples" / "minutes" / "2023-06-19_cxb-cpss.md"],
        settings=settings,
        now=start,
        today=start.date(),
    )
    mailer = MemoryMailer()
    service = Service(
        engine=engine,
        settings=settings,
        mailer=mailer,
        env=make_environment(),
        instance="test",
        leader=Always(),
    )
    return service, mailer


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=DHAKA)


def simulate(
    service: Service,
    start: datetime,
    end: datetime,
    *,
    every: timedelta = timedelta(minutes=30),
    down: tuple[datetime, datetime] | None = None,
) -> None:
    now = start
    while now < end:
        if down is None or not down[0] <= now < down[1]:
            asyncio.run(service.run_due(now))
        now += every


def sent_on(mailer: MemoryMailer) -> Counter[tuple[str, date]]:
    """(kind, local day of the Date header) -> number of mails."""
    from email.utils import parsedate_to_datetime

    out: Counter[tuple[str, date]] = Counter()
    for mail in mailer.sent:
        when = parsedate_to_datetime(str(mail.message["Date"])).astimezone(DHAKA).date()
        out[(mail.kind.value, when)] += 1
    return out


def test_a_fortnight_of_schedule(world: tuple[Service, MemoryMailer]) -> None:
    service, mailer = world
    # Sunday 13 to Saturday 26 August 2023. Tuesday 15 August is a public holiday in
    # Bangladesh; the third Monday is 21 August.
    simulate(service, local(date(2023, 8, 13), 0), local(date(2023, 8, 27), 0))
    days = sent_on(mailer)
    digest_days = sorted(d for kind, d in days if kind == "digest")
    assert digest_days == [date(2023, 8, 13), date(2023, 8, 20)]
    escalation_days = {d for kind, d in days if kind == "escalation"}
    assert date(2023, 8, 15) not in escalation_days, "no escalations on a holiday"
    assert date(2023, 8, 18) not in escalation_days, "nor on a Friday"
    assert {d for kind, d in days if kind == "pre_meeting"} == {date(2023, 8, 17)}
    assert {d for kind, d in days if kind == "report"} == {date(2023, 8, 20)}
    keys = [m.key for m in mailer.sent]
    assert len(keys) == len(set(keys)), "nothing sent twice"


def test_a_run_missed_while_the_service_was_down_is_caught_up_once(
    world: tuple[Service, MemoryMailer],
) -> None:
    service, mailer = world
    # Down from Saturday noon to Sunday 11:00: the 09:00 digest and the 10:00 report of
    # Sunday 20 August are sent when it comes back, once.
    simulate(
        service,
        local(date(2023, 8, 19), 0),
        local(date(2023, 8, 21), 0),
        down=(local(date(2023, 8, 19), 12), local(date(2023, 8, 20), 11)),
    )
    days = sent_on(mailer)
    assert days[("report", date(2023, 8, 20))] == 1
    assert days[("digest", date(2023, 8, 20))] > 0
    keys = [m.key for m in mailer.sent]
    assert len(keys) == len(set(keys))


def test_a_service_down_longer_than_the_catch_up_window_skips_what_is_too_old(
    world: tuple[Service, MemoryMailer],
) -> None:
    service, mailer = world
    simulate(service, local(date(2023, 8, 21), 12), local(date(2023, 8, 21), 13))
    assert [m for m in mailer.sent if m.kind.value == "report"] == []


def test_a_meeting_moved_in_the_register_moves_the_report(
    world: tuple[Service, MemoryMailer],
    engine: Engine,
) -> None:
    service, mailer = world
    with transaction(engine) as session:
        set_meeting(
            session=session, forum="CXB CPSS", day=date(2023, 8, 23), now=local(date(2023, 8, 1), 9)
        )
    simulate(service, local(date(2023, 8, 17), 0), local(date(2023, 8, 24), 0))
    days = sent_on(mailer)
    # One working day before Wednesday 23 August is Tuesday 22 August.
    assert {d for kind, d in days if kind == "report"} == {date(2023, 8, 22)}


def test_a_cancelled_meeting_sends_no_pre_meeting_reminder(
    world: tuple[Service, MemoryMailer],
    engine: Engine,
) -> None:
    service, mailer = world
    with transaction(engine) as session:
        set_meeting(
            session=session,
            forum="CXB CPSS",
            day=date(2023, 8, 21),
            cancelled=True,
            now=local(date(2023, 8, 1), 9),
        )
    simulate(service, local(date(2023, 8, 16), 0), local(date(2023, 8, 22), 0))
    assert [m for m in mailer.sent if m.kind.value == "pre_meeting"] == []


def test_a_second_pass_at_the_same_time_sends_nothing(
    world: tuple[Service, MemoryMailer],
) -> None:
    service, mailer = world
    now = local(date(2023, 8, 20), 10, 30)
    asyncio.run(service.run_due(now))
    first = len(mailer.sent)
    assert first > 0
    asyncio.run(service.run_due(now))
    assert len(mailer.sent) == first


def test_a_digest_moved_past_a_holiday_does_not_take_the_next_weeks_place(
    world: tuple[Service, MemoryMailer],
) -> None:
    service, mailer = world
    # Sunday 17 March 2024 is a public holiday in Bangladesh: that digest goes on Monday 18,
    # and the digest of Sunday 24 March still goes.
    simulate(
        service, local(date(2024, 3, 9), 0), local(date(2024, 4, 1), 0), every=timedelta(hours=1)
    )
    digest_days = sorted({d for kind, d in sent_on(mailer) if kind == "digest"})
    assert digest_days == [
        date(2024, 3, 10),
        date(2024, 3, 18),
        date(2024, 3, 24),
        date(2024, 3, 31),
    ]


def test_a_slot_whose_mails_failed_is_tried_again_and_sends_them(
    world: tuple[Service, MemoryMailer],
) -> None:
    service, mailer = world

    class Down(MemoryMailer):
        async def send(self, mails, *, on_result):  # type: ignore[no-untyped-def]
            for mail in mails:
                self.fail(mail.key)
            await super().send(mails, on_result=on_result)

    down = Down()
    service.mailer = down
    asyncio.run(service.run_due(local(date(2023, 8, 20), 9, 30)))
    assert down.sent == [] and down.results
    service.mailer = mailer
    asyncio.run(service.run_due(local(date(2023, 8, 20), 9, 40)))
    assert mailer.sent == [], "a failed slot waits before it is tried again"
    asyncio.run(service.run_due(local(date(2023, 8, 20), 10, 0)))
    assert len([m for m in mailer.sent if m.kind.value == "digest"]) == len(
        [r for r in down.results if r.key.startswith("digest:")]
    )
