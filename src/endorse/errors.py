"""The project's own exceptions; the CLI turns them into messages and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

# Control characters (escape sequences, line breaks) and bidi controls: what could forge a
# terminal's or a CI log's lines if a file name, a CSV header or a name carried it. Lone
# surrogates too: a file name that is not UTF-8 reaches Python as them, and no UTF-8 output
# (a JSON report, a terminal) can carry one.
_BIDI = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
_LONE = "\\ud800-\\udfff"
_UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}{_LONE}]")
_UNPRINTABLE_BUT_LINE_BREAKS = re.compile(
    f"[\\x00-\\x09\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI}{_LONE}]"
)
_SURROGATE = re.compile(f"[{_LONE}]")


def utf8_safe(text: str) -> str:
    """``text`` with each lone surrogate (from a file name that is not UTF-8) as ``\\uXXXX``."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def printable(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with every control and bidi character written as ``\\uXXXX``: inert.

    ``keep_line_breaks`` leaves CR and LF for a caller that escapes them its own way (GitHub's
    workflow commands write them as %0D and %0A).
    """
    if text.isascii() and text.isprintable():
        return text
    pattern = _UNPRINTABLE_BUT_LINE_BREAKS if keep_line_breaks else _UNPRINTABLE
    return pattern.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def location(path: Path | str | None, line: int | None = None, column: int | None = None) -> str:
    """``path:line:column`` as far as known: the one way every message points into a file."""
    if path is None:
        return ""
    parts = [printable(str(path))]
    if line:
        parts.append(str(line))
        if column:
            parts.append(str(column))
    return ":".join(parts)


class EndorseError(Exception):
    """A failure the user can act on: says what went wrong, where, and what to do."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def location(self) -> str:
        return location(self.path, self.line)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n  {self.hint}" if self.hint else text


class UsageError(EndorseError):
    """The command was called wrongly (unknown statement, missing project root...)."""

    exit_code = 2


class WriteRefused(EndorseError):
    """A write was refused to protect the data (duplicate, closed statement, collision)."""
