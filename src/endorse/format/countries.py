"""ISO 3166-1 alpha-2 country codes (officially assigned, plus XK for Kosovo), and reading a
country as people write it (a name, an alpha-3 or alpha-2 code) through pycountry."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
    BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
    CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
    GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
    TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW XK
"""

ISO_3166_ALPHA2 = frozenset(_CODES.split())

# Names people write that ISO 3166 spells otherwise. The stored value stays the alpha-2 code.
_COMMON_NAMES = {
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "russia": "RU",
    "burma": "MM",
    "kosovo": "XK",
    "xkx": "XK",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "turkey": "TR",
    "turkiye": "TR",
    "south korea": "KR",
    "north korea": "KP",
    "east timor": "TL",
    "swaziland": "SZ",
    "cape verde": "CV",
    "macedonia": "MK",
    "holland": "NL",
    "the netherlands": "NL",
    "czechia": "CZ",
    "vatican": "VA",
    "palestine": "PS",
    "syria": "SY",
    "vietnam": "VN",
    "laos": "LA",
}


@dataclass(frozen=True)
class CountryLookup:
    """A country as a person wrote it, read as an alpha-2 code (or not, with near misses)."""

    written: str
    code: str | None
    notice: str | None = None  # said when the reading is not the obvious one (UK -> GB)
    suggestions: tuple[str, ...] = ()

    @property
    def problem(self) -> str:
        """Why it was not read, for a message."""
        message = f"'{self.written}' is not a country name or ISO 3166 code"
        if self.suggestions:
            return message + "; did you mean " + " or ".join(self.suggestions) + "?"
        return message + " (write the name, like 'Cambodia', or the code, like 'KH')"


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.replace("'", "")).split())


@functools.cache
def _names() -> dict[str, str]:
    """Every folded name and code pycountry knows, and our common names, to an alpha-2 code."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                table.setdefault(_folded(value), country.alpha_2)
        # "Korea, Republic of" is also written "Republic of Korea".
        head, comma, tail = country.name.partition(", ")
        if comma:
            table.setdefault(_folded(f"{tail} {head}"), country.alpha_2)
    table.update(_COMMON_NAMES)
    return table


def lookup_country(written: str) -> CountryLookup:
    """``written`` (a name, alpha-3 or alpha-2 code, any case) as an alpha-2 code."""
    import difflib

    text = written.strip()
    if text in ISO_3166_ALPHA2:
        return CountryLookup(written, text)
    key = _folded(text)
    names = _names()
    code = names.get(key)
    if code is not None:
        # A code that is not the code (UK is GB's code) deserves a word; a name does not.
        letters = key.replace(" ", "")
        looks_like_code = len(letters) <= 3 and not _is_code(letters.upper())
        notice = f"country '{text}' read as {code}" if looks_like_code else None
        return CountryLookup(written, code, notice)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    suggestions = tuple(dict.fromkeys(f"{country_name(names[c])} ({names[c]})" for c in close))
    return CountryLookup(written, None, suggestions=suggestions)


def _is_code(letters: str) -> bool:
    import pycountry

    return letters in ISO_3166_ALPHA2 or pycountry.countries.get(alpha_3=letters) is not None


def country_name(code: str) -> str:
    """The country's common name in English ('Bolivia' for BO), for people to read."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return "Kosovo" if code == "XK" else code
    return str(getattr(country, "common_name", None) or country.name)
