"""The blind test set and the injection set: variants of real names nobody here wrote.

Written before the engine's misses on it were looked at, and never tuned afterwards: its word
lists are its own (not ``matching/vocabulary.py``'s), it varies any word (short ones too), moves
acronyms around the name, spreads legal forms over several tokens, and adds hard negatives of
the kinds people actually sign with (bracketed places and chapters, country sections,
containment, same initials).

Base names: the UMass assignee clusters (one spelling each) and half of the NBER singletons
(``real_names.half(name) == 1``) for the test set; the other half of the NBER singletons for the
injection set. Nothing derived from the GPL data is committed: the cases are built at run time.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from itertools import combinations
from typing import Any

from real_names import clusters, half, singletons

SEED = 13_2026
Side = dict[str, Any]
Case = dict[str, Any]

LINKING = {"of", "for", "and", "the", "in", "on", "de", "des", "du", "la", "le", "et", "y", "&"}

# One word and its usual short forms, from company registers and addresses.
SHORT_FORMS = {
    "International": ["Intl", "Int'l", "Internat."],
    "Corporation": ["Corp.", "Corp"],
    "Company": ["Co.", "Cie"],
    "Laboratories": ["Labs", "Lab."],
    "Laboratory": ["Lab", "Lab."],
    "Manufacturing": ["Mfg.", "Mfg"],
    "Association": ["Assn.", "Assoc."],
    "Technology": ["Tech.", "Tech"],
    "Industries": ["Inds.", "Ind."],
    "Industrial": ["Ind."],
    "Products": ["Prods.", "Prod."],
    "Research": ["Res."],
    "Engineering": ["Eng.", "Engg."],
    "Electric": ["Elec."],
    "Electronics": ["Electr."],
    "Systems": ["Sys.", "Syst."],
    "Development": ["Dev.", "Devel."],
    "University": ["Univ.", "Uni."],
    "Institute": ["Inst."],
    "National": ["Nat'l", "Natl."],
    "Department": ["Dept."],
    "Brothers": ["Bros."],
    "Saint": ["St.", "St"],
    "Mount": ["Mt."],
    "Services": ["Svcs.", "Servs."],
    "Chemical": ["Chem."],
    "Pharmaceutical": ["Pharm.", "Pharma"],
    "Pharmaceuticals": ["Pharms.", "Pharma"],
    "Government": ["Gov't", "Govt."],
    "Society": ["Soc."],
    "Foundation": ["Fdn.", "Found."],
    "Federation": ["Fed."],
    "Committee": ["Comm.", "Cttee"],
    "Center": ["Ctr.", "Cntr."],
    "Centre": ["Ctr."],
    "Organization": ["Org.", "Orgn."],
    "Medical": ["Med."],
    "Instruments": ["Instr."],
    "Machines": ["Mach."],
    "Machinery": ["Mach."],
    "Communications": ["Comms.", "Commun."],
    "Management": ["Mgmt.", "Mgt."],
    "Agency": ["Agcy."],
    "General": ["Gen."],
}
# Several words and their usual short form.
PHRASES = {
    "United States": ["US", "U.S.", "USA"],
    "United Kingdom": ["UK", "U.K."],
    "New York": ["NY", "N.Y."],
    "Research and Development": ["R&D", "R & D"],
    "Non-Governmental Organization": ["NGO"],
    "Human Rights": ["HR"],
    "Limited Liability Company": ["LLC"],
    "Public Limited Company": ["PLC"],
    "Secretary of the Navy": ["Sec. of Navy", "SecNav"],
    "Department of Energy": ["DOE", "Dept. of Energy"],
    "Los Angeles": ["LA", "L.A."],
    "Saint Louis": ["St. Louis", "St Louis"],
    "Aktiengesellschaft": ["AG"],
    "Kabushiki Kaisha": ["K.K.", "KK"],
    "Gesellschaft mit beschränkter Haftung": ["GmbH"],
}
SPELLING = {
    "Center": "Centre",
    "Centre": "Center",
    "Organization": "Organisation",
    "Organisation": "Organization",
    "Labor": "Labour",
    "Defense": "Defence",
    "Program": "Programme",
    "Color": "Colour",
    "Fiber": "Fibre",
    "Aluminum": "Aluminium",
    "Catalog": "Catalogue",
    "Analyzer": "Analyser",
    "Sulfur": "Sulphur",
    "Gray": "Grey",
    "Jewelry": "Jewellery",
    "Meter": "Metre",
    "Tire": "Tyre",
    "Theater": "Theatre",
    "Optimization": "Optimisation",
    "Standardization": "Standardisation",
}
# Legal forms of many countries, as people type them.
LEGAL_FORMS = [
    "Inc.",
    "Inc",
    "Incorporated",
    "Corp.",
    "Corporation",
    "Co., Ltd.",
    "Co. Ltd",
    "Ltd.",
    "Ltd",
    "Limited",
    "LLC",
    "L.L.C.",
    "GmbH",
    "AG",
    "S.A.",
    "SA",
    "S.A.S.",
    "S.L.",
    "S.p.A.",
    "S.r.l.",
    "B.V.",
    "N.V.",
    "Pty Ltd",
    "Pty. Ltd.",
    "K.K.",
    "Kabushiki Kaisha",
    "A/S",
    "AB",
    "Oy",
    "PLC",
    "p.l.c.",
    "e.V.",
    "gGmbH",
    "SARL",
    "Company Limited",
    "GmbH & Co. KG",
    "S.A. de C.V.",
    "Sdn Bhd",
    "Sdn. Bhd.",
    "Pvt. Ltd.",
    "Private Limited",
    "A.S.",
    "Kft.",
    "s.r.o.",
    "ApS",
]
_LEGAL_WORDS = re.compile(
    r"(,?\s+("
    + "|".join(re.escape(form) for form in sorted(LEGAL_FORMS, key=len, reverse=True))
    + r"))+\s*$"
)
LOOKALIKES = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
              "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
              "P": "Р", "T": "Т", "X": "Х"}  # fmt: skip
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2069"]
MARKS = {"e": "\u0301", "a": "\u0300", "o": "\u0302", "u": "\u0308", "i": "\u0301", "n": "\u0303"}
CITIES = ["Bristol", "Leeds", "Manchester", "Glasgow", "Cardiff", "Lyon", "Marseille", "Hamburg",
          "Munich", "Osaka", "Chennai", "Porto", "Seville", "Gdansk", "Turin", "Leipzig",
          "Brighton", "Durban", "Mombasa", "Cebu"]  # fmt: skip
SECTIONS = ["Novib", "Intermón", "Solidarité", "Aotearoa", "Québec", "Flanders", "Wallonie"]
COUNTRY_CODES = ["GB", "US", "DE", "FR", "NL", "KE", "IN", "JP", "BR", "ZA"]
COUNTRIES = ["Kenya", "Uganda", "Germany", "Nederland", "France", "Japan", "Brazil", "India",
             "Canada", "Australia", "Norway", "Ghana"]  # fmt: skip
EXTENSIONS = ["Alliance", "Network", "International", "Institute", "Partners", "Youth",
              "Research Institute", "Trust", "Labs", "Holdings"]  # fmt: skip


def side(name: str, **fields: Any) -> Side:
    return {"name": name, **{k: v for k, v in fields.items() if v}}


def bare(name: str) -> str:
    """The name without a trailing legal form: what a signer writes when they leave it out."""
    return _LEGAL_WORDS.sub("", name).strip(" ,") or name


def initials_of(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", bare(name)) if w.lower() not in LINKING]
    letters = "".join(w[0].upper() for w in words)
    return letters if 3 <= len(letters) <= 6 else ""


def _change_word(word: str, rng: random.Random) -> str:
    """One typing error, never on the first letter."""
    p = rng.randrange(1, len(word))
    how = rng.choice(["drop", "swap", "double", "replace"])
    if how == "drop" or (how == "swap" and p == len(word) - 1):
        return word[:p] + word[p + 1 :]
    if how == "swap":
        return word[:p] + word[p + 1] + word[p] + word[p + 2 :]
    if how == "double":
        return word[:p] + word[p] + word[p:]
    letter = rng.choice("aeioustnrl")
    return word[:p] + (letter if letter != word[p].lower() else "x") + word[p + 1 :]


def _typo(name: str, rng: random.Random, *, short: bool) -> str | None:
    words = name.split(" ")
    if short:
        if len(words) < 3 or len(name) < 20:
            return None
        spots = [i for i, w in enumerate(words) if w.isalpha() and 3 <= len(w) <= 5]
    else:
        spots = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 6]
    if not spots or (not short and len(name) < 16):
        return None
    i = rng.choice(spots)
    words[i] = _change_word(words[i], rng)
    return " ".join(words)


def _insert(name: str, chars: list[str], rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(name)) if name[i - 1].isalpha() and name[i].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + rng.choice(chars) + name[i:]


def _replace_word(name: str, table: dict[str, list[str]], rng: random.Random) -> str | None:
    for word, shorts in table.items():
        if re.search(rf"\b{re.escape(word)}\b", name):
            return re.sub(rf"\b{re.escape(word)}\b", rng.choice(shorts), name, count=1)
    return None


# Each kind: (name, rng) -> (a, b), or None where the name does not allow it.
Maker = Callable[[str, random.Random], tuple[Side, Side] | None]


def _pair(name: str, other: str | None) -> tuple[Side, Side] | None:
    return (side(name), side(other)) if other and other != name else None


def case(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, rng.choice([name.upper(), name.lower(), name.title()]))


def punctuation(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    options = [
        name.replace(",", ""),
        name.replace(".", ""),
        name.replace(" ", "  ", 1),
        name.replace("-", " "),
        name + ".",
        re.sub(r"(\w) (\w)", r"\1-\2", name, count=1),
    ]
    options = [o for o in options if o != name]
    return _pair(name, rng.choice(options)) if options else None


def leading_the(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, name[4:] if name.startswith("The ") else "The " + name)


def ampersand(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    if " and " in name:
        return _pair(name, name.replace(" and ", " & ", 1))
    if " & " in name:
        return _pair(name, name.replace(" & ", " and ", 1))
    return None


def abbreviation(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _replace_word(name, SHORT_FORMS, rng))


def phrase(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _replace_word(name, PHRASES, rng))


def spelling(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _replace_word(name, {k: [v] for k, v in SPELLING.items()}, rng))


def accents(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    if not name.isascii():
        plain = "".join(
            c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
        )
        return _pair(name, unicodedata.normalize("NFC", plain))
    spots = [i for i, c in enumerate(name) if c in MARKS]
    if not spots:
        return None
    i = rng.choice(spots)
    return _pair(name, unicodedata.normalize("NFC", name[: i + 1] + MARKS[name[i]] + name[i + 1 :]))


def decomposed(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    """The same accented name, once composed (NFC) and once decomposed (NFD)."""
    spots = [i for i, c in enumerate(name) if c in MARKS]
    if not spots:
        return None
    i = rng.choice(spots)
    accented = name[: i + 1] + MARKS[name[i]] + name[i + 1 :]
    return side(unicodedata.normalize("NFC", accented)), side(
        unicodedata.normalize("NFD", accented)
    )


def legal_form(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    plain = bare(name)
    form = rng.choice(LEGAL_FORMS)
    sep = rng.choice([" ", ", "])
    if plain != name:
        # The name has a legal form: drop it, or swap it for another.
        return _pair(name, rng.choice([plain, plain + sep + form]))
    return _pair(name, plain + sep + form)


def lookalike(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    spots = [i for i, c in enumerate(name) if c in LOOKALIKES]
    if not spots:
        return None
    i = rng.choice(spots)
    return _pair(name, name[:i] + LOOKALIKES[name[i]] + name[i + 1 :])


def invisible(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _insert(name, INVISIBLE, rng))


def bidi(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    where = rng.choice(["start", "end", "inside"])
    if where == "start":
        return _pair(name, rng.choice(BIDI) + name)
    if where == "end":
        return _pair(name, name + rng.choice(BIDI))
    return _pair(name, _insert(name, BIDI, rng))


def typo_long(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _typo(name, rng, short=False))


def typo_short(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    return _pair(name, _typo(name, rng, short=True))


def word_order(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    words = bare(name).split()
    if len(words) < 3:
        return None
    return _pair(name, " ".join(words[-1:] + words[:-1]))


def linking_order(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    """ "University of Oxford" / "Oxford University"."""
    plain = bare(name)
    parts = plain.split(" of ")
    if len(parts) != 2 or not (1 <= len(parts[0].split()) <= 2 and 1 <= len(parts[1].split()) <= 2):
        return None
    return _pair(plain, f"{parts[1]} {parts[0]}")


def acronym_declared(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    letters = initials_of(name)
    return (side(name, acronym=letters), side(letters)) if letters else None


def acronym_bracket(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    letters = initials_of(name)
    return (side(f"{name} ({letters})"), side(letters)) if letters else None


def acronym_front(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    letters = initials_of(name)
    if not letters:
        return None
    return side(rng.choice([f"{letters}: {name}", f"{letters} - {name}"])), side(name)


def acronym_dash(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    letters = initials_of(name)
    if not letters:
        return None
    return side(rng.choice([f"{name} – {letters}", f"{name} - {letters}"])), side(letters)


def acronym_inside(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    """ "International Business Machines (IBM) Corporation" / "IBM"."""
    plain = bare(name)
    letters = initials_of(name)
    if plain == name or not letters:
        return None
    return side(f"{plain} ({letters}){name[len(plain) :]}"), side(letters)


def initials(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    letters = initials_of(name)
    return _pair(name, letters) if letters and len(bare(name).split()) >= 3 else None


def alias(name: str, rng: random.Random) -> tuple[Side, Side] | None:
    words = bare(name).split()
    if len(words) < 2:
        return None
    short = " ".join(words[:2]) if len(words) > 2 else words[0]
    return side(name, aliases=[short]), side(short)


TEST_KINDS: dict[str, Maker] = {
    "case": case,
    "punctuation": punctuation,
    "leading the": leading_the,
    "ampersand": ampersand,
    "abbreviation": abbreviation,
    "abbreviation of several words": phrase,
    "spelling variant": spelling,
    "accents": accents,
    "decomposed accents": decomposed,
    "legal form": legal_form,
    "confusable characters": lookalike,
    "invisible characters": invisible,
    "bidi control": bidi,
    "typing error": typo_long,
    "typing error, short word": typo_short,
    "word order": word_order,
    "word order around 'of'": linking_order,
    "acronym declared": acronym_declared,
    "acronym in brackets": acronym_bracket,
    "acronym in front": acronym_front,
    "acronym after a dash": acronym_dash,
    "acronym inside": acronym_inside,
    "initials": initials,
    "alias": alias,
}

# The kinds of docs/dupes.md's table, each made by the maker above that produces it.
INJECTED_KINDS: dict[str, Maker] = {
    "same after normalisation": case,
    "punctuation": punctuation,
    "abbreviation": abbreviation,
    "spelling variant": spelling,
    "accents": accents,
    "legal suffix": legal_form,
    "confusable characters": lookalike,
    "invisible characters": invisible,
    "bidi control": bidi,
    "decomposed accents": decomposed,
    "word order": word_order,
    "acronym of": acronym_declared,
    "initials of": initials,
    "typing error": typo_long,
    "alias": alias,
}


def negatives(names: list[str], rng: random.Random) -> list[Case]:
    """Different signers that look alike: chapters, sections, containment, same initials."""
    cases = []

    def distinct(a: str, b: str, kind: str) -> None:
        cases.append({"a": side(a), "b": side(b), "label": "distinct", "kind": kind})

    for name in names:
        plain = bare(name)
        first, second = rng.sample(CITIES, 2)
        distinct(f"{plain} ({first})", f"{plain} ({second})", "bracketed places")
        first, second = rng.sample(SECTIONS, 2)
        distinct(f"{plain} ({first})", f"{plain} ({second})", "bracketed sections")
        first, second = rng.sample(COUNTRY_CODES, 2)
        distinct(f"{plain} ({first})", f"{plain} ({second})", "bracketed countries")
        first, second = rng.sample(COUNTRIES, 2)
        distinct(f"{plain} {first}", f"{plain} {second}", "country sections")
        distinct(plain, f"{plain} {rng.choice(COUNTRIES)}", "federation member")
        distinct(plain, f"{plain} {rng.choice(EXTENSIONS)}", "containment")
        number = rng.randrange(2, 40)
        distinct(f"{plain} Local {number}", f"{plain} Local {number + 1}", "numbered chapters")
    by_initials: dict[str, list[str]] = {}
    for name in names:
        letters = initials_of(name)
        if letters:
            by_initials.setdefault(letters, []).append(name)
    for group in by_initials.values():
        for a, b in list(combinations(group, 2))[:3]:
            distinct(a, b, "same initials")
    return cases


def test_bases() -> list[str]:
    umass = [names[0] for names in clusters("UMass", max_size=10_000)]
    nber = [name for name in singletons("NBER") if half(name) == 1]
    rng = random.Random(SEED)
    return umass + rng.sample(nber, min(len(nber), 600))


def injection_bases(count: int = 400) -> list[str]:
    nber = [name for name in singletons("NBER") if half(name) == 0]
    return random.Random(SEED + 1).sample(nber, min(len(nber), count))


def build_test() -> list[Case]:
    rng = random.Random(SEED)
    bases = test_bases()
    cases: list[Case] = []
    for name in bases:
        for kind, make in TEST_KINDS.items():
            made = make(name, rng)
            if made is not None:
                cases.append({"a": made[0], "b": made[1], "label": "dup", "kind": kind})
        letters = initials_of(name)
        if letters:
            # Declared on one of two identical spellings: the short form joins them both.
            cases.append(
                {
                    "a": side(name, acronym=letters),
                    "b": side(letters),
                    "context": [side(name)],
                    "label": "dup",
                    "kind": "acronym on one of two spellings",
                }
            )
    cases.extend(negatives(bases, rng))
    return cases
