"""Escalations: one mail per person and day of reaching, each asked what to do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from reminder.planning.ladder import CATCH_UP_DAYS
from reminder.planning.notices import Kind, Person
from reminder.planning.plan import plan
from tests.planning.test_plan import ANA, BOB, CAT, RULES, TODAY, at, item, sections, snap


def reached(days_late: int) -> list[tuple[str, tuple[Person, ...], dict[str, list[int]], int]]:
    due = TODAY - timedelta(days=days_late)
    notices = plan(Kind.ESCALATION, snap(item(1, due)), RULES, at(TODAY))
    return [(n.key, n.to, sections(n), n.step or 0) for n in notices]


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [
        (2, []),
        (3, [(ANA, {"ask_owner": [1]}, 3)]),
        (6, [(ANA, {"ask_owner": [1]}, 3)]),
        (7, [(ANA, {"ask_owner": [1]}, 7), (BOB, {"ask_lead": [1]}, 7)]),
        (13, [(ANA, {"ask_owner": [1]}, 7), (BOB, {"ask_lead": [1]}, 7)]),
        (14, [(CAT, {"ask_coordinator": [1]}, 14)]),
        (20, [(CAT, {"ask_coordinator": [1]}, 14)]),
        (14 + CATCH_UP_DAYS, []),  # that step was reached too long ago to send now
    ],
)
def test_each_person_asked_at_the_step_reached_gets_one_notice(
    days_late: int, expected: list[tuple[Person, dict[str, list[int]], int]]
) -> None:
    got = reached(days_late)
    assert [(to, secs, step) for _key, (to,), secs, step in got] == expected
    due = TODAY - timedelta(days=days_late)
    for key, (to,), _secs, step in got:
        assert key == f"escalation:{to.email}:{due + timedelta(days=step)}"


def test_a_scan_sends_a_person_one_mail_for_all_the_items_at_that_step() -> None:
    due = TODAY - timedelta(days=14)
    items = [replace(item(n, due), reach=frozenset()) for n in range(1, 31)]
    notices = plan(Kind.ESCALATION, snap(*items), RULES, at(TODAY))
    [notice] = notices
    assert notice.to == (CAT,) and sections(notice) == {"ask_coordinator": list(range(1, 31))}


def test_the_key_stays_the_same_on_the_following_days_so_nothing_is_sent_twice() -> None:
    due = TODAY - timedelta(days=3)
    s = snap(item(1, due))
    [first] = plan(Kind.ESCALATION, s, RULES, at(TODAY))
    [later] = plan(Kind.ESCALATION, s, RULES, at(TODAY + timedelta(days=2)))
    assert first.key == later.key


def test_a_lead_is_asked_to_follow_up_with_the_owner_by_name() -> None:
    notices = plan(Kind.ESCALATION, snap(item(1, TODAY - timedelta(days=7))), RULES, at(TODAY))
    lead = next(n for n in notices if n.to == (BOB,))
    assert dict(lead.extra) == {"audience": "lead", "follow_up:1": "Ana Focal"}


def test_a_status_update_restarts_the_ladder() -> None:
    due = TODAY - timedelta(days=10)
    updated = TODAY - timedelta(days=1)
    assert plan(Kind.ESCALATION, snap(item(1, due, ladder=updated)), RULES, at(TODAY)) == []


def test_a_new_deadline_gives_a_new_key() -> None:
    [old, _lead] = plan(Kind.ESCALATION, snap(item(1, date(2023, 7, 10))), RULES, at(TODAY))
    [new] = plan(
        Kind.ESCALATION, snap(item(1, date(2023, 7, 16))), RULES, at(TODAY + timedelta(days=1))
    )
    assert old.key != new.key and new.step == 3


def test_an_item_nobody_can_be_reached_for_escalates_to_the_coordinator() -> None:
    notices = plan(
        Kind.ESCALATION, snap(item(1, date(2023, 7, 10), reach=frozenset())), RULES, at(TODAY)
    )
    assert [(n.to, sections(n)) for n in notices] == [
        ((BOB,), {"ask_lead": [1]}),
        ((CAT,), {"ask_coordinator": [1]}),
    ]


def test_items_past_the_cut_off_go_to_the_report_instead() -> None:
    rules = replace(RULES, escalation_cutoff_days=30)
    due = TODAY - timedelta(days=30)
    # The status was updated recently, so the ladder would be at step 3 again.
    s = snap(item(1, due, ladder=TODAY - timedelta(days=3)), item(2, TODAY - timedelta(days=3)))
    notices = plan(Kind.ESCALATION, s, rules, at(TODAY))
    assert [sections(n) for n in notices] == [{"ask_owner": [2]}]
    [report] = plan(Kind.REPORT, s, rules, at(TODAY))
    assert sections(report)["beyond_cutoff"] == [1]
    assert sections(report)["overdue_over_30"] == []


def test_the_cut_off_defaults_to_90_days() -> None:
    assert RULES.escalation_cutoff_days == 90
