"""Unicode script ranges: the one table that character rules, hygiene and matching consult."""

from __future__ import annotations

import re

# Code point ranges (inclusive) of the scripts endorse tells apart. Latin here is letters with
# diacritics and extensions beyond ASCII; ASCII letters are Latin too (see script_of).
RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Latin": ((0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F)),
    "Greek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "Cyrillic": ((0x0400, 0x052F),),
    "Khmer": ((0x1780, 0x17FF), (0x19E0, 0x19FF)),
    "Thai and Lao": ((0x0E00, 0x0EFF),),
    "Myanmar": ((0x1000, 0x109F),),
    "Tibetan": ((0x0F00, 0x0FFF),),
    "Phonetic extensions": ((0x1D00, 0x1DFF),),
}
# Written without spaces between words: U+200B separates words there, and word breaks mean little.
SPACELESS = ("Khmer", "Thai and Lao", "Myanmar", "Tibetan")
# Alphabets that separate words with spaces and use no joiners: Latin, Greek, Cyrillic, Armenian.
_SPACED_ALPHABETS_BELOW = 0x0530


def _in(code: int, scripts: tuple[str, ...]) -> bool:
    return any(low <= code <= high for name in scripts for low, high in RANGES[name])


def char_class(*scripts: str) -> str:
    """A regex character class matching the given scripts, e.g. for a quick search."""
    return (
        "[" + "".join(f"{chr(lo)}-{chr(hi)}" for name in scripts for lo, hi in RANGES[name]) + "]"
    )


def pattern(*scripts: str) -> re.Pattern[str]:
    return re.compile(char_class(*scripts))


def script_of(char: str) -> str | None:
    """Latin, Greek or Cyrillic for letters of those scripts; None for anything else."""
    if char.isascii():
        return "Latin" if char.isalpha() else None
    code = ord(char)
    if _in(code, ("Latin",)):
        return "Latin" if char.isalpha() else None
    for name in ("Greek", "Cyrillic"):
        if _in(code, (name,)):
            return name
    return None


def is_spaceless(char: str) -> bool:
    return _in(ord(char), SPACELESS)


def is_spaced_alphabet(char: str) -> bool:
    """Latin, Greek, Cyrillic and the like, where an invisible joiner has no business."""
    code = ord(char)
    return code < _SPACED_ALPHABETS_BELOW or _in(code, ("Latin", "Greek", "Phonetic extensions"))


def is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or _in(code, ("Latin",))
