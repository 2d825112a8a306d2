"""Golden tests: the two real minutes, read by `reminder.reading.actions.minutes.read_text`.

Every action point is written out by hand, in document order, and nothing else may be
extracted. The seeds are copied verbatim into tests/fixtures/minutes so the tests do
not depend on anything outside the repository.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reminder.reading.actions.minutes import read_text
from reminder.reading.extraction import Extraction, Status

FIXTURES = Path(__file__).parents[1] / "fixtures" / "minutes"
CM_STANDARDS = FIXTURES / "000_269016093f408b22.txt"
CXB_CPSS = FIXTURES / "001_1a84e44fc280ee80.txt"

ONLINE = "On – line consultation with PHAP."
RETREAT = "Retreat session update"
IRAQ = "Update from in person consultation in Iraq"

# (text, owners, supporting, section)
CM_STANDARDS_ACTIONS = [
    ("Jennifer to share survey with WG for comment.", ("Jennifer",), (), ONLINE),
    ("WG members to make comments on survey by COB (9.9.19)", ("WG members",), (), ONLINE),
    (
        "Markus to share the link to specific focal points so they are able to circulate it "
        "within their CCCM networks.",
        ("Markus",),
        (),
        ONLINE,
    ),
    ("Markus to revise survey based on feedback from WG members.", ("Markus",), (), ONLINE),
    ("PHAP to launch survey 12.9.19 along with link to webinar.", ("PHAP",), (), ONLINE),
    ("PHAP (with inpust from WG) to develop concept note for webinar.", ("PHAP",), ("WG",), ONLINE),
    (
        "Jennifer to follow up with permissions for pre-recorded statements to accompany webinar.",
        ("Jennifer",),
        (),
        ONLINE,
    ),
    ("WG members to make comment on document by 14.6.19", ("WG members",), (), RETREAT),
    (
        "Frank to share breakdown of participants list and contacts for record keeping.",
        ("Frank",),
        (),
        IRAQ,
    ),
    ("Jennifer to share report with WG.", ("Jennifer",), (), IRAQ),
]

DONE, ONGOING = Status.DONE, Status.IN_PROGRESS
# (text, owners, status)
CXB_CPSS_CARRIED_OVER = [
    (
        "WFP to share key messages on ration cuts with sectors to be disseminated with partners.",
        ("WFP",),
        DONE,
    ),
    ("MHPSS package link to be shared with CPSS and partners.", ("MHPSS",), DONE),
    (
        "CPSS to seek two representatives (male & female) to be regular members of the MHPSS WG.",
        ("CPSS", "MHPSS"),
        DONE,
    ),
    ("CPSS partners to nominate membership for child and adolescent WG.", ("CPSS",), DONE),
    ("CPSS to add MHPSS WG co-chairs to the CPSS mailing list.", ("CPSS",), DONE),
    (
        "CPSS to share with PSEA coordinator the compiled list of names for CP-PSEA task team.",
        ("CPSS",),
        DONE,
    ),
    (
        "Online orientation session on CP protection definitions will be held online on the "
        "25th of May.",
        ("CMTWG",),
        DONE,
    ),
    ("CMTWG ToR to be finalized.", ("CMTWG",), ONGOING),
    (
        "CPSS to continue the rationalization meeting on monthly basis with the focal points.",
        ("CPSS",),
        ONGOING,
    ),
    ("CP ECD updates to be a standing agenda item from next month.", ("CPSS",), ONGOING),
]
TRAINING = (
    "Online training series will be ready to use by CPSS actors on the IMO products "
    "as the following: "
)
TEAM = ("CPSS Coordination team",)
# (text, owners)
CXB_CPSS_NEW = [
    ("PSEA FP to share the endorsed SOP version with CPSS", ("PSEA",)),
    (
        "PSEA and CPSS to conduct a regular meeting to discuss the CF PSEA materials.",
        ("CPSS", "PSEA"),
    ),
    ("CMTWG TOR is to be finalized.", ("CPSS", "CMTWG")),
    ("DPISP finalization by the end of July", ("CPSS", "CMTWG")),
    ("CPSS actors to share their interest in joining the shared visits.", ("CPSS Partners",)),
    (
        "CPSS to develop a child protection situation monitoring tool and guideline "
        "(After SAG consultation) by the end of July.",
        ("CPSS coordination team",),
    ),
    (
        "CPSS team to coordinate with the MHPSSWG to discuss the way forward in both task forces "
        "and to avoid any potential duplication",
        TEAM,
    ),
    ("CPSS team to share the final product with CPSS actors by the end of the 3rd Quarter", TEAM),
    ("Discuss the rationalization process and challenges with CP actors by ad-hock meetings", TEAM),
    (TRAINING + "5W's (Mid Aug)", TEAM),
    (TRAINING + "CPIMS (Mid Sep)", TEAM),
    (TRAINING + "CPSM (Mid Aug)", TEAM),
]


@pytest.fixture(scope="module")
def cm_standards() -> Extraction:
    return read_text(CM_STANDARDS)


@pytest.fixture(scope="module")
def cxb_cpss() -> Extraction:
    return read_text(CXB_CPSS)


def test_the_fixtures_are_the_seed_files() -> None:
    assert CM_STANDARDS.read_bytes().startswith(b" Minutes: CM Standards WG, 09.09.2019")
    assert b"## CXB CPSS Monthly Meeting - June 2023" in CXB_CPSS.read_bytes()


def test_it_reads_the_cm_standards_meeting_details(cm_standards: Extraction) -> None:
    meeting = cm_standards.meeting
    assert meeting.date == date(2019, 9, 9)
    assert meeting.forum == "CM Standards WG"
    assert meeting.title == "Minutes: CM Standards WG, 09.09.2019"
    assert meeting.next_meeting_phrase == "later this month prior to retreat"
    assert meeting.next_meeting is None
    assert meeting.month_first is False
    assert meeting.working_days is None


def test_it_reads_exactly_the_cm_standards_action_points(cm_standards: Extraction) -> None:
    got = [(a.text, a.owners, a.supporting, a.section) for a in cm_standards.actions]
    assert got == CM_STANDARDS_ACTIONS
    assert all(a.status is Status.OPEN and not a.carried_over for a in cm_standards.actions)
    assert all(a.due_phrase is None for a in cm_standards.actions)
    assert cm_standards.skipped == ()
    assert cm_standards.notes == ()


def test_it_locates_each_cm_standards_action_by_its_line(cm_standards: Extraction) -> None:
    lines = [a.source.line for a in cm_standards.actions]
    assert lines == [27, 27, 28, 29, 30, 31, 32, 41, 48, 49]
    assert {a.source.file for a in cm_standards.actions} == {str(CM_STANDARDS)}
    first_line = CM_STANDARDS.read_text(encoding="utf-8").splitlines()[26]
    assert first_line.startswith("\tJennifer to share survey with WG")


def test_it_reads_the_cxb_cpss_meeting_details(cxb_cpss: Extraction) -> None:
    meeting = cxb_cpss.meeting
    assert meeting.date == date(2023, 6, 19)
    assert meeting.forum == "CXB CPSS"
    assert meeting.title == "CXB CPSS Monthly Meeting - June 2023"
    assert meeting.next_meeting_phrase == "TBD"
    assert meeting.next_meeting is None
    assert meeting.month_first is False


def test_it_reads_exactly_the_cxb_cpss_action_points(cxb_cpss: Extraction) -> None:
    carried = [a for a in cxb_cpss.actions if a.carried_over]
    new = [a for a in cxb_cpss.actions if not a.carried_over]
    assert cxb_cpss.actions == (*carried, *new)  # carried-over first, as in the document
    assert [(a.text, a.owners, a.status) for a in carried] == CXB_CPSS_CARRIED_OVER
    assert [(a.text, a.owners) for a in new] == CXB_CPSS_NEW
    assert all(a.status is Status.OPEN for a in new)
    assert all(a.supporting == () and a.due_phrase is None for a in cxb_cpss.actions)
    assert cxb_cpss.skipped == ()
    assert cxb_cpss.notes == ()


def test_it_keeps_the_status_cell_of_carried_over_actions(cxb_cpss: Extraction) -> None:
    raw = [a.status_raw for a in cxb_cpss.actions if a.carried_over]
    assert raw == ["Done"] * 7 + ["Ongoing"] * 3


def test_it_joins_the_row_split_by_a_page_break(cxb_cpss: Extraction) -> None:
    cmtwg = [a for a in cxb_cpss.actions if a.section == "CMTWG updates"]
    assert [a.text for a in cmtwg] == [
        "CMTWG TOR is to be finalized.",
        "DPISP finalization by the end of July",
    ]
    assert [a.source.line for a in cmtwg] == [66, 66]


def test_it_takes_nothing_from_the_cxb_cpss_discussion_columns(cxb_cpss: Extraction) -> None:
    texts = " ".join(a.text for a in cxb_cpss.actions)
    assert "CPSS coordinator to co-lead the task team." not in texts
    assert "GBV" not in texts
    assert "early morning" not in texts  # AoB
    sections = {a.section for a in cxb_cpss.actions if not a.carried_over}
    assert "GBV SS Update" not in sections
    assert "AoB" not in sections
