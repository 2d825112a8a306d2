"""Planning is pure: tables of (snapshot, rules, now) -> expected notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from reminder.config.settings import ForumSettings, Step
from reminder.planning.notices import Kind, Notice
from reminder.planning.plan import plan
from reminder.register.snapshot import Item, Person, PlanItem, Snapshot

ANA = Person("Ana Focal", "ana@unicef.example.org", "UNICEF")
BOB = Person("Bob Lead", "bob@unicef.example.org", "UNICEF")
CAT = Person("Cat Coordinator", "cat@cpss.example.org", "CPSS")
PEOPLE = {1: ANA, 2: BOB, 3: CAT}
RULES = ForumSettings(
    name="CPSS",
    timezone="Asia/Dhaka",
    horizon_days=7,
    escalation=(Step(3), Step(7, cc="lead"), Step(14, to="coordinator")),
)


def item(
    n: int,
    due: date | None,
    *,
    status: str = "open",
    today: date = date(2023, 7, 20),
    reach: frozenset[int] = frozenset({1}),
    ladder: date | None = None,
    meeting: date = date(2023, 6, 19),
    done_at: datetime | None = None,
    unresolved: tuple[str, ...] = (),
) -> PlanItem:
    late = (today - due).days if due and due < today and status in ("open", "in_progress") else None
    return PlanItem(
        item=Item(
            id=n,
            forum="CPSS",
            text=f"Action {n}",
            owners=("UNICEF",),
            organisations=("UNICEF",),
            due_phrase=str(due) if due else "TBD",
            due_date=due,
            status=status,
            days_overdue=late,
            meeting_title="CPSS monthly",
            meeting_date=meeting,
            source="minutes.md",
        ),
        reach=reach,
        leads=frozenset({2}),
        unresolved=unresolved,
        ladder_start=ladder or due,
        done_at=done_at,
    )


def snap(
    *items: PlanItem, next_meeting: date | None = None, last_report_at: datetime | None = None
) -> Snapshot:
    return Snapshot(
        forum="CPSS",
        items=items,
        people=PEOPLE,
        coordinators=(CAT,),
        next_meeting=next_meeting,
        last_report_at=last_report_at,
    )


def at(day: date, hour: int = 9) -> datetime:
    # 09:00 in Dhaka (UTC+6) is 03:00 UTC.
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=6)


def sections(notice: Notice) -> dict[str, list[int]]:
    return {s.key: [i.id for i in s.items] for s in notice.sections}


TODAY = date(2023, 7, 20)


def test_a_digest_sorts_items_into_overdue_due_soon_and_undated() -> None:
    s = snap(
        item(1, date(2023, 7, 1)),
        item(2, date(2023, 6, 30)),
        item(3, date(2023, 7, 25)),
        item(4, None),
        item(5, date(2023, 9, 30)),
    )
    [digest] = plan(Kind.DIGEST, s, RULES, at(TODAY))
    assert digest.to == (ANA,)
    assert sections(digest) == {"overdue": [2, 1], "due_soon": [3], "undated": [4]}
    # Thursday 20 July 2023 is in the Monday-Friday week that starts on Monday 17 July.
    assert digest.key == "digest:ana@unicef.example.org:2023-07-17"


def test_it_skips_done_items_and_sends_no_empty_digest() -> None:
    s = snap(item(1, date(2023, 7, 1), status="done"), item(2, None, status="cancelled"))
    assert plan(Kind.DIGEST, s, RULES, at(TODAY)) == []


def test_due_soon_reaches_the_next_meeting_when_it_is_later_than_the_horizon() -> None:
    s = snap(item(1, date(2023, 8, 10)), next_meeting=date(2023, 8, 14))
    [digest] = plan(Kind.DIGEST, s, RULES, at(TODAY))
    assert sections(digest) == {"due_soon": [1]}


def test_today_is_read_in_the_forums_time_zone() -> None:
    # 20:00 UTC on 19 July is already 20 July in Dhaka: an item due on the 19th is late.
    s = snap(item(1, date(2023, 7, 19)))
    [digest] = plan(Kind.DIGEST, s, RULES, datetime(2023, 7, 19, 20, tzinfo=UTC))
    assert sections(digest) == {"overdue": [1]}
    [digest] = plan(
        Kind.DIGEST, s, replace(RULES, timezone="UTC"), datetime(2023, 7, 19, 20, tzinfo=UTC)
    )
    assert sections(digest) == {"due_soon": [1]}


def test_the_digest_key_changes_with_the_working_week_across_a_year_end() -> None:
    s = snap(item(1, None))
    [a] = plan(Kind.DIGEST, s, RULES, at(date(2023, 12, 31)))
    [b] = plan(Kind.DIGEST, s, RULES, at(date(2024, 1, 1)))
    assert (a.key.rsplit(":", 1)[1], b.key.rsplit(":", 1)[1]) == ("2023-12-25", "2024-01-01")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Three working days before Monday 14 August is Wednesday 9 August.
        (date(2023, 8, 8), 0),
        (date(2023, 8, 9), 1),
        (date(2023, 8, 12), 1),
        (date(2023, 8, 14), 1),
        (date(2023, 8, 15), 0),
    ],
)
def test_the_pre_meeting_reminder_runs_in_the_working_days_before_the_meeting(
    today: date, expected: int
) -> None:
    s = snap(item(1, date(2023, 9, 1)), item(2, None), next_meeting=date(2023, 8, 14))
    notices = plan(Kind.PRE_MEETING, s, RULES, at(today))
    assert len(notices) == expected
    if notices:
        assert sections(notices[0]) == {"review": [1, 2]}
        assert notices[0].key == "pre_meeting:CPSS:2023-08-14:ana@unicef.example.org"


def test_no_pre_meeting_reminder_without_a_next_meeting() -> None:
    assert plan(Kind.PRE_MEETING, snap(item(1, None)), RULES, at(TODAY)) == []


def test_the_report_buckets_overdue_items_by_age_and_lists_what_cannot_be_chased() -> None:
    last = at(date(2023, 7, 1))
    s = snap(
        item(1, TODAY - timedelta(days=1)),
        item(2, TODAY - timedelta(days=8)),
        item(3, TODAY - timedelta(days=30)),
        item(4, TODAY - timedelta(days=31)),
        item(5, date(2023, 8, 1)),
        item(6, None, reach=frozenset(), unresolved=("WFP",)),
        item(7, date(2023, 7, 5), status="done", done_at=at(date(2023, 7, 3))),
        item(8, date(2023, 6, 5), status="done", done_at=at(date(2023, 6, 20))),
        next_meeting=date(2023, 8, 14),
        last_report_at=last,
    )
    [report] = plan(Kind.REPORT, s, RULES, at(TODAY))
    assert report.to == (CAT,)
    assert sections(report) == {
        "overdue_1_7": [1],
        "overdue_8_30": [3, 2],
        "overdue_over_30": [4],
        "beyond_cutoff": [],
        "due_before_meeting": [5],
        "unresolved_owner": [6],
        "undated": [6],
        "answered_since_last": [],
        "done_since_last": [7],
    }
    [row] = report.counts
    assert (row.organisation, row.open, row.overdue, row.done_since_last) == ("UNICEF", 6, 4, 1)
    assert report.key == "report:CPSS:2023-08-14:cat@cpss.example.org"


def test_planning_is_a_pure_function_of_its_inputs() -> None:
    s = snap(item(1, date(2023, 7, 1)), item(2, None), next_meeting=date(2023, 7, 24))
    for kind in Kind:
        assert plan(kind, s, RULES, at(TODAY)) == plan(kind, s, RULES, at(TODAY))


def test_the_report_counts_groups_as_themselves_and_shared_items_once_per_owner() -> None:
    shared = item(1, TODAY - timedelta(days=2))
    shared = replace(shared, item=replace(shared.item, organisations=("BRAC", "UNHCR")))
    group = item(2, None)
    group = replace(group, item=replace(group.item, organisations=(), groups=("CP AoR",)))
    lost = item(3, None, reach=frozenset(), unresolved=("Someone",))
    lost = replace(lost, item=replace(lost.item, organisations=()))
    [report] = plan(Kind.REPORT, snap(shared, group, lost), RULES, at(TODAY))
    rows = {r.organisation: (r.open, r.overdue) for r in report.counts}
    assert rows == {
        "BRAC": (1, 1),
        "CP AoR": (1, 0),
        "UNHCR": (1, 1),
        "(owner not in directory)": (1, 0),
    }
