"""The engine sees every written name: hidden characters, NFC, acronyms anywhere, translations,
identical spellings grouped first."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from endorse.format.models import Signatory
from endorse.matching import find_duplicate_groups
from endorse.matching.normalise import explain
from endorse.project.model import Entry, LoadedStatement

FILE = Path("signatories/test.toml")


def unchecked(name: str, **fields: Any) -> Signatory:
    """As the loader hands over a name the format rules refuse (issue 17)."""
    return Signatory.model_construct(
        name=name,
        acronym=fields.get("acronym"),
        aliases=fields.get("aliases", []),
        names=fields.get("names", {}),
        status="confirmed",
    )


def statement(*signers: Signatory) -> LoadedStatement:
    loaded = LoadedStatement(slug="test", path=Path("statements/test.toml"))
    for position, signatory in enumerate(signers):
        loaded.entries.append(Entry(signatory, FILE, 3 + 4 * position, position))
    return loaded


def groups(*signers: Signatory) -> list[tuple[list[str], tuple[str, ...]]]:
    return [
        ([m.signatory.name for m in g.members], g.reasons)
        for g in find_duplicate_groups(statement(*signers))
    ]


@pytest.mark.parametrize(
    ("hidden", "reason"),
    [
        ("Krousar\u200b Thmey", "invisible characters"),
        ("Krou\u00adsar Thmey", "invisible characters"),
        ("Krousar Th\u2060mey", "invisible characters"),
        ("\u202bKrousar Thmey\u202c", "bidi control"),
        ("Krou\u200fsar Thmey", "bidi control"),
        ("Krousar\x07 Thmey", "invisible characters"),
    ],
)
def test_hidden_characters_are_seen_through_and_named(hidden: str, reason: str) -> None:
    [(members, reasons)] = groups(unchecked("Krousar Thmey"), unchecked(hidden))
    assert members == ["Krousar Thmey", hidden]
    assert reason in reasons


def test_a_decomposed_name_matches_its_composed_form() -> None:
    composed = "Médecins du Monde"
    decomposed = unicodedata.normalize("NFD", composed)
    [(members, reasons)] = groups(unchecked(composed), unchecked(decomposed))
    assert members == [composed, decomposed]
    assert "decomposed accents" in reasons
    assert "accents" not in reasons


def test_accents_are_a_reason_only_when_one_name_lacks_them() -> None:
    assert "accents" in explain("Médecins du Monde", "MEDECINS DU MONDE")
    assert "accents" not in explain("Médecins du Monde", "MÉDECINS DU MONDE")
    assert "accents" not in explain("Fundación Ñ Internacional", "Fundación Ñ Intl")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Greenpeace (Bristol)", "Greenpeace (Leeds)"),
        ("Oxfam (GB)", "Oxfam (Novib)"),
        ("Oxfam (GB)", "Oxfam (US)"),
        ("Oxfam (Novib)", "Oxfam (Intermón)"),
    ],
)
def test_bracketed_places_and_sections_are_never_flagged(first: str, second: str) -> None:
    assert groups(Signatory(name=first), Signatory(name=second)) == []


@pytest.mark.parametrize(
    "written",
    [
        "LICADHO: Cambodian League for the Promotion and Defense of Human Rights",
        "Cambodian League for the Promotion and Defense of Human Rights – LICADHO",
        "Cambodian League (LICADHO) for the Promotion and Defense of Human Rights",
    ],
)
def test_an_acronym_in_any_position_joins_the_bare_acronym(written: str) -> None:
    [(members, _)] = groups(Signatory(name=written), Signatory(name="LICADHO"))
    assert members == [written, "LICADHO"]


def test_an_acronym_declared_on_one_of_two_identical_spellings_holds_for_both() -> None:
    [(members, reasons)] = groups(
        Signatory(name="Legal Aid of Cambodia", acronym="LAC"),
        Signatory(name="Legal Aid of Cambodia"),
        Signatory(name="LAC"),
    )
    assert members == ["Legal Aid of Cambodia", "Legal Aid of Cambodia", "LAC"]
    assert "acronym of" in reasons


def test_many_identical_spellings_are_one_group_explained_once_per_spelling() -> None:
    spellings = ["Save the Children", "SAVE THE CHILDREN", "Save the Children."] * 200
    [group] = find_duplicate_groups(statement(*(Signatory(name=s) for s in spellings)))
    assert len(group.members) == 600
    assert group.reasons == ("same after normalisation",)
    assert group.score == 0.97


def test_a_name_km_is_compared_with_other_entries_names() -> None:
    [(members, reasons)] = groups(
        Signatory(name="Krousar Thmey", names={"km": "គ្រួសារថ្មី"}),
        Signatory(name="គ្រួសារថ្មី"),
    )
    assert members == ["Krousar Thmey", "គ្រួសារថ្មី"]
    assert reasons[:2] == ("name in another language", "name_km")


def test_translations_and_aliases_in_other_scripts_meet_each_other() -> None:
    [(members, _)] = groups(
        Signatory(name="Krousar Thmey", names={"km": "គ្រួសារ\u200bថ្មី"}),
        Signatory(name="New Family", aliases=["គ្រួសារ ថ្មី"]),
    )
    assert members == ["Krousar Thmey", "New Family"]


def test_different_khmer_names_stay_apart() -> None:
    assert (
        groups(
            Signatory(name="Krousar Thmey", names={"km": "គ្រួសារថ្មី"}),
            Signatory(name="អង្គការយុវជនកម្ពុជា"),
        )
        == []
    )


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Acme Trading", "Acme Trading Co., Ltd.", "legal suffix"),
        ("Acme Trading", "Acme Trading S.L.", "legal suffix"),
        ("Acme Trading GmbH & Co. KG", "Acme Trading", "legal suffix"),
        ("Acme Trading Pty Ltd", "Acme Trading Sdn. Bhd.", "legal suffix"),
        ("Acme Manufacturing Trading", "Acme Mfg Trading", "abbreviation"),
        ("Saint Mary Hospital", "St Mary Hospital", "abbreviation"),
        ("Bell Telephone Laboratories", "Bell Telephone Labs", "abbreviation"),
        ("Navy of the United States", "US Navy", "word order"),
        ("University of Oxford", "Oxford University", "word order"),
        ("Coalition for Fair Air Travel", "Coalition for Fiar Air Travel", "typing error"),
        ("Coalition for Fair Air Travel", "Coalition fro Fair Air Travel", "typing error"),
    ],
)
def test_rules_that_generalise(first: str, second: str, reason: str) -> None:
    [(members, reasons)] = groups(Signatory(name=first), Signatory(name=second))
    assert members == [first, second]
    assert reason in reasons


def test_an_abbreviation_found_by_rule_is_shown_in_words() -> None:
    [(_, reasons)] = groups(
        Signatory(name="Saint Mary Hospital"), Signatory(name="St Mary Hospital")
    )
    assert reasons == ("abbreviation", "st → saint")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Save the Children UK", "Save the Children Ukraine"),
        ("Save the Children UK", "Save the Children"),
        ("Acme Co Trading", "Acme Council Trading"),
        ("Youth Network Kep", "Youth Network Kampot"),
        ("Friends of Air", "Friends of Aid"),
        ("Women's Network Chapter 1", "Women's Network Chapter 2"),
    ],
)
def test_the_new_rules_keep_these_apart(first: str, second: str) -> None:
    assert groups(Signatory(name=first), Signatory(name=second)) == []
