"""Locale-free keys of a name: for sorting (Unicode collation), and for spotting an exact repeat."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyuca.collator import BaseCollator

_NOT_WORD = re.compile(r"[\W_]+")

# Weights of the Default Unicode Collation Element Table (UCA 10.0.0, the table pyuca ships)
# for ASCII letters, digits and the space: enough to sort most names without loading the table
# (0.4 s). tests/test_collation.py holds them equal to pyuca's.
UCA_VERSION = "10.0.0"
SPACE = (521, 32, 2)
_SEPARATORS = tuple(chr(weight) for weight in SPACE)
_LETTER_PRIMARIES = (
    7341, 7366, 7392, 7413, 7440, 7499, 7514, 7550, 7576, 7602, 7627, 7645, 7696,
    7711, 7747, 7794, 7815, 7833, 7895, 7931, 7963, 8009, 8027, 8037, 8049, 8071,
)  # fmt: skip
ASCII_ELEMENTS: dict[str, tuple[int, int, int]] = {
    **{chr(ord("0") + i): (7331 + i, 32, 2) for i in range(10)},
    **{chr(ord("a") + i): (p, 32, 2) for i, p in enumerate(_LETTER_PRIMARIES)},
    **{chr(ord("A") + i): (p, 32, 8) for i, p in enumerate(_LETTER_PRIMARIES)},
}

Levels = tuple[str, str, str]  # primary, secondary and tertiary weights, as characters


def name_sort_key(text: str) -> str:
    """Fold case and accents the same way on every machine (no locale involved)."""
    if text.isascii():  # nothing to decompose: skip the per-character pass
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Case, accents, punctuation and white space removed: what an exact repeat shares.

    Also how a ``[[distinct]]`` record names its entries: E603, ``endorse distinct`` and the
    duplicate engine all find a record's names through this key.
    """
    return _NOT_WORD.sub("", name_sort_key(text))


def collation_key(text: str) -> str:
    """The Unicode Collation Algorithm's sort key (root collation, DUCET 10.0.0) of ``text``
    with punctuation and symbols left out, words separated by one space.

    So "'Friends' International" files under F and "“Hope” Org" under H, Ø beside O, Ł beside
    L and Đ beside D; accents, then case, only break ties. The same on every machine: the table
    ships with pyuca, no locale or ICU involved. Each weight is written as the character of that
    code point, so the key is a string: it compares like the UCA's list of weights, faster.
    """
    words = _words(text)
    known = _LEVELS.get
    levels = [known(word) or _word_levels(word) for word in words]
    if len(levels) == 1:
        return "\0".join(levels[0])
    return "\0".join(_SEPARATORS[level].join(word[level] for word in levels) for level in range(3))


_PLAIN = re.compile(r"[A-Za-z0-9 ]*")
_ASCII_IGNORED = re.compile(r"[^A-Za-z0-9\s]+")
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]|_")


def _words(text: str) -> list[str]:
    if text.isascii():
        if _PLAIN.fullmatch(text):
            return text.split()
        return _ASCII_IGNORED.sub("", text).split()
    # Only the few characters that are neither letters, digits nor spaces need a look.
    ignored = {c for c in _NOT_WORD_OR_SPACE.findall(text) if unicodedata.category(c)[0] in "PS"}
    if ignored:
        text = text.translate(dict.fromkeys(map(ord, ignored)))
    return unicodedata.normalize("NFD", text).split()


# Names share most of their words: each word's weights are worked out once per run.
_LEVELS: dict[str, Levels] = {}


def _word_levels(word: str) -> Levels:
    """Primary, secondary and tertiary weights of one word."""
    if all(char in ASCII_ELEMENTS for char in word):
        elements: list[tuple[int, ...]] = [ASCII_ELEMENTS[char] for char in word]
    else:
        decomposed = unicodedata.normalize("NFD", word)  # canonical order once marks meet
        elements = [tuple(e) for e in _collator().collation_elements(decomposed)]
    primary, secondary, tertiary = (
        "".join(chr(e[level]) for e in elements if len(e) > level and e[level])
        for level in range(3)
    )
    if len(_LEVELS) > 1 << 17:
        _LEVELS.clear()
    levels = _LEVELS[word] = primary, secondary, tertiary
    return levels


@functools.cache
def _collator() -> BaseCollator:
    from pyuca.collator import Collator_10_0_0

    return Collator_10_0_0()
