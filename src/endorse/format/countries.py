"""ISO 3166-1 alpha-2 country codes (officially assigned, plus XK for Kosovo), and the one
reading of a country as people write it, for add, import, edit and intake: a code (alpha-2 or
alpha-3), a name pycountry knows, a CLDR territory name (through Babel) in English, Khmer and
other languages of coalitions' forms, or one of the documented short forms."""

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
_OFFERED = re.compile(r"\(([A-Z]{2})\)$")

# Names people write that neither pycountry nor CLDR (through Babel) spells: short forms,
# abbreviations and old names. docs/format.md lists them; the stored value stays the code.
SHORT_FORMS = {
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
    "burma": "MM",
    "kosovo": "XK",
    "xkx": "XK",
    "ivory coast": "CI",
    "turkey": "TR",
    "east timor": "TL",
    "swaziland": "SZ",
    "macedonia": "MK",
    "holland": "NL",
    "the netherlands": "NL",
    "czech republic": "CZ",
    "vatican": "VA",
    "palestine": "PS",
    "lao pdr": "LA",
    "lao p d r": "LA",
    "lao": "LA",
    "dr congo": "CD",
    "d r congo": "CD",
    "drc": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "congo drc": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "brunei darussalam": "BN",
    "timor leste": "TL",
    "uae": "AE",
    "png": "PG",
}
# The languages whose CLDR territory names are read, first wins: English, then the languages
# coalitions' forms are written in (Khmer first: the project was born in Cambodia).
CLDR_LOCALES = ("en", "km", "fr", "es", "pt", "de", "th", "vi", "id", "my")


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


def _folded(text: str, *, accents: bool = False) -> str:
    """Compared form: no case, no punctuation or invisible joiners, and (unless ``accents``) no
    Latin accents. Letters and marks of every script stay: a Khmer vowel sign is part of the
    word, and Vietnamese "Áo" (Austria) is not "ao" (Angola's code) while its accents are kept.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not accents:
        decomposed = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if char in "'\u2019\u02bc" or category == "Cf":
            continue  # "d'Ivoire" is "dIvoire"; zero-width spaces join nothing
        kept.append(char if category[0] in "LMN" else " ")
    return unicodedata.normalize("NFC", " ".join("".join(kept).split()))


def _keys(name: str) -> tuple[str, str]:
    return _folded(name, accents=True), _folded(name)


def _variants(name: str) -> list[str]:
    """A CLDR name and its parts people write alone: "Myanmar (Burma)", "Congo - Kinshasa"."""
    found = [name]
    head, paren, rest = name.partition(" (")
    if paren:
        found += [head, rest.rstrip(")")]
    return found


@functools.cache
def _names() -> dict[str, str]:
    """Every folded name and code pycountry and CLDR know, and the short forms, to a code.

    The short forms win, then pycountry's codes and names, then CLDR's names, English first.
    Every name is keyed with its accents first, and only then without them, so that a name
    whose accents tell it apart ("Áo") is never taken by another's plain spelling.
    """
    import pycountry
    from babel import Locale

    written: list[tuple[str, str]] = [(name, code) for name, code in SHORT_FORMS.items()]
    for country in pycountry.countries:
        for attribute in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                written.append((value, country.alpha_2))
        # "Korea, Republic of" is also written "Republic of Korea".
        head, comma, tail = country.name.partition(", ")
        if comma:
            written.append((f"{tail} {head}", country.alpha_2))
    for locale in CLDR_LOCALES:
        for code, name in Locale(locale).territories.items():
            if code in ISO_3166_ALPHA2:
                written += [(variant, code) for variant in _variants(name)]
    table: dict[str, str] = {}
    for with_accents in (True, False):
        for name, code in written:
            table.setdefault(_keys(name)[0 if with_accents else 1], code)
    table.pop("", None)
    return table


def lookup_country(written: str) -> CountryLookup:
    """``written`` (a name, alpha-3 or alpha-2 code, any case) as an alpha-2 code."""
    import difflib

    text = written.strip()
    offered = _OFFERED.search(text)  # "Cambodia (KH)", as the issue form offers a country
    if offered and offered.group(1) in ISO_3166_ALPHA2:
        return CountryLookup(written, offered.group(1))
    if text in ISO_3166_ALPHA2:
        return CountryLookup(written, text)
    names = _names()
    exact, key = _keys(text)
    code = names.get(exact) or names.get(key)
    if code is not None:
        # A code that is not the code (UK is GB's code) deserves a word; a name does not.
        letters = key.replace(" ", "")
        looks_like_code = letters.isascii() and len(letters) <= 3 and not _is_code(letters.upper())
        notice = f"country '{text}' read as {code}" if looks_like_code else None
        return CountryLookup(written, code, notice)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    suggestions = tuple(dict.fromkeys(f"{country_name(names[c])} ({names[c]})" for c in close))
    return CountryLookup(written, None, suggestions=suggestions)


def _is_code(letters: str) -> bool:
    import pycountry

    return letters in ISO_3166_ALPHA2 or pycountry.countries.get(alpha_3=letters) is not None


def country_name(code: str) -> str:
    """The country's English name in CLDR (Kosovo's too), for people to read."""
    from babel import Locale

    return str(Locale("en").territories.get(code, code))
