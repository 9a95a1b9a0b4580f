"""Deciding whether two ways of writing a name are the same signer, and saying why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from endorse.matching.normalise import (
    LEADING,
    NameForm,
    acronym_part_keys,
    compact,
    content_words,
    explain,
    fold,
    form_initials,
    looks_like_acronym,
    spelled_out,
)
from endorse.matching.people import (
    NOTE,
    TRANSLITERATED,
    bracketed,
    compare_people,
    person_words,
    transliterated,
)
from endorse.matching.vocabulary import (
    GENERIC_WORDS,
    LINKING_WORDS,
    PLACES,
    SHORT_ABBREVIATIONS,
)

SAME = "same after normalisation"
WORD_ORDER = "word order"
ACRONYM = "acronym of"
INITIALS = "initials of"
TYPO = "typing error"
ALIAS = "alias"
TRANSLATED = "name in another language"
CONTAINED = "one name contains the other"

# Likely duplicates score at least 0.8 (the default threshold); possible ones below it.
POSSIBLE_SCORE = 0.6

# A long name may carry this many typing errors: more would join different names.
MAX_TYPOS = 2
MIN_LENGTH_FOR_TYPOS = {1: 10, 2: 16}
MIN_TYPO_WORD = 4
MIN_WORD_FOR_TWO_TYPOS = 9
# In a name this long (and of three words or more), even a short word may carry one typing
# error: the other words vouch for the name.
LONG_NAME = 20
# A word written short ("Mfg", "Labs", "Bros") stands for a longer word with its letters.
MAX_SHORT_WORD = 5
# A distinctive word this long may carry a typing error on its own (_vouched).
VOUCHING_LENGTH = 8


@dataclass(frozen=True)
class Evidence:
    score: float
    reasons: tuple[str, ...]


def judge(a: NameForm, b: NameForm) -> Evidence | None:
    """The strongest reason to think two forms name the same signer, or None.

    A person's name (either form) is judged by the people model, never by the organisation
    rules (abbreviations, legal forms, acronyms)."""
    if a.person or b.person:
        evidence = _person(a, b)
    else:
        evidence = (
            _same_words(a, b)
            or _acronym(a, b)
            or _acronym(b, a)
            or _acronym_of_part(a, b)
            or _acronym_of_part(b, a)
            or _typo(a, b)
            or _abbreviated(a, b)
        )
    if evidence is None:
        return None
    if a.lang or b.lang:
        evidence = Evidence(
            min(evidence.score, 0.95),
            (TRANSLATED, *(f"name_{form.lang}" for form in (a, b) if form.lang)),
        )
    if a.is_alias or b.is_alias:
        return Evidence(min(evidence.score, 0.95), (ALIAS, *evidence.reasons))
    return evidence


def _person(a: NameForm, b: NameForm) -> Evidence | None:
    first = a.tokens if a.person else person_words(a.text)
    second = b.tokens if b.person else person_words(b.text)
    found = compare_people(first, second)
    if found is None:
        return None
    score, reasons = found
    if a.text.strip() == b.text.strip():
        return Evidence(1.0, (SAME,))
    if transliterated(a.text) != transliterated(b.text):
        reasons.append(TRANSLITERATED)
    if bracketed(a.text) != bracketed(b.text):
        reasons.append(NOTE)
    return Evidence(score, tuple(reasons))


def judge_possible(short: NameForm, longer: NameForm) -> Evidence | None:
    """A name and the same name with one more word ("International", a country): often an
    umbrella and its country office, sometimes one signer. For a person to decide."""
    if short.person or longer.person:
        return None
    if len(longer.tokens) != len(short.tokens) + 1 or longer.tokens[:-1] != short.tokens:
        return None
    if len(short.compact) < 4:
        return None
    return Evidence(POSSIBLE_SCORE, (CONTAINED, f"'{longer.tokens[-1]}' added"))


def _same_words(a: NameForm, b: NameForm) -> Evidence | None:
    if not a.tokens or not b.tokens:
        return None
    if a.key == b.key or a.compact == b.compact:
        score = 1.0 if a.text.strip() == b.text.strip() else 0.97
        return Evidence(score, (SAME, *explain(a.text, b.text)))
    if a.content_key and a.content_key == b.content_key:
        return Evidence(0.9, (SAME, *explain(a.text, b.text)))
    if len(a.tokens) >= 2 and a.sorted_key == b.sorted_key:
        return Evidence(0.9, (WORD_ORDER, *explain(a.text, b.text)))
    if len(a.written) >= 2 and sorted(a.written) == sorted(b.written):
        return Evidence(0.9, (WORD_ORDER, *explain(a.text, b.text)))
    # Around linking words: "University of Oxford" / "Oxford University". With more than two
    # words that is as often two bodies ("Kep Democracy Center" / "Center for Democracy in
    # Kep"): only a possible duplicate, for a person to decide.
    if _swapped_around_and(a.tokens, b.tokens):
        return Evidence(0.9, (WORD_ORDER, *explain(a.text, b.text)))
    content_a, content_b = content_words(a.tokens), content_words(b.tokens)
    if (
        len(content_a) >= 2
        and (content_a != a.tokens or content_b != b.tokens)
        and sorted(content_a) == sorted(content_b)
    ):
        if len(content_a) == 2:
            return Evidence(0.85, (WORD_ORDER, *explain(a.text, b.text)))
        return Evidence(POSSIBLE_SCORE, (WORD_ORDER,))
    return None


def _swapped_around_and(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """The words on either side of one "and" swapped, each side running to the next linking
    word: "Center for Human Rights and Development" / "Center for Development and Human
    Rights". Unlike other orders around linking words, this never makes another body."""
    if len(first) != len(second) or first == second or "and" not in first:
        return False
    for place, word in enumerate(first):
        if word != "and":
            continue
        start = place
        while start > 0 and first[start - 1] not in LINKING_WORDS:
            start -= 1
        end = place + 1
        while end < len(first) and first[end] not in LINKING_WORDS:
            end += 1
        left, right = first[start:place], first[place + 1 : end]
        if left and right and first[:start] + right + ("and",) + left + first[end:] == second:
            return True
    return False


def _abbreviated(a: NameForm, b: NameForm) -> Evidence | None:
    """The same words but one, written short in one name: "Acme Mfg" / "Acme Manufacturing",
    "Acme Internat." / "Acme International". Judged on the canonical words, then on the words
    as written ("Found." escapes the suffix rule that drops "Foundation")."""
    for first, second in ((a.tokens, b.tokens), (a.written, b.written)):
        found = _one_word_short(first, second, a, b)
        if found is not None:
            return Evidence(0.85, ("abbreviation", f"{found[0]} → {found[1]}"))
    return None


def _one_word_short(
    first: tuple[str, ...], second: tuple[str, ...], a: NameForm, b: NameForm
) -> tuple[str, str] | None:
    if len(first) != len(second) or len(first) < 2:
        return None
    differing = [(x, y) for x, y in zip(first, second, strict=True) if x != y]
    if len(differing) != 1:
        return None
    if not any(x == y and len(x) >= 4 for x, y in zip(first, second, strict=True)):
        return None
    x, y = differing[0]
    short, long = (x, y) if len(x) < len(y) else (y, x)
    text = (a if short == x else b).text
    # A word's first letters alone are a shortened word only when a full stop says so
    # ("Internat."): unmarked, "Lee" is a name of its own, not "Leeson" cut short.
    if cut_short(short, long, text):
        return short, long
    # Letters of the word in order ("Mfg.", "Svcs.") count when marked as shortened too.
    if abbreviates(short, long) and marked_short(short, text):
        return short, long
    return None


def marked_short(short: str, text: str) -> bool:
    """Is ``short`` written in ``text`` with a full stop after it or an apostrophe in it
    ("Mfg.", "Gov't"), or listed as a short form (vocabulary.SHORT_ABBREVIATIONS)?"""
    if short in SHORT_ABBREVIATIONS:
        return True
    folded = fold(text)
    if re.search(rf"(?<!\w){re.escape(short)}\.", folded):
        return True
    return any(compact(word) == short for word in folded.split() if any(m in word for m in "'’ʼ"))


def cut_short(short: str, long: str, text: str) -> bool:
    """Is ``short`` the start of ``long``, written with a full stop in ``text`` to say it was
    cut: "Internat." for "International", "Electr." for "Electronics"."""
    if not may_be_cut_short(short, long):
        return False
    return re.search(rf"(?<!\w){re.escape(short)}\.", fold(text)) is not None


def may_be_cut_short(short: str, long: str) -> bool:
    """``cut_short`` without the full stop: what the index pairs on."""
    return len(short) >= 3 and len(long) >= len(short) + 2 and long.startswith(short)


def abbreviates(short: str, long: str) -> bool:
    """Could ``short`` be ``long`` written short: its first letter, then some of its letters
    in order ("mfg" / "manufacturing", "labs" / "laboratories"), or a known two-letter one."""
    if short in SHORT_ABBREVIATIONS:
        return long in SHORT_ABBREVIATIONS[short]
    if not 3 <= len(short) <= MAX_SHORT_WORD or len(long) < len(short) + 2:
        return False
    if short[0] != long[0] or (short in PLACES and long in PLACES):
        return False
    if any(c.isdigit() for c in short + long):
        return False
    rest = iter(long[1:])
    return all(letter in rest for letter in short[1:])


def _acronym(short: NameForm, full: NameForm) -> Evidence | None:
    """A standalone short name that is the other's declared acronym or its initials."""
    if len(short.tokens) > 2 or len(full.tokens) < 2:
        return None
    letters = short.compact
    if full.acronym is not None and compact(full.acronym) == letters:
        return Evidence(0.9, (ACRONYM,))
    if looks_like_acronym(short.text) and letters in form_initials(full):
        return Evidence(0.85, (INITIALS,))
    return None


def _acronym_of_part(short: NameForm, full: NameForm) -> Evidence | None:
    """An acronym in capitals for a run of the other name's first (or last) words, the other
    words written the same: "KYA Battambang" / "Khmer Youth Association Battambang" (its
    initials), "LICADHO Canada" / "Cambodian League ... (LICADHO) Canada" (its declared
    acronym). A place written out differently is another chapter: "KYA Siem Reap" is not; so
    is a word in brackets on one side only, a section ("ECC America" / "Engineered Construction
    Components (America)")."""
    keys = acronym_part_keys(short.text, short.tokens)
    if not keys or _has_bracket(short.text) != _has_bracket(full.text):
        return None
    for key in keys:
        run = spelled_out(key, full.tokens, full.written, full.acronym)
        if run is None:
            continue
        letters = short.tokens[0] if key.startswith(LEADING) else short.tokens[-1]
        if full.acronym is not None and compact(full.acronym) == letters:
            return Evidence(0.9, (ACRONYM, f"{letters} → {run}"))
        return Evidence(0.85, (INITIALS, f"{letters} → {run}"))
    return None


def _has_bracket(text: str) -> bool:
    return "(" in text or "[" in text


def _typo(a: NameForm, b: NameForm) -> Evidence | None:
    """Same words in the same order but for one or two typing errors in long words."""
    typos = _typos(a.tokens, b.tokens)
    if typos is None:
        typos = _typos(a.written, b.written)
    if typos is None:
        return None
    return Evidence(0.9 - 0.05 * typos, (TYPO,))


def _typos(first: tuple[str, ...], second: tuple[str, ...]) -> int | None:
    if len(first) != len(second) or len(first) < 2:
        return None
    total = 0
    long_name = is_long_name(first) and is_long_name(second)
    for x, y in zip(first, second, strict=True):
        if x == y:
            continue
        if not typo_candidate(x, y):
            if swapped_linking_word(x, y) and len(first) >= 3:
                total += 1
                continue
            if not (long_name and short_typo_candidate(x, y)):
                return None
            if OSA.distance(x, y, score_cutoff=1) > 1:
                return None
        distance = OSA.distance(x, y, score_cutoff=MAX_TYPOS)
        # Two errors in one short word are more often another word: Advocate / Advocacy.
        if distance > 1 and max(len(x), len(y)) < MIN_WORD_FOR_TWO_TYPOS:
            return None
        total += distance
        if total > MAX_TYPOS:
            return None
    length = min(sum(map(len, first)), sum(map(len, second))) + len(first) - 1
    if total == 0 or length < MIN_LENGTH_FOR_TYPOS[total]:
        return None
    if not _vouched(first, second):
        return None
    return total


def _vouched(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """A typing error in a distinctive word (one few names share: not GENERIC_WORDS, not a
    linking word) counts only when the rest of the name vouches for it: another distinctive
    word written the same, three content words or more, or its own length. So "General Tire"
    is not "General Time", nor "Genetec Corporation" "Genetex Corporation"; "Mekong Rvier
    Network" is."""
    distinctive = [
        (x, y)
        for x, y in zip(first, second, strict=True)
        if x != y and not (_generic(x) or _generic(y))
    ]
    # A long word rarely turns into another word: one error in eight letters or more, two in
    # ten or more ("Transparncy"; not "Americare" for "American").
    if all(
        min(len(x), len(y)) >= VOUCHING_LENGTH + 2 * (OSA.distance(x, y) - 1)
        for x, y in distinctive
    ):
        return True
    same = [x for x, y in zip(first, second, strict=True) if x == y]
    if any(not _generic(word) for word in same):
        return True
    return len(content_words(first)) >= 3


def _generic(word: str) -> bool:
    return word in GENERIC_WORDS or word in LINKING_WORDS


def swapped_linking_word(x: str, y: str) -> bool:
    """A linking word with two letters swapped ("fro" / "for", "adn" / "and")."""
    return (
        x != y
        and (x in LINKING_WORDS) != (y in LINKING_WORDS)
        and sorted(x) == sorted(y)
        and OSA.distance(x, y, score_cutoff=1) == 1
    )


# The letters of each linking word: a short word with these letters may be one mistyped.
LINKING_LETTERS = frozenset("".join(sorted(word)) for word in LINKING_WORDS)


def is_long_name(tokens: tuple[str, ...]) -> bool:
    return len(tokens) >= 3 and sum(map(len, tokens)) + len(tokens) - 1 >= LONG_NAME


def short_typo_candidate(x: str, y: str) -> bool:
    """In a long name, a short word with one typing error: same first letter, no digits."""
    if max(len(x), len(y)) < 3 or x[0] != y[0]:
        return False
    if any(c.isdigit() for c in x + y):
        return False
    return not (x in PLACES and y in PLACES)


def typo_candidate(x: str, y: str) -> bool:
    """Could ``y`` be ``x`` mistyped? Never two places, two numbers, or short words."""
    if min(len(x), len(y)) < MIN_TYPO_WORD:
        return False
    if any(c.isdigit() for c in x + y):
        return False
    return not (x in PLACES and y in PLACES)
