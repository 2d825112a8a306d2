"""Action points in the prose and lists of minutes, from small documents of each shape."""

from __future__ import annotations

from reminder.reading.actions.minutes import analyse
from reminder.reading.document import Document, Paragraph
from reminder.reading.extraction import ExtractedAction, Status


def read(*blocks: Paragraph, source: str = "minutes.md") -> tuple[ExtractedAction, ...]:
    return analyse(Document(blocks), source=source).actions


def lines(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs of a plain-text page, one per non-blank line, "- " lines as bullets."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            bullet = line.lstrip().startswith("- ")
            out.append(Paragraph(line.strip().removeprefix("- "), number, bullet=bullet))
    return tuple(out)


def test_a_checklist_gives_owners_from_mentions_and_status_from_boxes() -> None:
    actions = read(
        Paragraph("Tasks", 1, level=2),
        Paragraph("[ ] @Ana Silva book the room for the training by Friday", 2, bullet=True),
        Paragraph("[x] @Ben Ode send the invitations", 3, bullet=True),
        Paragraph("[ ] Draft the agenda — @Ana Silva — 12/03/2025", 4, bullet=True),
    )
    got = [(a.text, a.owners, a.status, a.due_phrase) for a in actions]
    assert got == [
        ("@Ana Silva book the room for the training by Friday", ("@Ana Silva",), Status.OPEN, None),
        ("@Ben Ode send the invitations", ("@Ben Ode",), Status.DONE, None),
        ("Draft the agenda", ("@Ana Silva",), Status.OPEN, "12/03/2025"),
    ]


def test_an_email_keeps_its_actions_and_leaves_out_the_quoted_reply_and_signature() -> None:
    page = """From: Chair <chair@example.org>
Subject: Minutes of today's call

Dear all, please find the notes below.

ACTION POINTS:
- Water team to repair the pump at the school by end of May.
- Health desk to share the clinic rota.

Best regards,
Lea
--
Lea Martin, coordinator
> On 3 May, Tom wrote:
> Tom to bring the projector to the next call.
"""
    actions = read(*lines(page), source="minutes.txt")
    assert [(a.text, a.owners) for a in actions] == [
        ("Water team to repair the pump at the school by end of May.", ("Water team",)),
        ("Health desk to share the clinic rota.", ("Health desk",)),
    ]


def test_wrapped_lines_of_a_text_page_are_one_action() -> None:
    page = """ACTION - Transport officer to confirm the fuel allocation for the
convoys with the logistics hub before the next meeting.
"""
    (action,) = read(*lines(page), source="notes.txt")
    assert action.text == (
        "Transport officer to confirm the fuel allocation for the convoys with the logistics "
        "hub before the next meeting."
    )
    assert action.owners == ("Transport officer",)


def test_a_paragraph_of_decisions_and_actions_keeps_only_the_actions() -> None:
    actions = read(
        Paragraph("2. Budget", 1, level=3),
        Paragraph(
            "Decisions and actions: The board approved the revised budget. The finance team "
            "will circulate the final figures by 10 June. Members are requested to send "
            "their comments on the audit plan.",
            2,
        ),
    )
    assert [(a.text, a.owners) for a in actions] == [
        ("The finance team will circulate the final figures by 10 June.", ("finance team",)),
        ("Members are requested to send their comments on the audit plan.", ("Members",)),
    ]


def test_discussion_gives_only_sentences_that_commit_someone() -> None:
    actions = read(
        Paragraph("Roads", 1, level=2),
        Paragraph(
            "The bridge at the river crossing is closed. The district office will check the "
            "detour. Drivers reported long queues; the road unit will clear the culvert by "
            "Thursday. Mia to map the detours.",
            2,
        ),
    )
    assert [a.text for a in actions] == [
        "the road unit will clear the culvert by Thursday.",
        "Mia to map the detours.",
    ]


def test_the_subject_outranks_an_owner_in_a_trailing_parenthesis() -> None:
    actions = read(
        Paragraph("Next steps", 1, level=2),
        Paragraph("IMO to circulate the contact list (Excel)", 2, bullet=True),
        Paragraph("Mapping of water points (WASH, Health)", 3, bullet=True),
    )
    assert [a.owners for a in actions] == [("IMO",), ("WASH", "Health")]


def test_a_passive_action_names_its_owner_after_by() -> None:
    actions = read(
        Paragraph("Action points", 1, level=2),
        Paragraph("The stock report to be shared by the warehouse team by 4 July.", 2, bullet=True),
        Paragraph(
            "Guidance note to be drafted — Legal unit & Field office, by mid-July.", 3, bullet=True
        ),
        Paragraph("Site plan to be updated.", 4, bullet=True),
    )
    got = [(a.text, a.owners, a.due_phrase) for a in actions]
    assert got == [
        ("The stock report to be shared by the warehouse team by 4 July.", ("warehouse team",), None),  # noqa: E501
        ("Guidance note to be drafted", ("Legal unit", "Field office"), "by mid-July"),
        ("Site plan to be updated.", (), None),
    ]  # fmt: skip


def test_an_owner_in_a_parent_bullet_applies_to_its_children() -> None:
    actions = read(
        Paragraph("Next steps", 1, level=2),
        Paragraph("Nutrition team:", 2, bullet=True),
        Paragraph("share the screening figures", 3, bullet=True, depth=1),
        Paragraph("organise the refresher training", 4, bullet=True, depth=1),
    )
    assert [(a.text, a.owners) for a in actions] == [
        ("share the screening figures", ("Nutrition team",)),
        ("organise the refresher training", ("Nutrition team",)),
    ]


def test_a_numbered_action_list_skips_its_topic_headings() -> None:
    actions = read(
        Paragraph("Action items:", 1),
        Paragraph("1. Warehousing", 2),
        Paragraph("2. Partners to send their storage requests by 25 August", 3),
        Paragraph("3. Fuel supply", 4),
        Paragraph("4. Circulate the fuel price survey (Logistics unit)", 5),
    )
    assert [(a.text, a.owners) for a in actions] == [
        ("Partners to send their storage requests by 25 August", ("Partners",)),
        ("Circulate the fuel price survey (Logistics unit)", ("Logistics unit",)),
    ]


def test_an_inline_action_repeated_in_the_summary_is_one_action_with_the_later_status() -> None:
    page = """Topic one

Ravi: the draft is nearly ready
ACTION: Ravi to publish the draft - due 2025-05-02

Summary of Action Items

[DONE] ACTION: Ravi to publish the draft - due 2025-05-02
[NEW] ACTION: Lin to review the glossary
"""
    actions = read(*lines(page), source="irc.txt")
    got = [(a.text, a.owners, a.status, a.due_phrase) for a in actions]
    assert got == [
        ("Ravi to publish the draft", ("Ravi",), Status.DONE, "due 2025-05-02"),
        ("Lin to review the glossary", ("Lin",), Status.OPEN, None),
    ]


def test_french_and_spanish_commitments_give_their_owner() -> None:
    actions = read(
        Paragraph("Points d'action", 1, level=2),
        Paragraph("OIM à partager la liste des sites avant le 15 mai.", 2, bullet=True),
        Paragraph("La note sera partagée par le secrétariat.", 3, bullet=True),
        Paragraph("Compromisos", 4, level=2),
        Paragraph("ACNUR se compromete a enviar el informe.", 5, bullet=True),
    )
    assert [a.owners for a in actions] == [("OIM",), ("secrétariat",), ("ACNUR",)]


def test_a_struck_item_is_cancelled_and_decisions_are_left_out() -> None:
    actions = read(
        Paragraph("Decisions", 1, level=2),
        Paragraph("The forum will co-sign the letter.", 2, bullet=True),
        Paragraph("Follow-up", 3, level=2),
        Paragraph("Print the leaflets", 4, bullet=True, struck=True),
        Paragraph("No action needed on the report.", 5, bullet=True),
        Paragraph("Next meeting: 4 June 2025", 6),
    )
    assert [(a.text, a.status) for a in actions] == [("Print the leaflets", Status.CANCELLED)]


def test_discussion_lines_that_only_report_are_not_actions() -> None:
    actions = read(
        Paragraph("Discussion", 1, level=2),
        Paragraph("Funding is expected to decrease by 20% in Q3.", 2, bullet=True),
        Paragraph("The next distribution will take place on 12 May.", 3, bullet=True),
        Paragraph("Attendance to be taken at each meeting.", 4, bullet=True),
        Paragraph("Reminder to all partners: submit the 5W by Friday.", 5, bullet=True),
        Paragraph("The report will be published by the secretariat next week.", 6, bullet=True),
        Paragraph("Action points", 7, level=2),
        Paragraph("Discussed the referral gaps in the north.", 8, bullet=True),
        Paragraph("Revised budget to be shared by the finance unit.", 9, bullet=True),
    )
    assert [(a.text, a.owners) for a in actions] == [
        ("The report will be published by the secretariat next week.", ("secretariat",)),
        ("Revised budget to be shared by the finance unit.", ("finance unit",)),
    ]


def test_a_short_title_between_blank_lines_of_a_text_page_opens_a_section() -> None:
    page = """Action items

- Ines to renew the lease

Security update

- The road to the airport reopened on Monday
- Guards to be briefed on the new curfew - Security officer
"""
    actions = read(*lines(page), source="notes.txt")
    assert [(a.text, a.owners, a.section) for a in actions] == [
        ("Ines to renew the lease", ("Ines",), "Action items"),
        ("Guards to be briefed on the new curfew", ("Security officer",), "Security update"),
    ]


def test_responsible_and_deadline_lines_below_an_action_complete_it() -> None:
    actions = read(
        Paragraph("Follow-up", 1, level=2),
        Paragraph("Prepare the winter plan", 2, bullet=True),
        Paragraph("Responsible: Shelter team, Logistics", 3),
        Paragraph("Deadline: 15 October", 4),
        Paragraph("Discussion", 5, level=2),
        Paragraph("The plan was welcomed.", 6),
        Paragraph("Responsible: nobody", 7),
    )
    got = [(a.text, a.owners, a.due_phrase) for a in actions]
    assert got == [("Prepare the winter plan", ("Shelter team", "Logistics"), "15 October")]


def test_a_long_paragraph_under_an_action_heading_gives_only_its_tasks() -> None:
    actions = read(
        Paragraph("Action points", 1, level=2),
        Paragraph("Mapping of the northern camps (Site team)", 2),
        Paragraph(
            "Partners reported more arrivals in the east. The camp managers raised the water "
            "gap. Circulate the revised site plan. The WASH team will truck water by Monday.",
            4,
        ),
    )
    assert [a.text for a in actions] == [
        "Mapping of the northern camps (Site team)",
        "Circulate the revised site plan.",
        "The WASH team will truck water by Monday.",
    ]


def test_an_action_written_in_two_languages_is_one_action() -> None:
    actions = read(
        Paragraph("Points d'action / Action points", 1, level=2),
        Paragraph("OIM à partager la liste des sites de Mokolo avant le 30/06.", 2, bullet=True),
        Paragraph("OIM to share the list of Mokolo sites by 30/06.", 3, bullet=True),
        Paragraph("OIM to visit Mora.", 4, bullet=True),
    )
    assert [a.text for a in actions] == [
        "OIM à partager la liste des sites de Mokolo avant le 30/06.",
        "OIM to visit Mora.",
    ]


def test_two_tasks_on_the_same_names_in_one_language_stay_two() -> None:
    actions = read(
        Paragraph("Action points", 1, level=2),
        Paragraph("OIM to share the 5W for Mokolo by 30/06.", 2, bullet=True),
        Paragraph("OIM to review the 5W for Mokolo by 30/06.", 4, bullet=True),
    )
    assert len(actions) == 2
