"""Turning a name into comparable keys without destroying scripts other than Latin."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from endorse.matching.confusables import unconfuse
from endorse.matching.vocabulary import (
    ABBREVIATIONS,
    DROPPED_WORDS,
    FOUNDATION_SUFFIXES,
    LEGAL_SUFFIXES,
    LINKING_WORDS,
    PLACES,
    SPELLING_ENDINGS,
    SPELLINGS,
)

# Zero-width space and joiners, soft hyphen, word joiner, BOM...: never part of a name's identity.
INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u00ad\u2060\u2061\u2062\u2063\u2064\ufeff\u034f\u180e"), None
)
# Dropped without splitting the word: "Int'l" -> "intl", "e.V." -> "ev", "Children's".
JOINING_MARKS = dict.fromkeys(map(ord, "'’ʼ`´."), None)
# Latin letters with no decomposition that people still type without their mark.
LATIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})
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
    """Remove accents from Latin letters only: Khmer vowel signs and coeng are marks too."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    base_is_latin = False
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
    current: list[str] = []
    for char in text:
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return _join_spaceless(found)


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
    """Invisibles out, compatibility forms and look-alikes mapped, case and Latin accents gone."""
    text = text.translate(INVISIBLE)
    if not text.isascii():
        text = unconfuse(unicodedata.normalize("NFKC", text))
        return strip_latin_accents(text.casefold())
    return text.casefold()


def expand_abbreviations(tokens: list[str]) -> list[str]:
    return [ABBREVIATIONS.get(token, token) for token in tokens]


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
    end = len(tokens)
    while end > 1 and (
        tokens[end - 1] in LEGAL_SUFFIXES or (tokens[end - 1] in FOUNDATION_SUFFIXES and end > 2)
    ):
        end -= 1
    return tokens[:end]


def drop_articles(tokens: list[str]) -> list[str]:
    kept = [token for token in tokens if token not in DROPPED_WORDS]
    return kept or tokens


STAGES = (
    ("", drop_articles),
    ("abbreviation", expand_abbreviations),
    ("spelling variant", american_spelling),
    ("legal suffix", drop_legal_suffixes),
)


def tokens_of(text: str) -> tuple[str, ...]:
    """The canonical words of a name: what two spellings of one name share."""
    return canonical(drop_articles(words(fold(text))))


def canonical(tokens: list[str]) -> tuple[str, ...]:
    for _, stage in STAGES:
        tokens = stage(tokens)
    return tuple(tokens)


def explain(first: str, second: str) -> list[str]:
    """Which normalisations made two different spellings equal, in words."""
    reasons = []
    a, b = first, second
    for reason, step in (
        ("invisible characters", _drop_invisible),
        ("confusable characters", _nfkc_unconfuse),
        ("accents", _accents),
    ):
        after_a, after_b = step(a), step(b)
        if a.casefold() != b.casefold() and (after_a != a or after_b != b):
            reasons.append(reason)
        a, b = after_a, after_b
    tokens_a, tokens_b = words(a.casefold()), words(b.casefold())
    for reason, stage in STAGES:
        next_a, next_b = stage(tokens_a), stage(tokens_b)
        if reason and tokens_a != tokens_b and (next_a != tokens_a or next_b != tokens_b):
            reasons.append(reason)
        tokens_a, tokens_b = next_a, next_b
    return reasons


def _drop_invisible(text: str) -> str:
    return text.translate(INVISIBLE)


def _nfkc_unconfuse(text: str) -> str:
    return text if text.isascii() else unconfuse(unicodedata.normalize("NFKC", text))


def _accents(text: str) -> str:
    return strip_latin_accents(text.casefold()) if not text.isascii() else text


def split_acronym(name: str) -> tuple[str, str | None]:
    """ "Name (ACR)" -> ("Name", "ACR"); a place in brackets ("(UK)") is part of the name."""
    match = _PARENTHESIS.match(name.strip())
    if not match:
        return name, None
    inner = match.group("inner")
    inner_words = words(fold(inner))
    if (
        not inner_words
        or len(inner_words) > 3
        or all(word in PLACES for word in inner_words)
        or not any(char.isupper() for char in inner)
    ):
        return name, None
    return match.group("name"), inner


def compact(text: str) -> str:
    """An acronym or short name reduced to its letters: "N.G.O-CEDAW" -> "ngocedaw"."""
    return "".join(words(fold(text)))


def initials(tokens: tuple[str, ...]) -> set[str]:
    """Initials with and without the linking words ("for", "of", "and"...)."""
    content = [t for t in tokens if t not in LINKING_WORDS]
    found = {"".join(t[0] for t in content), "".join(t[0] for t in tokens)}
    return {i for i in found if len(i) >= 3}


def looks_like_acronym(text: str) -> bool:
    """A standalone short name written in capitals: "CCHR", "HRW", "N.G.O."."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and all(c.isupper() for c in letters) and " " not in text.strip()


@dataclass(frozen=True)
class NameForm:
    """One way an entry is written (its name, or an alias), reduced to comparable keys.

    The keys are cached: a large statement asks for them millions of times while pairing.
    """

    owner: int
    text: str
    tokens: tuple[str, ...]
    # The words as written (folded, articles dropped): typing errors and word order are
    # judged on these too, since "Fundation" escapes the suffix and "Cetre" the spelling list.
    written: tuple[str, ...] = ()
    is_alias: bool = False
    acronym: str | None = None

    @cached_property
    def key(self) -> str:
        return " ".join(self.tokens)

    @cached_property
    def compact(self) -> str:
        return "".join(self.tokens)

    @cached_property
    def written_key(self) -> str:
        return " ".join(self.written)

    @cached_property
    def sorted_key(self) -> str:
        return " ".join(sorted(self.tokens))

    @cached_property
    def content_key(self) -> str:
        content = [t for t in self.tokens if t not in LINKING_WORDS]
        return " ".join(content) if len(content) >= 2 else ""


def make_form(
    owner: int, text: str, *, is_alias: bool = False, acronym: str | None = None
) -> NameForm:
    written = drop_articles(words(fold(text)))
    return NameForm(owner, text, canonical(written), tuple(written), is_alias, acronym)
