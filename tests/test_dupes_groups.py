"""One group per body: likely links joined by transitivity, each member with its link, cut by
[[distinct]]; reports that grow with the number of entries, never its square (issues 22, 23)."""

from __future__ import annotations

from endorse.matching import find_duplicate_groups
from endorse.matching.report import as_problems
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
