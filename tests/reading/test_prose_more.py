"""Board-style markers: "Action (Name): task" and "AGREED ACTION: X to ..."."""

from __future__ import annotations

from reminder.reading.actions.markers import marked


def test_parenthesis_after_action_is_the_owner() -> None:
    found = marked("Action (Finance Officer): reconcile the petty cash by Friday.")
    assert found is not None
    assert found.owner == "Finance Officer"
    assert found.text == "reconcile the petty cash by Friday."


def test_agreed_action_is_a_marker() -> None:
    found = marked("AGREED ACTION: The Secretary to book the hall for the AGM.")
    assert found is not None
    assert found.text == "The Secretary to book the hall for the AGM."


def test_paragraph_number_before_a_marker_is_cut() -> None:
    found = marked("4.3 Action (Chair): write to the landlord about the lease.")
    assert found is not None
    assert found.owner == "Chair"
    assert found.text == "write to the landlord about the lease."
