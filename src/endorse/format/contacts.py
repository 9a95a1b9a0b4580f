"""Contacts where they do not belong: an e-mail address or a phone number in a public field.

A signatory's contact lives in the git-ignored private file; its name, acronym, aliases,
translated names, note and withdrawal reason are published. This one detector is what the models
refuse (E215), so ``check`` reports it and every write command (``add``, ``import``, ``edit``,
``withdraw``, ``intake``) refuses it.

The rules are narrow on purpose, because a refused name blocks a signature:

- an e-mail address is ``local@domain.tld``: something before the ``@`` and a dotted domain
  with a top-level part of two letters or more after it. ``Women@Work``, ``@cchr`` and
  ``medium.com/@cchr`` are not addresses.
- a phone number is a run of ASCII digits joined by at most three of `` .-/()`` between two
  digits that has 8 digits or more after a leading ``+`` (``+855 12 345 678``); or 9 or more
  starting with ``0`` or ``(`` in two groups or more (``012 345 678``, ``(202) 555-0143``); or
  10 or more in three groups or more (``202-555-0143``), once dates with a four-digit year
  are set aside. A year, a date and its time, a range of years, ``Radio FM 102``,
  ``Article 19``, ``Section 377`` or a registration number written without separators are not
  phone numbers.

Both rules read the text as a person reads it (``_as_read``): compatibility forms folded (a
full-width ``＠`` or ``．``, mathematical digits), the digits of every script as ASCII digits
(Khmer ``០១២``, Arabic-Indic ``٠١٢``) with the marks drawn on them (a keycap) left out, every
dash as a hyphen, an ideographic full stop or a middle dot as a full stop, and spaces around an
``@`` left out, so that ``alice＠example.com`` or ``០១២ ៣៤៥ ៦៧៨`` is caught too.
"""

from __future__ import annotations

import re
import unicodedata

_LOCAL_CHARACTER = r"[^\s@<>()\[\]\"',;:/\\]"
_LABEL = r"[^\s@<>()\[\]\"',;:/\\.]+"
# The local part starts where a run of its characters starts (the look-behind), so a long run
# is tried once, not from each of its characters.
EMAIL_IN_TEXT = re.compile(
    rf"(?<!{_LOCAL_CHARACTER}){_LOCAL_CHARACTER}+@(?:{_LABEL}\.)+[^\W\d_]{{2,}}(?![\w-])"
)
# A run of 8 digits or more with phone punctuation between them; each repetition takes a digit,
# so the match is linear in the text's length.
_DIGIT_RUN = re.compile(r"(?:\+|\(\+?)?(?<![0-9])[0-9](?:[ .\-/()]{0,3}[0-9]){7,}")
_DIGITS = "0123456789"
# A date with a four-digit year is no part of a phone number: "2021-04-28 110122" is a date and
# a time, not 14 digits in four groups.
_DATE = re.compile(
    r"(?<![0-9])(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{4})(?![0-9])"
)
_GROUPS = re.compile(r"[0-9]+")

EMAIL = "an e-mail address"
PHONE = "a phone number"


_SPACED_AT = re.compile(r"\s+@\s*|@\s+")
_FULL_STOPS = str.maketrans({"\u3002": ".", "\uff61": "."})
# Dots people put between digits or in an address: middle dots, bullets, katakana middle dot,
# Arabic full stop.
_DOTS = frozenset("\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\u06d4")


def _as_read(text: str) -> str:
    """``text`` as the detector reads it (see the module's notes); ASCII text as it is."""
    if text.isascii():
        return _SPACED_AT.sub("@", text) if "@" in text else text
    folded = unicodedata.normalize("NFKC", text).translate(_FULL_STOPS)
    if "@" not in folded and sum(map(str.isdecimal, folded)) < 8:
        return folded  # no address, too few digits for a phone: the rest need not be read
    read: list[str] = []
    for char in folded:
        if char.isascii():
            read.append(char)
        elif char.isdecimal():
            read.append(str(unicodedata.decimal(char)))
        elif unicodedata.category(char) == "Pd":
            read.append("-")  # en dash, non-breaking hyphen, minus...: a phone's separator
        elif char in _DOTS:
            read.append(".")
        elif unicodedata.category(char) in ("Mn", "Me") and read and read[-1].isdigit():
            continue  # a keycap or an underline on a digit is still that digit
        else:
            read.append(char)
    joined = "".join(read)
    return _SPACED_AT.sub("@", joined) if "@" in joined else joined


def contact_in(text: str, *, phones: bool = True) -> str | None:
    """``'an e-mail address'`` or ``'a phone number'`` when ``text`` holds one, else None."""
    text = _as_read(text)
    if "@" in text and EMAIL_IN_TEXT.search(text):
        return EMAIL
    if not phones or sum(map(text.count, _DIGITS)) < 8:  # most names: no look at all
        return None
    undated = _DATE.sub(";", text)
    if any(_is_phone(run.group()) for run in _DIGIT_RUN.finditer(undated)):
        return PHONE
    return None


def _is_phone(run: str) -> bool:
    groups = _GROUPS.findall(run)
    digits = sum(len(group) for group in groups)
    if run.startswith(("+", "(+")):
        return digits >= 8
    if run.startswith(("0", "(")):
        return digits >= 9 and len(groups) >= 2
    return digits >= 10 and len(groups) >= 3
