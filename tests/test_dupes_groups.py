"""One group per body: likely links joined by transitivity, each member with its link, cut by
[[distinct]]; reports that grow with the number of entries, never its square (issues 22, 23)."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.matching import find_duplicate_groups
from endorse.matching.report import as_problems
from tests.conftest import Invoke
from tests.test_dupes_cli import append
from tests.test_matching import groups_of, statement


def test_a_chain_of_likely_links_is_one_group() -> None:
    # A~B (a dropped letter) and B~C (a legal form), but A and C differ by both.
    names = ["Mekong River Network", "Mekong Rivers Network", "Mekong Rivers Network Ltd"]
    [group] = find_duplicate_groups(statement(*names))
    assert [m.signatory.name for m in group.members] == names
    first, second, _ = group.members
    assert group.links[0] is None
    assert group.links[1] is not None and group.links[1].to is first
    assert group.links[2] is not None and group.links[2].to is second
    assert "legal suffix" in group.links[2].reasons


def test_a_distinct_record_cuts_the_chain_between_its_names() -> None:
    names = ["Mekong River Network", "Mekong Rivers Network", "Mekong Rivers Network Ltd"]
    loaded = statement(*names, distinct=[["Mekong River Network", "Mekong Rivers Network Ltd"]])
    found = groups_of(loaded)
    # The strongest link (the legal form, 0.97) is kept; the typing error would join the
    # recorded pair, so it is cut.
    assert found == [["Mekong Rivers Network", "Mekong Rivers Network Ltd"]]


def test_country_sections_stay_apart() -> None:
    loaded = statement("Save the Children UK", "Save the Children Sweden", "Save the Children")
    assert groups_of(loaded) == []


def test_identical_entries_are_one_group_and_one_line_each() -> None:
    loaded = statement(*["Youth Council of Kep"] * 400)
    [group] = find_duplicate_groups(loaded)
    assert len(group.members) == 400
    problems = as_problems([group])
    assert len(problems) == 399
    # Each line names the entry its link goes to, never all the others.
    longest = max(len(problem.message) for problem in problems)
    assert longest < 200
    assert problems[-1].code == "E301"
    assert problems[-1].message == (
        "'Youth Council of Kep' is probably the same signer as 'Youth Council of Kep' "
        "(signatories/test.toml:3) (same after normalisation; score 1.00; "
        "one of 400 entries of one group)"
    )


def test_a_pair_reads_as_before() -> None:
    [group] = find_duplicate_groups(statement("Amnesty International", "Amnesty Int'l"))
    [problem] = as_problems([group])
    assert problem.message == (
        "'Amnesty Int'l' is probably the same signer as 'Amnesty International' "
        "(signatories/test.toml:3) (same after normalisation, abbreviation; score 0.97)"
    )


FOUND = [
    ("Women for Peace", "Women fro Peace", "typing error"),
    ("Friends of Angkor", "Friends fo Angkor", "typing error"),
    ("Mekong River Network", "Mekong Rvier Network", "typing error"),
    ("Green Earth Network", "Greenearth Network", "same after normalisation"),
    ("Deutsche Hilfe e.V.", "Deutsche Hilfe e. V.", "legal suffix"),
    ("St Mary Hospital Cambodia", "Saint Mary Hospital Cambodia", "st → saint"),
    ("Khmer Youth Association", "Khmer Youth", "same after normalisation"),
    (
        "Center for Human Rights and Development",
        "Center for Development and Human Rights",
        "word order",
    ),
]


@pytest.mark.parametrize(("first", "second", "reason"), FOUND)
def test_typos_a_person_makes(first: str, second: str, reason: str) -> None:
    [group] = find_duplicate_groups(statement(first, second))
    assert reason in group.reasons


APART = [
    ("Save the Children UK", "Save the Children Sweden"),
    # A prefix is no abbreviation unless a full stop marks it.
    ("University of Leeds", "University of Leedsville"),
    ("Peter Lee Foundation", "Peter Leeson Foundation"),
    ("KBC America Inc.", "Kobelco America Inc."),
    # A typing error in a name's only distinctive word makes another body's name.
    ("General Tire", "General Time"),
    ("Genetec Corporation", "Genetex Corporation"),
]


@pytest.mark.parametrize(("first", "second"), APART)
def test_distinct_bodies_stay_apart(first: str, second: str) -> None:
    assert groups_of(statement(first, second)) == []


def test_a_word_cut_short_counts_when_marked() -> None:
    [group] = find_duplicate_groups(statement("Leeds Internat. Trust", "Leeds International Trust"))
    assert "abbreviation" in group.reasons


def test_text_output_shows_the_link_of_each_member_of_a_chain(project: Path, cli: Invoke) -> None:
    names = ["Mekong River Network", "Mekong Rivers Network", "Mekong Rivers Network Ltd"]
    append(project, "".join(f'\n[[signatory]]\nname = "{n}"\ngroup = "endorsers"\n' for n in names))
    lines = cli("dupes", "cambodia-2021", code=1).stdout.splitlines()
    assert lines[1].split() == ["name", "group", "file:line", "linked", "to"]
    first, second, third = (line.split("  ") for line in lines[2:5])
    assert first[0] == names[0] and second[0] == names[1] and third[0] == names[2]
    where = [next(cell.strip() for cell in line if "toml:" in cell) for line in (first, second)]
    assert lines[3].endswith(f"{where[0]}: typing error")
    assert lines[4].endswith(
        f"{where[1]}: same after normalisation, legal suffix, legal form Ltd dropped"
    )
    checked = cli("check", code=1).stdout
    assert f"'{names[2]}' is probably the same signer as '{names[1]}'" in checked
