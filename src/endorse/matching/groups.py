"""Duplicate groups of a statement, and checking one new signatory against it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from endorse.format.models import Signatory
from endorse.matching import scan
from endorse.matching.compare import POSSIBLE_SCORE, SAME, Evidence
from endorse.matching.index import DuplicateIndex, forms_of, spelling_key
from endorse.matching.normalise import NameForm, explain, make_form, split_acronym
from endorse.project.model import DistinctEntry, Entry, LoadedStatement

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
    graph = _Graph(loaded, include_withdrawn=include_withdrawn, review=min_score < POSSIBLE_SCORE)
    return graph.groups(min_score)


def find_duplicates_for_review(
    loaded: LoadedStatement, *, min_score: float = DEFAULT_MIN_SCORE
) -> tuple[list[DuplicateGroup], list[DuplicateGroup]]:
    """Likely duplicates (as ``find_duplicate_groups``) and possible ones, from one index.

    Possible duplicates are pairs scoring below ``min_score``, such as a bare name and the
    same name with "International" or a country: for a person to decide, never an error.
    A pair whose two members are already in one likely group is left out.
    """
    graph = _Graph(loaded, include_withdrawn=False, review=True)
    likely = graph.groups(min_score)
    together = {(id(a), id(b)) for group in likely for a in group.members for b in group.members}
    possible = [
        pair
        for pair in graph.pairs(below=min_score)
        if (id(pair.members[0]), id(pair.members[-1])) not in together
    ]
    return likely, possible


class _Graph:
    """Entries as nodes (one node per spelling), and the evidence between nodes."""

    def __init__(self, loaded: LoadedStatement, *, include_withdrawn: bool, review: bool):
        entries = [
            entry
            for entry in loaded.entries
            if include_withdrawn or entry.signatory.status != "withdrawn"
        ]
        forms = [forms_of(-1, entry.signatory) for entry in entries]
        grouped = _same_spellings(list(range(len(entries))), forms, loaded.distinct)
        self.nodes = [[entries[number] for number in node] for node in grouped]
        index = DuplicateIndex(distinct=loaded.distinct, review=review)
        for node in grouped:
            index.add_group([entries[n] for n in node], [forms[n] for n in node])
        self.edges = index.pairs(review=review)
        self.inner = [_inner_evidence(node) for node in self.nodes]

    def groups(self, min_score: float) -> list[DuplicateGroup]:
        edges = {pair: ev for pair, ev in self.edges.items() if ev.score >= min_score}
        components = cliques(edges)
        in_clique = {number for members in components for number in members}
        components += [
            [number]
            for number, node in enumerate(self.nodes)
            if len(node) > 1 and number not in in_clique
        ]
        found = []
        for members in components:
            evidences = [edges[pair] for pair in _pairs_of(members)]
            evidences += [ev for number in members if (ev := self.inner[number]) is not None]
            found.append(self._group(members, evidences))
        return sorted(found, key=lambda g: g.members[0].position)

    def pairs(self, *, below: float) -> list[DuplicateGroup]:
        found = [
            self._group(list(pair), [evidence])
            for pair, evidence in self.edges.items()
            if evidence.score < below
        ]
        return sorted(found, key=lambda g: (g.members[0].position, g.members[-1].position))

    def _group(self, members: list[int], evidences: list[Evidence]) -> DuplicateGroup:
        return DuplicateGroup(
            members=tuple(
                sorted(
                    (entry for number in members for entry in self.nodes[number]),
                    key=lambda e: e.position,
                )
            ),
            score=min(ev.score for ev in evidences),
            reasons=_merged_reasons(evidences),
        )


def _same_spellings(
    numbers: list[int], forms: list[list[NameForm]], distinct: Sequence[DistinctEntry]
) -> list[list[int]]:
    """Entries grouped by spelling_key, in order of first appearance.

    An empty key stays alone, and so does a spelling that a [[distinct]] record names: the
    record may set it apart from another spelling of the same key.
    """
    recorded = {
        spelling_key([make_form(-1, split_acronym(name)[0])])
        for record in distinct
        for name in record.distinct.names
    }
    nodes: dict[str, list[int]] = {}
    order: list[list[int]] = []
    for number in numbers:
        key = spelling_key(forms[number])
        if not key or key in recorded:
            order.append([number])
            continue
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = []
            order.append(node)
        node.append(number)
    return order


def _inner_evidence(node: list[Entry]) -> Evidence | None:
    """Why the entries of one node are the same signer: each spelling explained once."""
    if len(node) == 1:
        return None
    first = node[0].signatory.name
    texts = {entry.signatory.name.strip() for entry in node}
    if len(texts) == 1:
        return Evidence(1.0, (SAME,))
    reasons: list[str] = [SAME]
    for text in sorted(texts - {first.strip()}):
        for reason in explain(first, text):
            if reason not in reasons:
                reasons.append(reason)
    return Evidence(0.97, tuple(reasons))


def _merged_reasons(evidences: list[Evidence]) -> tuple[str, ...]:
    reasons: list[str] = []
    for evidence in evidences:
        for reason in evidence.reasons:
            if reason not in reasons:
                reasons.append(reason)
    return tuple(reasons)


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
