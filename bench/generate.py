"""Synthetic statements for the benchmark: realistic names, several groups, known near-duplicates.

Everything comes from one seeded random generator, so the same size and seed always give the
same files, byte for byte. Run ``python bench/generate.py --help`` to write datasets by hand;
``bench/run.py`` calls :func:`write_dataset` and :func:`write_import_csv` itself.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from endorse.project.paths import signer_file_stem

SEED = 20210505
SLUG = "bench"
LAYOUTS = ("list", "files")
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "300k": 300_000, "1M": 1_000_000}
# The import CSV avoids the names of these datasets (1M is left out: its names would take a
# minute to make, and the CSV stays the same bytes as before 1M existed).
IMPORT_AGAINST = (1_000, 10_000, 100_000, 300_000)
DUPLICATE_SHARE = 0.02
WIDE_NAMES_ABOVE = 200_000
DUPLICATE_KINDS = ("case", "punctuation", "accents", "intl", "acronym", "typo")
FIRST_DAY = dt.date(2024, 3, 1)
WEEKS = 8
# Bump when the output changes, so run.py regenerates stale datasets.
GENERATOR_VERSION = "2"

ORG_TYPES = [
    "Association", "Network", "Coalition", "Foundation", "Center", "Alliance", "Institute",
    "Forum", "Council", "Union", "Society", "League", "Movement", "Initiative", "Committee",
    "Trust", "Collective", "Federation", "Partnership", "Project", "Organisation", "Centre",
]  # fmt: skip
THEMES = [
    "Child Rights", "Women's Rights", "Legal Aid", "Land Rights", "Environmental Justice",
    "Human Rights", "Youth Development", "Community Health", "Rural Livelihoods", "Education",
    "Disability Inclusion", "Press Freedom", "Indigenous Peoples", "Workers' Rights",
    "Migrant Workers", "Climate Action", "Food Security", "Peace and Reconciliation",
    "Good Governance", "Social Development", "Digital Rights", "Clean Water", "Fisheries",
    "Forest Protection", "Gender Equality", "Housing Rights", "Democracy", "Justice with Children",
    "Refugee Support", "Harm Reduction", "Mental Health", "Early Childhood", "Civic Space",
    "Open Data", "Anti-Corruption", "Labour Standards", "Rule of Law", "Public Interest Law",
    "Sustainable Agriculture", "Cultural Heritage",
]  # fmt: skip
PLACES = [
    "Cambodia", "Phnom Penh", "Battambang", "Siem Reap", "Kampot", "Kampong Cham", "Takeo",
    "Kratie", "Mondulkiri", "Ratanakiri", "Svay Rieng", "Prey Veng", "Kep", "Pursat", "Koh Kong",
    "the Mekong", "Asia", "Southeast Asia", "the Pacific", "Africa", "Latin America", "Europe",
    "Thailand", "Laos", "Vietnam", "Myanmar", "Indonesia", "the Philippines", "Malaysia", "Nepal",
    "Bangladesh", "Sri Lanka", "Kenya", "Uganda", "Ghana", "Peru", "Bolivia", "Colombia",
    "México", "Perú", "Bogotá", "Québec", "Genève", "Zürich", "Malmö", "São Paulo", "Curaçao",
    "Nouméa", "Yaoundé", "Lomé",
]  # fmt: skip
PLACE_COUNTRIES = {
    "Phnom Penh": "KH", "Battambang": "KH", "Siem Reap": "KH", "Kampot": "KH", "Takeo": "KH",
    "Thailand": "TH", "Laos": "LA", "Vietnam": "VN", "Myanmar": "MM", "Kenya": "KE",
    "Peru": "PE", "Perú": "PE", "México": "MX", "Genève": "CH", "Zürich": "CH", "Malmö": "SE",
    "São Paulo": "BR", "Québec": "CA", "Bogotá": "CO", "Yaoundé": "CM", "Lomé": "TG",
}  # fmt: skip
COUNTRIES = ["KH", "KH", "KH", "KH", "TH", "VN", "LA", "MM", "PH", "ID", "MY", "NP", "BD",
             "LK", "KE", "UG", "GH", "PE", "BO", "CO", "MX", "NL", "CH", "FR", "DE", "GB",
             "US", "CA", "AU", "JP", "SE", "BR"]  # fmt: skip
GIVEN_NAMES = [
    "Sophea", "Dara", "Sokha", "Vanna", "Chantha", "Bopha", "Rithy", "Srey", "Visal", "Kosal",
    "Maria", "José", "Ana", "Luis", "Chloé", "François", "Zoë", "Søren", "Jürgen", "Agnès",
    "Nguyễn Thị", "Hà", "Ngọc", "Siosaia", "Amara", "Kwame", "Aisha", "Fatima", "Ömer", "Łukasz",
    "John", "Mary", "David", "Sarah", "Peter", "Emma", "Thomas", "Laura", "Daniel", "Hannah",
    "Ingrid", "Björn", "Renée", "Inés", "Raúl", "Camille", "Mónica", "Priya", "Arjun", "Mei",
]  # fmt: skip
FAMILY_NAMES = [
    "Chan", "Sok", "Kim", "Heng", "Ly", "Mao", "Pich", "Chea", "Seng", "Touch", "Keo", "Phan",
    "García", "Müller", "Dubois", "Núñez", "Østergaard", "Çelik", "Nowak", "Smith", "Jones",
    "Okafor", "Mensah", "Haddad", "Rossi", "Novák", "Šimić", "Lindqvist", "Van der Berg",
    "O'Brien", "Nakamura", "Tanaka", "Pereira", "Gonçalves", "Lefèvre", "Brontë", "Wójcik",
    "Nguyen", "Tran", "Pham", "Santos", "Reyes", "Mwangi", "Achieng", "Banda", "Fernández",
]  # fmt: skip
# Khmer names, written as Khmer coalitions write them (no zero-width space needed inside).
KHMER_GIVEN = ["សុខា", "ចាន់ថា", "សុភាព", "វណ្ណា", "ធារ៉ា", "បុប្ផា", "រិទ្ធី", "សុវណ្ណ"]
KHMER_FAMILY = ["សុខ", "ចាន់", "គឹម", "ហេង", "លី", "ម៉ៅ", "ជា", "កែវ"]
NOTES = [
    "member of the NGO Panel", "represented by its director", "on behalf of 40 member groups",
    "regional office", "in personal capacity",
]  # fmt: skip
SMALL_WORDS = {"for", "of", "in", "and", "the", "on", "with"}
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The same folding as ``endorse check``: case, accents, punctuation and spaces removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub("", stripped.casefold())


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def acronym_of(name: str) -> str:
    words = re.findall(r"[A-Za-zÀ-ÿ']+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in SMALL_WORDS)


@dataclass
class Signer:
    name: str
    group: str
    kind: str = "organization"
    acronym: str | None = None
    country: str | None = None
    note: str | None = None
    contact: str | None = None
    added: dt.date | None = None
    status: str = "confirmed"
    withdrawn: dt.date | None = None
    duplicate_of: str | None = None  # the name this near-duplicate copies (never written)
    duplicate_kind: str | None = None


@dataclass
class NameSource:
    """Unique organisation and person names (unique after folding), in a fixed order."""

    rng: Random
    used: set[str] = field(default_factory=set)
    # Past 200,000 signatories the person names run out (50 given x 46 family x 27 initials);
    # "wide" adds a second given name to half of them. Smaller datasets stay byte-identical.
    wide: bool = False

    def organisation(self) -> tuple[str, str | None]:
        rng = self.rng
        for _ in range(1000):
            kind, theme, place = rng.choice(ORG_TYPES), rng.choice(THEMES), rng.choice(PLACES)
            pattern = rng.randrange(8)
            if pattern == 0:
                name = f"{kind} for {theme}"
            elif pattern == 1:
                name = f"{kind} for {theme} in {place}"
            elif pattern == 2:
                name = f"{place.removeprefix('the ')} {theme} {kind}"
            elif pattern == 3:
                name = f"{theme} {kind} of {place}"
            elif pattern == 4:
                name = f"{kind} of {theme} {rng.choice(ORG_TYPES)}s in {place}"
            elif pattern == 5:
                name = f"International {kind} for {theme}"
            elif pattern == 6:
                name = f"{theme} International {place.removeprefix('the ')}"
            else:
                name = f"{place.removeprefix('the ')} {kind} for {theme} and {rng.choice(THEMES)}"
            if self._claim(name):
                return name, PLACE_COUNTRIES.get(place)
        raise RuntimeError("organisation names exhausted; add words to the lists")

    def person(self) -> str:
        rng = self.rng
        for _ in range(1000):
            if rng.random() < 0.06:
                name = f"{rng.choice(KHMER_FAMILY)} {rng.choice(KHMER_GIVEN)}"
                if rng.random() < 0.5:
                    name += f" {rng.choice(KHMER_GIVEN)}"
            else:
                given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
                middle = f" {chr(rng.randrange(26) + 65)}." if rng.random() < 0.7 else ""
                name = f"{given}{middle} {family}"
                if self.wide and rng.random() < 0.5:
                    name = f"{given} {rng.choice(GIVEN_NAMES)}{middle} {family}"
            if self._claim(name):
                return name
        raise RuntimeError("person names exhausted; add names to the lists")

    def _claim(self, name: str) -> bool:
        key = fold(name)
        if key in self.used:
            return False
        self.used.add(key)
        return True


def _date(rng: Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange(WEEKS * 7))


def _signer(names: NameSource, rng: Random, group: str) -> Signer:
    if group == "individuals":
        signer = Signer(names.person(), group, kind="individual")
        signer.country = rng.choice(COUNTRIES) if rng.random() < 0.6 else None
    else:
        name, country = names.organisation()
        signer = Signer(name, group, country=country)
        if signer.country is None and rng.random() < 0.85:
            signer.country = rng.choice(COUNTRIES)
        if rng.random() < 0.3:
            signer.acronym = acronym_of(name)
    if rng.random() < 0.04:
        signer.note = rng.choice(NOTES)
    if rng.random() < 0.1:
        signer.contact = f"contact{rng.randrange(10**6)}@example.org"
    signer.added = _date(rng)
    roll = rng.random()
    if roll < 0.03:
        signer.status = "pending"
    elif roll < 0.045:
        signer.status = "withdrawn"
        signer.withdrawn = signer.added + dt.timedelta(days=rng.randrange(1, 10))
    return signer


def _typo(name: str, rng: Random) -> str:
    letters = [i for i in range(1, len(name) - 2) if name[i].islower() and name[i + 1].islower()]
    if not letters:
        return name + "s"
    i = rng.choice(letters)
    if rng.random() < 0.5:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]  # swap two letters
    return name[:i] + name[i + 1 :]  # drop one letter


def _variant(original: Signer, kind: str, rng: Random) -> str | None:
    name = original.name
    if kind == "case":
        return name.upper() if rng.random() < 0.5 else name.lower()
    if kind == "punctuation":
        words = name.split(" ")
        if len(words) < 2:
            return None
        i = rng.randrange(1, len(words))
        joiner = rng.choice([", ", " - ", ". ", "-"])
        return " ".join(words[:i]) + joiner + " ".join(words[i:])
    if kind == "accents":
        stripped = strip_accents(name)
        if stripped != name:
            return stripped
        return name.replace("e", "é", 1) if "e" in name else None
    if kind == "intl":
        if "International" not in name:
            return None
        return name.replace("International", rng.choice(["Int'l", "Intl.", "Intl"]), 1)
    if kind == "acronym":
        if original.kind != "organization":
            return None
        return original.acronym or acronym_of(name)
    if kind == "typo":
        return _typo(name, rng) if len(name) > 12 else None
    raise ValueError(kind)


def _group_sizes(count: int) -> dict[str, int]:
    organizers = max(3, count // 1000)
    networks = 5
    individuals = count // 4
    return {
        "organizers": organizers,
        "networks": networks,
        "individuals": individuals,
        "endorsers": count - organizers - networks - individuals,
    }


def signers(count: int, seed: int = SEED) -> list[Signer]:
    """``count`` signatories, of which DUPLICATE_SHARE are near-duplicates of earlier ones."""
    rng = Random(seed)
    names = NameSource(Random(seed + 1), wide=count > WIDE_NAMES_ABOVE)
    duplicates = round(count * DUPLICATE_SHARE)
    originals: list[Signer] = []
    for group, size in _group_sizes(count - duplicates).items():
        originals.extend(_signer(names, rng, group) for _ in range(size))
    result = list(originals)
    kinds = itertools.cycle(DUPLICATE_KINDS)  # variants that fail are skipped: never run out
    made = 0
    candidates = [s for s in originals if s.group in ("endorsers", "individuals")]
    while made < duplicates:
        kind = next(kinds)
        for _ in range(200):
            original = rng.choice(candidates)
            name = _variant(original, kind, rng)
            if name and name != original.name and name.strip():
                break
        else:
            continue
        copy = _signer(names, rng, original.group)
        copy.name, copy.kind, copy.duplicate_of, copy.duplicate_kind = (
            name,
            original.kind,
            original.name,
            kind,
        )
        copy.acronym = None if kind == "acronym" else original.acronym
        copy.status = "confirmed"
        copy.withdrawn = None
        result.insert(rng.randrange(len(result) + 1), copy)
        made += 1
    return result


def extra_names(count: int, seed: int, against: Iterable[int]) -> Iterator[str]:
    """Organisation names that no dataset of ``seed`` at the sizes ``against`` uses."""
    names = NameSource(Random(seed + 2))
    for size in against:
        names.used.update(fold(signer.name) for signer in cached_signers(size, seed))
    for _ in range(count):
        yield names.organisation()[0]


_CACHE: dict[tuple[int, int], list[Signer]] = {}


def cached_signers(count: int, seed: int) -> list[Signer]:
    if (count, seed) not in _CACHE:
        _CACHE[count, seed] = signers(count, seed)
    return _CACHE[count, seed]


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), and much faster than a writer.
    return json.dumps(value, ensure_ascii=False)


def signer_toml(signer: Signer) -> str:
    lines = ["[[signatory]]", f"name = {_toml_string(signer.name)}"]
    if signer.acronym:
        lines.append(f"acronym = {_toml_string(signer.acronym)}")
    lines.append(f"group = {_toml_string(signer.group)}")
    if signer.kind != "organization":
        lines.append(f'kind = "{signer.kind}"')
    if signer.country:
        lines.append(f'country = "{signer.country}"')
    if signer.note:
        lines.append(f"note = {_toml_string(signer.note)}")
    if signer.contact:
        lines.append(f'contact = "{signer.contact}"')
    if signer.added:
        lines.append(f"added = {signer.added.isoformat()}")
    if signer.status != "confirmed":
        lines.append(f'status = "{signer.status}"')
    if signer.withdrawn:
        lines.append(f"withdrawn = {signer.withdrawn.isoformat()}")
    return "\n".join(lines) + "\n"


def statement_toml(count: int, layout: str) -> str:
    return f"""\
# A synthetic statement for the benchmark ({count} signatories, generated by bench/generate.py).
schema = 1
title = "Joint Statement on Civic Space in the Mekong Region"
place = "Phnom Penh"
date = 2024-05-01
status = "open"
file_per_signer = {"true" if layout == "files" else "false"}

body = '''
We, the undersigned organisations and individuals, call on the governments of the region to
protect civic space.

We ask for the release of every human rights defender held for peaceful work.
'''

closing = '''
For more information, contact the organising committee.
'''

[[groups]]
id = "organizers"
heading = "This statement was prepared by:"
order = "added"

[[groups]]
id = "endorsers"
heading = "It is endorsed by the following organisations:"

[[groups]]
id = "individuals"
heading = "And by the following individuals:"
style = "bulleted"

[[groups]]
id = "networks"
heading = "It is also endorsed by the {{signatories}}."
style = "sentence"
"""


def file_stem(name: str, taken: set[str]) -> str:
    """The file name endorse itself gives a signer, made unique with -2, -3..."""
    base = signer_file_stem(name)
    stem, number = base, 1
    while stem in taken:
        number += 1
        stem = f"{base}-{number}"
    taken.add(stem)
    return stem


def write_dataset(root: Path, count: int, layout: str, seed: int = SEED) -> None:
    """A project at ``root`` with statement SLUG and ``count`` signatories in ``layout``."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    if root.exists():
        shutil.rmtree(root)
    (root / "statements").mkdir(parents=True)
    (root / "statements" / f"{SLUG}.toml").write_text(
        statement_toml(count, layout), encoding="utf-8"
    )
    people = cached_signers(count, seed)
    folder = root / "signatories"
    folder.mkdir()
    if layout == "list":
        header = f"# Signatories of statements/{SLUG}.toml (synthetic).\nschema = 1\n"
        body = "\n".join(signer_toml(s) for s in people)
        (folder / f"{SLUG}.toml").write_text(header + "\n" + body, encoding="utf-8")
    else:
        per_signer = folder / SLUG
        per_signer.mkdir()
        taken: set[str] = set()
        for signer in people:
            path = per_signer / f"{file_stem(signer.name, taken)}.toml"
            path.write_text("schema = 1\n\n" + signer_toml(signer), encoding="utf-8")


CSV_HEADER = [
    "Timestamp", "Organisation name", "Acronym", "Country", "Email", "Contact person",
    "Type of organisation", "Comment",
]  # fmt: skip


def write_import_csv(
    path: Path, rows: int, seed: int = SEED, against: Iterable[int] = IMPORT_AGAINST
) -> None:
    """An online-form export: mostly new organisations, some repeats of ``against[0]``'s
    signatories (2%) and some invalid rows (1%)."""
    against = list(against)
    rng = Random(seed + 3)
    existing = cached_signers(against[0], seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for number, name in enumerate(extra_names(rows, seed, against)):
            roll = rng.random()
            if roll < 0.02:
                name = rng.choice(existing).name  # signed before, through another channel
            acronym = acronym_of(name) if rng.random() < 0.3 else ""
            country = rng.choice(COUNTRIES)
            if roll > 0.99:
                country = "Cambodia"  # a typical invalid answer: not an ISO code
            when = dt.datetime(2024, 3, 1, 9) + dt.timedelta(minutes=number * 7)
            person = f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
            writer.writerow(
                [
                    when.strftime("%Y-%m-%d %H:%M:%S"),
                    name,
                    acronym,
                    country,
                    f"signer{number}@example.org",
                    person,
                    rng.choice(["NGO", "Network", "Community group", "Union"]),
                    rng.choice(["", "", "", "Proud to sign, line one\nand line two", "Thanks!"]),
                ]
            )


def write_numbered_csv(path: Path, rows: int) -> None:
    """A one-column form export, "Row Org 1" ... "Row Org N": names that differ by a number."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name"])
        writer.writerows([f"Row Org {number}"] for number in range(1, rows + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder to write the project into")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--layout", choices=LAYOUTS, default="list")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--csv", type=Path, help="also write a 10,000-row import CSV here")
    args = parser.parse_args()
    write_dataset(args.root, args.count, args.layout, args.seed)
    if args.csv:
        write_import_csv(args.csv, 10_000, args.seed)


if __name__ == "__main__":
    main()
