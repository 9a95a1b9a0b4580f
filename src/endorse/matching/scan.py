"""One new signatory against a large statement, without indexing the whole statement.

``add`` asks about one name. Building the full index for that costs every entry all of its
keys (seconds at 100,000 entries); most entries share nothing with the new name. So each
entry is first reduced to its words only, and kept when it could share a key of
``DuplicateIndex`` with the new name. The few entries kept are indexed and queried as usual.

The filter must never drop an entry the index would pair with the new name, so each test
below is a loosened form of one kind of key (``index._candidates``), in the same order:

- exact keys: the same words (in any order), the same content words, or the same letters;
- masked keys (typing errors): as many words, differing in at most two places;
- acronyms and initials: a short form whose letters are the new name's acronym or initials,
  an acronym equal to the new short name, or initials that spell it;
- initials of part of a name: the same last (or first) word, then the same keys.

``tests/test_matching_scan.py`` checks that the answers equal the full index's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context

from endorse.format.models import Signatory
from endorse.matching.compare import Evidence
from endorse.matching.index import (
    DuplicateIndex,
    collector_paused,
    exact_keys,
    form_texts,
    forms_of,
)
from endorse.matching.normalise import (
    SKIPPABLE_IN_INITIALS,
    NameForm,
    acronym_part_keys,
    compact,
    content_words,
    form_initials,
    initials_run_keys,
    looks_like_acronym,
    name_initials,
    part_key_ends,
    run_ends,
    spelled_out,
    written_and_tokens,
)
from endorse.matching.people import partner_keys
from endorse.project.model import DistinctEntry, Entry
from endorse.project.parallel import workers

# A name's words in two readings: canonical tokens, and the words as written.
Words = tuple[str, ...]

# Typing-error keys blank out at most this many words.
_MASKED_WORDS = 2


@dataclass
class _Profile:
    """What an entry's words must meet to share any key with the new signatory."""

    by_length: dict[int, list[Words]] = field(default_factory=lambda: defaultdict(list))
    sorted_words: set[Words] = field(default_factory=set)
    contents: set[Words] = field(default_factory=set)
    compacts: set[str] = field(default_factory=set)
    # Letters a short entry may have: the new name's acronym or its initials.
    short_targets: set[str] = field(default_factory=set)
    # The new name's own letters when it is short: an entry's acronym may equal them.
    short_compacts: set[str] = field(default_factory=set)
    # ... and when it is also written like an acronym, an entry's initials may spell them.
    acronym_like: set[str] = field(default_factory=set)
    # Initials have one letter a word, so names with fewer words cannot spell those.
    fewest_initials: int = 0
    first_letters: set[str] = field(default_factory=set)
    content_heads: set[str] = field(default_factory=set)
    # The new name's exact keys, which a person's entry must share (index._exact_keys).
    exact_keys: set[str] = field(default_factory=set)
    # Initials of part of a name: the new name's keys as "KYA Battambang", with the words an
    # entry must end (or start) with to meet them, and its keys as "Khmer Youth Association
    # Battambang".
    part_acronyms: set[str] = field(default_factory=set)
    part_ends: set[tuple[int, str, str]] = field(default_factory=set)
    initials_runs: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, forms: Iterable[NameForm]) -> _Profile:
        profile = cls()
        for form in forms:
            for key in exact_keys(form):
                profile.exact_keys.update(partner_keys(key) if form.person else (key,))
            for words in {form.tokens, form.written}:
                profile.by_length[len(words)].append(words)
                profile.sorted_words.add(tuple(sorted(words)))
            content = content_words(form.tokens)
            if len(content) >= 2:
                profile.contents.add(content)
                profile.sorted_words.add(tuple(sorted(content)))
            if form.tokens:
                profile.compacts.add(form.compact)
            if form.acronym:
                profile.short_targets.add(compact(form.acronym))
            profile.short_targets |= form_initials(form)
            if not form.person:
                for key in acronym_part_keys(form.text, form.tokens):
                    profile.part_acronyms.add(key)
                    profile.part_ends.update(part_key_ends(key))
                profile.initials_runs.update(
                    initials_run_keys(form.tokens, form.written, form.acronym)
                )
            if len(form.tokens) <= 2:
                profile.short_compacts.add(form.compact)
                if looks_like_acronym(form.text):
                    profile.acronym_like.add(form.compact)
        profile.fewest_initials = min(map(len, profile.acronym_like), default=0)
        profile.first_letters = {letters[0] for letters in profile.acronym_like if letters}
        profile.content_heads = {content[0] for content in profile.contents}
        return profile

    def may_pair(self, signatory: Signatory) -> bool:
        """False only when no form of ``signatory`` can share a key with the new name."""
        if signatory.kind == "individual":
            # A person's entry has only exact keys (people.person_keys).
            return any(
                not self.exact_keys.isdisjoint(exact_keys(form)) for form in forms_of(-1, signatory)
            )
        for text, _, acronym, _ in form_texts(signatory):
            written, tokens = written_and_tokens(text)
            if self._words_meet(tokens, tuple(written)):
                return True
            if acronym and self.short_compacts and compact(acronym) in self.short_compacts:
                return True
            if self.acronym_like and tokens and self._may_spell(text, tokens, tuple(written)):
                return True
            if self._part_meets(text, tokens, tuple(written), acronym):
                return True
        return False

    def _part_meets(self, text: str, tokens: Words, written: Words, acronym: str | None) -> bool:
        """Do this name and the new one meet as initials of part of a name (either way)?"""
        if self.initials_runs and not self.initials_runs.isdisjoint(
            acronym_part_keys(text, tokens)
        ):
            return True
        if not self.part_acronyms or self.part_ends.isdisjoint(run_ends(tokens, written, acronym)):
            return False
        return any(
            spelled_out(key, tokens, written, acronym) is not None for key in self.part_acronyms
        )

    def _may_spell(self, text: str, tokens: Words, written: Words) -> bool:
        """Could this name's initials (normalise.name_initials) spell the new short name?
        Cheap refusals first."""
        # One letter a word at most, and a full stop or apostrophe may part a word in two.
        parts = sum(text.count(mark) for mark in ".'’ʼ")
        if max(len(tokens), len(written) + parts) < self.fewest_initials:
            return False
        # Initials start with the first word's letter, unless that word may be skipped
        # ("of", "d'") or an apostrophe or full stop parts it.
        if (
            not parts
            and tokens[0][0] not in self.first_letters
            and tokens[0] not in SKIPPABLE_IN_INITIALS
            and written[0][0] not in self.first_letters
            and written[0] not in SKIPPABLE_IN_INITIALS
        ):
            return False
        return not self.acronym_like.isdisjoint(name_initials(text, tokens, written))

    def _words_meet(self, tokens: Words, written: Words) -> bool:
        letters = "".join(tokens)
        if letters in self.compacts or (len(tokens) <= 2 and letters in self.short_targets):
            return True
        for words in (tokens,) if written == tokens else (tokens, written):
            # Before the length test: the new name's content words may be fewer than its words.
            if tuple(sorted(words)) in self.sorted_words:
                return True
            same_length = self.by_length.get(len(words))
            if same_length and any(_within_masking(words, other) for other in same_length):
                return True
        content = content_words(tokens)
        # Word order around linking words: the same content words in another order.
        if len(content) >= 2 and content != tokens and tuple(sorted(content)) in self.sorted_words:
            return True
        # The same content words include the first of the new name's.
        if self.content_heads.isdisjoint(tokens):
            return False
        return content in self.contents


def _within_masking(first: Words, second: Words) -> bool:
    """Do two names of as many words differ in at most _MASKED_WORDS places?"""
    # Three differing words are too many: most pairs differ in their first three already.
    if (
        len(first) >= 3
        and first[0] != second[0]
        and first[1] != second[1]
        and first[2] != second[2]
    ):
        return False
    return sum(a != b for a, b in zip(first, second, strict=True)) <= _MASKED_WORDS


def query(
    signatory: Signatory,
    entries: Sequence[Entry],
    distinct: Sequence[DistinctEntry] = (),
    *,
    jobs: int | None = None,
) -> list[tuple[Entry, Evidence]]:
    """The same answer as ``DuplicateIndex(entries, distinct).query(signatory)``, by entry.

    ``jobs``: processes that share the filtering (default: every core, above
    PARALLEL_ENTRIES entries); the answer never depends on it.
    """
    with collector_paused():
        profile = _Profile.of(forms_of(-1, signatory))
        kept = [entries[number] for number in kept_entries(profile, entries, jobs=jobs)]
        index = DuplicateIndex(kept, distinct)
        found = index.query(signatory)
        return [(index.entries[owner], evidence) for owner, evidence in found.items()]


# Below this many entries, starting a second process costs more than it saves.
PARALLEL_ENTRIES = 20_000

# What a forked worker filters: set just before forking, so the entries are inherited, not
# pickled (pickling 100,000 entries would cost more than filtering them).
_SHARED: tuple[_Profile, Sequence[Entry]] | None = None


def _filter_range(start: int, stop: int) -> list[int]:
    assert _SHARED is not None
    profile, entries = _SHARED
    return [n for n in range(start, stop) if profile.may_pair(entries[n].signatory)]


def kept_entries(
    profile: _Profile,
    entries: Sequence[Entry],
    *,
    jobs: int | None = None,
    minimum: int = PARALLEL_ENTRIES,
) -> list[int]:
    """The numbers of the entries that may pair with the profiled name, in order.

    From ``minimum`` entries on, forked processes filter all but the first slice while this
    one filters the first: each entry is tested the same way, so the numbers are the same.
    """
    global _SHARED
    jobs = workers() if jobs is None else jobs
    if jobs < 2 or len(entries) < minimum or "fork" not in get_all_start_methods():
        return [n for n, entry in enumerate(entries) if profile.may_pair(entry.signatory)]
    bounds = [len(entries) * part // jobs for part in range(jobs + 1)]
    _SHARED = (profile, entries)
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=get_context("fork")) as pool:
            others = [
                pool.submit(_filter_range, bounds[part], bounds[part + 1])
                for part in range(1, jobs)
            ]
            kept = _filter_range(bounds[0], bounds[1])
            for other in others:
                kept.extend(other.result())
    except (OSError, RuntimeError):
        # No process to be had: filter here, as with one core.
        kept = _filter_range(0, len(entries))
    finally:
        _SHARED = None
    return kept


__all__ = ["PARALLEL_ENTRIES", "kept_entries", "query"]
