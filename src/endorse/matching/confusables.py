"""Unicode TR39 confusables: the skeleton of a string, from the pinned confusables.txt."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

# Pinned copy of https://www.unicode.org/Public/security/13.0.0/confusables.txt (shipped as is).
DATA_FILE = "confusables.txt"


@functools.cache
def confusable_map() -> dict[str, str]:
    """Each confusable character mapped to its prototype, as confusables.txt lists them."""
    text = resources.files("endorse").joinpath("data", DATA_FILE).read_text(encoding="utf-8-sig")
    mapping: dict[str, str] = {}
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        source, target, *_ = (field.strip() for field in data.split(";"))
        mapping[chr(int(source, 16))] = "".join(chr(int(code, 16)) for code in target.split())
    return mapping


def skeleton(text: str) -> str:
    """TR39 skeleton: NFD, map every character to its prototype, NFD again."""
    mapping = confusable_map()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(mapping.get(c, c) for c in decomposed))


# Any character outside the Latin blocks of _is_latin: without one, there is nothing to replace.
_NOT_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u2c60-\u2c7f]")


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F


@functools.cache
def _latin_prototype(char: str) -> str | None:
    """The Latin letters a non-Latin character is confusable with, if that is what it is."""
    target = unicodedata.normalize("NFD", confusable_map().get(char, ""))
    if target and all(c.isascii() and c.isalpha() for c in target):
        return target.casefold()
    return None


def unconfuse(text: str) -> str:
    """In a name written mostly in Latin letters, replace look-alike letters by their Latin twin.

    This applies the TR39 skeleton only to letters from other scripts: applying it to every
    letter would also turn "m" into "rn" and "I" into "l", which helps nothing once both
    names are compared the same way, and would touch scripts (Khmer) that must stay intact.
    """
    if _NOT_LATIN.search(text) is None:
        return text
    latin = other = 0
    for char in text:
        if char.isalpha():
            if _is_latin(char):
                latin += 1
            else:
                other += 1
    if other == 0 or latin <= other:
        return text
    result = []
    for char in text:
        twin = None if _is_latin(char) or not char.isalpha() else _latin_prototype(char)
        result.append(twin if twin is not None else char)
    return "".join(result)
