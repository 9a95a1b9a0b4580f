"""Turning a name into comparable keys without destroying scripts other than Latin."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from endorse.format.characters import BIDI_CONTROLS
from endorse.format.countries import ISO_3166_ALPHA2
from endorse.matching.confusables import unconfuse
from endorse.matching.people import person_words, plain_words
from endorse.matching.vocabulary import (
    ABBREVIATIONS,
    DROPPED_WORDS,
    FOUNDATION_SUFFIXES,
    LETTERED_LEGAL_FORMS,
    LINKING_WORDS,
    PHRASES,
    PLACES,
    SPELLING_ENDINGS,
    SPELLINGS,
    cleanco_terms,
    legal_form_sequences,
)

# Zero-width space and joiners, soft hyphen, word joiner, BOM...: never part of a name's identity.
# The loader keeps names that the format rules refuse (and reports them), so the engine must
# see through these itself. Control characters count as invisible too.
INVISIBLE = dict.fromkeys(
    [
        *map(ord, "\u200b\u200c\u200d\u00ad\u2060\u2061\u2062\u2063\u2064\ufeff\u034f\u180e"),
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0xE0000, 0xE0080),
    ],
    None,
)
BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS), None)
HIDDEN = INVISIBLE | BIDI
# Dropped without splitting the word: "Int'l" -> "intl", "e.V." -> "ev", "Children's".
JOINING_MARKS = dict.fromkeys(map(ord, "'’ʼ`´."), None)
# Latin letters with no decomposition that people still type without their mark.
LATIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"}
    | {"Ø": "O", "Æ": "AE", "Œ": "OE", "Ł": "L", "Đ": "D"}
)
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_PARENTHESIS = re.compile(r"^(?P<name>.*\S)\s*[(\[]\s*(?P<inner>[^()\[\]]{1,20}?)\s*[)\]]$")


def _is_spaceless(char: str) -> bool:
    """Scripts written without spaces between words: word breaks there mean nothing."""
    code = ord(char)
    return (
        0x1780 <= code <= 0x17FF
        or 0x19E0 <= code <= 0x19FF
        or 0x0E00 <= code <= 0x0EFF
        or 0x1000 <= code <= 0x109F
        or 0x0F00 <= code <= 0x0FFF
    )


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def strip_latin_accents(text: str) -> str:
    """Remove accents from Latin letters only: Khmer vowel signs and coeng are marks too.

    Done word by word, with a cache: names repeat words. That gives the same result as doing
    the whole text at once, because a space is a Latin base, never composes, and ends every
    run of marks that Unicode would reorder.
    """
    if text.isascii():
        return text
    pieces = text.split(" ")
    return " ".join(
        piece if piece.isascii() else _strip_piece(piece, after_space=number > 0)
        for number, piece in enumerate(pieces)
    )


@lru_cache(maxsize=65536)
def _strip_piece(piece: str, *, after_space: bool) -> str:
    decomposed = unicodedata.normalize("NFD", piece)
    kept: list[str] = []
    base_is_latin = after_space
    for char in decomposed:
        if unicodedata.combining(char):
            if base_is_latin:
                continue
        else:
            base_is_latin = _is_latin(char)
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(LATIN_LETTERS)


def words(text: str) -> list[str]:
    """Split folded text into words; letters, marks and digits of every script stay whole."""
    text = text.translate(JOINING_MARKS).replace("&", " and ").replace("+", " and ")
    if text.isascii():
        return _ASCII_WORD.findall(text)
    found: list[str] = []
    # A space separates words in every script, so each piece splits alone (and is cached).
    for piece in text.split(" "):
        found.extend(_ASCII_WORD.findall(piece) if piece.isascii() else _piece_words(piece))
    return _join_spaceless(found)


@lru_cache(maxsize=65536)
def _piece_words(piece: str) -> tuple[str, ...]:
    found: list[str] = []
    current: list[str] = []
    for char in piece:
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return tuple(found)


def _join_spaceless(found: list[str]) -> list[str]:
    """Khmer (Thai, Lao...) words next to each other form one word: spacing there is free."""
    joined: list[str] = []
    for word in found:
        if joined and _is_spaceless(word[0]) and _is_spaceless(joined[-1][-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def fold(text: str) -> str:
    """Invisibles, bidi controls and control characters out; compatibility forms and
    look-alikes mapped (NFKC, which also composes what was decomposed); case and Latin
    accents gone."""
    if text.isascii():
        # In ASCII, only control characters are unprintable.
        return (text if text.isprintable() else text.translate(INVISIBLE)).casefold()
    text = text.translate(HIDDEN)
    if not text.isascii():
        text = unconfuse(unicodedata.normalize("NFKC", text))
        return strip_latin_accents(text.casefold())
    return text.casefold()


def expand_abbreviations(tokens: list[str]) -> list[str]:
    return read_phrases([ABBREVIATIONS.get(token, token) for token in tokens])


_PHRASE_HEADS = frozenset(phrase[0] for phrase in PHRASES)
_LONGEST_PHRASE = max(map(len, PHRASES))


def read_phrases(tokens: list[str]) -> list[str]:
    """Several words written as one short form ("United States" -> "us", "R&D")."""
    if _PHRASE_HEADS.isdisjoint(tokens):
        return tokens
    result: list[str] = []
    i = 0
    while i < len(tokens):
        for length in range(min(_LONGEST_PHRASE, len(tokens) - i), 0, -1):
            short = PHRASES.get(tuple(tokens[i : i + length]))
            if short is not None:
                result.extend(short)
                i += length
                break
        else:
            result.append(tokens[i])
            i += 1
    return result


def american_spelling(tokens: list[str]) -> list[str]:
    result = []
    for token in tokens:
        token = SPELLINGS.get(token, token)
        for ending, replacement in SPELLING_ENDINGS:
            if token.endswith(ending) and len(token) > len(ending) + 2:
                token = token[: -len(ending)] + replacement
                break
        result.append(token)
    return result


def drop_legal_suffixes(tokens: list[str]) -> list[str]:
    """Legal forms at the end ("Co., Ltd.", "S.L.", "GmbH & Co. KG"), while a word remains;
    then one-word forms in front."""
    end = len(tokens)
    while end > 1:
        if tokens[end - 1] in FOUNDATION_SUFFIXES and end > 2:
            end -= 1
            continue
        for length in range(min(_LONGEST_LEGAL_FORM, end - 1), 0, -1):
            if tuple(tokens[end - length : end]) in _LEGAL_FORMS:
                end -= length
                break
        else:
            break
    # A one-word legal form in front ("PT Bank Mandiri", "Co. General Moped"), while two
    # words remain and the next is not a linking word ("Company of Players" keeps it).
    start = 0
    while (
        end - start > 2
        and (tokens[start],) in _LEGAL_FORMS
        and tokens[start + 1] not in LINKING_WORDS
    ):
        start += 1
    return tokens[start:end]


def legal_form_dropped(text: str) -> str | None:
    """The legal form written at the end (or else in front) of ``text``, as written ("S.L.",
    "A.S.", "PT"), if any."""
    found = drop_articles(words(fold(text)))
    kept = list(written_and_tokens(text)[1]) if found else []
    # Where the kept words start: after a legal form in front, if any.
    lead = next((start for start in range(len(found)) if found[start : start + 1] == kept[:1]), 0)
    trailing = len(found) - lead - len(kept)
    chunks = text.split()
    if trailing > 0:
        for count in range(1, len(chunks) + 1):
            tail = " ".join(chunks[-count:])
            if len(words(fold(tail))) >= trailing:
                return tail.strip(" ,")
    elif lead > 0:
        for count in range(1, len(chunks) + 1):
            head = " ".join(chunks[:count])
            if len(words(fold(head))) >= lead:
                return head.strip(" ,")
    return None


def drop_articles(tokens: list[str]) -> list[str]:
    kept = [token for token in tokens if token not in DROPPED_WORDS]
    return kept or tokens


STAGES = (
    ("", drop_articles),
    ("abbreviation", expand_abbreviations),
    ("spelling variant", american_spelling),
    ("legal suffix", drop_legal_suffixes),
)


# Read as written and through ABBREVIATIONS: "Co." is read "company" before legal forms are.
_LEGAL_FORMS = legal_form_sequences(
    cleanco_terms(), lambda term: words(fold(term))
) | legal_form_sequences(
    cleanco_terms(), lambda term: [ABBREVIATIONS.get(word, word) for word in words(fold(term))]
)
_LONGEST_LEGAL_FORM = max(map(len, _LEGAL_FORMS))


def tokens_of(text: str) -> tuple[str, ...]:
    """The canonical words of a name: what two spellings of one name share."""
    return written_and_tokens(text)[1]


def canonical(tokens: list[str]) -> tuple[str, ...]:
    """The STAGES in order; the word-by-word ones through a cache, since names share words."""
    return _canonical_words(drop_articles(tokens))


def _canonical_words(tokens: list[str]) -> tuple[str, ...]:
    """canonical() of words whose articles are already dropped (dropping twice changes nothing)."""
    cached = _CANONICAL_WORDS.get
    canonical = read_phrases([cached(token) or _canonical_word(token) for token in tokens])
    return tuple(drop_legal_suffixes(canonical))


_CANONICAL_WORDS: dict[str, str] = {}


def _canonical_word(token: str) -> str:
    """One word through the abbreviation and spelling stages (the word-by-word STAGES)."""
    word = american_spelling([ABBREVIATIONS.get(token, token)])[0]
    if len(_CANONICAL_WORDS) < 200_000:
        _CANONICAL_WORDS[token] = word
    return word


def explain(first: str, second: str) -> list[str]:
    """Which normalisations made two different spellings equal, in words."""
    reasons = []
    a, b = first, second
    for reason, step in (
        ("invisible characters", _drop_invisible),
        ("bidi control", _drop_bidi),
        ("decomposed accents", _compose),
        ("confusable characters", _nfkc_unconfuse),
    ):
        after_a, after_b = step(a), step(b)
        if a.casefold() != b.casefold() and (after_a != a or after_b != b):
            reasons.append(reason)
        a, b = after_a, after_b
    # Accents only when the two names carry them on different words: both writing
    # "Médecins" the same way is no reason.
    if _accented_words(a) != _accented_words(b):
        reasons.append("accents")
    a, b = _accents(a), _accents(b)
    tokens_a, tokens_b = words(a.casefold()), words(b.casefold())
    for reason, stage in STAGES:
        next_a, next_b = stage(tokens_a), stage(tokens_b)
        if reason and tokens_a != tokens_b and (next_a != tokens_a or next_b != tokens_b):
            reasons.append(reason)
        tokens_a, tokens_b = next_a, next_b
    # A form written as letters ("A.S."), which the word-by-word stages keep.
    if (
        "legal suffix" not in reasons
        and tokens_a != tokens_b
        and written_and_tokens(first)[1] == written_and_tokens(second)[1]
    ):
        reasons.append("legal suffix")
    if "legal suffix" in reasons:
        # Which form, in words: "legal form S.L. dropped".
        for text in (first, second):
            form = legal_form_dropped(text)
            if form is not None:
                reasons.append(f"legal form {form} dropped")
    return reasons


def _drop_invisible(text: str) -> str:
    return text.translate(INVISIBLE)


def _drop_bidi(text: str) -> str:
    return text.translate(BIDI)


def _compose(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _nfkc_unconfuse(text: str) -> str:
    return text if text.isascii() else unconfuse(unicodedata.normalize("NFKC", text))


def _accents(text: str) -> str:
    return text if text.isascii() else strip_latin_accents(text)


def _accented_words(text: str) -> list[str]:
    if text.isascii():
        return []
    return sorted(word for word in words(text.casefold()) if _accents(word) != word)


def split_acronym(name: str) -> tuple[str, str | None]:
    """The name and the acronym written with it, wherever it stands.

    "Name (ACR)", "Name (ACR) Ltd", "ACR: Name", "ACR - Name", "Name – ACR". What is in brackets
    or after a dash is an acronym only when it is written like one (capitals: "ACR", "ACTs");
    a place ("(UK)", "(Bristol)"), a country code that is not the name's initials ("(GB)") or a
    section ("(Novib)") is part of the name.
    """
    stripped = name.strip()
    if "(" in stripped or "[" in stripped:
        match = _PARENTHESIS.match(stripped) or _MID_PARENTHESIS.match(stripped)
        if match:
            head, inner = match.group("name"), match.group("inner")
            tail = match.groupdict().get("tail") or ""
            rest = f"{head} {tail}".strip()
            if _written_as_acronym(inner, rest):
                return rest, inner
        return name, None
    for separator in _SEPARATORS:
        if separator not in stripped:
            continue
        # "ACR: Name", "ACR – Name"; then, after a dash only, "Name – ACR".
        acronym, rest = stripped.split(separator, 1)
        if _acronym_beside(acronym, rest):
            return rest.strip(), acronym.strip()
        rest, acronym = stripped.rsplit(separator, 1)
        if separator != ": " and _acronym_beside(acronym, rest):
            return rest.strip(), acronym.strip()
    return name, None


_SEPARATORS = (": ", " – ", " - ", " — ")


def _acronym_beside(acronym: str, rest: str) -> bool:
    return (
        2 <= len(acronym.strip()) <= 20
        and len(words(fold(rest))) >= 2
        and _written_as_acronym(acronym, rest)
    )


_MID_PARENTHESIS = re.compile(
    r"^(?P<name>.*\S)\s*[(\[]\s*(?P<inner>[^()\[\]]{1,12}?)\s*[)\]]\s*(?P<tail>[^()\[\]]*\S)$"
)


def _written_as_acronym(inner: str, name: str) -> bool:
    inner_words = words(fold(inner))
    if not inner_words or len(inner_words) > 3 or all(word in PLACES for word in inner_words):
        return False
    capitalised = False
    for word in re.split(r"[\s\-/.&]+", inner):
        upper = sum(c.isupper() for c in word)
        if upper >= 2 and upper * 2 >= sum(c.isalpha() for c in word):
            capitalised = True
    if not capitalised:
        return False
    letters = compact(inner)
    if len(inner_words) > 1 or letters.upper() not in ISO_3166_ALPHA2:
        return True
    # "(GB)" is a country, unless the name's initials spell it: "Amnesty International (AI)".
    tokens = tokens_of(name)
    return letters in initials(tokens) or letters == "".join(t[0] for t in tokens)


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """An acronym or short name reduced to its letters: "N.G.O-CEDAW" -> "ngocedaw"."""
    return "".join(words(fold(text)))


def initials(tokens: tuple[str, ...]) -> set[str]:
    """Initials with and without the linking words ("for", "of", "and"...), and with some of
    them only when there are few: "Van Dam Machine Corporation of America" spells VDMCA."""
    skippable = [t in SKIPPABLE_IN_INITIALS for t in tokens]
    if not any(skippable):
        letters = "".join(t[0] for t in tokens)
        return {letters} if len(letters) >= 3 else set()
    if sum(skippable) > _MOST_LINKING_SUBSETS:
        found = {
            "".join(t[0] for t in tokens),
            "".join(t[0] for t, skip in zip(tokens, skippable, strict=True) if not skip),
        }
    else:
        found = {""}
        for t, skip in zip(tokens, skippable, strict=True):
            kept = {letters + t[0] for letters in found}
            found = kept | found if skip else kept
    return {letters for letters in found if len(letters) >= 3}


# Up to this many linking words, every choice of kept ones is tried (eight at most).
_MOST_LINKING_SUBSETS = 3
# Linking words, and the elided articles of French and Italian ("d'Etude", "l'Homme").
SKIPPABLE_IN_INITIALS = LINKING_WORDS | {"d", "l"}


# "Foundation" counts in initials of four letters or more ("NYUJF"), not in shorter ones, which
# collide too often: "Medical Support Foundation" is not "MSF". "Association" and
# "Organization" count in three: "KYA" is Khmer Youth Association.
_FOUNDATIONS = FOUNDATION_SUFFIXES - {"association", "organization"}


def _run_initials(words: tuple[str, ...], declared: str = "") -> set[str]:
    """The initials of ``words`` (``initials``) that may stand for them, and ``declared``."""
    found = initials(words) if len(words) >= 3 else set()
    if words[-1] in _FOUNDATIONS:
        found = {letters for letters in found if len(letters) >= 4}
    if declared:
        found.add(declared)
    return found


def form_initials(form: NameForm) -> set[str]:
    return name_initials(form.text, form.tokens, form.written)


def name_initials(text: str, tokens: tuple[str, ...], written: tuple[str, ...]) -> set[str]:
    """Initials of the canonical words and of the words as written, with or without each
    word of a legal form at the end: "General Electric Company" spells GEC although
    "Company" is a legal form; "Chevron Energy Solutions, L.P." spells CES and CESLP. Letters
    written with full stops count one by one: "I.S. Motor Korea" spells ISMK."""
    found = initials(tokens)
    for reading in initial_readings(text, written):
        # The suffix dropped below counts in initials too: "KYA" is Khmer Youth Association.
        if reading and reading[-1] in FOUNDATION_SUFFIXES:
            found |= _run_initials(reading)
        while len(reading) > 1 and reading[-1] in FOUNDATION_SUFFIXES:
            reading = reading[:-1]
        core = max(1, len(drop_legal_suffixes(list(reading))))
        for end in range(core, len(reading) + 1):
            if reading[:end] != tokens:
                found |= initials(reading[:end])
    return found


def initial_readings(text: str, written: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The words as written and, when full stops or apostrophes part them ("I.S.", "d'Aix",
    "Int'l"), those parts apart."""
    if not _PARTING_MARKS.intersection(text):
        return [written]
    apart = tuple(drop_articles(words(fold(text.translate(_PARTED)))))
    return [written] if apart == written or not apart else [written, apart]


_PARTING_MARKS = frozenset(".'’ʼ")
_PARTED = dict.fromkeys(map(ord, _PARTING_MARKS), " ")


def looks_like_acronym(text: str) -> bool:
    """A standalone short name written in capitals: "CCHR", "HRW", "N.G.O."."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and all(c.isupper() for c in letters) and " " not in text.strip()


# Initials of part of a name (issue 23): "KYA Battambang" is "Khmer Youth Association
# Battambang", "Friends of KYA" is "Friends of Khmer Youth Association". A key is "<" (the
# acronym in front) or ">" (at the end), then the name's words with the run of words written
# as its letters. The run has at most _RUN_WORDS words, the words written out on both sides at
# most _REST_WORDS: that bounds the keys of a name (a longer name has none).
_RUN_WORDS = 12
_REST_WORDS = 6
LEADING, TRAILING = "<", ">"


def acronym_part_keys(text: str, tokens: tuple[str, ...]) -> list[str]:
    """The keys of a name written as an acronym in capitals and words: the acronym first
    ("KYA Battambang") or last ("Friends of KYA"), in a name that also has small letters.
    The acronym must be a word of the canonical name as written ("PT", "LTD" are legal forms,
    not acronyms)."""
    if not 2 <= len(tokens) <= _REST_WORDS + 1:
        return []
    chunks = text.split()
    if len(chunks) < 2:
        return []
    keys = []
    first, last = chunks[0], chunks[-1]
    if (
        first.isupper()
        and looks_like_acronym(first)
        and compact(first) == tokens[0]
        and _has_small_letters(chunks[1:])
    ):
        keys.append(LEADING + " ".join(tokens))
    if (
        last.isupper()
        and looks_like_acronym(last)
        and compact(last) == tokens[-1]
        and _has_small_letters(chunks[:-1])
    ):
        keys.append(TRAILING + " ".join(tokens))
    return keys


def _has_small_letters(chunks: list[str]) -> bool:
    return any(c.islower() for chunk in chunks for c in chunk)


def readings(tokens: tuple[str, ...], written: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A name's canonical words, then its words as written when they differ."""
    return (tokens,) if written == tokens else (tokens, written)


def part_key_ends(key: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """Where ``run_ends`` files the names that may meet ``key``: by the word they end with
    (the acronym in front) or start with (at the end), and the first (or last) letter of the
    acronym, which the run's first (or last) word starts with; or "" for any letter."""
    if key.startswith(LEADING):
        letter, word = key[1], key.rsplit(" ", 1)[-1]
        return (-1, word, letter), (-1, word, "")
    word, letter = key[1:].split(" ", 1)[0], key[-1]
    return (0, word, letter), (0, word, "")


_NO_ENDS: frozenset[tuple[int, str, str]] = frozenset()


def run_ends(
    tokens: tuple[str, ...], written: tuple[str, ...], acronym: str | None = None
) -> frozenset[tuple[int, str, str]] | set[tuple[int, str, str]]:
    """The ``part_key_ends`` of the keys of ``initials_run_keys``: cheap to make for every
    name, so that the keys themselves are made only for names that may meet a short one. A
    linking word ("of") may be left out of initials, and a declared acronym has any letters:
    those are filed under "" (any letter)."""
    shortest = 2 if acronym else 4
    if len(tokens) < shortest and len(written) < shortest:
        return _NO_ENDS
    found: set[tuple[int, str, str]] = set()
    for words in readings(tokens, written):
        if len(words) < shortest:
            continue
        first, last = words[0], words[-1]
        found.add((-1, last, "" if acronym or first in SKIPPABLE_IN_INITIALS else first[0]))
        found.add((0, first, "" if acronym or last in SKIPPABLE_IN_INITIALS else last[0]))
    return found


def spelled_out(
    key: str, tokens: tuple[str, ...], written: tuple[str, ...], acronym: str | None = None
) -> str | None:
    """The run of words of a name that ``key`` (``acronym_part_keys``) writes as its
    acronym, if the name meets it: ``initials_run_keys(...).get(key)``, for one key."""
    leading = key.startswith(LEADING)
    if leading:
        letters, _, rest = key[1:].partition(" ")
    else:
        rest, _, letters = key[1:].rpartition(" ")
    others = tuple(rest.split(" "))
    declared = compact(acronym) if acronym else ""
    for words in readings(tokens, written):
        run = len(words) - len(others)
        if not (1 if declared else 3) <= run <= _RUN_WORDS or len(others) > _REST_WORDS:
            continue
        part, kept = (words[:run], words[run:]) if leading else (words[-run:], words[:-run])
        if kept == others and letters in _run_initials(part, declared):
            return " ".join(part)
    return None


def initials_run_keys(
    tokens: tuple[str, ...], written: tuple[str, ...], acronym: str | None = None
) -> dict[str, str]:
    """The keys (``acronym_part_keys``) a name meets with a run of its first or last words
    written as initials (three letters or more, ``initials``), or as its declared acronym:
    each key with the run of words it stands for. "Khmer Youth Association Battambang" meets
    "<kya battambang"; with ``acronym = "ADHOC"``, "Cambodian Human Rights and Development
    Association Battambang" meets "<adhoc battambang". Read in the canonical words, then in
    the words as written ("Friends of Khmer Youth Association", whose canonical words drop
    "Association").

    A run that ends with "Foundation" counts in initials of four letters or more only
    (``_run_initials``): "MSF Canada" is not Medical Support Foundation Canada."""
    found: dict[str, str] = {}
    declared = compact(acronym) if acronym else ""
    for words in readings(tokens, written):
        count = len(words)
        shortest = max(1 if declared else 3, count - _REST_WORDS)
        for run in range(shortest, min(count, _RUN_WORDS + 1)):
            leading, trailing = words[:run], words[count - run :]
            after, before = " ".join(words[run:]), " ".join(words[: count - run])
            for letters in _run_initials(leading, declared):
                found.setdefault(f"{LEADING}{letters} {after}", " ".join(leading))
            for letters in _run_initials(trailing, declared):
                found.setdefault(f"{TRAILING}{before} {letters}", " ".join(trailing))
    return found


class NameForm(NamedTuple):
    """One way an entry is written (its name, or an alias), reduced to comparable keys.

    The keys are computed once, up front: a large statement asks for them millions of times
    while pairing. A named tuple, because it is built for every name of a statement.
    """

    owner: int
    text: str
    tokens: tuple[str, ...]
    # The words as written (folded, articles dropped): typing errors and word order are
    # judged on these too, since "Fundation" escapes the suffix and "Cetre" the spelling list.
    written: tuple[str, ...]
    is_alias: bool
    acronym: str | None
    key: str
    compact: str
    written_key: str
    sorted_key: str
    # The words without linking words ("of", "for"), when at least two remain.
    content_key: str
    # The language of a name_<lang> translation, None for the name and aliases.
    lang: str | None = None
    # A person's name (kind = "individual"): read by matching/people.py, not by the
    # organisation rules.
    person: bool = False


def content_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words without linking words ("of", "for", "y", "et").

    A one-letter linking word stays: "Y" and "E" are as often a person's middle initial
    ("Søren Y. Lindqvist", "Søren E. Lindqvist": two people) as "and" in Spanish or Italian.
    """
    content = tuple(token for token in tokens if token not in LINKING_WORDS or len(token) == 1)
    # A linking word at the end links nothing: "Pioneer Surgical (IN)" is not "(DE)".
    if tokens and tokens[-1] in LINKING_WORDS and len(tokens[-1]) > 1:
        return (*content, tokens[-1])
    return content


# Letters with a full stop, spaced: "e. V.", "S. A." are "e.V.", "S.A." (legal forms).
_SPACED_LETTERS = re.compile(r"(?<![\w.])(\w)\.\s+(?=\w\.(?!\w))")


def written_and_tokens(text: str) -> tuple[list[str], tuple[str, ...]]:
    """A name's words as written (folded, articles dropped) and its canonical tokens."""
    if ". " in text:
        text = _SPACED_LETTERS.sub(r"\1.", text)
    written = drop_articles(words(fold(text)))
    tokens = _canonical_words(written)
    while len(tokens) > 1 and tokens[-1] in LETTERED_LEGAL_FORMS and _lettered(text, tokens[-1]):
        tokens = tuple(drop_legal_suffixes(list(tokens[:-1])))
    return written, tokens


def _lettered(text: str, form: str) -> bool:
    """Is ``form`` ("as") written in ``text`` as a legal form, "A.S." or "AS", not as a word?
    Capitals count only in a name that also has small letters."""
    dotted = "(?i:" + r"\.".join(form) + r"\.)"
    found = re.search(rf"(?<![\w.]){dotted}(?!\w)|(?<![\w.]){form.upper()}(?![\w.])", text)
    if found is None:
        return False
    return "." in found.group() or any(c.islower() for c in text)


def make_form(
    owner: int,
    text: str,
    *,
    is_alias: bool = False,
    acronym: str | None = None,
    lang: str | None = None,
    person: bool = False,
) -> NameForm:
    if person:
        words = person_words(text)
        plain = plain_words(words)
        key = " ".join(plain)
        return NameForm(
            owner,
            text,
            words,
            words,
            is_alias,
            None,
            key=key,
            compact="".join(plain),
            written_key=key,
            sorted_key=" ".join(sorted(plain)),
            content_key="",
            lang=lang,
            person=True,
        )
    written, tokens = written_and_tokens(text)
    content = content_words(tokens)
    return NameForm(
        owner,
        text,
        tokens,
        tuple(written),
        is_alias,
        acronym,
        key=" ".join(tokens),
        compact="".join(tokens),
        written_key=" ".join(written),
        sorted_key=" ".join(sorted(tokens)),
        content_key=" ".join(content) if len(content) >= 2 else "",
        lang=lang,
    )
