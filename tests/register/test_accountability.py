"""Accountability figures on a hand-built register whose right answers are known."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from reminder.register import accountability as acc
from reminder.register.models import ActionOwner, ActionPoint, Contact, Fact, Organisation

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _action(n: int, *, status: str, due: date | None, carried: bool = False, forum: str = "F"):
    return ActionPoint(
        forum=forum,
        fingerprint=f"fp{n}",
        ref=f"A{n}",
        text=f"action {n}",
        status=status,
        due_date=due,
        carried_over=carried,
        source_file="x.csv",
        created_at=NOW,
        updated_at=NOW,
    )


def build(engine: Engine) -> None:
    with Session(engine) as s:
        wash, unicef = Organisation(name="WASH"), Organisation(name="UNICEF")
        s.add_all([wash, unicef])
        s.flush()
        ana = Contact(name="Ana", email="ana@example.org", organisation_id=unicef.id)
        s.add(ana)
        rows = [
            _action(1, status="done", due=date(2026, 11, 1)),
            _action(2, status="open", due=date(2026, 11, 30)),  # 1 day
            _action(3, status="open", due=date(2026, 11, 24), carried=True),  # 7 days
            _action(4, status="open", due=date(2026, 11, 23), carried=True),  # 8 days
            _action(5, status="open", due=date(2026, 10, 1)),  # 61 days
            _action(6, status="cancelled", due=date(2026, 10, 1), carried=True),
            _action(7, status="open", due=date(2026, 10, 1), forum="OTHER"),
        ]
        s.add_all(rows)
        s.flush()
        ids = [r.id for r in rows]
        for pos, (aid, org, contact) in enumerate(
            [
                (ids[0], wash.id, None),
                (ids[1], wash.id, None),
                (ids[2], None, ana.id),
                (ids[0], None, ana.id),
                (ids[5], wash.id, None),
            ]
        ):
            kind = "organisation" if org else "contact"
            s.add(
                ActionOwner(
                    action_id=aid,
                    position=pos,
                    name="x",
                    kind=kind,
                    organisation_id=org,
                    contact_id=contact,
                )
            )
        for aid, values in [
            (ids[1], ["2026-11-01", "2026-11-15", "2026-11-30"]),
            (ids[2], ["2026-11-24", "2026-11-24"]),
            (ids[6], ["a", "b"]),
        ]:
            for day, value in enumerate(values, start=1):
                s.add(
                    Fact(
                        action_id=aid,
                        field="due",
                        value=value,
                        outcome="applied",
                        as_of=datetime(2026, 11, day, tzinfo=UTC),
                        recorded_at=NOW,
                    )
                )
        s.add(
            Fact(
                action_id=ids[3],
                field="due",
                value="2026-01-01",
                outcome="older",
                as_of=NOW,
                recorded_at=NOW,
            )
        )
        s.commit()


def test_figures(engine: Engine) -> None:
    build(engine)
    with Session(engine) as s:
        assert acc.completion_by_organisation(session=s, forum="F") == [
            acc.Completion("UNICEF", 2, 1),
            acc.Completion("WASH", 2, 1),
        ]
        bands = acc.overdue_by_age(session=s, forum="F", today=TODAY)
        assert [b.count for b in bands] == [2, 1, 1, 0]
        slipped = acc.deadlines_slipped(session=s, forum="F")
        assert [(x.ref, x.moves) for x in slipped] == [("A2", 2)]
        assert [b.count for b in acc.slip_counts(slipped)] == [0, 1, 0]
        assert acc.carried_over(session=s, forum="F") == 2
        assert [b.count for b in acc.open_by_carry(session=s, forum="F")] == [2, 2]
