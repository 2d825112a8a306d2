"""Answers by mail link counted for a forum's accountability page, on the hand-built register
of test_accountability plus meetings and link uses whose right counts are known."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reminder.register.accountability import Band
from reminder.register.answers import LinkUse
from reminder.register.mail_updates import (
    NO_ORGANISATION,
    UNKNOWN,
    OrgUpdates,
    last_meeting,
    mail_link_updates,
)
from reminder.register.models import ActionPoint, Contact, Meeting
from tests.register.test_accountability import NOW, build


def _use(n: int, contact: str, action_id: int | None, answer: str, when: datetime) -> LinkUse:
    return LinkUse(
        digest=f"{n:064d}", contact=contact, action_id=action_id, answer=answer, used_at=when
    )


def test_answers_by_mail_link_by_organisation_period_and_kind(engine: Engine) -> None:
    build(engine)
    with Session(engine) as s:
        ids = [a.id for a in s.exec(select(ActionPoint).order_by(col(ActionPoint.id)))]
        s.add(Contact(name="Bob", email="Bob@Example.org"))  # no organisation
        for day, cancelled in ((date(2026, 11, 20), False), (date(2026, 11, 28), True)):
            s.add(
                Meeting(
                    forum="F",
                    date=day,
                    cancelled=cancelled,
                    source_file="m.md",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        s.add(
            Meeting(
                forum="F",
                date=date(2026, 12, 10),
                source_file="n.md",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        s.add_all(
            [
                _use(1, "ana@example.org", ids[1], "done", datetime(2026, 11, 10, tzinfo=UTC)),
                _use(2, "ana@example.org", ids[2], "comment", datetime(2026, 11, 25, tzinfo=UTC)),
                _use(3, "bob@example.org", ids[3], "new_date", datetime(2026, 11, 21, tzinfo=UTC)),
                _use(4, "x@else.org", ids[4], "in_progress", datetime(2026, 12, 1, 8, tzinfo=UTC)),
                _use(5, "ana@example.org", None, "signin", datetime(2026, 11, 30, tzinfo=UTC)),
                _use(6, "ana@example.org", ids[6], "done", datetime(2026, 11, 30, tzinfo=UTC)),
            ]
        )
        s.commit()
        assert last_meeting(session=s, forum="F", today=NOW.date()) == date(2026, 11, 20)
        found = mail_link_updates(session=s, forum="F", now=NOW)
        assert found.last_meeting == date(2026, 11, 20) and found.total == 4
        assert found.by_organisation == [
            OrgUpdates("UNICEF", 2, 1),
            OrgUpdates(NO_ORGANISATION, 1, 1),
            OrgUpdates(UNKNOWN, 1, 1),
        ]
        assert found.by_period == [
            Band("in the last 7 days", 2),
            Band("in the last 30 days", 4),
            Band("since the meeting of 20 Nov 2026", 3),
            Band("in all", 4),
        ]
        assert [b.count for b in found.by_answer] == [1, 1, 1, 1]
        other = mail_link_updates(session=s, forum="OTHER", now=NOW)
        assert other.last_meeting is None and other.by_organisation == [OrgUpdates("UNICEF", 1, 1)]
        assert [b.label for b in other.by_period] == [
            "in the last 7 days",
            "in the last 30 days",
            "in all",
        ]
        empty = mail_link_updates(session=s, forum="NONE", now=NOW)
        assert empty.total == 0 and empty.by_organisation == []
        assert [b.count for b in empty.by_period] == [0, 0, 0]
