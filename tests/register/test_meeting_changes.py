"""Meetings set, moved and cancelled (register.meeting_changes) and what the desk lists of
them (service.meetings), on SQLite and PostgreSQL: nothing deleted, every change kept
with its author, the register winning over the forum's rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from reminder.config.schedule import ScheduleSettings
from reminder.config.settings import ForumSettings
from reminder.errors import InputError
from reminder.register.engine import transaction
from reminder.register.meeting_changes import (
    cancel_meeting,
    changes_of,
    meeting_rows,
    move_meeting,
    schedule_meeting,
)
from reminder.register.meetings import meeting_entries
from reminder.register.models import Meeting
from reminder.register.snapshot import MeetingEntry
from reminder.service.meetings import forum_calendar

pytestmark = pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
NOW = datetime(2023, 7, 20, 9, 0, tzinfo=UTC)
BY = "coordinator tarek@example.org"
WG = "Working group"
THIRD_MONDAY = ForumSettings(
    name=WG, schedule=ScheduleSettings(meeting_rule="FREQ=MONTHLY;BYDAY=+3MO")
)


def test_set_move_and_cancel_keep_every_meeting_and_change(engine: Engine) -> None:
    with transaction(engine) as session:
        schedule_meeting(
            session=session, forum=WG, day=date(2023, 8, 2), starts="9:30", place="Room 4",
            author=BY, now=NOW,
        )  # fmt: skip
        moved = move_meeting(
            session=session, forum=WG, day=date(2023, 8, 2), to=date(2023, 8, 9), author=BY,
            now=NOW, note="the room is taken",
        )  # fmt: skip
        assert (moved.date, moved.starts, moved.place) == (date(2023, 8, 9), "09:30", "Room 4")
        cancel_meeting(session=session, forum=WG, day=date(2023, 9, 6), author=BY, now=NOW)
    with Session(engine) as session:
        assert meeting_entries(session=session, forum=WG) == [
            MeetingEntry(date(2023, 8, 2), cancelled=True),
            MeetingEntry(date(2023, 8, 9)),
            MeetingEntry(date(2023, 9, 6), cancelled=True),
        ]
        rows = meeting_rows(session=session, forum=WG)
        assert [(m.date, m.cancelled, m.moved_to) for m in rows] == [
            (date(2023, 8, 2), True, date(2023, 8, 9)),
            (date(2023, 8, 9), False, None),
            (date(2023, 9, 6), True, None),
        ]
        changes = changes_of(session=session, forum=WG)
        assert [(c.what, c.day, c.moved_to) for c in changes] == [
            ("cancel", date(2023, 9, 6), None),
            ("move", date(2023, 8, 2), date(2023, 8, 9)),
            ("set", date(2023, 8, 2), None),
        ]
        assert {c.author for c in changes} == {BY} and changes[1].note == "the room is taken"
        assert (changes[2].starts, changes[2].place) == ("09:30", "Room 4")
        assert len(session.exec(select(Meeting)).all()) == 3  # nothing deleted


def test_a_cancelled_meeting_is_held_again_when_set(engine: Engine) -> None:
    with transaction(engine) as session:
        cancel_meeting(session=session, forum=WG, day=date(2023, 8, 21), author=BY, now=NOW)
        schedule_meeting(session=session, forum=WG, day=date(2023, 8, 21), author=BY, now=NOW)
    with Session(engine) as session:
        assert meeting_entries(session=session, forum=WG) == [MeetingEntry(date(2023, 8, 21))]
        assert [c.what for c in changes_of(session=session, forum=WG)] == ["set", "cancel"]


def test_bad_input_changes_nothing(engine: Engine) -> None:
    with pytest.raises(InputError, match="'noon' cannot be read"), transaction(engine) as session:
        schedule_meeting(
            session=session, forum=WG, day=date(2023, 8, 2), starts="noon", author=BY, now=NOW
        )
    with pytest.raises(InputError, match="already on"), transaction(engine) as session:
        day = date(2023, 8, 2)
        move_meeting(session=session, forum=WG, day=day, to=day, author=BY, now=NOW)
    with Session(engine) as session:
        assert session.exec(select(Meeting)).all() == []
        assert changes_of(session=session, forum=WG) == []


def test_the_calendar_shows_the_rules_meetings_and_what_the_register_changed(
    engine: Engine,
) -> None:
    with transaction(engine) as session:
        session.add(
            Meeting(forum=WG, date=date(2023, 6, 19), title="June meeting", source_file="june.md",
                    created_at=NOW, updated_at=NOW)
        )  # fmt: skip
        move_meeting(
            session=session, forum=WG, day=date(2023, 8, 21), to=date(2023, 8, 24), author=BY,
            now=NOW,
        )  # fmt: skip
        cancel_meeting(session=session, forum=WG, day=date(2023, 9, 18), author=BY, now=NOW)
    with Session(engine) as session:
        cal = forum_calendar(session=session, rules=THIRD_MONDAY, today=NOW.date())
    ahead = [(m.day, m.state, m.from_rule) for m in cal.upcoming[:4]]
    assert ahead == [
        (date(2023, 8, 21), "moved", False),
        (date(2023, 8, 24), "upcoming", False),
        (date(2023, 9, 18), "cancelled", False),
        (date(2023, 10, 16), "upcoming", True),
    ]
    assert cal.holds(date(2023, 8, 24)) and cal.holds(date(2023, 10, 16))
    assert not cal.holds(date(2023, 8, 21)) and not cal.holds(date(2023, 9, 18))
    assert [(m.day, m.state, m.title) for m in cal.past] == [
        (date(2023, 6, 19), "held", "June meeting")
    ]
    assert [c.what for c in cal.changes] == ["cancel", "move"]
