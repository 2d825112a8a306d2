"""Owner text -> owner names, in English, French and Spanish (examples of each rule)."""

from __future__ import annotations

import pytest

from reminder.reading.owners.split import OwnerText, is_ditto, read_owners, split_owners


@pytest.mark.parametrize(
    ("raw", "owners"),
    [
        # the separators
        ("IMO and Protection Cluster", ("IMO", "Protection Cluster")),
        ("Ana & Luis", ("Ana", "Luis")),
        ("Water Board, Red Cross", ("Water Board", "Red Cross")),
        ("Food Bank / Town Hall", ("Food Bank", "Town Hall")),
        ("Logistics TWG + Radio Hub", ("Logistics TWG", "Radio Hub")),
        ("Croix-Rouge et Mairie", ("Croix-Rouge", "Mairie")),
        ("Alcaldía y Defensoría", ("Alcaldía", "Defensoría")),
        ("Pedro e Inés", ("Pedro", "Inés")),
        ("North Team; South Team\nEast Team", ("North Team", "South Team", "East Team")),
        # leading articles
        ("The co-leads", ("co-leads",)),
        ("le Groupe Éducation", ("Groupe Éducation",)),
        ("la Mairie et les Partenaires locaux", ("Mairie", "Partenaires locaux")),
        ("l'Unité de santé", ("Unité de santé",)),
        ("el Comité y los Voluntarios", ("Comité", "Voluntarios")),
        ("las Alcaldías", ("Alcaldías",)),
        # separators inside a name
        ("R&D unit and the Board", ("R&D unit", "Board")),
        ("ABC&XYZ", ("ABC", "XYZ")),
        ("Water, Sanitation and Hygiene Cluster", ("Water, Sanitation and Hygiene Cluster",)),
        ("Ana, Luis and Omar", ("Ana", "Luis", "Omar")),
        ("Search and Rescue Team", ("Search and Rescue Team",)),
        ("Water & Sanitation Committee", ("Water & Sanitation Committee",)),
        ("Comité de Agua y Saneamiento", ("Comité de Agua y Saneamiento",)),
        ("Department of Fire and Rescue", ("Department of Fire and Rescue",)),
        ("Ministère de la Santé et UNICEF", ("Ministère de la Santé", "UNICEF")),
        ("Ministerio de Trabajo y Empleo Rural", ("Ministerio de Trabajo y Empleo Rural",)),
        ("Fundación Mar y Tierra", ("Fundación Mar y Tierra",)),
        ("Bureau Santé et Partenaires", ("Bureau Santé", "Partenaires")),
        ("Desk Officer and Partners", ("Desk Officer", "Partners")),
        ("Groupe Santé / Health Group", ("Groupe Santé",)),
        ("Food/Nutrition Sector", ("Food/Nutrition Sector",)),
        ("Cash-Food working group", ("Cash-Food working group",)),
        ("Help & Hope Foundation (HHF)", ("Help & Hope Foundation",)),
        ("IMO and Health Desk", ("IMO", "Health Desk")),
        ("North Team and South Team", ("North Team", "South Team")),
        ("Lead Officer & Deputy Lead Officer", ("Lead Officer", "Deputy Lead Officer")),
        # parentheses
        ("(Red Cross, Food Bank)", ("Red Cross", "Food Bank")),
        ("Board (with support from IMO, Desk)", ("Board",)),
        ("CCR (RCC)", ("CCR",)),
        ("Group 2 chair (Red Cross)", ("Group 2 chair",)),
        # alternatives
        ("Lina (or Karim if Lina is on leave)", ("Lina", "Karim")),
        ("Lina, or Karim if Lina is on leave", ("Lina", "Karim")),
        ("Lina (ou Karim si Lina est absente)", ("Lina", "Karim")),
        ("Lina o Karim (si Lina no está)", ("Lina", "Karim")),
        ("Lina (Karim if Lina is on leave)", ("Lina", "Karim")),
        # one owner in two languages
        ("Coordination GPE / EWG coordination", ("Coordination GPE",)),
        ("Tous les partenaires / All partners", ("Tous les partenaires",)),
        ("Todos los socios / All partners", ("Todos los socios",)),
        ("HCR / UNHCR", ("HCR",)),
        ("OMS / WHO", ("OMS", "WHO")),
        ("Health Team / Water Team", ("Health Team", "Water Team")),
        # handles and groups
        ("@ana.k and @Luis Perez", ("@ana.k", "@Luis Perez")),
        ("all partners", ("all partners",)),
        ("All members", ("All members",)),
        ("Tous les membres", ("Tous les membres",)),
        # counterparts
        ("Field Office with the District Authority", ("Field Office",)),
        ("Alcaldía con la Oficina del Puerto", ("Alcaldía",)),
        # nothing
        ("Ana Diaz et al.", ("Ana Diaz",)),
        ("", ()), ("-", ()), ("TBD", ()), (None, ()),
    ],
)  # fmt: skip
def test_owner_text_gives_one_entry_per_owner(raw: str | None, owners: tuple[str, ...]) -> None:
    assert split_owners(raw)[0] == owners


@pytest.mark.parametrize(
    ("raw", "supporting"),
    [
        ("Board (with support from IMO, Desk)", ("IMO", "Desk")),
        ("Board, with support from IMO and Desk", ("IMO", "Desk")),
        ("Mairie (avec l'appui du Groupe Santé)", ("Groupe Santé",)),
        ("Alcaldía (con apoyo de la Defensoría)", ("Defensoría",)),
        ("Board (with inputs from the Youth Forum)", ("Youth Forum",)),
        ("Board; Support: IMO", ("IMO",)),
        ("Mairie, appui : Croix-Rouge", ("Croix-Rouge",)),
    ],
)
def test_supporters_stay_with_their_owner(raw: str, supporting: tuple[str, ...]) -> None:
    owners, found = split_owners(raw)
    assert len(owners) == 1 and found == supporting


@pytest.mark.parametrize(
    ("raw", "condition"),
    [
        ("Lina (or Karim if Lina is on leave)", "or Karim if Lina is on leave"),
        ("Lina, or Karim if Lina is on leave", "or Karim if Lina is on leave"),
        ("Lina o Karim (si Lina no está)", "o Karim (si Lina no está)"),
        ("Lina (ou Karim si Lina est absente)", "ou Karim si Lina est absente"),
        ("Lina or Karim", "or Karim"),
        ("Lina and Karim", None),
    ],
)
def test_the_condition_of_an_alternative_owner_is_reported(raw: str, condition: str | None) -> None:
    assert read_owners(raw).condition == condition


def test_a_translation_or_an_affiliation_is_a_qualifier_not_an_owner() -> None:
    read = read_owners("CCR (RCC), @Ana Diaz (Cash Team)")
    assert read.owners == ("CCR", "@Ana Diaz")
    assert read.qualifiers == (("CCR", "RCC"), ("@Ana Diaz", "Cash Team"))
    bilingual = read_owners("Tous les partenaires / All partners")
    assert bilingual.qualifiers == (("Tous les partenaires", "All partners"),)


def test_a_counterpart_is_reported_apart() -> None:
    assert read_owners("Field Office with the District Authority") == OwnerText(
        owners=("Field Office",), counterparts=("District Authority",)
    )


@pytest.mark.parametrize("mark", ['"', "''", '-"-', "“", "〃", "idem", " ditto "])
def test_ditto_marks_mean_same_as_above(mark: str) -> None:
    assert is_ditto(mark)
    assert read_owners(mark) == OwnerText(ditto=True)


@pytest.mark.parametrize("text", ["", "Red Cross", "-", "'", "n/a"])
def test_other_text_is_not_a_ditto_mark(text: str) -> None:
    assert not is_ditto(text)


@pytest.mark.parametrize(
    ("raw", "owners", "not_owners"),
    [
        ("Red Cross, by next Tuesday", ("Red Cross",), ("by next Tuesday",)),
        ("Mairie – d'ici fin mai", ("Mairie",), ("d'ici fin mai",)),
        ("Alcaldía — antes del 5 de abril", ("Alcaldía",), ("antes del 5 de abril",)),
        ("IMO – pending", ("IMO",), ("pending",)),
        ("Open Society Fund", ("Open Society Fund",), ()),
        ("Next chair", ("Next chair",), ()),
        ("Mid-level managers", ("Mid-level managers",), ()),
        ("Ana, by 5 May", ("Ana",), ("by 5 May",)),
        ("Ana, hasta el viernes", ("Ana",), ("hasta el viernes",)),
        ("[DONE] ACTION: Ana", ("Ana",), ("[DONE]",)),
        ("✅ Red Cross", ("Red Cross",), ("✅",)),
        ("Red Cross (by Friday)", ("Red Cross",), ("by Friday",)),
        ("Croix-Rouge (fait)", ("Croix-Rouge",), ("fait",)),
    ],
)
def test_a_deadline_or_status_among_the_owners_is_reported_not_owned(
    raw: str, owners: tuple[str, ...], not_owners: tuple[str, ...]
) -> None:
    read = read_owners(raw)
    assert (read.owners, read.not_owners) == (owners, not_owners)


@pytest.mark.parametrize(
    ("raw", "owners"),
    [
        ("Health\nCoordinator", ("Health Coordinator",)),
        ("Field\nteam members", ("Field team members",)),
        ("WFP\nUNHCR", ("WFP", "UNHCR")),
        ("Responsible: WFP and UNHCR", ("WFP", "UNHCR")),
        ("Responsable : Mairie", ("Mairie",)),
        ("Board (with support\nfrom the Desk)", ("Board",)),
    ],
)
def test_wrapped_cells_and_labels(raw: str, owners: tuple[str, ...]) -> None:
    assert split_owners(raw)[0] == owners


def test_the_note_says_what_the_caller_should_record() -> None:
    read = read_owners("Lina, or Karim if Lina is on leave, with the Port Office")
    assert read.owners == ("Lina", "Karim")
    assert read.note == (
        "alternative owner: or Karim if Lina is on leave; counterpart, not an owner: Port Office"
    )
    assert read_owners("Red Cross").note == ""
