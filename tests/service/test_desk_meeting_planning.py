"""Planning reads the meetings a coordinator changed on the desk (register.meeting_changes):
a cancelled meeting gets no pre-meeting reminder and the scheduler times nothing on it;
a moved one gets its reminders before the new date. On SQLite and PostgreSQL, with the
CPSS's June minutes and its rule (third Monday: 21 August 2023)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from reminder.config.load import load_settings
from reminder.config.settings import Settings
from reminder.delivery.fake import MemoryMailer
from reminder.mail.render import make_environment
from reminder.planning.notices import Kind
from reminder.register.engine import transaction
from reminder.register.meeting_changes import cancel_meeting, move_meeting
from reminder.service.plan import plan_notices
from reminder.service.scheduler import Service
from tests.registers import seed
from tests.service.test_scheduler import Always

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
ROOT = Path(__file__).parents[2]
DHAKA = ZoneInfo("Asia/Dhaka")
CPSS = "CXB CPSS"
BY = "coordinator tarek.akkad@cpss.example.org"
AUGUST_21 = date(2023, 8, 21)


def at(day: int) -> datetime:
    return datetime(2023, 8, day, 9, 0, tzinfo=DHAKA)


@pytest.fixture
def settings() -> Settings:
    return load_settings(config_path=ROOT / "config" / "reminder.toml", environ={})


@pytest.fixture
def register(engine: Engine, settings: Settings) -> Engine:
    seed(engine, settings, now=at(1))
    return engine


def pre_meeting_keys(engine: Engine, settings: Settings, now: datetime) -> set[str]:
    planned = plan_notices(
        engine=engine, settings=settings, kind=Kind.PRE_MEETING, now=now, forum=CPSS
    )
    return {notice.key.rsplit(":", 1)[0] for _, notice in planned}


def test_the_rules_meeting_has_its_pre_meeting_reminders(
    register: Engine, settings: Settings
) -> None:
    # Three working days before Monday 21 August (Sunday to Thursday) is Wednesday 16.
    assert pre_meeting_keys(register, settings, at(16)) == {f"pre_meeting:{CPSS}:2023-08-21"}
    assert pre_meeting_keys(register, settings, at(14)) == set()


def test_a_cancelled_meeting_gets_no_pre_meeting_reminder(
    register: Engine, settings: Settings
) -> None:
    with transaction(register) as session:
        cancel_meeting(session=session, forum=CPSS, day=AUGUST_21, author=BY, now=at(1))
    for day in (16, 17, 20, 21):
        assert pre_meeting_keys(register, settings, at(day)) == set()
    service = Service(
        engine=register,
        settings=settings,
        mailer=MemoryMailer(),
        env=make_environment(),
        instance="test",
        leader=Always(),
    )
    meetings = service.refresh(at(1))[CPSS].meetings
    assert AUGUST_21 not in meetings and date(2023, 9, 18) in meetings


def test_a_moved_meeting_has_them_before_its_new_date(register: Engine, settings: Settings) -> None:
    with transaction(register) as session:
        move_meeting(
            session=session, forum=CPSS, day=AUGUST_21, to=date(2023, 8, 28), author=BY, now=at(1)
        )
    assert pre_meeting_keys(register, settings, at(16)) == set()
    # Three working days before Monday 28 August is Wednesday 23.
    assert pre_meeting_keys(register, settings, at(23)) == {f"pre_meeting:{CPSS}:2023-08-28"}
