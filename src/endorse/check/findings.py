"""The duplicate engine's findings, kept in the signed cache (``~/.cache/endorse/findings/``).

Building the duplicate index is most of ``check`` and ``dupes`` on a large list, and its
result depends only on what the engine reads. The cache key is a digest of exactly that: every
entry's position and the signatory fields the engine reads (ENGINE_FIELDS; a test reads the
matching package's source and fails when it reads a field not listed there), the
``[[distinct]]`` records, the options, and the source of the matching package and the data
it reads (so a code change in a development checkout never reuses old findings). The endorse
version, the Python version and the cache format are part of every entry's name
(project/cache.py). A stored finding names entries by their place in the statement's list;
the groups are rebuilt from today's entries, so paths and line numbers are always today's.

Statements below MIN_CACHED_ENTRIES entries are not cached: the engine is faster than a
file read there, and small projects keep no cache folder.
"""

from __future__ import annotations

import functools
import hashlib
import io
import operator
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endorse.project import cache
from endorse.project.model import Entry, LoadedStatement

if TYPE_CHECKING:
    from endorse.matching import DuplicateGroup, Link

MIN_CACHED_ENTRIES = 2000
# The signatory fields the engine reads (name, aliases, acronym, names, status), and a few it
# may come to read; a test fails when matching/ reads a field that is not listed here.
ENGINE_FIELDS = ("name", "aliases", "acronym", "names", "status", "group", "country", "kind")

# Modules outside matching/ whose code or data decide what the engine finds.
_ENGINE_INPUTS = (
    "format/models.py",
    "format/characters.py",
    "format/countries.py",
    "project/model.py",
)


# Libraries whose code or data decide what the engine finds: rapidfuzz's distances, and the
# legal forms the vocabulary reads from cleanco's termdata.
_ENGINE_LIBRARIES = ("rapidfuzz", "cleanco", "anyascii", "nicknames")


@functools.cache
def engine_digest() -> str:
    """The source of the matching package and of what it reads, and its libraries' versions."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = sorted((package / "matching").glob("*.py")) + sorted((package / "data").iterdir())
    for path in files + [package / name for name in _ENGINE_INPUTS]:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for library in _ENGINE_LIBRARIES:
        digest.update(f"{library} {library_version(library)}\0".encode())
    return digest.hexdigest()


def library_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def findings_key(loaded: LoadedStatement, question: str) -> str:
    """A digest of everything the engine reads to answer ``question`` about ``loaded``."""
    read = operator.attrgetter(*ENGINE_FIELDS)
    # Pickle without its memo writes each value by what it is, never by object identity, and
    # is unambiguous (it can be read back), so equal inputs give equal bytes and only equal
    # inputs do; with attrgetter it is the fastest such encoding (0.2 s for 100,000 entries).
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(
        (
            engine_digest(),
            question,
            ENGINE_FIELDS,
            [entry.position for entry in loaded.entries],
            [read(entry.signatory) for entry in loaded.entries],
            [list(pair.distinct.__dict__.items()) for pair in loaded.distinct],
        )
    )
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def _worth_caching(loaded: LoadedStatement) -> bool:
    return cache.enabled() and len(loaded.entries) >= MIN_CACHED_ENTRIES


def find_duplicates_for_review(
    loaded: LoadedStatement, *, min_score: float | None = None
) -> tuple[list[DuplicateGroup], list[DuplicateGroup]]:
    """``matching.find_duplicates_for_review``, from the cache when it answered it before."""
    from endorse.matching import DEFAULT_MIN_SCORE
    from endorse.matching import find_duplicates_for_review as compute

    min_score = DEFAULT_MIN_SCORE if min_score is None else min_score

    if not _worth_caching(loaded):
        return compute(loaded, min_score=min_score)
    key = findings_key(loaded, f"review {min_score!r}")
    stored = cache.stored_findings(loaded.root, key)
    if isinstance(stored, list) and len(stored) == 2:
        likely = _groups_back(stored[0], loaded.entries)
        possible = _groups_back(stored[1], loaded.entries)
        if likely is not None and possible is not None:
            return likely, possible
    likely, possible = compute(loaded, min_score=min_score)
    places = {id(entry): number for number, entry in enumerate(loaded.entries)}
    cache.keep_findings(loaded.root, key, [_plain(likely, places), _plain(possible, places)])
    return likely, possible


def find_duplicate_groups(
    loaded: LoadedStatement, *, min_score: float | None = None
) -> list[DuplicateGroup]:
    """``matching.find_duplicate_groups``, from the cache when it answered it before."""
    from endorse.matching import DEFAULT_MIN_SCORE
    from endorse.matching import find_duplicate_groups as compute

    min_score = DEFAULT_MIN_SCORE if min_score is None else min_score

    if not _worth_caching(loaded):
        return compute(loaded, min_score=min_score)
    key = findings_key(loaded, f"groups {min_score!r}")
    stored = cache.stored_findings(loaded.root, key)
    groups = _groups_back(stored, loaded.entries)
    if groups is not None:
        return groups
    groups = compute(loaded, min_score=min_score)
    places = {id(entry): number for number, entry in enumerate(loaded.entries)}
    cache.keep_findings(loaded.root, key, _plain(groups, places))
    return groups


def _plain(groups: list[DuplicateGroup], places: dict[int, int]) -> list[list[Any]]:
    return [
        [
            [places[id(member)] for member in group.members],
            group.score,
            list(group.reasons),
            [
                None if link is None else [places[id(link.to)], link.score, list(link.reasons)]
                for link in group.links
            ],
        ]
        for group in groups
    ]


def _groups_back(stored: Any, entries: list[Entry]) -> list[DuplicateGroup] | None:
    """The groups ``_plain`` wrote, or None when anything in them is not of that shape."""
    from endorse.matching import DuplicateGroup

    if not isinstance(stored, list):
        return None
    groups = []
    try:
        for numbers, score, reasons, links in stored:
            if not (
                isinstance(numbers, list)
                and numbers
                and all(_place(n, entries) for n in numbers)
                and type(score) is float
                and _words(reasons)
                and isinstance(links, list)
                and len(links) in (0, len(numbers))
            ):
                return None
            groups.append(
                DuplicateGroup(
                    members=tuple(entries[n] for n in numbers),
                    score=score,
                    reasons=tuple(reasons),
                    links=tuple(_link_back(link, entries) for link in links),
                )
            )
    except (TypeError, ValueError):
        return None
    return groups


def _place(number: Any, entries: list[Entry]) -> bool:
    return type(number) is int and 0 <= number < len(entries)


def _words(reasons: Any) -> bool:
    return isinstance(reasons, list) and all(isinstance(reason, str) for reason in reasons)


def _link_back(stored: Any, entries: list[Entry]) -> Link | None:
    from endorse.matching import Link

    if stored is None:
        return None
    to, score, reasons = stored
    if not (_place(to, entries) and type(score) is float and _words(reasons)):
        raise ValueError("not a stored link")
    return Link(entries[to], score, tuple(reasons))
