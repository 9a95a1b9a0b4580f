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
