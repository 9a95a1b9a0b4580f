"""Locale-free keys of a name: for sorting, and for spotting an exact repeat."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


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
