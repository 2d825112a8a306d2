"""Line markers, trailing fields and statuses written in prose."""

from __future__ import annotations

import pytest

from reminder.reading.actions.clauses import commitment
from reminder.reading.actions.fields import trailing_fields
from reminder.reading.actions.markers import inline_action, marked
from reminder.reading.actions.statuses import status_of
from reminder.reading.extraction import Status


@pytest.mark.parametrize(
    ("line", "text", "owner"),
    [
        ("AP: Partners to flag cargo priorities", "Partners to flag cargo priorities", ""),
        ("ACTION - Chair to write to the mayor", "Chair to write to the mayor", ""),
        ("<lead> ACTION: Kim to fix the form", "Kim to fix the form", ""),
        ("ACTION Field Officer: renew the permits", "renew the permits", "Field Officer"),
        ("Sam: will call the supplier on Monday", "Sam: will call the supplier on Monday", "Sam"),
        (
            "Radio unit:- will test the repeaters",
            "Radio unit:- will test the repeaters",
            "Radio unit",
        ),
        (
            "Team A + Team B: install the router",
            "Team A + Team B: install the router",
            "Team A + Team B",
        ),
        ("@Noor Aziz send the minutes", "@Noor Aziz send the minutes", "@Noor Aziz"),
    ],
)
def test_a_marked_line_gives_its_text_and_owner(line: str, text: str, owner: str) -> None:
    found = marked(line)
    assert found is not None
    assert (found.text, found.owner) == (text, owner)


@pytest.mark.parametrize(
    "line",
    [
        "Sam: the survey covers three districts",
        "Budget: 78% spent",
        "Action points:",
        "Date: 4 May",
    ],
)
def test_a_line_without_a_mark_is_not_marked(line: str) -> None:
    assert marked(line) is None


def test_boxes_and_tags_give_a_status() -> None:
    assert marked("[x] Send the report").status == (Status.DONE, "x")  # type: ignore[union-attr]
    assert marked("☐ Send the report").status[0] is Status.OPEN  # type: ignore[union-attr,index]
    assert marked("[DROPPED] ACTION: Kim to fix it").status[0] is Status.CANCELLED  # type: ignore[union-attr,index]


def test_an_inline_bold_action_run_is_split_off_its_discussion() -> None:
    assert inline_action("The scope was discussed. **Action:** Ana to draft the ToR.") == (
        "The scope was discussed.",
        "Ana to draft the ToR.",
    )


@pytest.mark.parametrize(
    ("text", "action", "owner", "due", "status"),
    [
        ("Update the map — IMO – pending", "Update the map", "IMO", None, Status.OPEN),
        ("Survey to be run - M&E unit, by next Thurs", "Survey to be run", "M&E unit", "by next Thurs", None),  # noqa: E501
        ("Mapping of wells (WASH, Health) – ongoing, 60%", "Mapping of wells (WASH, Health)", "", None, Status.IN_PROGRESS),  # noqa: E501
        ("Ali to call the bank: called on 2 Feb. DONE.", "Ali to call the bank", "", None, Status.DONE),  # noqa: E501
        ("Write the guide (done 9/30)", "Write the guide", "", None, Status.DONE),
        ("Plan the training, Q3", "Plan the training", "", "Q3", None),
        ("Rotate the token 📅 Oct 10, 2024", "Rotate the token", "", "Oct 10, 2024", None),
        ("Ana to share the list by Friday.", "Ana to share the list by Friday.", "", None, None),
    ],
)  # fmt: skip
def test_trailing_fields_are_cut_off_the_action(
    text: str, action: str, owner: str, due: str | None, status: Status | None
) -> None:
    fields = trailing_fields(text)
    assert (fields.text, fields.owner, fields.due) == (action, owner, due)
    assert fields.paren_owner == ("WASH, Health" if "wells" in text else "")
    assert (fields.status[0] if fields.status else None) is status


@pytest.mark.parametrize(
    ("fragment", "status"),
    [
        ("Action complete.", Status.DONE),
        ("This action is ongoing", Status.IN_PROGRESS),
        ("not done, carried over", Status.OPEN),
        ("Partially done – a second session is planned", Status.IN_PROGRESS),
        ("No longer required; action withdrawn.", Status.CANCELLED),
        ("Deferred to the March meeting", Status.OPEN),
        ("En cours", Status.IN_PROGRESS),
        ("Cumplido", Status.DONE),
    ],
)
def test_status_phrases_in_prose(fragment: str, status: Status) -> None:
    found = status_of(fragment)
    assert found is not None and found[0] is status


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Shelter team to share the kit list", "Shelter team"),
        ("UNICEF, with support from IMO, to map the schools", "UNICEF (with support from IMO)"),
        ("The roster will be compiled by the HR unit before June", "the HR unit"),
        ("Rita (or Omar if Rita is away) to attend", "Rita (or Omar if Rita is away)"),
    ],
)
def test_the_owner_of_a_commitment(sentence: str, owner: str) -> None:
    found = commitment(sentence)
    assert found is not None and found.owner == owner


@pytest.mark.parametrize(
    "sentence",
    [
        "The committee agreed to postpone the vote",
        "I will share them with everyone",
        "Access to education in the camps",
        "The campaign will start in all districts",
        "Ana to lead the review was discussed",
    ],
)
def test_decisions_reports_and_topics_are_not_commitments(sentence: str) -> None:
    assert commitment(sentence) is None
