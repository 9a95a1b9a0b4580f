"""The duplicate engine: what it must find, what it must never flag, and how it groups."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from endorse.format.characters import forbidden_characters
from endorse.format.models import Distinct, Signatory
from endorse.matching import find_duplicate_groups, match_candidate
from endorse.matching.confusables import skeleton
from endorse.matching.index import DuplicateIndex
from endorse.matching.normalise import tokens_of
from endorse.project.model import DistinctEntry, Entry, LoadedStatement

FILE = Path("signatories/test.toml")


def signer(name: str, **fields: Any) -> Signatory:
    if forbidden_characters(name):
        # The file format refuses such a name, but the engine must not depend on that.
        return Signatory.model_construct(name=name, **fields)
    return Signatory(name=name, **fields)


def statement(
    *signers: Signatory | str, distinct: list[list[str]] | None = None
) -> LoadedStatement:
    loaded = LoadedStatement(slug="test", path=Path("statements/test.toml"))
    for position, item in enumerate(signers):
        signatory = signer(item) if isinstance(item, str) else item
        loaded.entries.append(Entry(signatory, FILE, 3 + 4 * position, position))
    for names in distinct or []:
        loaded.distinct.append(DistinctEntry(Distinct(names=names), FILE, 100))
    return loaded


def groups_of(loaded: LoadedStatement) -> list[list[str]]:
    return [[m.signatory.name for m in g.members] for g in find_duplicate_groups(loaded)]


def reasons_for(first: Signatory | str, second: Signatory | str) -> tuple[str, ...]:
    [group] = find_duplicate_groups(statement(first, second))
    return group.reasons


MUST_FIND = [
    ("Save the Children", "SAVE  THE CHILDREN", "same after normalisation"),
    ("Save the Children", "Save-the-Children.", "same after normalisation"),
    ("The Asia Foundation", "Asia Foundation", "same after normalisation"),
    ("Bread & Water Trust", "Bread and Water Trust", "same after normalisation"),
    ("Amnesty International", "Amnesty Int'l", "abbreviation"),
    ("Amnesty International", "Amnesty Intl.", "abbreviation"),
    ("Teachers Association of Cambodia", "Teachers Assoc. of Cambodia", "abbreviation"),
    ("Women's Org. for Peace", "Women's Organization for Peace", "abbreviation"),
    ("Community Legal Education Ctr.", "Community Legal Education Center", "abbreviation"),
    ("Community Legal Education Centre", "Community Legal Education Center", "spelling variant"),
    ("Children In Families Organisation", "Children In Families Organization", "spelling variant"),
    ("Human Rights Defence Network", "Human Rights Defense Network", "spelling variant"),
    ("Médecins Sans Frontières", "Medecins Sans Frontieres", "accents"),
    ("Oxfam Novib Inc.", "Oxfam Novib", "legal suffix"),
    ("Open Data Services Ltd", "Open Data Services", "legal suffix"),
    ("Terre des Hommes Deutschland e.V.", "Terre des Hommes Deutschland", "legal suffix"),
    ("Heinrich Boell Foundation", "Heinrich Boell", "legal suffix"),
    ("Save the Children", "Save the \u0421hildren", "confusable characters"),
    ("Amnesty International", "Amn\u0435sty Internati\u03bfnal", "confusable characters"),
    ("Save the Children", "Save the Chil\u200bdren", "invisible characters"),
    ("Krousar Thmey", "Krousar\u00adThmey", "invisible characters"),
    ("Plan International Cambodia", "Cambodia Plan International", "word order"),
    (
        "Cambodian League for the Promotion and Defense of Human Rights",
        "Cambodian League for the Promotion and Defence of Human Rigths",
        "typing error",
    ),
    (
        "Global Initiative on Justice with Children",
        "Global Initative on Justice with Childern",
        "typing error",
    ),
    ("Cambodian Center for Human Rights", "CCHR", "initials of"),
    # A word cut short and marked with a full stop; "Co." and "Cie" for Company.
    (
        "Asian Forum for Human Rights and Development",
        "Asian Forum for Human Rights and Develop.",
        "abbreviation",
    ),
    (
        "Phnom Penh Printing Company of Cambodia",
        "Phnom Penh Printing Co. of Cambodia",
        "abbreviation",
    ),
    ("Mekong Rice Company", "Mekong Rice Cie", "same after normalisation"),
    # Legal forms written out, written as letters, or in front.
    ("Khmer Media Private Limited", "Khmer Media Pvt. Ltd.", "legal suffix"),
    ("Nordic Aid Society A.S.", "Nordic Aid Society", "legal form A.S. dropped"),
    ("PT Bumi Kencana Lestari", "Bumi Kencana Lestari", "legal form PT dropped"),
    # Initials through elisions, dotted letters, legal forms and a long name's "Foundation".
    ("Centre d'Etude et de Developpement Agricole Cambodgien", "CEDAC", "initials of"),
    ("N.G.O. Forum on Cambodia", "NGOFC", "initials of"),
    ("Chevron Energy Solutions, L.P.", "CESLP", "initials of"),
    ("Asia Pacific Human Rights Foundation", "APHRF", "initials of"),
    # "Association" and "Organization" count in initials of three letters ("Foundation" not).
    ("Khmer Youth Association", "KYA", "initials of"),
]


@pytest.mark.parametrize(("first", "second", "reason"), MUST_FIND)
def test_must_find(first: str, second: str, reason: str) -> None:
    assert reason in reasons_for(first, second)


def test_declared_acronym_in_brackets_matches_the_acronym_alone() -> None:
    reasons = reasons_for("Cambodian Human Rights and Development Association (ADHOC)", "ADHOC")
    assert reasons == ("acronym of",)


def test_acronym_field_matches_the_acronym_alone() -> None:
    full = signer("Cambodian Human Rights and Development Association", acronym="ADHOC")
    assert reasons_for(full, "ADHOC") == ("acronym of",)
    assert reasons_for(full, "Cambodian Human Rights and Development Association (ADHOC)")


def test_alias_matches() -> None:
    full = signer(
        "Licadho", aliases=["Cambodian League for the Promotion and Defense of Human Rights"]
    )
    reasons = reasons_for(full, "Cambodian League for the Promotion and Defence of Human Rights")
    assert reasons[:2] == ("alias", "same after normalisation")


def test_khmer_with_zero_width_spaces_matches_without_them() -> None:
    with_spaces = "សមាគម\u200bអភិវឌ្ឍន៍\u200bសិទ្ធិ\u200bមនុស្ស"
    assert reasons_for(with_spaces, "សមាគមអភិវឌ្ឍន៍សិទ្ធិមនុស្ស")


def test_khmer_vowel_signs_and_subscripts_are_kept() -> None:
    # Generic processors turn these marks into spaces; here they stay part of the word.
    assert tokens_of("សិទ្ធិ មនុស្ស") == ("សិទ្ធិមនុស្ស",)
    assert groups_of(statement("សិទ្ធិមនុស្ស", "សទធមនសស")) == []


def test_organiser_also_listed_as_endorser_is_found_across_groups() -> None:
    loaded = statement(
        signer("Save the Children", group="organizers"),
        signer("Save the Children", group="endorsers"),
    )
    [group] = find_duplicate_groups(loaded)
    assert [m.signatory.group for m in group.members] == ["organizers", "endorsers"]
    assert group.score == 1.0


MUST_NOT_FLAG = [
    ("Terre des Hommes Netherlands", "Terre des hommes"),
    ("Terre des Hommes Netherlands", "Terre des Hommes Germany"),
    ("Youth Network Phnom Penh", "Youth Network Battambang"),
    ("Plan International Cambodia", "Plan International Canada"),
    ("Save the Children UK", "Save the Children US"),
    ("Save the Children (UK)", "Save the Children"),
    ("Amnesty International", "Amnesty International Alliance"),
    ("Child Rights Coalition", "Child Rights Coalition Cambodia"),
    ("CARE", "CARE International in Cambodia"),
    ("Cambodian Center for Human Rights", "Citizens Commission on Human Rights"),
    ("Women's Network Chapter 1", "Women's Network Chapter 2"),
    (
        "Cambodian Human Rights Action Coalition",
        "Cambodian Human Rights and Development Association",
    ),
    (
        "Cambodian Center for Human Rights",
        "Cambodian Center for the Protection of Children's Rights",
    ),
    ("Ford Foundation", "Ford"),
    ("Legal Aid of Cambodia", "Legal Support for Children and Women"),
    # "Y" and "E" are "and" in Spanish and Italian, but here they are middle initials.
    ("Søren Y. Lindqvist", "Søren E. Lindqvist"),
    # A start of a word is a cut only when a full stop says so.
    ("Electro Cambodia Supplies", "Electronics Cambodia Supplies"),
    # "as" is a word, not the legal form A.S., unless written as letters.
    ("Friends as Allies", "Friends Allies"),
    ("Company of Players Cambodia", "Players Cambodia"),
    ("Medical Support Foundation", "MSF"),
    ("Row Org 11", "Row Org 12"),
]


@pytest.mark.parametrize(("first", "second"), MUST_NOT_FLAG)
def test_must_not_flag(first: str, second: str) -> None:
    assert groups_of(statement(first, second)) == []


def test_short_names_with_the_same_initials_but_different_meaning() -> None:
    loaded = statement(
        signer("Cambodian Center for Human Rights", acronym="CCHR"),
        signer("Citizens Commission on Human Rights", acronym="CCHR"),
    )
    assert groups_of(loaded) == []


def test_lowercase_word_is_not_read_as_initials() -> None:
    assert groups_of(statement("Cambodian Center for Human Rights", "Cchr")) == []


# Initials of part of a name (issue 23): an acronym in capitals for a run of the first (or
# last) words, the other words written the same.
PART_INITIALS = [
    ("KYA Battambang", "Khmer Youth Association Battambang", "kya → khmer youth association"),
    (
        "CCHR Siem Reap",
        "Cambodian Center for Human Rights Siem Reap",
        "cchr → cambodian center for human rights",
    ),
    ("K.Y.A. Battambang", "Khmer Youth Association Battambang", "kya → khmer youth association"),
    ("KYA Battambang Ltd", "Khmer Youth Assoc. Battambang", "kya → khmer youth association"),
    ("Battambang KYA", "Battambang Khmer Youth Association", "kya → khmer youth association"),
    # "Association" at the end is dropped from the canonical words: read as written.
    ("Friends of KYA", "Friends of Khmer Youth Association", "kya → khmer youth association"),
    (
        "APHRF Bangkok",
        "Asia Pacific Human Rights Foundation Bangkok",
        "aphrf → asia pacific human rights foundation",
    ),
]


@pytest.mark.parametrize(("short", "full", "run"), PART_INITIALS)
def test_initials_of_part_of_a_name(short: str, full: str, run: str) -> None:
    assert reasons_for(full, short) == ("initials of", run)
    assert reasons_for(short, full) == ("initials of", run)


def test_a_declared_acronym_for_part_of_a_name() -> None:
    chapter = signer(
        "Cambodian Human Rights and Development Association Battambang", acronym="ADHOC"
    )
    run = "adhoc → cambodian human rights and development association"
    assert reasons_for(chapter, "ADHOC Battambang") == ("acronym of", run)
    assert groups_of(statement(chapter, "ADHOC Siem Reap")) == []
    # Written in brackets inside the name ("Name (ACR) Canada"), the acronym is declared too.
    licadho = "Cambodian League for the Promotion and Defense of Human Rights (LICADHO) Canada"
    assert reasons_for(licadho, "LICADHO Canada") == (
        "acronym of",
        "licadho → cambodian league for promotion and defense of human rights",
    )


PART_INITIALS_NEVER = [
    # Another place is another chapter, and a chapter is not its federation.
    ("KYA Battambang", "Khmer Youth Association Siem Reap"),
    ("KYA Battambang", "Khmer Youth Association"),
    ("Khmer Youth Association Battambang", "KYA"),
    # Two letters are too weak; lower case is a word, not an acronym.
    ("KY Battambang", "Khmer Youth Battambang"),
    ("Kya Battambang", "Khmer Youth Association Battambang"),
    # A name in capitals only has no word that stands out as an acronym.
    ("KYA BATTAMBANG", "Khmer Youth Association Battambang"),
    # "Foundation" counts in initials of four letters or more only.
    ("MSF Canada", "Medical Support Foundation Canada"),
    # Long names that share initials, neither written as an acronym.
    ("Khmer Youth Association Battambang", "Khmer Young Artists Battambang"),
    # A word in brackets on one side only is a section.
    ("ECC America", "Engineered Construction Components (America)"),
    # The acronym stands for the first or the last words, not for words in the middle.
    ("KYA Battambang", "Network Khmer Youth Association Battambang"),
]


def test_a_name_without_words_has_no_initials() -> None:
    # Found by test_add_property: a name of punctuation only has no words to read.
    assert groups_of(statement(":", "KYA", "Khmer Youth Association")) == [
        ["KYA", "Khmer Youth Association"]
    ]
    assert match_candidate(statement("KYA"), signer(":")) == []


@pytest.mark.parametrize(("first", "second"), PART_INITIALS_NEVER)
def test_initials_of_part_of_a_name_never(first: str, second: str) -> None:
    assert groups_of(statement(first, second)) == []


def test_people_never_read_initials_of_part_of_a_name() -> None:
    short, full = "CCHR Siem Reap", "Cambodian Center for Human Rights Siem Reap"
    assert groups_of(statement(short, full)) == [[short, full]]
    people = statement(signer(short, kind="individual"), signer(full, kind="individual"))
    assert groups_of(people) == []
    only_full = statement(signer(full, kind="individual"))
    assert match_candidate(only_full, signer(short, kind="individual")) == []
    # Letters before a name are a person's initials (the people model), never "initials of".
    loaded = statement(
        signer("KYA Battambang", kind="individual"),
        signer("Khmer Youth Association Battambang", kind="individual"),
    )
    [group] = find_duplicate_groups(loaded)
    assert group.reasons == ("initials",)


def test_pair_recorded_as_distinct_is_not_flagged() -> None:
    pair = ["Amnesty International Cambodia", "Amnesty Int'l Cambodia"]
    assert groups_of(statement(*pair)) == [pair]
    assert groups_of(statement(*pair, distinct=[pair])) == []


def test_distinct_does_not_hide_a_true_repeat_of_one_of_its_names() -> None:
    loaded = statement(
        "Terre des hommes", "Terre des Hommes", distinct=[["Terre des hommes", "Tdh Netherlands"]]
    )
    assert groups_of(loaded) == [["Terre des hommes", "Terre des Hommes"]]


def test_a_word_cut_short_without_a_full_stop_joins_no_group() -> None:
    # A~B (typing error); "Journal" is "Journalist" cut short, but unmarked: no link, so no
    # chain (groups are connected components of likely links, tests/test_dupes_groups.py).
    a = "International Federation of Journalists"
    b = "International Federation of Journalist"
    c = "International Federation of Journal"
    loaded = statement(a, b, c)
    found = groups_of(loaded)
    assert found == [[a, b]]


def test_three_spellings_of_one_name_form_one_group() -> None:
    names = ["Amnesty International", "Amnesty Int'l", "AMNESTY INTERNATIONAL"]
    [group] = find_duplicate_groups(statement(*names))
    assert [m.signatory.name for m in group.members] == names
    assert group.score == 0.97
    assert group.reasons == ("same after normalisation", "abbreviation")


def test_withdrawn_entries_are_left_out_of_groups_but_matched_for_a_new_entry() -> None:
    loaded = statement(signer("Save the Children", status="withdrawn"), "Save the Children")
    assert groups_of(loaded) == []
    matches = match_candidate(loaded, signer("Save the Children"))
    assert [(m.entry.position, m.withdrawn) for m in matches] == [(0, True), (1, False)]


def test_match_candidate_finds_the_existing_entry_and_says_why() -> None:
    loaded = statement("Adolescent and Youth Reference Group", "Amnesty International")
    [match] = match_candidate(loaded, signer("Amnesty Intl."))
    assert match.entry.signatory.name == "Amnesty International"
    assert match.reasons == ("same after normalisation", "abbreviation")
    assert match_candidate(loaded, signer("Human Rights Watch")) == []


def test_match_candidate_respects_distinct() -> None:
    names = ["Terre des hommes", "Terre des hommes Lausanne Foundation"]
    loaded = statement(names[0], distinct=[names])
    assert match_candidate(loaded, signer("Terre des hommes Lausanne")) == []


def test_min_score_drops_weaker_matches() -> None:
    loaded = statement("Cambodian Center for Human Rights", "CCHR")
    assert len(find_duplicate_groups(loaded)) == 1
    assert find_duplicate_groups(loaded, min_score=0.9) == []


def test_skeleton_follows_tr39() -> None:
    assert skeleton("\u0421") == "C"
    assert skeleton("paypal") == skeleton("pаypal")  # Cyrillic а


def test_numbered_names_are_different_bodies_and_share_no_block() -> None:
    names = [f"Row Org {number}" for number in range(1, 301)]
    loaded = statement(*names, "Women's Network Chapter 11", "Women's Network Chapter 12")
    assert groups_of(loaded) == []
    index = DuplicateIndex(loaded.entries)
    # A number is never mistyped or abbreviated: blocks keyed on a blanked number would make
    # importing numbered rows quadratic (issue 16 measured 4,000 rows in 63 s).
    largest = max(map(len, [*index._masked.values(), *index._abbreviated.values()]))
    assert largest <= 2


def test_a_pairs_only_index_finds_the_pairs_of_a_full_one() -> None:
    """``pairs_only`` files only the keys two forms share: the same pairs, with the same
    evidence (the first of equal scores kept), as an index that files every key."""
    entries = _evaluation_entries()
    full = DuplicateIndex(entries, review=True)
    aside = DuplicateIndex(entries, review=True, pairs_only=True)
    found = aside.pairs(review=True)
    assert len(found) > 1000
    assert list(found.items()) == list(full.pairs(review=True).items())
    with pytest.raises(RuntimeError):
        aside.query(signer("Sok Dara"))
    with pytest.raises(RuntimeError):
        aside.add(entries[0])


def _evaluation_entries() -> list[Entry]:
    import json

    pairs = json.loads((Path(__file__).parent / "data" / "dupes" / "pairs.json").read_text())
    people = ["Sok Dara", "Dara Sok", "J. Smith", "John Smith", "Jon Smith", "Bob Jones"]
    people += ["Robert Jones", "Olaf Scholz", "Olaf Scholze", "M. Diane Zebert", "Diane Zebert"]
    signatories = [signer(name, kind="individual") for name in people]
    for pair in pairs:
        for side in ("a", "b"):
            signatories.append(Signatory.model_construct(**pair[side]))
    return [Entry(s, FILE, None, n) for n, s in enumerate(signatories)]


def _dies() -> None:
    os._exit(3)


def test_typing_error_pairs_found_in_a_second_process_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from endorse.matching import index

    entries = _evaluation_entries()
    alone = DuplicateIndex(entries, review=True).pairs(review=True)
    monkeypatch.setattr(index, "PARALLEL_FORMS", 0)
    monkeypatch.setenv("ENDORSE_JOBS", "2")
    forked = DuplicateIndex(entries, review=True, pairs_only=True)
    assert list(forked.pairs(review=True).items()) == list(alone.items())

    # A second process that dies (killed, out of memory) costs time, never a pair.
    monkeypatch.setattr(index, "_typo_judged_forked", _dies)
    again = DuplicateIndex(entries, review=True, pairs_only=True)
    assert list(again.pairs(review=True).items()) == list(alone.items())
