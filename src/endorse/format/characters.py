"""Characters that must never hide in a statement's text: controls, bidi overrides, invisibles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from endorse.format.scripts import is_spaced_alphabet, is_spaceless

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ZERO_WIDTH_SPACE = "\u200b"
JOINERS = frozenset("\u200c\u200d")
INVISIBLES = frozenset("\u00ad\u180e\u2060\u2061\u2062\u2063\u2064\ufeff\u034f")
# Below U+200B the fast path would skip these; they need the full look.
_LOW_SUSPECTS = frozenset("\u00ad\u034f\u061c\u180e")
# Text made only of characters the loop below would skip needs no loop at all.
_ORDINARY = re.compile(
    "[\x20-\x7e"
    + "".join(
        f"{chr(start)}-{chr(end)}"
        for start, end in ((0xA0, 0xAC), (0xAE, 0x34E), (0x350, 0x61B), (0x61D, 0x180D))
    )
    + "\u180f-\u200a]*"
)


# unicodedata has no names for control characters; these are the ones people paste.
CONTROL_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED (a line break)",
    "\r": "CARRIAGE RETURN (a line break)",
    "\x00": "NULL",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE (a line break)",
}


@dataclass(frozen=True)
class Finding:
    index: int
    char: str
    kind: str

    def describe(self) -> str:
        name = unicodedata.name(self.char, "") or CONTROL_NAMES.get(self.char, "")
        named = f" {name}" if name else ""
        return f"{self.kind} U+{ord(self.char):04X}{named} at character {self.index + 1}"


def forbidden_characters(text: str, *, multiline: bool = False) -> list[Finding]:
    """Every character that would print invisibly or reorder the text around it."""
    if _ORDINARY.fullmatch(text):
        return []
    findings: list[Finding] = []
    for index, char in enumerate(text):
        code = ord(char)
        if (
            code >= 0x20
            and code != 0x7F
            and not 0x80 <= code <= 0x9F
            and code < 0x200B
            and char not in _LOW_SUSPECTS
        ):
            continue  # fast path: ordinary text
        kind = _classify(text, index, char, multiline=multiline)
        if kind:
            findings.append(Finding(index, char, kind))
    return findings


def _classify(text: str, index: int, char: str, *, multiline: bool) -> str | None:
    code = ord(char)
    if char in "\n\t" and multiline:
        return None
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or char in "\u2028\u2029":
        return "control character"
    if char in BIDI_CONTROLS:
        return "bidirectional control"
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == ZERO_WIDTH_SPACE:
        if before and after and is_spaceless(before) and is_spaceless(after):
            return None
        return "zero-width character"
    if char in JOINERS:
        # Joiners are part of correct spelling in Indic, Persian and emoji sequences;
        # next to Latin, Greek or Cyrillic letters they only hide a spoofed name.
        if before and after and not is_spaced_alphabet(before) and not is_spaced_alphabet(after):
            return None
        return "zero-width character"
    if char in INVISIBLES or 0xE0000 <= code <= 0xE007F:
        return "invisible character"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or 0xD800 <= code <= 0xDFFF:
        # Noncharacters and lone surrogates: invisible, and no XML (Word, the site) takes them.
        return "noncharacter"
    return None


def describe_all(findings: list[Finding]) -> str:
    return "; ".join(f.describe() for f in findings)


@dataclass(frozen=True)
class Decomposed:
    """A stretch of text that Unicode NFC would write differently."""

    index: int
    written: str
    composed: str

    def describe(self) -> str:
        return (
            f"'{self.written}' at character {self.index + 1} is written as "
            f"{_code_points(self.written)}; NFC writes it as {_code_points(self.composed)}"
        )


def _code_points(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def first_not_nfc(text: str) -> Decomposed | None:
    """The first base character (with its combining marks) that is not in NFC, if any."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return None
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        cluster = text[start:index]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            return Decomposed(start, cluster, composed)
        start = index
    return Decomposed(0, text, unicodedata.normalize("NFC", text))
