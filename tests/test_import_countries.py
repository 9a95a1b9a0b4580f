"""Countries as people write them: names, alpha-3 and alpha-2 codes, any case."""

from __future__ import annotations

from collections.abc import Callable

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endorse.format.countries import ISO_3166_ALPHA2, CountryLookup, lookup_country

COUNTRIES = list(pycountry.countries)


MIN_EXAMPLES = 200


def test_every_code_and_name_reads_as_its_alpha2() -> None:
    seen: set[str] = set()
    lookup_country("Cambodia")  # the table is built once, outside hypothesis' deadline

    @settings(max_examples=300)
    @given(
        index=st.integers(0, len(COUNTRIES) - 1),
        attribute=st.sampled_from(["alpha_2", "alpha_3", "name"]),
        case=st.sampled_from([str.upper, str.lower, str.title, str]),
    )
    def reads_back(index: int, attribute: str, case: Callable[[str], str]) -> None:
        country = COUNTRIES[index]
        written = case(getattr(country, attribute))
        assert lookup_country(written).code == country.alpha_2, written
        seen.add(written)

    reads_back()
    assert len(seen) >= MIN_EXAMPLES, f"only {len(seen)} spellings were tried"


def test_every_pycountry_code_is_a_code_the_format_accepts() -> None:
    assert {c.alpha_2 for c in COUNTRIES} <= ISO_3166_ALPHA2


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("KH", CountryLookup("KH", "KH")),
        ("khm", CountryLookup("khm", "KH")),
        ("Cambodia", CountryLookup("Cambodia", "KH")),
        ("UK", CountryLookup("UK", "GB", notice="country 'UK' read as GB")),
        ("Côte d'Ivoire", CountryLookup("Côte d'Ivoire", "CI")),
        ("Kosovo", CountryLookup("Kosovo", "XK")),
        ("Camboda", CountryLookup("Camboda", None, suggestions=("Cambodia (KH)",))),
    ],
)
def test_examples(written: str, expected: CountryLookup) -> None:
    assert lookup_country(written) == expected


def test_a_miss_says_what_to_write() -> None:
    assert lookup_country("Atlantis").problem == (
        "'Atlantis' is not a country name or ISO 3166 code (write the name, like 'Cambodia', "
        "or the code, like 'KH')"
    )


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("Brunei", "BN"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d\u2019Ivoire", "CI"),
        ("DR Congo", "CD"),
        ("Congo - Kinshasa", "CD"),
        ("Czechia", "CZ"),
        ("Burma", "MM"),
        ("\u1780\u1798\u17d2\u1796\u17bb\u1787\u17b6", "KH"),  # Cambodia in Khmer
        ("\u17a1\u17b6\u179c", "LA"),  # Laos in Khmer
        ("\u1790\u17c3", "TH"),  # Thailand in Khmer
        (
            "\u1780\u17bc\u179a\u17c9\u17c1\u200b\u1781\u17b6\u1784\u200b\u178f\u17d2\u1794\u17bc\u1784",
            "KR",
        ),
        ("Cambodia (KH)", "KH"),  # as the issue form offers it
    ],
)
def test_names_people_write_read_as_their_code(written: str, code: str) -> None:
    found = lookup_country(written)
    assert (found.code, found.notice) == (code, None)


def test_a_near_miss_suggests_the_closest_real_country_first() -> None:
    found = lookup_country("Brunai")
    assert found.code is None
    assert found.suggestions[0] == "Brunei (BN)"
    assert lookup_country("Cambodja").problem == (
        "'Cambodja' is not a country name or ISO 3166 code; did you mean Cambodia (KH)?"
    )


def test_the_short_forms_each_name_a_real_code() -> None:
    from endorse.format.countries import SHORT_FORMS

    assert set(SHORT_FORMS.values()) <= ISO_3166_ALPHA2


@pytest.mark.parametrize("command", ["add", "edit", "intake", "import"])
def test_every_command_reads_countries_through_the_one_lookup(command: str) -> None:
    """No command keeps its own idea of a country: each module calls lookup_country."""
    import importlib
    import inspect

    module = {
        "add": "endorse.edit.signers",  # add and import build a signer here
        "import": "endorse.edit.signers",
        "edit": "endorse.edit.edit_entry",
        "intake": "endorse.edit.intake",
    }[command]
    source = inspect.getsource(importlib.import_module(module))
    assert "lookup_country(" in source
    assert "ISO_3166_ALPHA2" not in source


def test_every_cldr_name_reads_as_its_code() -> None:
    """Every territory name of every language read, bar one the languages share: Vietnamese
    "Nga" (Russia) is also Nigeria's alpha-3 code, which wins."""
    from babel import Locale

    from endorse.format.countries import CLDR_LOCALES

    misread = []
    read = 0
    for locale in CLDR_LOCALES:
        for code, name in Locale(locale).territories.items():
            if code in ISO_3166_ALPHA2:
                read += 1
                found = lookup_country(name).code
                if found != code:
                    misread.append((locale, name, found))
    assert misread == [("vi", "Nga", "NG")]
    assert read > 2000
