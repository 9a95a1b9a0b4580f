"""Scale of the duplicate engine: 100,000 synthetic signatories, beside all-pairs token_sort_ratio.

Builds its own names (fixed seed), injects a known share of duplicates, and times
find_duplicate_groups, one match_candidate query (the check `endorse add` makes) and the
all-pairs rapidfuzz baseline on a sample, extrapolated to 100,000 (it says so).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from endorse.matching import CandidateChecker, find_duplicate_groups
from endorse.models import Signatory
from endorse.project import Entry, LoadedStatement

SEED = 6
COUNT = 100_000
DUPLICATE_SHARE = 0.02
SAMPLE = 2_000

PLACES = [
    "Phnom Penh",
    "Battambang",
    "Siem Reap",
    "Kampot",
    "Takeo",
    "Kandal",
    "Pursat",
    "Kratie",
    "Nairobi",
    "Lima",
    "Manila",
    "Dhaka",
    "Kathmandu",
    "Accra",
    "Quito",
    "Bogota",
    "Hanoi",
    "Yangon",
    "Jakarta",
    "Lagos",
]
SUBJECTS = [
    "Human Rights",
    "Child Rights",
    "Women's Rights",
    "Land Rights",
    "Legal Aid",
    "Environmental Justice",
    "Press Freedom",
    "Indigenous Peoples",
    "Labour Rights",
    "Disability Rights",
    "Health",
    "Education",
    "Housing",
    "Food Security",
    "Peace",
    "Democracy",
    "Youth",
    "Migrant Workers",
    "Fisheries",
    "Forestry",
]
KINDS = [
    "Association",
    "Network",
    "Coalition",
    "Centre",
    "Alliance",
    "Foundation",
    "Forum",
    "Institute",
    "Initiative",
    "Committee",
    "Union",
    "Council",
    "Organisation",
    "Society",
    "Movement",
    "Collective",
    "Federation",
    "Project",
    "Trust",
    "League",
]
WORDS = [
    "Hope",
    "Light",
    "Bridge",
    "Harvest",
    "River",
    "Mekong",
    "Lotus",
    "Unity",
    "Voice",
    "Future",
    "Green",
    "Open",
    "Free",
    "Bright",
    "Rising",
    "Common",
    "Safe",
    "New",
    "Kind",
    "Together",
]
FIRST = [
    "Sophea",
    "Dara",
    "Vanna",
    "Maria",
    "John",
    "Amina",
    "Chen",
    "Priya",
    "Jose",
    "Fatima",
    "Kofi",
    "Anna",
    "Li",
    "Omar",
    "Sara",
    "Ivan",
    "Nguyen",
    "Aisha",
    "Tomas",
    "Mei",
]
LAST = [
    "Chan",
    "Sok",
    "Kim",
    "Garcia",
    "Smith",
    "Okafor",
    "Wang",
    "Patel",
    "Silva",
    "Haddad",
    "Mensah",
    "Novak",
    "Tran",
    "Rahman",
    "Costa",
    "Ivanova",
    "Lopez",
    "Ali",
    "Berg",
    "Tanaka",
]


def synthetic_name(rng: random.Random, number: int) -> str:
    shape = rng.random()
    if shape < 0.35:
        return f"{rng.choice(SUBJECTS)} {rng.choice(KINDS)} of {rng.choice(PLACES)} {number}"
    if shape < 0.6:
        return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {number}"
    if shape < 0.8:
        return f"{rng.choice(PLACES)} {rng.choice(SUBJECTS)} {rng.choice(KINDS)} No {number}"
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}-{number}"


def variant(rng: random.Random, name: str) -> str:
    how = rng.randrange(4)
    if how == 0:
        return name.upper()
    if how == 1:
        return "The " + name
    if how == 2:
        return name.replace("Centre", "Center").replace("Organisation", "Organization") + " Inc."
    words = name.split()
    long = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long:
        return name + " Ltd"
    i = rng.choice(long)
    w = words[i]
    words[i] = w[:2] + w[3] + w[2] + w[4:]
    return " ".join(words)


def build(count: int) -> tuple[LoadedStatement, int]:
    rng = random.Random(SEED)
    names = [synthetic_name(rng, n) for n in range(count)]
    injected = int(count * DUPLICATE_SHARE)
    for slot in rng.sample(range(count), injected):
        names[slot] = variant(rng, names[rng.randrange(count)])
    loaded = LoadedStatement(slug="scale", path=Path("statements/scale.toml"))
    path = Path("signatories/scale.toml")
    for position, name in enumerate(names):
        signatory = Signatory.model_construct(name=name, aliases=[])
        loaded.entries.append(Entry(signatory, path, 3 + 4 * position, position))
    return loaded, injected


def main() -> int:
    loaded, injected = build(COUNT)
    print(f"{COUNT:,} synthetic signatories, {injected:,} injected duplicates (seed {SEED})")

    started = time.perf_counter()
    groups = find_duplicate_groups(loaded)
    dupes_seconds = time.perf_counter() - started
    print(f"endorse dupes (find_duplicate_groups): {dupes_seconds:6.2f} s, {len(groups):,} groups")

    started = time.perf_counter()
    checker = CandidateChecker(loaded)
    build_seconds = time.perf_counter() - started
    newcomer = Signatory.model_construct(
        name=loaded.entries[12345].signatory.name.upper(), aliases=[]
    )
    started = time.perf_counter()
    matches = checker.matches(newcomer)
    query_seconds = time.perf_counter() - started
    add_seconds = build_seconds + query_seconds
    print(
        f"endorse add check (index {build_seconds:.2f} s + query {query_seconds * 1000:.1f} ms): "
        f"{add_seconds:6.2f} s, {len(matches)} match(es)"
    )

    sample = [e.signatory.name for e in loaded.entries[:SAMPLE]]
    started = time.perf_counter()
    for name in sample:
        process.extract(
            name,
            sample,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=90,
            limit=None,
        )
    sample_seconds = time.perf_counter() - started
    extrapolated = sample_seconds * (COUNT / SAMPLE) ** 2
    print(
        f"all-pairs token_sort_ratio baseline: {sample_seconds:.2f} s on {SAMPLE:,} names; "
        f"extrapolated (quadratic) to {COUNT:,}: ~{extrapolated:,.0f} s"
    )
    met = dupes_seconds <= 10 and add_seconds <= 1
    print(f"targets (dupes <= 10 s, add check <= 1 s): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
