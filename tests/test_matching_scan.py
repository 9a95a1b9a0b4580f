"""The one-name scan that `add` uses must answer exactly as the full duplicate index does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endorse.format.models import Distinct, Signatory
from endorse.matching import find_duplicate_groups, match_candidate, scan
from endorse.matching.compare import _acronym_of_part
from endorse.matching.index import DuplicateIndex, forms_of
from endorse.matching.normalise import split_acronym
from endorse.project.model import DistinctEntry, Entry, LoadedStatement

PAIRS = Path(__file__).parent / "data" / "dupes" / "pairs.json"
FILE = Path("signatories/test.toml")
# Kinds with few pairs in the evaluation set: every one of them is asked, not a sample.
RARE_KINDS = {
    "acronym",
    "initials",
    "alias",
    "khmer",
    "same initials",
    "chapter",
    "federation",
    "containment",
    "spelling variant",
    "ampersand",
    "abbreviation",
}


def signatory_of(fields: dict[str, Any]) -> Signatory:
    return Signatory.model_construct(
        name=fields["name"],
        acronym=fields.get("acronym"),
        aliases=fields.get("aliases", []),
    )


def entries_of(signatories: list[Signatory]) -> list[Entry]:
    return [Entry(s, FILE, 3 + 4 * n, n) for n, s in enumerate(signatories)]


def by_index(
    signatory: Signatory,
    entries: list[Entry],
    distinct: list[DistinctEntry],
    index: DuplicateIndex | None = None,
) -> dict[int, tuple[float, tuple[str, ...]]]:
    """What the full index finds; pass ``index`` to reuse one already built over ``entries``."""
    index = index or DuplicateIndex(entries, distinct)
    found = index.query(signatory)
    return {index.entries[owner].position: (ev.score, ev.reasons) for owner, ev in found.items()}


def by_scan(
    signatory: Signatory, entries: list[Entry], distinct: list[DistinctEntry]
) -> dict[int, tuple[float, tuple[str, ...]]]:
    return {
        entry.position: (ev.score, ev.reasons)
        for entry, ev in scan.query(signatory, entries, distinct)
    }


@pytest.mark.slow
def test_scan_equals_the_index_on_the_evaluation_pairs() -> None:
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))
    entries = entries_of([signatory_of(pair["a"]) for pair in pairs])
    asked = [
        pair for number, pair in enumerate(pairs) if pair["kind"] in RARE_KINDS or number % 16 == 0
    ]
    found_partners = 0
    index = DuplicateIndex(entries, [])  # built once: querying does not change it
    for pair in asked:
        query = signatory_of(pair["b"])
        expected = by_index(query, entries, [], index)
        assert by_scan(query, entries, []) == expected, pair
        found_partners += pair["label"] == "dup" and bool(expected)
    # The comparison means something only if the index does find duplicates here.
    assert found_partners > 100


# Each pair shares one kind of key only, so each test of the scan's filter is needed once.
ONE_KEY_ONLY = [
    # the same letters, split into a different number of words
    ("Humanrights Watch", "Human Rights Watch"),
    # the same content words, a different number of words
    ("League for Peace and Freedom", "League of Peace Freedom"),
    # a typing error in each of two words
    ("Cambodian Humen Rihgts Network", "Cambodian Human Rights Network"),
    ("Cambodain Humen Rights Network", "Cambodian Human Rights Network"),
    # word order
    ("Rights Human Cambodian Network", "Cambodian Human Rights Network"),
    # declared acronym against the acronym alone, both ways
    ("ADHOC", "Cambodian Human Rights and Development Association (ADHOC)"),
    ("Cambodian Human Rights and Development Association (ADHOC)", "ADHOC"),
    # initials against a standalone short name, both ways
    ("CCHR", "Cambodian Center for Human Rights"),
    ("Cambodian Center for Human Rights", "CCHR"),
    # initials that skip a leading linking word
    ("KYN", "of Khmer Youth Network"),
    # initials of part of a name, leading or trailing, both ways; a declared acronym
    ("KYA Battambang", "Khmer Youth Association Battambang"),
    ("Khmer Youth Association Battambang", "KYA Battambang"),
    ("Friends of KYA", "Friends of Khmer Youth Association"),
    ("Friends of Khmer Youth Association", "Friends of KYA"),
    ("ADHOC Battambang", "Human Rights Association (ADHOC) Battambang"),
    ("Human Rights Association (ADHOC) Battambang", "ADHOC Battambang"),
]


@pytest.mark.parametrize(("new", "existing"), ONE_KEY_ONLY)
def test_scan_keeps_an_entry_that_shares_one_kind_of_key(new: str, existing: str) -> None:
    entries = entries_of([Signatory(name=existing), Signatory(name="Youth Network Battambang")])
    found = by_scan(Signatory(name=new), entries, [])
    assert list(found) == [0]
    assert found == by_index(Signatory(name=new), entries, [])


WORDS = ["Human", "Rights", "Network", "Centre", "Center", "Intl", "International", "of", "the"]
WORDS += ["for", "and", "&", "Cambodia", "Cambodian", "Youth", "Womens", "Legal", "Aid", "Inc"]
WORDS += ["Foundation", "Phnom", "Penh", "Organisation", "Organization", "Humen", "Rihgts", "KYN"]
WORDS += ["Humanrights", "Rightsnetwork", "Peace", "Freedom", "League", "Watch"]
WORDS += ["CCHR", "ADHOC", "Netwrok", "Assoc.", "Association", "សិទ្ធិ", "មនុស្ស", "Сentre"]
WORDS += ["d'Etude", "I.S.", "A.S.", "Co.", "Cie", "Internat.", "Pvt", "Limited", "Foundation"]

name = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
acronym = st.sampled_from(["CCHR", "KYN", "HRN", "ADHOC", "YN", "ISHR", "DEHR"])
signatory = st.builds(
    lambda text, bracketed, field, aliases: Signatory.model_construct(
        name=f"{text} ({bracketed})" if bracketed else text,
        acronym=field,
        aliases=aliases,
    ),
    name,
    st.none() | acronym,
    st.none() | acronym,
    st.lists(name, max_size=2),
)


def test_scan_equals_the_index_on_generated_names() -> None:
    # Random on purpose: 5,000 random examples found the last disagreements (issue 13), and a
    # new one found by chance is a bug to fix in the engine, not a flaky test.
    answers: list[bool] = []

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        query=signatory,
        existing=st.lists(signatory, min_size=1, max_size=25),
        distinct=st.lists(st.lists(name, min_size=2, max_size=2), max_size=2),
    )
    def scan_equals_index(
        query: Signatory, existing: list[Signatory], distinct: list[list[str]]
    ) -> None:
        records = [DistinctEntry(Distinct(names=names), FILE, 100) for names in distinct]
        entries = entries_of(existing)
        expected = by_index(query, entries, records)
        assert by_scan(query, entries, records) == expected
        answers.append(bool(expected))

    scan_equals_index()
    # Equal answers mean something only if many examples ran and many found a duplicate.
    assert len(answers) >= 300
    assert sum(answers) >= 50


# Initials of part of a name: runs of words and their letters, written out or short, in front
# or at the end of the other words, declared or not, as organisations or people.
RUNS = [
    ("Khmer Youth Association", "KYA"),
    ("Cambodian Center for Human Rights", "CCHR"),
    ("Human Rights Network", "HRN"),
    ("Medical Support Foundation", "MSF"),
    ("Khmer Young Artists", "KYA"),
]
OTHER_WORDS = ["Battambang", "Siem Reap", "Friends of", "(Kampot)", "Ltd", "HRN"]


def part_named(
    run: str, letters: str, words: list[str], draw: st.DrawFn, *, short: bool, front: bool
) -> Signatory:
    """The run written out or as its letters, in front of the other words or after them."""
    head = letters if short else run
    parts = [head, *words] if front else [*words, head]
    return Signatory.model_construct(
        name=" ".join(parts),
        acronym=draw(st.none() | st.just(letters)),
        aliases=[],
        kind=draw(st.sampled_from([None, None, None, "individual"])),
    )


@st.composite
def part_names(draw: st.DrawFn) -> list[Signatory]:
    """A few names made of runs and other words; many share their other words."""
    names = []
    for _ in range(draw(st.integers(2, 10))):
        run, letters = draw(st.sampled_from(RUNS))
        words = [draw(st.sampled_from(OTHER_WORDS))]
        if draw(st.integers(0, 3)) == 0:
            words.append(draw(st.sampled_from(OTHER_WORDS)))
        short, front = draw(st.booleans()), draw(st.booleans())
        names.append(part_named(run, letters, words, draw, short=short, front=front))
        if draw(st.booleans()):
            # The other way of writing it, mostly.
            short = draw(st.sampled_from([not short, not short, short]))
            front = draw(st.sampled_from([front, front, not front]))
            names.append(part_named(run, letters, words, draw, short=short, front=front))
    return names


def test_scan_and_groups_equal_the_index_on_initials_of_part_of_a_name() -> None:
    answers: list[bool] = []

    @settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(names=part_names(), which=st.integers(0))
    def same_answers(names: list[Signatory], which: int) -> None:
        query = names.pop(which % len(names))
        existing = names
        entries = entries_of(existing)
        expected = by_index(query, entries, [])
        assert by_scan(query, entries, []) == expected
        answers.append(any("→" in " ".join(reasons) for _, reasons in expected.values()))
        # The index's keys find every pair that the rule accepts.
        accepted = {
            entry.position
            for entry in entries
            for new in forms_of(-1, query)
            for old in forms_of(0, entry.signatory)
            if not (new.person or old.person)
            and (_acronym_of_part(new, old) or _acronym_of_part(old, new))
        }
        assert accepted <= set(expected)
        if any(signatory.kind for signatory in [*existing, query]):
            # A person and an organisation written alike are one spelling to dupes, not to
            # add ("Ltd Khmer Young Artists"): that is not what this test is about.
            return
        # What add refuses is what dupes groups with the new name.
        loaded = LoadedStatement(slug="test", path=Path("statements/test.toml"))
        loaded.entries.extend(entries_of([*existing, query]))
        grouped = {
            member.position
            for group in find_duplicate_groups(loaded)
            if any(m.position == len(existing) for m in group.members)
            for member in group.members
            if member.position != len(existing)
        }
        refused = {m.entry.position for m in match_candidate(loaded_without(loaded), query)}
        assert refused <= grouped
        assert bool(refused) == bool(grouped)

    same_answers()
    assert len(answers) >= 400
    assert sum(answers) >= 40


def loaded_without(loaded: LoadedStatement) -> LoadedStatement:
    """``loaded`` without its last entry (the new name)."""
    copy = LoadedStatement(slug=loaded.slug, path=loaded.path)
    copy.entries.extend(loaded.entries[:-1])
    return copy


def test_split_acronym_finds_the_acronym_in_any_position() -> None:
    assert split_acronym("Cambodian League (LICADHO) ") == ("Cambodian League", "LICADHO")
    assert split_acronym("Cambodian League (LICADHO) of Things") == (
        "Cambodian League of Things",
        "LICADHO",
    )
    assert split_acronym("LICADHO: Cambodian League") == ("Cambodian League", "LICADHO")
    assert split_acronym("Cambodian League – LICADHO") == ("Cambodian League", "LICADHO")


def test_split_acronym_keeps_places_and_sections_in_the_name() -> None:
    for name in ("Greenpeace (Bristol)", "Oxfam (GB)", "Oxfam (Novib)", "Plan - UK", "Coca-Cola"):
        assert split_acronym(name) == (name, None)
    assert split_acronym("Amnesty International (AI)") == ("Amnesty International", "AI")


@pytest.mark.parametrize(
    ("query", "existing"),
    [
        # Found by a random run: the scan once answered less than the index here.
        (
            Signatory.model_construct(name="Human Human Human", aliases=["Human of Rights"]),
            [Signatory.model_construct(name="Human", aliases=["Rights Human"])],
        ),
    ],
)
def test_scan_equals_the_index_on_former_counterexamples(
    query: Signatory, existing: list[Signatory]
) -> None:
    entries = entries_of(existing)
    expected = by_index(query, entries, [])
    assert expected
    assert by_scan(query, entries, []) == expected


def test_two_processes_keep_the_same_entries_as_one() -> None:
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))[:600]
    entries = entries_of([signatory_of(pair["a"]) for pair in pairs])
    kept_somewhere = 0
    for pair in pairs[::40]:
        profile = scan._Profile.of(forms_of(-1, signatory_of(pair["b"])))
        alone = scan.kept_entries(profile, entries, jobs=1)
        assert scan.kept_entries(profile, entries, jobs=2, minimum=0) == alone
        assert scan.kept_entries(profile, entries, jobs=3, minimum=0) == alone
        kept_somewhere += bool(alone)
    assert kept_somewhere >= 5


# People's names (kind = "individual"): the scan makes a person's keys only when an end of the
# name may match the new name's keys, so it must still keep every entry the index pairs.
PERSON_WORDS = ["Sok", "Dara", "John", "Jon", "J.", "JC", "Smith", "Smyth", "Bob", "Robert"]
PERSON_WORDS += ["Dr", "Jean-Claude", "Juncker", "M.", "Diane", "Zebert", "Lee", "Leeson", "Y."]
PERSON_WORDS += ["Сергей", "Лавров", "Sergey", "Lavrov", "(Oxfam)", "AlisherUsmanov", "Alisher"]
PERSON_WORDS += ["Usmanov", "Scholz", "Scholze", "Emanuel", "Emmanuel", "Olaf", "Maria", "Mario"]

person_name = st.lists(st.sampled_from(PERSON_WORDS), min_size=1, max_size=4).map(" ".join)
person = st.builds(
    lambda text, aliases, individual: Signatory.model_construct(
        name=text, aliases=aliases, kind="individual" if individual else None
    ),
    person_name,
    st.lists(person_name, max_size=1),
    st.booleans() | st.just(True),
)


def test_scan_equals_the_index_on_people() -> None:
    answers: list[bool] = []

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(query=person, existing=st.lists(person, min_size=1, max_size=20))
    def scan_equals_index(query: Signatory, existing: list[Signatory]) -> None:
        entries = entries_of(existing)
        expected = by_index(query, entries, [])
        assert by_scan(query, entries, []) == expected
        answers.append(bool(expected))

    scan_equals_index()
    assert len(answers) >= 250
    assert sum(answers) >= 50
