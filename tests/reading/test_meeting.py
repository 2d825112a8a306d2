"""Meeting details read from a document: date and its source, next meeting, date order."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.reading.document import Cell, Document, Item, Paragraph, Row, Table
from reminder.reading.meeting.details import date_in_file_name, meeting_info, next_meeting_in


def doc(*blocks: str | list[list[str]]) -> Document:
    """Paragraphs from strings, tables from lists of rows of cell texts."""
    built: list[Paragraph | Table] = []
    for block in blocks:
        if isinstance(block, str):
            built.append(Paragraph(block))
        else:
            rows = tuple(
                Row(tuple(Cell((Item(text),) if text else ()) for text in row)) for row in block
            )
            built.append(Table(rows))
    return Document(tuple(built))


@pytest.mark.parametrize(
    ("document", "day", "source"),
    [
        (doc("Food WG", "Minutes – Tuesday, 4 March 2025", "Agenda"), date(2025, 3, 4), "title"),
        (
            doc("Comité", "Compte rendu de la réunion du mardi 3 juin 2025"),
            date(2025, 6, 3),
            "title",
        ),
        (doc("Acta de la reunión del 30 de marzo de 2023"), date(2023, 3, 30), "title"),
        (
            doc("Shelter WG", [["Date:", "14/03/2019", "Time:", "10:00"]]),
            date(2019, 3, 14),
            "header table",
        ),
        (doc("WG", "Date: 5th December 2019, 10:00"), date(2019, 12, 5), "Date: line"),
        (doc("Page", "| **Date** | Oct 3, 2024 |"), date(2024, 10, 3), "header table"),
        (
            doc("Notes", "Meeting date: June 5, 2024", "Type: Monthly"),
            date(2024, 6, 5),
            "Date: line",
        ),
        (
            doc(
                "From: A <a@x.org>",
                "To: B <b@x.org>",
                "Date: Thu, 9 Feb 2017 17:42:10 +0200",
                "Subject: minutes of today",
            ),
            date(2017, 2, 9),
            "e-mail header",
        ),
    ],
)
def test_the_meeting_date_comes_from_the_document_and_says_where(
    document: Document, day: date, source: str
) -> None:
    info = meeting_info(document)
    assert (info.date, info.date_source) == (day, source)


def test_a_date_about_an_earlier_meeting_is_not_the_meeting_date() -> None:
    info = meeting_info(doc("Health WG", "Review of action points from 19 April 2023", "Agenda"))
    assert (info.date, info.date_source) == (None, None)


def test_a_document_without_a_date_has_none() -> None:
    assert meeting_info(doc("Quick notes", "- Ana: will send the map on Fri")).date is None


@pytest.mark.parametrize(
    ("texts", "phrase", "day"),
    [
        (
            ["Next meeting: Thursday 28/03/2019, 10:00"],
            "Thursday 28/03/2019, 10:00",
            date(2019, 3, 28),
        ),
        (["NEXT SC MEETING: Thursday 23 February 2017, 10:00"], None, date(2017, 2, 23)),
        (["Next PMT: Thursday 19 July 2018, 14:30"], None, date(2018, 7, 19)),
        (["Prochaine réunion", "mardi 26 octobre 2021, 10h00"], None, date(2021, 10, 26)),
        (["Próxima reunión: 23/03/2023 (cada dos jueves)"], None, date(2023, 3, 23)),
        (["Updated 06/09/2022 · Next meeting: 20/09/2022"], "20/09/2022", date(2022, 9, 20)),
        (
            [
                "8. DATE OF NEXT MEETING",
                "The next meeting will be held on Wednesday",
                "1 February 2023 at 2.00 pm",
            ],
            None,
            date(2023, 2, 1),
        ),
        (["3. Next meeting", "Date to be confirmed (TBC)."], "to be confirmed", None),
        (["next meeting Thu 18/4 same time"], "Thu 18/4 same time", None),
        (["Next steps: share the map by 3 May 2024"], None, None),
    ],
)
def test_the_next_meeting_comes_from_next_meeting_statements(
    texts: list[str], phrase: str | None, day: date | None
) -> None:
    found_phrase, found_day = next_meeting_in(texts, False)
    assert found_day == day
    if phrase is not None:
        assert found_phrase == phrase


def test_a_next_meeting_cell_beside_its_label_is_read() -> None:
    info = meeting_info(doc("WG", [["Minutes:", "IMO", "Next meeting:", "Thursday 28/03/2019"]]))
    assert info.next_meeting == date(2019, 3, 28)


@pytest.mark.parametrize(
    ("texts", "month_first"),
    [
        (["Tuesday, January 14, 2025", "by Friday 1/17"], True),
        (["Oct 3, 2024", "fix it by 10/8"], True),
        (["Date: 14/03/2019", "by 20/03"], False),
        (["by 18/4", "radio room running 24/7"], False),
        (["no numeric dates at all"], False),
    ],
)
def test_day_first_or_month_first_is_decided_from_the_document(
    texts: list[str], month_first: bool
) -> None:
    info = meeting_info(doc(*texts))
    assert info.month_first is month_first
    assert (info.month_first_evidence is None) == (texts == ["no numeric dates at all"])


def test_a_sunday_to_thursday_week_is_read_when_stated() -> None:
    info = meeting_info(
        doc("Cluster", "Date: 16 February 2020", "Working week: Sunday -- Thursday")
    )
    assert info.working_days == (6, 0, 1, 2, 3)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("etc-notes-2019-04-11.txt", date(2019, 4, 11)),
        ("minutes_20190411.docx", date(2019, 4, 11)),
        ("WG minutes 11.04.2019.txt", date(2019, 4, 11)),
        ("000_269016093f408b22.txt", None),
        ("notes.txt", None),
    ],
)
def test_a_date_in_the_file_name_is_found(name: str, day: date | None) -> None:
    assert date_in_file_name(name) == day


def test_an_e_mail_s_subject_is_its_title_and_names_the_forum() -> None:
    info = meeting_info(
        doc(
            "From: Chair <chair@forum.org>",
            "To: Members <members@forum.org>",
            "Date: Thu, 9 Feb 2017 17:42:10 +0200",
            "Subject: RE: Minutes - Shelter Forum - today's meeting",
            "Dear all,",
        )
    )
    assert (info.title, info.forum) == (
        "Minutes - Shelter Forum - today's meeting",
        "Shelter Forum",
    )
