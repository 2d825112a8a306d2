"""Statuses as people write them, in English, French and Spanish: cells and action lines."""

from __future__ import annotations

import pytest

from reminder.reading.extraction import Status, parse_status
from reminder.reading.status.find import find_status, is_status_word

OPEN, WIP, DONE, DROP = Status.OPEN, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        # words, English
        ("Open", OPEN), ("Pending", OPEN), ("Not started", OPEN), ("Overdue", OPEN),
        ("On hold", OPEN), ("Postponed", OPEN), ("Deferred", OPEN), ("Not done", OPEN),
        ("no update", OPEN), ("Ongoing", WIP), ("In progress", WIP), ("WIP", WIP),
        ("Partially done", WIP), ("Done", DONE), ("Completed", DONE), ("Closed", DONE),
        ("Action complete", DONE), ("Dropped", DROP), ("Cancelled", DROP),
        ("Withdrawn", DROP), ("no longer required", DROP),
        # French
        ("En attente", OPEN), ("Non commencé", OPEN), ("Reporté", OPEN), ("En cours", WIP),
        ("Fait", DONE), ("Réalisé", DONE), ("realise", DONE), ("Annulé", DROP),
        # Spanish
        ("Pendiente", OPEN), ("No iniciado", OPEN), ("En curso", WIP), ("En proceso", WIP),
        ("Cumplido", DONE), ("Terminado", DONE), ("Completado", DONE), ("Cancelado", DROP),
        ("Anulado", DROP), ("Cancelada", DROP), ("Realizada", DONE), ("Vencido", OPEN),
        ("Terminée", DONE), ("Annulée", DROP), ("Non commencée", OPEN), ("Yet to start", OPEN),
        ("Training done", DONE), ("Carte faite", DONE), ("Taller cancelado", DROP),
        ("Report not yet done", OPEN), ("Duplicate", DROP), ("🟢 Done", DONE),
        ("• En cours", WIP), ("75% complete", WIP),
        ("Completed ✅", DONE), ("☑️", DONE),
        # marks, tags and boxes
        ("✘", OPEN), ("[ ]", OPEN), ("⏳", WIP), ("✔", DONE), ("✅", DONE), ("☑", DONE),
        ("[x]", DONE), ("[DONE]", DONE), ("[DROPPED]", DROP), ("[PENDING]", OPEN),
        ("[NEW]", OPEN), ("✔ Done", DONE), ("✘ Not done", OPEN), ("⏳ In progress", WIP),
        # percentages
        ("0%", OPEN), ("50%", WIP), ("80 %", WIP), ("100%", DONE), ("100 % done", DONE),
        # words with a remark
        ("Done – report sent on 4 June", DONE), ("completed on 12/05", DONE),
        ("done 10/2", DONE), ("Ongoing (40%)", WIP), ("En cours (60 %)", WIP),
        ("Postponed (new date TBC)", OPEN), ("not done, carried over", OPEN),
        ("Deferred to the March meeting", OPEN), ("Dropped – covered by the other group", DROP),
        ("(done during the meeting)", DONE), ("Pending – waiting for the ministry", OPEN),
        # sentences
        ("This action is ongoing", WIP), ("Action complete.", DONE),
        ("There is no update to provide.", OPEN), ("No longer required; action withdrawn.", DROP),
        ("action withdrawn", DROP), ("Cette action est en cours", WIP),
        # bilingual cells
        ("Fait / Done", DONE), ("En attente / Pending", OPEN), ("Annulé / Cancelled", DROP),
        ("Pendiente / Pending", OPEN),
        # empty
        ("", OPEN), (None, OPEN), ("  ", OPEN),
    ],
)  # fmt: skip
def test_a_status_cell_reads_in_three_languages(raw: str | None, status: Status) -> None:
    assert parse_status(raw) is status


@pytest.mark.parametrize(
    "raw",
    [
        "Shared with partners",
        "To be completed",
        "Will be done",
        "À être finalisé",
        "Por ser cancelado",
        "by Friday",
        "WFP, UNHCR",
        "maybe",
        "Blocked?",
        "done?",
        "🟢",
        '"',
    ],
)
def test_text_that_is_not_a_status_is_not_guessed(raw: str) -> None:
    assert parse_status(raw) is None


@pytest.mark.parametrize(
    ("line", "status", "fragment", "rest"),
    [
        ("[DONE] ACTION: Ana to check the data", DONE, "[DONE]", "ACTION: Ana to check the data"),
        ("[DROPPED] Paul to draft the note", DROP, "[DROPPED]", "Paul to draft the note"),
        ("✅ Share the plan", DONE, "✅", "Share the plan"),
        ("- [x] Publish the notes", DONE, "[x]", "Publish the notes"),
        ("- [ ] Publish the notes", OPEN, "[ ]", "Publish the notes"),
        ("☐ Book the room", OPEN, "☐", "Book the room"),
        ("Share the map (completed 3/4/25)", DONE, "(completed 3/4/25)", "Share the map"),
        ("Share the map (in progress)", WIP, "(in progress)", "Share the map"),
        ("Envoyer la lettre (fait)", DONE, "(fait)", "Envoyer la lettre"),
        ("Enviar la carta (en curso)", WIP, "(en curso)", "Enviar la carta"),
        ("Omar to send the letter: sent on 2 March. DONE.", DONE, "DONE.",
         "Omar to send the letter: sent on 2 March"),
        ("Lina to collect data - in progress, 5 of 12 have replied.", WIP,
         "in progress, 5 of 12 have replied.", "Lina to collect data"),
        ("[ ] Ali to triage issues — in progress (10 of 40)", WIP,
         "[ ] in progress (10 of 40)", "Ali to triage issues"),
        ("[ ] Move the docs (dropped, not needed)", DROP, "[ ] (dropped, not needed)",
         "Move the docs"),
        ("Update the list — IMO — done", DONE, "done", "Update the list — IMO"),
        ("Share the 5W, ongoing, 60%", WIP, "ongoing, 60%", "Share the 5W"),
        ("Visit the depot (not done – snow)", OPEN, "(not done – snow)", "Visit the depot"),
        ("Pending: share the list", OPEN, "Pending:", "share the list"),
        ("Done.", DONE, "Done.", ""),
        ("(Done) Share the list", DONE, "(Done)", "Share the list"),
        ("[✓] Share the list", DONE, "[✓]", "Share the list"),
        ("[X] Book the room", DONE, "[X]", "Book the room"),
        ("Share the list. Status: done.", DONE, "Status: done.", "Share the list"),
        ("Partager la liste – statut : en cours", WIP, "statut : en cours", "Partager la liste"),
        ("Town Clerk to send the notice to residents. Action complete.", DONE,
         "Action complete.", "Town Clerk to send the notice to residents"),
        ("Parks Team to audit the benches. This action is ongoing; a report came in May.", WIP,
         "This action is ongoing; a report came in May.", "Parks Team to audit the benches"),
        ("Library to extend the hours. Deferred to the spring meeting.", OPEN,
         "Deferred to the spring meeting.", "Library to extend the hours"),
        ("Treasurer to share the figures. There is no update to provide.", OPEN,
         "There is no update to provide.", "Treasurer to share the figures"),
        ("Arts Desk to run a survey. No longer required; action withdrawn.", DROP,
         "No longer required; action withdrawn.", "Arts Desk to run a survey"),
        ("~~buy more radios~~ cancelled, not needed any more", DROP,
         "cancelled, not needed any more", "~~buy more radios~~"),
        ("Note to be circulated by IMO – **done** ✅", DONE, "**done** ✅",
         "Note to be circulated by IMO"),
        ("Partager la carte (fait pendant la réunion)", DONE, "(fait pendant la réunion)",
         "Partager la carte"),
        ("Compartir el mapa — pendiente", OPEN, "pendiente", "Compartir el mapa"),
    ],
)  # fmt: skip
def test_a_status_at_either_end_of_an_action_line_is_found_and_cut(
    line: str, status: Status, fragment: str, rest: str
) -> None:
    assert find_status(line) == (status, fragment, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Map the sites (WFP, UNHCR)",
        "Share the list, completed forms included",
        "Closed schools to be listed by the IMO",
        "Circulate the ToR (by Friday)",
        "12 sites connected, 2 still pending (North, East)",
        "the training was done 9/4, 20 people",
        "(Shelter) Share the list",
        "Prepare the report – ongoing process",
        "Circulate the report — completed version",
        "Collect the forms (completed forms only)",
        "Partners to report closures, ongoing",
        "Members to flag delays — ongoing.",
        "Partenaires à signaler les cas (en continu)",
        "Socios a compartir datos, permanente",
        "[5]Location vocabulary",
    ],
)
def test_an_action_line_without_a_status_is_left_as_it_is(line: str) -> None:
    assert find_status(line) == (None, None, line)


def test_a_document_legend_is_read_before_the_vocabulary() -> None:
    legend = {"Green": DONE, "Amber": WIP, "Red": OPEN}
    assert parse_status("green", legend=legend) is DONE
    assert parse_status("Amber", legend=legend) is WIP
    assert parse_status("Done", legend=legend) is DONE
    assert parse_status("Green") is None


@pytest.mark.parametrize(
    ("text", "word"),
    [("pending", True), ("✅", True), ("[DONE]", True), ("Pending it", False), ("IMO", False)],
)
def test_a_bare_status_word_is_recognised(text: str, word: bool) -> None:
    assert is_status_word(text) is word
