"""Escalations: one mail per person and scan, each asked what to do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from reminder.config.load import load_settings
from reminder.errors import ConfigError
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
        (6, []),  # step 3 was mailed on the day it was reached
        (7, [(ANA, {"ask_owner": [1]}, 7), (BOB, {"ask_lead": [1]}, 7)]),
        (13, []),
        (14, [(CAT, {"ask_coordinator": [1]}, 14)]),
        (20, []),
    ],
)
def test_each_person_asked_at_the_step_reached_gets_one_notice(
    days_late: int, expected: list[tuple[Person, dict[str, list[int]], int]]
) -> None:
    got = reached(days_late)
    assert [(to, secs, step) for _key, (to,), secs, step in got] == expected
    for key, (to,), _secs, _step in got:
        assert key == f"escalation:{to.email}:{TODAY}"


def test_a_step_reached_on_a_weekend_is_mailed_on_the_next_working_day() -> None:
    s = snap(item(1, date(2023, 7, 19)))  # a Wednesday: step 3 on Saturday 22 July
    sunday, monday = date(2023, 7, 23), date(2023, 7, 24)
    assert plan(Kind.ESCALATION, s, RULES, at(sunday)) == []
    [notice] = plan(Kind.ESCALATION, s, RULES, at(monday))
    assert notice.key == f"escalation:{ANA.email}:{monday}" and notice.step == 3


def test_a_scan_mails_each_person_once_for_every_item_whose_scan_day_it_is() -> None:
    # Steps reached on Saturday, Sunday and Monday all go in Monday's one mail.
    s = snap(*(item(n, date(2023, 7, 19 + n)) for n in range(3)))
    [notice] = plan(Kind.ESCALATION, s, RULES, at(date(2023, 7, 24)))
    assert sections(notice) == {"ask_owner": [0, 1, 2]}


def test_a_scan_sends_a_person_one_mail_for_all_the_items_at_that_step() -> None:
    due = TODAY - timedelta(days=14)
    items = [replace(item(n, due), reach=frozenset()) for n in range(1, 31)]
    notices = plan(Kind.ESCALATION, snap(*items), RULES, at(TODAY))
    [notice] = notices
    assert notice.to == (CAT,) and sections(notice) == {"ask_coordinator": list(range(1, 31))}


def test_a_second_run_the_same_day_has_the_same_key_and_the_next_day_nothing() -> None:
    s = snap(item(1, TODAY - timedelta(days=3)))
    [first] = plan(Kind.ESCALATION, s, RULES, at(TODAY, hour=9))
    [again] = plan(Kind.ESCALATION, s, RULES, at(TODAY, hour=15))
    assert first.key == again.key
    assert plan(Kind.ESCALATION, s, RULES, at(TODAY + timedelta(days=1))) == []


def test_a_lead_is_asked_to_follow_up_with_the_owner_by_name() -> None:
    notices = plan(Kind.ESCALATION, snap(item(1, TODAY - timedelta(days=7))), RULES, at(TODAY))
    lead = next(n for n in notices if n.to == (BOB,))
    assert dict(lead.extra) == {"audience": "lead", "follow_up:1": "Ana Focal"}


def test_a_status_update_restarts_the_ladder() -> None:
    due = TODAY - timedelta(days=10)
    updated = TODAY - timedelta(days=1)
    assert plan(Kind.ESCALATION, snap(item(1, due, ladder=updated)), RULES, at(TODAY)) == []


def test_a_new_deadline_gives_a_new_key() -> None:
    # Due 13 July: step 7 today. A new deadline of 18 July: step 3 on Friday 21.
    [old, _lead] = plan(Kind.ESCALATION, snap(item(1, date(2023, 7, 13))), RULES, at(TODAY))
    friday = TODAY + timedelta(days=1)
    [new] = plan(Kind.ESCALATION, snap(item(1, date(2023, 7, 18))), RULES, at(friday))
    assert old.key != new.key and new.step == 3


def test_an_item_nobody_can_be_reached_for_escalates_to_the_coordinator() -> None:
    notices = plan(
        Kind.ESCALATION, snap(item(1, date(2023, 7, 13), reach=frozenset())), RULES, at(TODAY)
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


def test_the_cut_off_defaults_to_90_days_and_is_read_per_forum(tmp_path: Path) -> None:
    assert RULES.escalation_cutoff_days == 90
    path = tmp_path / "reminder.toml"
    path.write_text(
        "[rules]\nescalation_cutoff_days = 60\n[forums.wg]\nescalation_cutoff_days = 30\n"
    )
    settings = load_settings(config_path=path, environ={})
    assert (
        settings.forum("other").escalation_cutoff_days,
        settings.forum("wg").escalation_cutoff_days,
    ) == (60, 30)
    path.write_text("[rules]\nescalation_cutoff_days = 0\n")
    with pytest.raises(ConfigError, match="escalation_cutoff_days"):
        load_settings(config_path=path, environ={})
