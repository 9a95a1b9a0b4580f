"""Duplicate groups of a statement, and checking one new signatory against it."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from endorse.format.models import MAX_NAME, Signatory
from endorse.matching import scan
from endorse.matching.compare import POSSIBLE_SCORE, SAME, Evidence, judge
from endorse.matching.index import (
    DuplicateIndex,
    bounded,
    collector_paused,
    differ,
    forms_of,
    is_bounded,
    spelling_key,
)
from endorse.matching.normalise import NameForm, explain, make_form, split_acronym
from endorse.matching.people import NOTE, TRANSLITERATED, bracketed, transliterated
from endorse.project.model import DistinctEntry, Entry, LoadedStatement

DEFAULT_MIN_SCORE = 0.8
# A reason added to a group when a member's name was too long to compare whole.
BOUNDED = f"only the first {MAX_NAME} characters of a long name compared"


@dataclass(frozen=True)
class Link:
    """Why a member of a group is in it: the member it matched, how strongly, and why."""

    to: Entry
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicateGroup:
    """Entries that are likely one signer: each member after the first joined the group
    through a likely link to another member (``links``, in the order of ``members``; None for
    the first member and for groups made before links were recorded)."""

    members: tuple[Entry, ...]
    score: float
    reasons: tuple[str, ...]
    links: tuple[Link | None, ...] = ()

    def link_of(self, member: Entry) -> Link | None:
        for number, entry in enumerate(self.members):
            if entry is member:
                return self.links[number] if number < len(self.links) else None
        return None


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
    with collector_paused():
        graph = _Graph(
            loaded, include_withdrawn=include_withdrawn, review=min_score < POSSIBLE_SCORE
        )
        return graph.groups(min_score)


def find_duplicates_for_review(
    loaded: LoadedStatement, *, min_score: float = DEFAULT_MIN_SCORE
) -> tuple[list[DuplicateGroup], list[DuplicateGroup]]:
    """Likely duplicates (as ``find_duplicate_groups``) and possible ones, from one index.

    Possible duplicates are pairs scoring below ``min_score``, such as a bare name and the
    same name with "International" or a country: for a person to decide, never an error.
    A pair whose two members are already in one likely group is left out.
    """
    with collector_paused():
        graph = _Graph(loaded, include_withdrawn=False, review=True)
        likely = graph.groups(min_score)
        # Which likely group each entry is in: a pair inside one group is no question.
        group_number = {id(entry): n for n, group in enumerate(likely) for entry in group.members}
        possible = [
            pair
            for pair in graph.pairs(below=min_score)
            if group_number.get(id(pair.members[0]), -1)
            != group_number.get(id(pair.members[-1]), -2)
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
        index = DuplicateIndex(distinct=loaded.distinct, review=review, pairs_only=True)
        for node in grouped:
            index.add_group([entries[n] for n in node], [forms[n] for n in node])
        self.edges = index.pairs(review=review)
        self.marks = index.owner_marks()
        self.people = {
            number: forms[node[0]][0]
            for number, node in enumerate(grouped)
            if forms[node[0]][0].person
        }
        self.inner = [_inner_evidence(node) for node in self.nodes]

    def groups(self, min_score: float) -> list[DuplicateGroup]:
        """Connected components of the likely links: one body's spellings are one group
        however they chain, except that a recorded [[distinct]] pair is never joined."""
        edges = {pair: ev for pair, ev in self.edges.items() if ev.score >= min_score}
        found = []
        for members, tree in components(edges, len(self.nodes), self.marks, self.people):
            if len(members) == 1 and len(self.nodes[members[0]]) == 1:
                continue
            found.append(self._component(members, tree))
        return sorted(found, key=lambda g: g.members[0].position)

    def _component(
        self, members: list[int], tree: list[tuple[int, int, Evidence]]
    ) -> DuplicateGroup:
        """The group of ``members`` (nodes), each entry shown with the link that brought it
        in: breadth first from the earliest entry over the links the components kept."""
        neighbours: dict[int, list[tuple[int, Evidence]]] = {number: [] for number in members}
        for a, b, evidence in tree:
            neighbours[a].append((b, evidence))
            neighbours[b].append((a, evidence))
        start = min(members, key=lambda number: self.nodes[number][0].position)
        links: dict[int, Link | None] = {}
        evidences: list[Evidence] = []
        queue = deque([start])
        reached = {start}
        while queue:
            number = queue.popleft()
            node = self.nodes[number]
            inner = self.inner[number]
            if inner is not None:
                evidences.append(inner)
                for entry in node[1:]:
                    links[id(entry)] = Link(node[0], inner.score, inner.reasons)
            for other, evidence in sorted(
                neighbours[number], key=lambda item: self.nodes[item[0]][0].position
            ):
                if other not in reached:
                    reached.add(other)
                    links[id(self.nodes[other][0])] = Link(
                        node[0], evidence.score, evidence.reasons
                    )
                    evidences.append(evidence)
                    queue.append(other)
        entries = sorted(
            (entry for number in members for entry in self.nodes[number]),
            key=lambda e: e.position,
        )
        first = entries[0]
        reasons = _merged_reasons(evidences)
        if any(is_bounded(entry.signatory) for entry in entries):
            reasons += (BOUNDED,)
        return DuplicateGroup(
            members=tuple(entries),
            score=min(ev.score for ev in evidences),
            reasons=reasons,
            links=tuple(None if entry is first else links.get(id(entry)) for entry in entries),
        )

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
    first = bounded(node[0].signatory.name)
    texts = {bounded(entry.signatory.name).strip() for entry in node}
    if len(texts) == 1:
        return Evidence(1.0, (SAME,))
    reasons: list[str] = [SAME]
    for text in sorted(texts - {first.strip()}):
        for reason in explain(first, text):
            if reason not in reasons:
                reasons.append(reason)
        if node[0].signatory.kind != "individual":
            continue
        # People's names are read through transliteration and without brackets.
        if transliterated(first) != transliterated(text) and TRANSLITERATED not in reasons:
            reasons.append(TRANSLITERATED)
        if bracketed(first) != bracketed(text) and NOTE not in reasons:
            reasons.append(NOTE)
    return Evidence(0.97, tuple(reasons))


def _agree(first: list[int], second: list[int], people: dict[int, NameForm]) -> bool:
    if not first or not second or len(first) * len(second) > MOST_AGREEMENT_CHECKS:
        return True
    return all(judge(people[x], people[y]) is not None for x in first for y in second)


def _merged_reasons(evidences: list[Evidence]) -> tuple[str, ...]:
    reasons: list[str] = []
    for evidence in evidences:
        for reason in evidence.reasons:
            if reason not in reasons:
                reasons.append(reason)
    return tuple(reasons)


# Two groups of people are joined only when each person of one agrees with each of the
# other, checked up to this many pairs (beyond, they are joined: the cost stays bounded).
MOST_AGREEMENT_CHECKS = 10_000


def components(
    edges: dict[tuple[int, int], Evidence],
    count: int,
    marks: dict[int, set[tuple[int, int]]] | None = None,
    people: dict[int, NameForm] | None = None,
) -> list[tuple[list[int], list[tuple[int, int, Evidence]]]]:
    """Connected components of ``count`` nodes (union-find, strongest links first), each with
    the links that joined it (a spanning tree).

    ``marks``: for the nodes that a [[distinct]] record names, (record, name) pairs. Two
    components are never joined when one holds a name of a record and the other another
    name of the same record: the record cuts the chain between its names.

    ``people``: the name form of each node that is a person. Two components holding people
    are joined only when every person of one agrees with every person of the other, so that
    "John Smith" ~ "J. Smith" ~ "Jane Smith" stays two people.
    """
    parent = list(range(count))
    held = {number: set(found) for number, found in (marks or {}).items() if found}
    persons = {number: [number] for number in people or {}}

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    tree: dict[int, list[tuple[int, int, Evidence]]] = {}
    ordered = sorted(edges.items(), key=lambda item: (-item[1].score, item[0]))
    for (a, b), evidence in ordered:
        first, second = root(a), root(b)
        if first == second:
            continue
        left, right = held.get(first), held.get(second)
        if left and right and differ(left, right):
            continue
        if people and not _agree(persons.get(first, []), persons.get(second, []), people):
            continue
        parent[second] = first
        if second in persons:
            persons.setdefault(first, []).extend(persons.pop(second))
        joined = tree.setdefault(first, [])
        joined.extend(tree.pop(second, []))
        joined.append((a, b, evidence))
        if right:
            held[first] = (left or set()) | held.pop(second)
    members: dict[int, list[int]] = {}
    for number in range(count):
        members.setdefault(root(number), []).append(number)
    return [(numbers, tree.get(top, [])) for top, numbers in members.items()]


class CandidateChecker:
    """A statement's entries indexed once, to check many new signatories quickly (import)."""

    def __init__(self, loaded: LoadedStatement) -> None:
        with collector_paused():
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
