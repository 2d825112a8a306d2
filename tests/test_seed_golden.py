"""Golden tests: every action point of the two real minutes, read as a careful coordinator would.

Each row is (text, owners, deadline phrase, due date, status), written out by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reminder.config.settings import Settings
from reminder.service import imports as service

FIXTURES = Path(__file__).parent / "fixtures" / "minutes"
TODAY = date(2026, 11, 22)

CM_STANDARDS_2019 = [
    ("Jennifer to share survey with WG for comment.", ["Jennifer"], None, None, "open"),
    (
        "WG members to make comments on survey by COB (9.9.19)",
        ["WG members"],
        "by COB (9.9.19)",
        date(2019, 9, 9),
        "open",
    ),
    (
        "Markus to share the link to specific focal points so they are able to circulate it "
        "within their CCCM networks.",
        ["Markus"],
        None,
        None,
        "open",
    ),
    ("Markus to revise survey based on feedback from WG members.", ["Markus"], None, None, "open"),
    (
        "PHAP to launch survey 12.9.19 along with link to webinar.",
        ["PHAP"],
        "12.9.19",
        date(2019, 9, 12),
        "open",
    ),
    (
        "PHAP (with inpust from WG) to develop concept note for webinar.",
        ["PHAP"],
        None,
        None,
        "open",
    ),
    (
        "Jennifer to follow up with permissions for pre-recorded statements to accompany webinar.",
        ["Jennifer"],
        None,
        None,
        "open",
    ),
    # Written in September about a date in June: kept as written, and flagged.
    (
        "WG members to make comment on document by 14.6.19",
        ["WG members"],
        "by 14.6.19",
        date(2019, 6, 14),
        "open",
    ),
    (
        "Frank to share breakdown of participants list and contacts for record keeping.",
        ["Frank"],
        None,
        None,
        "open",
    ),
    ("Jennifer to share report with WG.", ["Jennifer"], None, None, "open"),
]

PREVIOUS = "as the following: "
CPSS_2023 = [
    (
        "WFP to share key messages on ration cuts with sectors to be disseminated with partners.",
        ["WFP"],
        None,
        None,
        "done",
    ),
    ("MHPSS package link to be shared with CPSS and partners.", ["MHPSS"], None, None, "done"),
    (
        "CPSS to seek two representatives (male & female) to be regular members of the MHPSS WG.",
        ["CPSS", "MHPSS"],
        None,
        None,
        "done",
    ),
    (
        "CPSS partners to nominate membership for child and adolescent WG.",
        ["CPSS"],
        None,
        None,
        "done",
    ),
    ("CPSS to add MHPSS WG co-chairs to the CPSS mailing list.", ["CPSS"], None, None, "done"),
    (
        "CPSS to share with PSEA coordinator the compiled list of names for CP-PSEA task team.",
        ["CPSS"],
        None,
        None,
        "done",
    ),
    # Carried over from May: the 25th of May stays in 2023, it does not roll to 2024.
    (
        "Online orientation session on CP protection definitions will be held online on the 25th "
        "of May.",
        ["CMTWG"],
        "on the 25th of May",
        date(2023, 5, 25),
        "done",
    ),
    ("CMTWG ToR to be finalized.", ["CMTWG"], None, None, "in_progress"),
    (
        "CPSS to continue the rationalization meeting on monthly basis with the focal points.",
        ["CPSS"],
        "on monthly basis",
        None,
        "in_progress",
    ),
    (
        "CP ECD updates to be a standing agenda item from next month.",
        ["CPSS"],
        None,
        None,
        "in_progress",
    ),
    ("PSEA FP to share the endorsed SOP version with CPSS", ["PSEA"], None, None, "open"),
    (
        "PSEA and CPSS to conduct a regular meeting to discuss the CF PSEA materials.",
        ["CPSS", "PSEA"],
        "regular",
        None,
        "open",
    ),
    ("CMTWG TOR is to be finalized.", ["CPSS", "CMTWG"], None, None, "open"),
    (
        "DPISP finalization by the end of July",
        ["CPSS", "CMTWG"],
        "by the end of July",
        date(2023, 7, 31),
        "open",
    ),
    (
        "CPSS actors to share their interest in joining the shared visits.",
        ["CPSS Partners"],
        None,
        None,
        "open",
    ),
    (
        "CPSS to develop a child protection situation monitoring tool and guideline (After SAG "
        "consultation) by the end of July.",
        ["CPSS coordination team"],
        "by the end of July",
        date(2023, 7, 31),
        "open",
    ),
    (
        "CPSS team to coordinate with the MHPSSWG to discuss the way forward in both task forces "
        "and to avoid any potential duplication",
        ["CPSS Coordination team"],
        None,
        None,
        "open",
    ),
    (
        "CPSS team to share the final product with CPSS actors by the end of the 3rd Quarter",
        ["CPSS Coordination team"],
        "by the end of the 3rd Quarter",
        date(2023, 9, 30),
        "open",
    ),
    (
        "Discuss the rationalization process and challenges with CP actors by ad-hock meetings",
        ["CPSS Coordination team"],
        None,
        None,
        "open",
    ),
    (
        "Online training series will be ready to use by CPSS actors on the IMO products "
        f"{PREVIOUS}5W's (Mid Aug)",
        ["CPSS Coordination team"],
        "Mid Aug",
        date(2023, 8, 15),
        "open",
    ),
    (
        "Online training series will be ready to use by CPSS actors on the IMO products "
        f"{PREVIOUS}CPIMS (Mid Sep)",
        ["CPSS Coordination team"],
        "Mid Sep",
        date(2023, 9, 15),
        "open",
    ),
    (
        "Online training series will be ready to use by CPSS actors on the IMO products "
        f"{PREVIOUS}CPSM (Mid Aug)",
        ["CPSS Coordination team"],
        "Mid Aug",
        date(2023, 8, 15),
        "open",
    ),
]


def read(name: str) -> list[tuple[object, ...]]:
    resolved = service.extract_file(path=FIXTURES / name, settings=Settings(), today=TODAY)
    return [
        (
            r.action.text,
            list(r.action.owners),
            r.deadline.phrase,
            r.deadline.due,
            r.action.status.value,
        )
        for r in resolved.actions
    ]


def test_it_reads_every_action_point_of_the_cm_standards_minutes() -> None:
    assert read("000_269016093f408b22.txt") == CM_STANDARDS_2019


def test_it_reads_every_action_point_of_the_cpss_minutes() -> None:
    assert read("001_1a84e44fc280ee80.txt") == CPSS_2023


def test_it_flags_a_deadline_written_before_the_meeting() -> None:
    resolved = service.extract_file(
        path=FIXTURES / "000_269016093f408b22.txt", settings=Settings(), today=TODAY
    )
    june = next(r for r in resolved.actions if "14.6.19" in r.action.text)
    assert "before_meeting" in june.deadline.flags


def test_it_reads_the_meetings_of_both_minutes() -> None:
    cm = service.extract_file(
        path=FIXTURES / "000_269016093f408b22.txt", settings=Settings(), today=TODAY
    ).meeting
    cpss = service.extract_file(
        path=FIXTURES / "001_1a84e44fc280ee80.txt", settings=Settings(), today=TODAY
    ).meeting
    assert (cm.forum, cm.date, cm.next_meeting_phrase) == (
        "CM Standards WG",
        date(2019, 9, 9),
        "later this month prior to retreat",
    )
    # "later this month" at a meeting on 9 September: by the end of September.
    assert cm.next_meeting == date(2019, 9, 30)
    assert (cpss.forum, cpss.date, cpss.next_meeting_phrase, cpss.next_meeting) == (
        "CXB CPSS",
        date(2023, 6, 19),
        "TBD",
        None,
    )
