"""Duplicate groups of a statement, and checking one new signatory against it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from endorse.format.models import Signatory
from endorse.matching import scan
from endorse.matching.compare import Evidence
from endorse.matching.index import DuplicateIndex
from endorse.project.model import Entry, LoadedStatement

DEFAULT_MIN_SCORE = 0.8


@dataclass(frozen=True)
class DuplicateGroup:
    """Entries that are likely one signer; every pair of members matched on its own."""

    members: tuple[Entry, ...]
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """An existing entry that a new signatory probably repeats."""

    entry: Entry
    score: float
    reasons: tuple[str, ...]

    @property
    def withdrawn(self) -> bool:
        return self.entry.signatory.status == "withdrawn"


def find_duplicate_groups(
    loaded: LoadedStatement,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    include_withdrawn: bool = False,
) -> list[DuplicateGroup]:
    """Groups of likely duplicates among a statement's entries, strongest first."""
    entries = [
        entry
        for entry in loaded.entries
        if include_withdrawn or entry.signatory.status != "withdrawn"
    ]
    index = DuplicateIndex(entries, loaded.distinct)
    edges = {pair: ev for pair, ev in index.pairs().items() if ev.score >= min_score}
    groups = [
        DuplicateGroup(
            members=tuple(sorted((entries[i] for i in members), key=lambda e: e.position)),
            score=min(edges[pair].score for pair in _pairs_of(members)),
            reasons=_reasons(edges, members),
        )
        for members in cliques(edges)
    ]
    return sorted(groups, key=lambda g: g.members[0].position)


def cliques(edges: dict[tuple[int, int], Evidence]) -> list[list[int]]:
    """Greedy by score: join two groups only when every member matches every other.

    So A~B and B~C never put A and C together unless A~C.
    """
    group_of: dict[int, list[int]] = {}
    ordered = sorted(edges.items(), key=lambda item: (-item[1].score, item[0]))
    for (a, b), _ in ordered:
        first = group_of.get(a, [a])
        second = group_of.get(b, [b])
        if first is second:
            continue
        if all((min(x, y), max(x, y)) in edges for x in first for y in second):
            merged = first + second
            for member in merged:
                group_of[member] = merged
    seen: set[int] = set()
    result = []
    for members in group_of.values():
        if id(members) not in seen:
            seen.add(id(members))
            result.append(sorted(members))
    return result


def _pairs_of(members: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def _reasons(edges: dict[tuple[int, int], Evidence], members: list[int]) -> tuple[str, ...]:
    reasons: list[str] = []
    for pair in _pairs_of(members):
        for reason in edges[pair].reasons:
            if reason not in reasons:
                reasons.append(reason)
    return tuple(reasons)


class CandidateChecker:
    """A statement's entries indexed once, to check many new signatories quickly (import)."""

    def __init__(self, loaded: LoadedStatement) -> None:
        self.index = DuplicateIndex(loaded.entries, loaded.distinct)

    def matches(self, signatory: Signatory, *, min_score: float = DEFAULT_MIN_SCORE) -> list[Match]:
        found = self.index.query(signatory)
        return _ranked(
            ((self.index.entries[owner], evidence) for owner, evidence in found.items()), min_score
        )

    def add(self, entry: Entry) -> None:
        """Count an accepted row, so later rows of the same import are checked against it."""
        self.index.add(entry)


def match_candidate(
    loaded: LoadedStatement, signatory: Signatory, *, min_score: float = DEFAULT_MIN_SCORE
) -> list[Match]:
    """Existing entries (withdrawn ones included) that ``signatory`` probably repeats.

    For one name, scanning the entries' words is faster than indexing them all (``add``);
    the answer is the same as ``CandidateChecker``'s.
    """
    return _ranked(scan.query(signatory, loaded.entries, loaded.distinct), min_score)


def _ranked(found: Iterable[tuple[Entry, Evidence]], min_score: float) -> list[Match]:
    matches = [
        Match(entry, evidence.score, evidence.reasons)
        for entry, evidence in found
        if evidence.score >= min_score
    ]
    return sorted(matches, key=lambda m: (-m.score, m.entry.position))
