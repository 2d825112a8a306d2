"""Labelled fields after an action, separated by dashes, each read on its own."""

from __future__ import annotations

from reminder.reading.actions.fields import trailing_fields
from reminder.reading.extraction import Status


def test_owner_deadline_and_status_labels_split_at_the_dashes() -> None:
    found = trailing_fields(
        "Réparer les pompes – Responsable : Comité de l'eau – Échéance : fin mai"
        " – Statut : En cours"
    )
    assert found.text == "Réparer les pompes"
    assert found.owner == "Comité de l'eau"
    assert found.due == "fin mai"
    assert found.status is not None and found.status[0] is Status.IN_PROGRESS


def test_one_label_runs_to_the_end() -> None:
    found = trailing_fields("Share the list; Owner: Health team")
    assert found.owner == "Health team"
