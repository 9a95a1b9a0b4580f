"""Finding candidate pairs through keys and blocks, never by comparing every pair."""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import combinations, product
from multiprocessing import get_all_start_methods, get_context
from typing import Any, NamedTuple

from rapidfuzz.distance import OSA

from endorse.format.models import MAX_NAME, Signatory
from endorse.matching.compare import (
    LINKING_LETTERS,
    MAX_TYPOS,
    MIN_TYPO_WORD,
    Evidence,
    abbreviates,
    is_long_name,
    judge,
    judge_possible,
    may_be_cut_short,
    typo_candidate,
)
from endorse.matching.normalise import (
    NameForm,
    acronym_part_keys,
    compact,
    form_initials,
    initials_run_keys,
    looks_like_acronym,
    make_form,
    part_key_ends,
    run_ends,
    spelled_out,
    split_acronym,
    tokens_of,
)
from endorse.matching.people import LONE, PARTNERS, partner_keys, person_keys
from endorse.project.model import DistinctEntry, Entry
from endorse.project.parallel import workers

# Above this many different words in one slot the slot is a list of chapters or places:
# compare them through rapidfuzz's C loop instead of pair by pair in Python.
_LARGE_BLOCK = 48


class FormText(NamedTuple):
    text: str
    is_alias: bool = False
    acronym: str | None = None
    lang: str | None = None


def form_texts(signatory: Signatory) -> list[FormText]:
    """The name (split from its acronym), the whole name, every alias and every name_<lang>.

    Each text is bounded (``bounded``), and so are the number of aliases and translations
    read: the engine's work per entry has a ceiling whatever a file holds.
    """
    whole = bounded(signatory.name)
    name, written_acronym = split_acronym(whole)
    acronym = bounded(signatory.acronym) if signatory.acronym else written_acronym
    texts = [FormText(name, acronym=acronym)]
    if name != whole:
        texts.append(FormText(whole))
    texts.extend(FormText(bounded(alias), is_alias=True) for alias in signatory.aliases[:MAX_FORMS])
    texts.extend(
        FormText(bounded(translated), lang=lang)
        for lang, translated in list(signatory.names.items())[:MAX_FORMS]
        if translated != signatory.name
    )
    return texts


# The engine compares at most this many characters of a name (the format's limit, which
# `check` reports as E-too-long) and this many aliases and translations of one entry.
MAX_FORMS = 50


def bounded(text: str) -> str:
    """``text`` cut to its first MAX_NAME characters, at a space when there is one: a longer
    name is matched on that prefix (docs/dupes.md), so its cost is bounded."""
    if len(text) <= MAX_NAME:
        return text
    cut = text[:MAX_NAME]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_NAME // 2 else cut


def is_bounded(signatory: Signatory) -> bool:
    """Was any text of ``signatory`` cut by ``bounded``, or a form left out?"""
    return (
        len(signatory.aliases) > MAX_FORMS
        or len(signatory.names) > MAX_FORMS
        or any(
            len(text) > MAX_NAME
            for text in (signatory.name, signatory.acronym or "", *signatory.aliases)
        )
        or any(len(text) > MAX_NAME for text in signatory.names.values())
    )


def forms_of(owner: int, signatory: Signatory) -> list[NameForm]:
    """Every way a signatory is written, reduced to comparable keys: a person's name
    (``kind = "individual"``) by the people model (matching/people.py)."""
    person = signatory.kind == "individual"
    return [
        make_form(owner, text, is_alias=is_alias, acronym=acronym, lang=lang, person=person)
        for text, is_alias, acronym, lang in form_texts(signatory)
    ]


def spelling_key(forms: list[NameForm]) -> str:
    """Entries with equal keys are one signer written identically (but for case, accents,
    punctuation, invisibles): the engine treats them as one node, so that an acronym or alias
    declared on one of them holds for all, and their pairs are never judged one by one.

    ``forms``: the entry's forms (``forms_of``); the first is its name."""
    return forms[0].written_key


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the engine builds its keys and pairs.

    The engine makes millions of lists, tuples and named tuples that all live until it
    returns, and no reference cycles: each collection would scan them all for nothing (a
    tenth of ``dupes`` at 100,000 names). Memory is freed as before, by reference counts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DuplicateIndex:
    """Entries indexed by their keys: built once, then queried with one signatory at a time.

    ``pairs_only``: the index will only be asked ``pairs()`` (``dupes``, ``check``), never
    ``query()``. Its exact, typing-error and abbreviation keys are then put aside as they are
    made and filed at the first ``pairs()`` only when two forms share them: a key no other form
    has pairs nothing, and most of the million such keys at 100,000 names are of that kind.
    """

    def __init__(
        self,
        entries: Iterable[Entry] = (),
        distinct: Sequence[DistinctEntry] = (),
        *,
        review: bool = False,
        pairs_only: bool = False,
    ):
        # Only pairs() with review=True reads the prefixes: one name plus a word.
        self._review = review
        self._pairs_only = pairs_only
        # A pairs-only index files its keys in its one pairs().
        self._filed = False
        self.entries: list[Entry] = []
        self.forms: list[NameForm] = []
        self._owner_forms: list[list[NameForm]] = []
        self._prefixes: dict[str, list[int]] = defaultdict(list)
        # One word replaced by its first letter: where "Mfg" meets "Manufacturing".
        self._abbreviated: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        self._shorts: dict[str, list[int]] = defaultdict(list)
        self._initials: dict[str, list[int]] = defaultdict(list)
        self._masked: dict[str, list[int]] = defaultdict(list)
        # Initials of part of a name: "KYA Battambang" (_part_acronyms) meets "Khmer Youth
        # Association Battambang" under "<kya battambang". The longer names are filed by their
        # end words (normalise.run_ends) and read (spelled_out) only when a short one asks.
        self._part_acronyms: dict[str, list[int]] = defaultdict(list)
        self._run_ends: dict[tuple[int, str, str], list[int]] = defaultdict(list)
        self._distinct: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for record, pair in enumerate(distinct):
            for position, name in enumerate(pair.distinct.names):
                self._distinct[" ".join(tokens_of(name))].add((record, position))
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> int:
        return self.add_group([entry])

    def add_group(
        self, entries: Sequence[Entry], forms: Sequence[list[NameForm]] | None = None
    ) -> int:
        """Entries written identically, as one owner holding every form any of them has.

        ``forms``: each entry's forms when the caller already made them (any owner).
        """
        if self._pairs_only and self._filed:
            raise RuntimeError("a pairs-only DuplicateIndex takes no entry after pairs()")
        owner = len(self.entries)
        self.entries.append(entries[0])
        # Forms that reduce to the same keys pair the same way: one of them is enough, so a
        # thousand spellings of one name cost one form, not a thousand.
        seen: set[tuple[str, str, bool, str | None, str | None]] = set()
        kept = []
        for number, entry in enumerate(entries):
            made = forms[number] if forms is not None else forms_of(owner, entry.signatory)
            for form in made:
                acronym = compact(form.acronym) if form.acronym else None
                identity = (form.key, form.written_key, form.is_alias, acronym, form.lang)
                if identity not in seen:
                    seen.add(identity)
                    kept.append(form if form.owner == owner else form._replace(owner=owner))
        for form in kept:
            if not self._pairs_only:
                self._index(len(self.forms), form)
            self.forms.append(form)
        self._owner_forms.append(kept)
        return owner

    def _index(self, number: int, form: NameForm) -> None:
        for key in exact_keys(form):
            self._exact[key].append(number)
        if form.person:
            return
        self._index_blocks(number, form)
        for masked in _masked_keys(form):
            self._masked[masked].append(number)
        if len(form.tokens) >= 2:
            for key, word in _abbreviation_keys(form):
                self._abbreviated[key].append((number, word))

    def _index_blocks(self, number: int, form: NameForm) -> None:
        """An organisation's acronym, short-name, initials, part-of-name and prefix keys."""
        if form.acronym:
            self._acronyms[compact(form.acronym)].append(number)
        if len(form.tokens) <= 2:
            self._shorts[form.compact].append(number)
        for letters in form_initials(form):
            self._initials[letters].append(number)
        for key in acronym_part_keys(form.text, form.tokens):
            self._part_acronyms[key].append(number)
        for end in run_ends(form.tokens, form.written, form.acronym):
            self._run_ends[end].append(number)
        if self._review and len(form.tokens) >= 2:
            self._prefixes[" ".join(form.tokens[:-1])].append(number)

    def _file_block_keys(self) -> None:
        """A pairs-only index's exact keys that two forms share (and every key of a kind that
        meets its partner's, PARTNERS), and its acronym, short-name, initials and prefix keys,
        in the order ``_index`` files them: the same blocks give the same pairs."""
        made = [exact_keys(form) for form in self.forms]
        shared = _shared(made)
        for number, keys in enumerate(made):
            # Most forms share none of their keys: one test in C skips them.
            if not shared.isdisjoint(keys) or any(key[:1] in _PARTNERED for key in keys):
                for key in keys:
                    if key in shared or key[:1] in _PARTNERED:
                        self._exact[key].append(number)
        for number, form in enumerate(self.forms):
            if not form.person:
                self._index_blocks(number, form)

    def _file_typo_keys(self) -> None:
        """A pairs-only index's typing-error and abbreviation keys that two forms share, in
        the order ``_index`` files them."""
        organisations = [number for number, form in enumerate(self.forms) if not form.person]
        made = [_masked_keys(self.forms[number]) for number in organisations]
        shared = _shared(made)
        for number, masked in zip(organisations, made, strict=True):
            if not shared.isdisjoint(masked):
                for key in masked:
                    if key in shared:
                        self._masked[key].append(number)
        several = [number for number in organisations if len(self.forms[number].tokens) >= 2]
        abbreviations = [_abbreviation_keys(self.forms[number]) for number in several]
        shared = _shared([key for key, _ in keys] for keys in abbreviations)
        for number, keys in zip(several, abbreviations, strict=True):
            for key, word in keys:
                if key in shared:
                    self._abbreviated[key].append((number, word))

    # -- one new signatory against everything indexed ------------------------------------

    def query(self, signatory: Signatory) -> dict[int, Evidence]:
        """Best evidence per indexed entry that ``signatory`` is the same signer."""
        if self._pairs_only:
            raise RuntimeError("a pairs-only DuplicateIndex answers pairs(), not query()")
        found: dict[int, Evidence] = {}
        new_forms = forms_of(-1, signatory)
        for form in new_forms:
            for number in self._candidates(form):
                other = self.forms[number]
                evidence = judge(form, other)
                if evidence is None or self._recorded_distinct(new_forms, other.owner):
                    continue
                best = found.get(other.owner)
                if best is None or evidence.score > best.score:
                    found[other.owner] = evidence
        return found

    def _candidates(self, form: NameForm) -> set[int]:
        numbers: set[int] = set()
        if form.person:
            for key in exact_keys(form):
                for partner in partner_keys(key):
                    numbers.update(self._exact.get(partner, ()))
            return numbers
        for key in exact_keys(form):
            numbers.update(self._exact.get(key, ()))
        if len(form.tokens) <= 2:
            numbers.update(self._acronyms.get(form.compact, ()))
            if looks_like_acronym(form.text):
                numbers.update(self._initials.get(form.compact, ()))
        if form.acronym:
            numbers.update(self._shorts.get(compact(form.acronym), ()))
        for letters in form_initials(form):
            numbers.update(self._shorts.get(letters, ()))
        for masked in _masked_keys(form):
            numbers.update(self._masked.get(masked, ()))
        for key in acronym_part_keys(form.text, form.tokens):
            numbers.update(self._spelling_out(key))
        if self._part_acronyms:
            for key in initials_run_keys(form.tokens, form.written, form.acronym):
                numbers.update(self._part_acronyms.get(key, ()))
        for key, word in _abbreviation_keys(form):
            for number, other in self._abbreviated.get(key, ()):
                if _may_abbreviate(word, other):
                    numbers.add(number)
        return numbers

    # -- every pair among the indexed entries --------------------------------------------

    def pairs(self, *, review: bool = False) -> dict[tuple[int, int], Evidence]:
        """Best evidence for every pair of indexed entries that look like one signer.

        With ``review``, also the pairs that only might be (a name and the same name with
        one more word), scored below every likely duplicate.
        """
        found: dict[tuple[int, int], Evidence] = {}
        if self._pairs_only:
            if self._filed:
                raise RuntimeError("a pairs-only DuplicateIndex answers pairs() once")
            self._filed = True
            # The typing-error and abbreviation pairs in a second process while this one
            # finds the others; kept after them, in the same order, as in one process.
            elsewhere = _TypoPairsElsewhere.start(self)
            try:
                self._file_block_keys()
                _keep_best(found, self._judged(self._block_pairs()))
            finally:
                typo = elsewhere.result() if elsewhere else None
            _keep_best(found, self._typo_judged() if typo is None else typo)
        else:
            _keep_best(found, self._judged(self._candidate_pairs()))
        if review:
            for first, second in self._review_pairs():
                a, b = self.forms[first], self.forms[second]
                pair = (min(a.owner, b.owner), max(a.owner, b.owner))
                if a.owner == b.owner or pair in found:
                    continue
                evidence = judge_possible(a, b)
                if evidence is not None:
                    found[pair] = evidence
        return {pair: ev for pair, ev in found.items() if not self.distinct(*pair)}

    def _judged(
        self, candidates: Iterable[tuple[int, int]]
    ) -> Iterator[tuple[tuple[int, int], Evidence]]:
        """Each candidate pair of forms of two owners that ``judge`` finds alike, as a pair
        of owners, in order."""
        for first, second in candidates:
            a, b = self.forms[first], self.forms[second]
            if a.owner == b.owner:
                continue
            evidence = judge(a, b)
            if evidence is not None:
                yield (min(a.owner, b.owner), max(a.owner, b.owner)), evidence

    def _typo_judged(self) -> list[tuple[tuple[int, int], Evidence]]:
        """A pairs-only index's typing-error and abbreviation pairs, judged (``_judged``)."""
        self._file_typo_keys()
        return list(self._judged(self._typo_candidate_pairs()))

    def _review_pairs(self) -> Iterator[tuple[int, int]]:
        for number, form in enumerate(self.forms):
            if form.tokens and not form.is_alias and form.lang is None:
                for longer in self._prefixes.get(form.key, ()):
                    yield number, longer

    def _candidate_pairs(self) -> Iterator[tuple[int, int]]:
        yield from self._block_pairs()
        yield from self._typo_candidate_pairs()

    def _block_pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs that share an exact key, or an acronym or initials and a short name."""
        for key, bucket in self._exact.items():
            head = key[:1]
            if head in LONE:
                # Met by their partners only (people.partner_keys), not each other.
                continue
            if head in "tu":
                # One letter apart: pairs whose ends are equal meet through "e" and "m".
                yield from self._near_pairs(bucket)
                continue
            yield from combinations(bucket, 2)
            if head in PARTNERS:
                yield from product(bucket, self._exact.get(PARTNERS[head] + key[1:], ()))

        for letters, shorts in self._shorts.items():
            for number in self._acronyms.get(letters, ()):
                yield from ((number, short) for short in shorts)
            for number in self._initials.get(letters, ()):
                yield from ((number, short) for short in shorts)
        for key, shorts in self._part_acronyms.items():
            for number in self._spelling_out(key):
                yield from ((number, short) for short in shorts)

    def _typo_candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs within typing distance in a masked block, and pairs where one name writes a
        word short that the other writes out."""
        for bucket in self._masked.values():
            if len(bucket) > 1:
                yield from self._typo_pairs(bucket)
        for written in self._abbreviated.values():
            if len(written) > 1:
                for number, short in written:
                    for other, word in written:
                        if len(word) > len(short) and _may_abbreviate(short, word):
                            yield number, other

    def _spelling_out(self, key: str) -> Iterator[int]:
        """The forms that spell out a key of a name written as an acronym and words."""
        for end in part_key_ends(key):
            for number in self._run_ends.get(end, ()):
                form = self.forms[number]
                if spelled_out(key, form.tokens, form.written, form.acronym) is not None:
                    yield number

    def _near_pairs(self, bucket: list[int]) -> Iterator[tuple[int, int]]:
        ends = [(self.forms[n].tokens[0], self.forms[n].tokens[-1]) for n in bucket]
        for i, j in combinations(range(len(bucket)), 2):
            if ends[i] != ends[j]:
                yield bucket[i], bucket[j]

    def _typo_pairs(self, bucket: list[int]) -> Iterator[tuple[int, int]]:
        """Pairs in one masked block whose differing words are within typing distance."""
        if len(bucket) <= _LARGE_BLOCK:
            for first, second in combinations(bucket, 2):
                if self._within_typing_distance(first, second):
                    yield first, second
            return
        from rapidfuzz import process

        texts = [self.forms[number].key for number in bucket]
        for i, text in enumerate(texts):
            for _, _, j in process.extract(
                text, texts, scorer=OSA.distance, score_cutoff=MAX_TYPOS, limit=None
            ):
                if j > i:
                    yield bucket[i], bucket[j]

    def _within_typing_distance(self, first: int, second: int) -> bool:
        """A cheap, exact filter for the typing-error test (compare._typos).

        Names that differ word by word by at most MAX_TYPOS edits differ by at most that many
        as whole strings, so a pair further apart cannot pass; names that pass another test
        (same words, acronym) share an exact or acronym block and are paired there.
        """
        a, b = self.forms[first], self.forms[second]
        return (
            OSA.distance(a.key, b.key, score_cutoff=MAX_TYPOS) <= MAX_TYPOS
            or OSA.distance(a.written_key, b.written_key, score_cutoff=MAX_TYPOS) <= MAX_TYPOS
        )

    # -- [[distinct]] ----------------------------------------------------------------------

    def _marks(self, forms: Iterable[NameForm]) -> set[tuple[int, int]]:
        """The (record, name) marks of one signer's names. A signer whose two names (a name and
        an alias, say) are the two names of a record is told apart from neither by it: that
        record is left out. (Two names of a record that read alike share a key, and so both
        marks, in every signer that has that key: the record still parts them.)"""
        per_form = [self._distinct.get(form.key, set()) for form in forms]
        marks: set[tuple[int, int]] = set().union(*per_form)
        named: dict[int, int] = {}
        both = {record for record, name in marks if named.setdefault(record, name) != name}
        both -= {
            record
            for form_marks in per_form
            for record in both
            if len({name for r, name in form_marks if r == record}) > 1
        }
        return {mark for mark in marks if mark[0] not in both} if both else marks

    def _forms_of_owner(self, owner: int) -> list[NameForm]:
        return self._owner_forms[owner]

    def distinct(self, first: int, second: int) -> bool:
        """Were these two entries recorded as different signers under [[distinct]]?"""
        if not self._distinct:
            return False
        return differ(
            self._marks(self._forms_of_owner(first)), self._marks(self._forms_of_owner(second))
        )

    def owner_marks(self) -> dict[int, set[tuple[int, int]]]:
        """The [[distinct]] marks of every owner that a record names."""
        if not self._distinct:
            return {}
        found = {owner: self._marks(forms) for owner, forms in enumerate(self._owner_forms)}
        return {owner: marks for owner, marks in found.items() if marks}

    def _recorded_distinct(self, new_forms: list[NameForm], owner: int) -> bool:
        if not self._distinct:
            return False
        return differ(self._marks(new_forms), self._marks(self._forms_of_owner(owner)))


def _keep_best(
    found: dict[tuple[int, int], Evidence], judged: Iterable[tuple[tuple[int, int], Evidence]]
) -> None:
    """The strongest evidence per pair, the first of equal ones."""
    for pair, evidence in judged:
        best = found.get(pair)
        if best is None or evidence.score > best.score:
            found[pair] = evidence


# From this many forms on, a pairs-only index finds its typing-error and abbreviation pairs
# in a forked second process (ENDORSE_JOBS=1 keeps it in one).
PARALLEL_FORMS = 20_000

# The index a forked process works on: set just before forking, so that it is inherited,
# not pickled.
_FORKED: DuplicateIndex | None = None


def _typo_judged_forked() -> list[tuple[tuple[int, int], Evidence]]:
    assert _FORKED is not None
    return _FORKED._typo_judged()


class _TypoPairsElsewhere:
    """``DuplicateIndex._typo_judged`` in a forked process, or nothing to wait for."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future[list[Any]]) -> None:
        self._pool, self._future = pool, future

    @classmethod
    def start(cls, index: DuplicateIndex) -> _TypoPairsElsewhere | None:
        global _FORKED
        if (
            len(index.forms) < PARALLEL_FORMS
            or workers() < 2
            or "fork" not in get_all_start_methods()
        ):
            return None
        _FORKED = index
        try:
            pool = ProcessPoolExecutor(1, mp_context=get_context("fork"))
            return cls(pool, pool.submit(_typo_judged_forked))
        except (OSError, RuntimeError):
            _FORKED = None
            return None

    def result(self) -> list[tuple[tuple[int, int], Evidence]] | None:
        """The forked process's pairs, or None when it could not give them (killed, out of
        memory, anything it raised): the caller then finds them itself, so an error in that
        process costs time, never a pair."""
        global _FORKED
        try:
            found: list[tuple[tuple[int, int], Evidence]] = self._future.result()
        except Exception:
            return None
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            _FORKED = None
        return found


# Kinds of exact key whose blocks meet another kind's (PARTNERS): kept even when one form has them.
_PARTNERED = frozenset(PARTNERS) | LONE


def _shared(per_form: Iterable[Iterable[str]]) -> set[str]:
    """The keys that two or more of these collections (one per form) hold."""
    seen: set[str] = set()
    shared: set[str] = set()
    for keys in per_form:
        shared.update(seen.intersection(keys))
        seen.update(keys)
    return shared


def differ(first: set[tuple[int, int]], second: set[tuple[int, int]]) -> bool:
    """Both named in one [[distinct]] record, under two different names of it."""
    return any(r1 == r2 and p1 != p2 for r1, p1 in first for r2, p2 in second)


def exact_keys(form: NameForm) -> list[str]:
    if not form.tokens:
        return []
    if form.person:
        # People meet people through their own keys, and anyone through the same letters.
        return sorted(person_keys(form.tokens))
    keys = ["k" + form.key, "c" + form.compact]
    if form.content_key:
        keys.append("w" + form.content_key)
        if form.content_key != form.key:
            # Word order around linking words: "University of Oxford" / "Oxford University".
            keys.append("s" + " ".join(sorted(form.content_key.split(" "))))
    if len(form.tokens) >= 2:
        keys.append("s" + form.sorted_key)
    if len(form.written) >= 2 and form.written != form.tokens:
        keys.append("s" + " ".join(sorted(form.written)))
    return keys


def _masked_keys(form: NameForm) -> set[str]:
    """The name with one (or two) of its long words blanked out: typing errors hide there."""
    keys = _masked(form.tokens)
    if form.written != form.tokens:
        keys |= _masked(form.written)
    return keys


# Two typing errors are looked for among a name's first this many long words (issue 22: the
# keys of a name are bounded, not quadratic in its words).
PAIR_SLOTS = 8
# A word is looked at as mistyped or abbreviated among a name's first this many words: each
# such key is as long as the name, so a name of 55 words would keep 110 of them (3,000 signers
# with five such aliases, 5 MB of text, took over 1 GiB). Real names are far shorter.
WORD_SLOTS = 16
# Words never hold a space or this character, so a key cannot be read two ways.
_BLANK = "\x00"


def _abbreviation_keys(form: NameForm) -> list[tuple[str, str]]:
    """Each word in turn replaced by its first letter, with the word replaced; in the
    canonical words, then in the words as written when they differ."""
    keys = _abbreviation_keys_of(form.tokens)
    if form.written != form.tokens:
        keys += _abbreviation_keys_of(form.written)
    return keys


def _abbreviation_keys_of(tokens: tuple[str, ...]) -> list[tuple[str, str]]:
    if len(tokens) < 2:
        return []
    parts = list(tokens)
    keys = []
    for i, token in enumerate(tokens[:WORD_SLOTS]):
        if _has_digit(token):
            # Numbers are never abbreviated (compare.abbreviates): "Row Org 1" ... "Row Org
            # 1999" would otherwise share one block.
            continue
        parts[i] = _BLANK + token[0]
        keys.append((" ".join(parts), token))
        parts[i] = token
    return keys


def _has_digit(word: str) -> bool:
    # isalpha() first: it answers most words in C without looking for a digit.
    return not word.isalpha() and _DIGIT.search(word) is not None


_DIGIT = re.compile(r"\d")


def _may_abbreviate(first: str, second: str) -> bool:
    short, long = (first, second) if len(first) < len(second) else (second, first)
    return abbreviates(short, long) or may_be_cut_short(short, long)


def _masked(tokens: tuple[str, ...]) -> set[str]:
    length = sum(map(len, tokens)) + len(tokens) - 1
    if len(tokens) < 2 or length < 10:
        return set()
    # A number is never mistyped (compare.typo_candidate): blanking it would put every
    # numbered name ("Row Org 1" ... "Row Org 20000") in one block.
    open_slots = [i for i, t in enumerate(tokens) if len(t) >= MIN_TYPO_WORD and not _has_digit(t)]
    # Strings joined in place, not sliced tuples: this runs for every word of every name.
    parts = list(tokens)
    keys: set[str] = set()
    # In a long name even a short word may hold one typing error (compare.is_long_name).
    single_slots = (
        [i for i, t in enumerate(tokens) if len(t) >= 2 and not _has_digit(t)]
        if is_long_name(tokens)
        else open_slots
    )
    if len(tokens) >= 3:
        # A linking word with two letters swapped ("Women fro Peace"): compare.swapped_linking_word.
        single_slots = single_slots + [
            i
            for i, t in enumerate(tokens)
            if len(t) < MIN_TYPO_WORD and "".join(sorted(t)) in LINKING_LETTERS
        ]
    for i in single_slots:
        if i >= WORD_SLOTS:
            continue
        parts[i] = _BLANK
        keys.add(" ".join(parts))
        parts[i] = tokens[i]
    if length >= 16:
        # Two blanked words keep their first letter, which people rarely mistype: without
        # it a two-word name would share its block with every other two-word name.
        # The first PAIR_SLOTS long words only: a name of 28 long words would otherwise keep
        # 378 keys of its whole length (8,000 such names, 2 MB of text, took over 1 GiB).
        for i, j in combinations(open_slots[:PAIR_SLOTS], 2):
            parts[i] = _BLANK + tokens[i][0]
            parts[j] = _BLANK + tokens[j][0]
            keys.add(" ".join(parts))
            parts[i] = tokens[i]
            parts[j] = tokens[j]
    return keys


__all__ = ["DuplicateIndex", "FormText", "form_texts", "forms_of", "typo_candidate"]
