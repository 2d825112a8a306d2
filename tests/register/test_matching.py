"""Owner names: splitting a cell as written, and resolving names against the directory."""

from __future__ import annotations

import pytest

from reminder.reading.owners.split import split_owners
from reminder.register.matching import Directory, Entry, normalise


@pytest.mark.parametrize(
    ("raw", "owners", "supporting"),
    [
        ("CPSS and PSEA", ("CPSS", "PSEA"), ()),
        ("CPSS, MHPSS", ("CPSS", "MHPSS"), ()),
        ("CPSS and CMTWG", ("CPSS", "CMTWG"), ()),
        ("PHAP (with inpust from WG)", ("PHAP",), ("WG",)),
        ("PHAP (with inputs from WG members)", ("PHAP",), ("WG members",)),
        ("UNICEF / WHO; UNFPA", ("UNICEF", "WHO", "UNFPA"), ()),
        ("Save the Children (SCI)", ("Save the Children",), ()),
        ("CPSS Coordination team", ("CPSS Coordination team",), ()),
        ("  WG members. ", ("WG members",), ()),
        ("CPSS and cpss", ("CPSS",), ()),
        ("", (), ()),
        ("-", (), ()),
    ],
)
def test_it_splits_owner_cells_as_a_coordinator_reads_them(
    raw: str, owners: tuple[str, ...], supporting: tuple[str, ...]
) -> None:
    assert split_owners(raw) == (owners, supporting)


def test_it_normalises_case_accents_and_punctuation() -> None:
    assert normalise("  Médecins-Sans  Frontières ") == "medecins sans frontieres"


@pytest.fixture
def directory() -> Directory:
    return Directory(
        [
            Entry("organisation", 1, "Child Protection Sub-Sector", acronyms=("CPSS",)),
            Entry("organisation", 2, "ISCG PSEA Network", acronyms=("PSEA",)),
            Entry(
                "organisation",
                3,
                "Save the Children International",
                acronyms=("SCI",),
                aliases=("Save the Children",),
            ),
            Entry("contact", 10, "Jennifer Smith"),
            Entry("contact", 11, "Markus Weber", aliases=("PHAP focal point",)),
            Entry("contact", 12, "Frank Ocean"),
            Entry("contact", 13, "Frank Lloyd"),
            Entry("group", 20, "CPSS coordination team", aliases=("CPSS team",)),
            Entry("organisation", 4, "MHPSS Working Group", acronyms=("MHPSS WG",)),
        ]
    )


@pytest.mark.parametrize(
    ("name", "kind", "entry_id", "how"),
    [
        ("CPSS", "organisation", 1, "acronym"),
        ("cpss", "organisation", 1, "acronym"),
        ("Child Protection Sub-sector", "organisation", 1, "name"),
        ("Child Protection Sub Sector", "organisation", 1, "name"),
        ("Save the Children", "organisation", 3, "alias"),
        ("Save the Childern International", "organisation", 3, "fuzzy"),
        ("CPSS Coordination team", "group", 20, "name"),
        ("CPSS team", "group", 20, "alias"),
        ("PSEA FP", "organisation", 2, "role_suffix"),
        ("PSEA focal point", "organisation", 2, "role_suffix"),
        ("Jennifer", "contact", 10, "first_name"),
        ("PHAP focal point", "contact", 11, "alias"),
        ("MHPSSWG", "organisation", 4, "acronym"),
    ],
)
def test_it_resolves_names_acronyms_aliases_and_small_typos(
    directory: Directory, name: str, kind: str, entry_id: int, how: str
) -> None:
    found = directory.resolve(name)
    assert (found.kind, found.id, found.how) == (kind, entry_id, how)


def test_it_keeps_an_unknown_owner_unresolved(directory: Directory) -> None:
    found = directory.resolve("WFP")
    assert not found.resolved and found.name == "WFP"


def test_it_does_not_guess_between_two_people_with_the_same_first_name(
    directory: Directory,
) -> None:
    found = directory.resolve("Frank")
    assert not found.resolved and found.how == "ambiguous"


def test_it_never_fuzzy_matches_short_acronyms(directory: Directory) -> None:
    assert not directory.resolve("CPS").resolved


def test_an_ampersand_inside_a_name_does_not_split_it() -> None:
    assert split_owners("Humanity & Inclusion (HI)") == (("Humanity & Inclusion",), ())
    assert split_owners("M&E team and UNICEF") == (("M&E team", "UNICEF"), ())
