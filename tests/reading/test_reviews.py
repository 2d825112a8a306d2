"""Reviews of earlier action points written as prose, with the status after each action."""

from __future__ import annotations

from reminder.reading.actions.minutes import analyse
from reminder.reading.document import Document, Paragraph
from reminder.reading.extraction import Status


def test_the_status_on_the_line_below_each_reviewed_action() -> None:
    blocks = (
        Paragraph("1. Review of pending action points", 1),
        Paragraph("Sectors to share their stock figures by 7 October.", 2, bullet=True),
        Paragraph("Pending, only two sectors have shared.", 3, bullet=True, depth=1),
        Paragraph("Roster to be compiled by the HR unit.", 4, bullet=True),
        Paragraph("Cancelled – each agency keeps its own.", 5, bullet=True, depth=1),
        Paragraph("2. Winter", 6),
        Paragraph("Shelter team to present the gap analysis.", 7, bullet=True),
    )
    actions = analyse(Document(blocks), source="notes.docx").actions
    got = [(a.text, a.owners, a.status, a.carried_over) for a in actions]
    assert got == [
        ("Sectors to share their stock figures by 7 October.", ("Sectors",), Status.OPEN, True),
        ("Roster to be compiled by the HR unit.", ("HR unit",), Status.CANCELLED, True),
        ("Shelter team to present the gap analysis.", ("Shelter team",), Status.OPEN, False),
    ]


def test_status_sentences_after_each_action_of_an_action_log() -> None:
    blocks = (
        Paragraph("4. ACTION LOG", 1),
        Paragraph("The Committee noted the following:", 2),
        Paragraph("Clerk to circulate the strategy. Action complete.", 3, bullet=True),
        Paragraph("Police to report on patrols. This action is ongoing.", 4, bullet=True),
        Paragraph("Housing to share the figures. There is no update to provide.", 5, bullet=True),
        Paragraph(
            "Youth team to run a survey. No longer required; action withdrawn.", 6, bullet=True
        ),
        Paragraph(
            "Fire service to report on visits. Deferred to the March meeting.", 7, bullet=True
        ),
        Paragraph("ACTION - Clerk to update the action log.", 8),
    )
    actions = analyse(Document(blocks), source="minutes.docx").actions
    got = [(a.text, a.status, a.carried_over) for a in actions]
    assert got == [
        ("Clerk to circulate the strategy.", Status.DONE, True),
        ("Police to report on patrols.", Status.IN_PROGRESS, True),
        ("Housing to share the figures.", Status.OPEN, True),
        ("Youth team to run a survey.", Status.CANCELLED, True),
        ("Fire service to report on visits.", Status.OPEN, True),
        ("Clerk to update the action log.", Status.OPEN, False),
    ]
    assert actions[4].due_phrase == "Deferred to the March meeting"


def test_a_review_list_with_trailing_statuses_and_ongoing_as_a_new_actions_deadline() -> None:
    blocks = (
        Paragraph("Follow-up on action points from 2 May", 1, level=3),
        Paragraph("Note to be circulated by WFP – **done** ✅", 2, bullet=True),
        Paragraph("Dana to triage the old tickets — in progress (40 of 65)", 3, bullet=True),
        Paragraph("Action points:", 4, level=6),
        Paragraph("Partners to flag liquidity problems — ongoing.", 5),
    )
    actions = analyse(Document(blocks), source="cwg.md").actions
    got = [(a.text, a.owners, a.status, a.due_phrase, a.carried_over) for a in actions]
    assert got == [
        ("Note to be circulated by WFP", ("WFP",), Status.DONE, None, True),
        ("Dana to triage the old tickets", ("Dana",), Status.IN_PROGRESS, None, True),
        ("Partners to flag liquidity problems", ("Partners",), Status.OPEN, "ongoing", False),
    ]


def test_a_scribe_tracker_line_under_review_and_its_summary_tag() -> None:
    blocks = (
        Paragraph("Action item review", 1),
        Paragraph("<bot> action-7 -- Eva to check the licence -- due 2025-03-01 -- OPEN", 3),
        Paragraph("Summary of Action Items", 5),
        Paragraph("[DONE] ACTION: Eva to check the licence", 7),
    )
    (action,) = analyse(Document(blocks), source="irc.txt").actions
    assert (action.text, action.status, action.due_phrase, action.carried_over) == (
        "Eva to check the licence",
        Status.DONE,
        "due 2025-03-01",
        True,
    )
