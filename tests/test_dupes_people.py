"""People's names (kind = "individual") get their own model: matching/people.py (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest

from endorse.format.models import Signatory
from endorse.matching import find_duplicate_groups, match_candidate, scan
from endorse.matching.index import DuplicateIndex
from endorse.matching.people import person_keys, person_words
from tests.conftest import Invoke
from tests.test_matching import statement


def person(name: str) -> Signatory:
    return Signatory(name=name, kind="individual")


def reasons(first: str, second: str) -> tuple[str, ...] | None:
    found = find_duplicate_groups(statement(person(first), person(second)))
    return found[0].reasons if found else None


ONE_PERSON = [
    ("John Smith", "J. Smith", "initials"),
    ("Jean-Claude Juncker", "JC Juncker", "initials"),
    ("Li-Fu Chen", "Li F. Chen", "initials"),
    ("Tsu-Jae King", "Tsu Jae King", "same after normalisation"),
    ("Sok Dara", "Dara Sok", "word order"),
    ("Robert Jones", "Bob Jones", "nickname"),
    ("William Okafor", "Bill Okafor", "nickname"),
    ("Сергей Лавров", "Sergey Lavrov", "transliteration"),
    ("Jane Doe", "Dr. Jane Doe", "same after normalisation"),
    ("John Michael Smith", "John Smith", "middle name left out"),
    ("Nikolai Platonovich Patrushev", "Nikolai Patrushev", "middle name left out"),
    ("Olaf Scholz", "Olaf Scholze", "typing error"),
    ("Emmanuel Macron", "Emanuel Macron", "spelling variant"),
    ("Mordechay Beyar", "Mordechai Beyar", "spelling variant"),
    ("Raphael Wertheim", "Rafael Wertheim", "spelling variant"),
    ("Arieh Solomon", "Aryeh Solomon", "spelling variant"),
    ("Zion Yasur", "Zion Yassur", "spelling variant"),
    ("Raymond Bruce McLauchlan", "Bruce McLauchlan", "first given name left out"),
    ("J. Don Chen", "Don Chen", "middle name left out"),
    ("Lutgard C. De Jonghe", "Lutgard DeJonghe", "words run together"),
    ("Olaf T. Von Ramm", "Olaf T. Van Ramm", "typing error"),
    ("King Tsu-Jae", "Tsu-Jae King", "word order"),
    # Middle names on both sides and a nickname: their keys meet.
    ("Kenneth William Tobin", "Ken W. Tobin", "nickname"),
    ("Ronald Richard Semel", "Ron Richard Semel", "nickname"),
    ("Chanthol Sokha", "Chanhtol Sokha", "typing error"),
    ("Alisher Usmanov", "AlisherUsmanov", "words run together"),
]


@pytest.mark.parametrize(("first", "second", "reason"), ONE_PERSON)
def test_one_person(first: str, second: str, reason: str) -> None:
    found = reasons(first, second)
    assert found is not None and reason in found


TWO_PEOPLE = [
    # Never a prefix "abbreviation" of a proper name.
    ("Peter Lee", "Peter Leeson"),
    ("Ivan Petrov", "Ivanka Petrov"),
    # A typo that makes another name: two errors, or the first letter changed.
    ("Olaf Schulze", "Olaf Scholz"),
    ("Michel Obama", "Michelle Obama"),
    ("Peter Hansen", "Peter Jansen"),
    # Short words carry no typing error.
    ("Dara Sok", "Dara Sek"),
    ("Søren Y. Lindqvist", "Søren E. Lindqvist"),
    ("Frank Richter", "Frederik Richter"),
    # A hyphenated given name is one name, not a given and a middle name.
    ("Hong Guo", "Hong-Fen Guo"),
    ("Jian-Min Zhou", "Jian Zhou"),
    ("Jean-Claude Juncker", "Jean Juncker"),
    ("Yoav Nissan-Cohen", "Yoav Cohen"),
    # A short family name's vowels are its own; doubled letters are a spelling variant.
    ("John Smyth", "John Smith"),
    # A first given name left out only when the other is written in full, in order.
    ("Raymond Bruce McLauchlan", "B. McLauchlan"),
    ("Raymond Bruce McLauchlan", "McLauchlan Bruce"),
    # A name and its feminine form, though the nickname list pairs them.
    ("Louis Martin", "Louise Martin"),
    ("Edwin Okafor", "Edwina Okafor"),
    ("Frederick Owusu", "Frederica Owusu"),
    # "J. Don Chen" goes by Don; "S. L." is two initials, neither of them Lucille's alone.
    ("Jinfa Chen", "J. Don Chen"),
    ("John Smith", "J. Michael Smith"),
    ("Lucille Shapiro", "S. L. Shapiro"),
    # Organisation rules never run on people.
    ("Maria Int", "Maria International"),
]


@pytest.mark.parametrize(("first", "second"), TWO_PEOPLE)
def test_two_people(first: str, second: str) -> None:
    assert reasons(first, second) is None


def test_a_bracketed_affiliation_is_a_note() -> None:
    assert person_words("Sok Dara (Oxfam Cambodia)") == ("sok", "dara")
    loaded = statement(person("Sok Dara (Oxfam)"), person("Dara Sok"))
    [group] = find_duplicate_groups(loaded)
    assert "affiliation in brackets read as a note" in group.reasons


def test_an_initial_never_joins_two_given_names() -> None:
    loaded = statement(person("John Smith"), person("J. Smith"), person("Jane Smith"))
    groups = [[m.signatory.name for m in g.members] for g in find_duplicate_groups(loaded)]
    assert groups == [["John Smith", "J. Smith"]]


def test_the_same_names_as_organisations_follow_the_organisation_rules() -> None:
    # Without kind = "individual", "Peter Lee" is read as an organisation's words.
    assert find_duplicate_groups(statement("Dara Sok", "Sok Dara")) != []


def test_add_answers_as_the_full_index_for_people() -> None:
    names = ["John Smith", "Dara Sok", "Robert Jones", "Сергей Лавров", "Olaf Scholz", "Li Na"]
    names += ["Mordechay Beyar", "Raymond Bruce McLauchlan", "Lutgard C. De Jonghe"]
    loaded = statement(*[person(name) for name in names], "Smith Foundation")
    index = DuplicateIndex(loaded.entries)
    news = ["J. Smith", "Sok Dara", "Bob Jones", "Sergey Lavrov", "Olaf Scholze", "Na Li"]
    for new in [*news, "Mordechai Beyar", "Bruce McLauchlan", "Lutgard DeJonghe"]:
        expected = {index.entries[o].position for o in index.query(person(new))}
        scanned = {entry.position for entry, _ in scan.query(person(new), loaded.entries)}
        assert scanned == expected and expected, new
    [match] = match_candidate(loaded, person("J. Smith"))
    assert match.entry.signatory.name == "John Smith"


def test_real_distinct_names_that_share_words_are_all_accepted() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from distinct_names import ORGANISATIONS, PEOPLE

    for names, make in ((ORGANISATIONS, Signatory), (PEOPLE, person)):
        for name in names:
            others = [make(name=n) if make is Signatory else make(n) for n in names if n != name]
            new = make(name=name) if make is Signatory else make(name)
            assert match_candidate(statement(*others), new) == [], name


def test_add_reads_a_person_with_the_people_model(open_project: Path, cli: Invoke) -> None:
    slug = "cambodia-2021"
    cli("add", slug, "Sok Dara", "--group", "endorsers", "--kind", "individual")
    # A prefix of a surname is another person; initials and word order are the same one.
    cli("add", slug, "Sok Darany", "--group", "endorsers", "--kind", "individual")
    refused = cli("add", slug, "Dara Sok", "--group", "endorsers", "--kind", "individual", code=1)
    assert "is likely already a signatory: 'Sok Dara'" in refused.stderr
    assert "word order" in refused.stderr


@pytest.mark.parametrize(
    "name",
    [
        "X " + "aa " * 140 + "Y",  # particles all the way: joined once, not once per word
        "Jean-" + "-".join(["ab"] * 140) + " Z",
        "Robert " + " ".join(chr(97 + i % 26) + "x" for i in range(140)) + " Smith",
    ],
)
def test_a_persons_block_keys_do_not_grow_with_its_words(name: str) -> None:
    assert len(person_keys(person_words(name))) <= 300
